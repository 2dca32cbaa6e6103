"""Drafting the individualized 12-week plan (seed paper s2.4-2.4.4). The system DRAFTS; a
therapist edits and approves (PlanDraft.status is always "draft").

draft_plan(DraftInput) -> PlanDraft: the problem list (with every site on its graded return
after a recent bleed), goals per problem, the weekly hospital session (warm-up, main exercises
per problem, cool-down), the home program, both dosed for the current program week (the
week after the reported `history`: home intensity and hospital level, progression.py), an
optional school-age split, the week's sessions placed on the child's prophylaxis with the
estimated factor level at each (schedule.py), device suggestions, education points, every
exercise left out with the rule and numbers that excluded it, and those only paused while a
bleed or blood in a joint lasts. A child without findings gets "no indication" and a general
activity program; a child with no HJHS and no ultrasound is "not assessed": no plan is drafted
(unless a bleed needs its graded return). Same input, same output: ordering is stable.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from hemorehab.clinical.bleeds import BleedEvent
from hemorehab.clinical.exercises import Library, builtin_library
from hemorehab.clinical.exercises.vocabulary import SITES
from hemorehab.clinical.plan.errors import PlanInputError
from hemorehab.clinical.plan.explain import Explanation, explain
from hemorehab.clinical.plan.goals import Goal, goals_for
from hemorehab.clinical.plan.guards import Restriction
from hemorehab.clinical.plan.problems import Evidence, NotAssessed, Problem, ProblemList
from hemorehab.clinical.plan.progression import WeekIntensity, WeekReport, week_dose
from hemorehab.clinical.plan.rules import (
    ChildContext,
    ClinicalJudgements,
    build_context,
    is_temporary,
)
from hemorehab.clinical.plan.schedule import Prophylaxis, Schedule, weekly_schedule
from hemorehab.clinical.plan.selection import (
    Choice,
    ExcludedExercise,
    ExclusionLog,
    select_block,
    select_exercises,
    select_general,
)
from hemorehab.clinical.plan.sessions import (
    Blocks,
    HomeProgram,
    PlannedExercise,
    SessionPlan,
    dosage_for,
    home_program,
    hospital_session,
    planned_exercise,
)
from hemorehab.clinical.plan.settings import PlanSettings
from hemorehab.clinical.plan.support import Suggestion, devices, education

HEMOPHILIA_TYPES = ("A", "B")


@dataclass(frozen=True)
class DraftInput:
    problems: ProblemList
    age: int
    hemophilia_type: str  # "A" or "B"
    bleeds: tuple[BleedEvent, ...] = ()
    as_of: datetime | None = None
    psoas_cleared: bool = False
    judgements: ClinicalJudgements = field(default_factory=ClinicalJudgements)
    return_phases: Mapping[str, int] = field(default_factory=dict)
    """Site -> the return phase a therapist's review reached (rehab.restrictions)."""
    cleared_at: Mapping[str, datetime] = field(default_factory=dict)
    """Site -> when its graded return was completed: earlier bleeds no longer restrict it."""
    target_joints: tuple[str, ...] = ()
    """Joints the team designated as target joints (the bleeds' ISTH rule adds its own)."""
    history: tuple[WeekReport, ...] = ()
    """Reports of the program weeks done; the draft is dosed for the week after them."""
    current_week: WeekReport | None = None
    """What was reported so far in the week being dosed: pain or a bleed steps it back now."""
    prophylaxis: Prophylaxis | None = None
    baseline_factor_iu_dl: float = 0.0


@dataclass(frozen=True)
class RestrictionNote:
    site: str
    phase: int
    awaiting_clearance: bool
    explanation: Explanation


@dataclass(frozen=True)
class PausedExercise:
    exercise_id: str
    side: str | None
    loads: tuple[str, ...]
    reasons: tuple[Explanation, ...]


