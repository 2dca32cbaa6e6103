"""Drafting the individualized 12-week plan (seed paper s2.4-2.4.4). The system DRAFTS; a
therapist edits and approves (PlanDraft.status is always "draft").

draft_plan(DraftInput) -> PlanDraft: goals per problem, the weekly hospital session (warm-up,
main exercises per problem, cool-down; minutes add up to the session length), the home
program at the current home intensity (25% of the hospital level at week 1) with an optional
school-age split, device suggestions, education points, and every exercise left out with the
rule and numbers that excluded it. Same input, same output: ordering is stable throughout.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType

from hemorehab.clinical.bleeds import Bleed
from hemorehab.clinical.exercises import Library, builtin_library
from hemorehab.clinical.plan.errors import PlanInputError
from hemorehab.clinical.plan.explain import Explanation, explain
from hemorehab.clinical.plan.goals import Goal, goals_for
from hemorehab.clinical.plan.problems import NotAssessed, Problem, ProblemList
from hemorehab.clinical.plan.rules import ChildContext, build_context
from hemorehab.clinical.plan.selection import (
    ExcludedExercise,
    ExclusionLog,
    select_block,
    select_exercises,
)
from hemorehab.clinical.plan.sessions import (
    Blocks,
    HomeProgram,
    PlannedExercise,
    SessionPlan,
    home_program,
    hospital_session,
    planned_exercise,
)
from hemorehab.clinical.plan.settings import PlanSettings
from hemorehab.clinical.plan.support import Suggestion, devices, education

PROPHYLAXIS_PER_WEEK: Mapping[str, int] = MappingProxyType({"A": 3, "B": 2})
"""Seed paper s2.2: hemophilia A three times a week, B twice a week (20-25 IU/kg)."""


@dataclass(frozen=True)
class DraftInput:
    problems: ProblemList
    age: int
    hemophilia_type: str  # "A" or "B"
    bleeds: tuple[Bleed, ...] = ()
    as_of: datetime | None = None
    psoas_cleared: bool = False
    active_synovitis: Mapping[str, int] = field(default_factory=dict)
    hard_end_feel: frozenset[str] = frozenset()
    return_phases: Mapping[str, int] = field(default_factory=dict)
    home_fraction: float | None = None
    """Current home intensity (from progression); None = the start fraction (week 1)."""
    infusions_per_week: int | None = None
    """None = the seed regimen for the hemophilia type."""


@dataclass(frozen=True)
class PlanDraft:
    status: str
    library_version: str
    age: int
    hemophilia_type: str
    problems: tuple[Problem, ...]
    not_assessed: tuple[NotAssessed, ...]
    goals: tuple[Goal, ...]
    hospital_session: SessionPlan
    home_program: HomeProgram
    deferred: tuple[PlannedExercise, ...]
    excluded: tuple[ExcludedExercise, ...]
    unmet: tuple[Explanation, ...]
    devices: tuple[Suggestion, ...]
    education: tuple[Suggestion, ...]
    warnings: tuple[Explanation, ...]

    def items(self) -> tuple[PlannedExercise, ...]:
        """Every planned exercise of the hospital and home sessions (for pauses and edits)."""
        both = self.hospital_session.items + self.home_program.session.items
        unique = {(item.exercise_id, item.side): item for item in reversed(both)}
        return tuple(reversed(unique.values()))

    @property
    def requires_approval(self) -> bool:
        """Always True: nothing reaches a family before a therapist approves (DESIGN.md)."""
        return True


def draft_plan(
    data: DraftInput, settings: PlanSettings | None = None, library: Library | None = None
) -> PlanDraft:
    config = settings or PlanSettings()
    lib = library or builtin_library()
    fraction = _home_fraction(data, config)
    infusions = _infusions_per_week(data)
    ctx = context_for(data, config)
    selection = select_exercises(data.problems, ctx, lib)
    log = ExclusionLog()
    blocks = Blocks(
        warm_up=select_block("warm_up", 2, ctx, lib, log),
        main=selection.main,
        cool_down=select_block("cool_down", 2, ctx, lib, log),
    )
    return PlanDraft(
        status="draft",
        library_version=lib.version,
        age=ctx.age,
        hemophilia_type=data.hemophilia_type,
        problems=data.problems.problems,
        not_assessed=data.problems.not_assessed,
        goals=goals_for(data.problems.problems, config),
        hospital_session=hospital_session(blocks, ctx.age, config),
        home_program=home_program(blocks, ctx.age, fraction, config),
        deferred=tuple(planned_exercise(c, 0, ctx.age, 1.0, config) for c in selection.deferred),
        excluded=selection.excluded + log.entries(),
        unmet=selection.unmet,
        devices=devices(data.problems, ctx),
        education=education(data.problems, ctx),
        warnings=_infusion_fit(infusions, config),
    )


def context_for(data: DraftInput, settings: PlanSettings) -> ChildContext:
    """The rule context of a draft input (also used to validate an edited plan)."""
    return build_context(
        data.problems,
        data.age,
        bleeds=data.bleeds,
        as_of=data.as_of,
        psoas_cleared=data.psoas_cleared,
        active_synovitis=data.active_synovitis,
        hard_end_feel=data.hard_end_feel,
        return_phases=data.return_phases,
        settings=settings,
    )


def _home_fraction(data: DraftInput, settings: PlanSettings) -> float:
    if data.home_fraction is None:
        return settings.start_fraction
    value = data.home_fraction
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PlanInputError("home_fraction", f"{value!r} is not a number")
    if not settings.start_fraction <= value <= settings.max_fraction:
        raise PlanInputError(
            "home_fraction",
            f"{value:g} is outside {settings.start_fraction:g}-{settings.max_fraction:g}",
        )
    return float(value)


def _infusions_per_week(data: DraftInput) -> int:
    if data.hemophilia_type not in PROPHYLAXIS_PER_WEEK:
        raise PlanInputError("hemophilia_type", f"{data.hemophilia_type!r} is not one of: A, B")
    if data.infusions_per_week is None:
        return PROPHYLAXIS_PER_WEEK[data.hemophilia_type]
    count = data.infusions_per_week
    if type(count) is not int or not 0 <= count <= 7:
        raise PlanInputError("infusions_per_week", f"{count!r} is not an integer 0-7")
    return count


def _infusion_fit(infusions: int, settings: PlanSettings) -> tuple[Explanation, ...]:
    fit = infusions * settings.home_max_sessions_per_day
    if fit >= settings.home_sessions_per_week:
        return ()
    return (
        explain(
            "HOME-INFUSION-FIT",
            sessions=settings.home_sessions_per_week,
            infusions=infusions,
            per_day=settings.home_max_sessions_per_day,
            fit=fit,
        ),
    )