@dataclass(frozen=True)
class PlanDraft:
    status: str
    indication: str  # "rehabilitation", "none" or "not_assessed"
    library_version: str
    library_status_en: str
    library_status_zh: str
    age: int
    hemophilia_type: str
    week: WeekIntensity
    problems: tuple[Problem, ...]
    not_assessed: tuple[NotAssessed, ...]
    restrictions: tuple[RestrictionNote, ...]
    goals: tuple[Goal, ...]
    hospital_session: SessionPlan
    home_program: HomeProgram
    deferred: tuple[PlannedExercise, ...]
    excluded: tuple[ExcludedExercise, ...]
    paused: tuple[PausedExercise, ...]
    unmet: tuple[Explanation, ...]
    devices: tuple[Suggestion, ...]
    education: tuple[Suggestion, ...]
    warnings: tuple[Explanation, ...]
    schedule: Schedule
    indication_note: Explanation | None = None

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
    _check_type(data.hemophilia_type)
    ctx = context_for(data, config)
    week = week_dose(data.history, config, data.current_week)
    problems = data.problems.problems + recovery_problems(ctx)
    log = ExclusionLog()
    indication = _indication(data.problems, problems)
    main, deferred, unmet = _main_block(problems, ctx, lib, log)
    blocks = Blocks(
        warm_up=select_block("warm_up", 2, ctx, lib, log),
        main=main,
        cool_down=select_block("cool_down", 2, ctx, lib, log),
    )
    if indication == "not_assessed":
        blocks, deferred, unmet = Blocks((), (), ()), (), ()
    schedule = weekly_schedule(
        data.prophylaxis, data.hemophilia_type, config, data.baseline_factor_iu_dl
    )
    excluded = log.entries()
    return PlanDraft(
        status="draft",
        indication=indication,
        library_version=lib.version,
        library_status_en=lib.status.en,
        library_status_zh=lib.status.zh_hans,
        age=ctx.age,
        hemophilia_type=data.hemophilia_type,
        week=week,
        problems=problems,
        not_assessed=data.problems.not_assessed,
        restrictions=restriction_notes(ctx),
        goals=goals_for(problems, config),
        hospital_session=hospital_session(blocks, ctx.age, week, config),
        home_program=home_program(blocks, ctx.age, week, config),
        deferred=tuple(
            planned_exercise(c, 0, ctx.age, dosage_for(c, week, 1.0, config), config)
            for c in deferred
        ),
        excluded=excluded,
        paused=tuple(
            PausedExercise(e.exercise_id, e.side, e.loads, e.reasons)
            for e in excluded
            if all(is_temporary(r) for r in e.reasons)
        ),
        unmet=unmet,
        devices=devices(data.problems, ctx),
        education=education(data.problems, ctx),
        warnings=_warnings(data, ctx, schedule, config),
        schedule=schedule,
        indication_note=_INDICATION_NOTES.get(indication),
    )


_INDICATION_NOTES = {"none": explain("NO-INDICATION"), "not_assessed": explain("NOT-ASSESSED")}


def _indication(findings: ProblemList, problems: tuple[Problem, ...]) -> str:
    if problems:
        return "rehabilitation"
    return "none" if findings.assessed else "not_assessed"


def _main_block(
    problems: tuple[Problem, ...], ctx: ChildContext, lib: Library, log: ExclusionLog
) -> tuple[tuple[Choice, ...], tuple[Choice, ...], tuple[Explanation, ...]]:
    """The main exercises, those deferred for lack of room, and the problems left without one;
    the general activity program when there is no problem."""
    if not problems:
        return select_general(ctx, lib, log), (), ()  # not assessed: dropped by the caller
    selection = select_exercises(ProblemList(problems, ()), ctx, lib)
    for item in selection.excluded:
        log.items.setdefault((item.exercise_id, item.side), item)
    return selection.main, selection.deferred, selection.unmet


def context_for(data: DraftInput, settings: PlanSettings) -> ChildContext:
    """The rule context of a draft input (also used to validate an edited plan and to pause)."""
    return build_context(
        data.problems,
        data.age,
        bleeds=data.bleeds,
        as_of=data.as_of,
        psoas_cleared=data.psoas_cleared,
        judgements=data.judgements,
        return_phases=data.return_phases,
        cleared_at=data.cleared_at,
        target_joints=data.target_joints,
        settings=settings,
    )


def recovery_problems(ctx: ChildContext) -> tuple[Problem, ...]:
    """One `bleed_recovery` problem per site on its graded return (severity = its phase)."""
    found = []
    for site in sorted(ctx.restrictions, key=SITES.index):
        restriction = ctx.restrictions[site]
        phase = 1 if restriction.awaiting_clearance else restriction.phase
        found.append(
            Problem(
                site,
                "bleed_recovery",
                (Evidence("bleed", site, "phase", phase),),
                (_restriction_explanation(restriction, ctx),),
            )
        )
    return tuple(found)


def restriction_notes(ctx: ChildContext) -> tuple[RestrictionNote, ...]:
    return tuple(
        RestrictionNote(r.site, r.phase, r.awaiting_clearance, _restriction_explanation(r, ctx))
        for r in ctx.restrictions.values()
    )


def _restriction_explanation(restriction: Restriction, ctx: ChildContext) -> Explanation:
    side = restriction.site.split("_", 1)[0]
    state = ctx.joints.get(restriction.site)
    if restriction.source == "ultrasound" and state is not None and state.hemarthrosis:
        item, value = state.hemarthrosis
        return explain(
            "REST-BLOOD", site=restriction.site, phase=restriction.phase, item=item, value=value
        )
    if restriction.awaiting_clearance:
        return explain(
            "REST-PSOAS-WAIT", site=restriction.site, side=side, bled_site=restriction.bled_site
        )
    return explain(
        "REST-PHASE",
        site=restriction.site,
        phase=restriction.phase,
        bled_site=restriction.bled_site,
        hours=None if restriction.hours_since is None else round(restriction.hours_since, 1),
    )


def _warnings(
    data: DraftInput, ctx: ChildContext, schedule: Schedule, config: PlanSettings
) -> tuple[Explanation, ...]:
    found = [] if data.problems.assessed else [explain("NOT-ASSESSED")]
    found += _psoas_due(data, ctx)
    for joint, state in ctx.joints.items():
        if state.hemarthrosis is not None:
            item, value = state.hemarthrosis
            found.append(explain("BLOOD-IN-JOINT", site=joint, item=item, value=value))
    found += schedule.warnings
    home_on_infusion_days = sum(1 for s in schedule.sessions if s.kind == "home" and s.infusion_day)
    if schedule.sessions and home_on_infusion_days < config.home_sessions_per_week:
        infusions = len({s.weekday for s in schedule.sessions if s.infusion_day})
        found.append(
            explain(
                "HOME-INFUSION-FIT",
                sessions=config.home_sessions_per_week,
                infusions=infusions,
                per_day=config.home_max_sessions_per_day,
                fit=home_on_infusion_days,
            )
        )
    found += [explain("TARGET-JOINT", site=joint) for joint in ctx.target_joints]
    return tuple(found)


def _psoas_due(data: DraftInput, ctx: ChildContext) -> list[Explanation]:
    """An iliopsoas bleed older than the recency window and never cleared: say it is still
    blocked and ask for the clearance (instruments.md s6a)."""
    found = []
    window = ctx.settings.safety.recent_bleed_days
    for bleed in data.bleeds:
        restriction = ctx.restrictions.get(bleed.site)
        if restriction is None or not restriction.awaiting_clearance or data.as_of is None:
            continue
        days = (data.as_of - bleed.onset).days
        if days > window:
            side = bleed.site.split("_", 1)[0]
            found.append(explain("PSOAS-CLEARANCE-DUE", site=bleed.site, days=days, side=side))
    return found


def _check_type(hemophilia_type: object) -> None:
    if hemophilia_type not in HEMOPHILIA_TYPES:
        raise PlanInputError("hemophilia_type", f"{hemophilia_type!r} is not one of: A, B")
