"""Choosing exercises for the problem list, and recording every exercise left out and why.

For each problem (most severe first, then plan order) the categories of
`PlanSettings.category_priority` are tried in order; in each category the first exercise of
the library that targets the problem, fits the joint and passes every contraindication rule
is taken. A problem gets `exercises_per_problem` picks plus one per grade above 1. A candidate
that a rule forbids is listed in `excluded` with all its reasons. Picks of all problems are
interleaved (first pick of each problem, then second ...) so a session cut at
`max_main_exercises` keeps every problem covered; the rest is `deferred`, never dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

from hemorehab.clinical.exercises import Exercise, Library, loaded_joints
from hemorehab.clinical.exercises.vocabulary import LOWER_LIMB_TYPES, joint_side, joint_type
from hemorehab.clinical.plan.explain import Explanation, explain
from hemorehab.clinical.plan.problems import Problem, ProblemList
from hemorehab.clinical.plan.rules import ChildContext, contraindications


@dataclass(frozen=True)
class Choice:
    """An exercise on a side (None = both sides / not sided) and why it was chosen."""

    exercise: Exercise
    side: str | None
    targets: tuple[str, ...]
    reasons: tuple[Explanation, ...]

    @property
    def key(self) -> tuple[str, str | None]:
        return self.exercise.id, self.side


@dataclass(frozen=True)
class ExcludedExercise:
    exercise_id: str
    side: str | None
    loaded_joints: tuple[str, ...]
    reasons: tuple[Explanation, ...]

    @property
    def rules(self) -> tuple[str, ...]:
        return tuple(r.rule for r in self.reasons)


@dataclass(frozen=True)
class Selection:
    main: tuple[Choice, ...]
    deferred: tuple[Choice, ...]
    excluded: tuple[ExcludedExercise, ...]
    unmet: tuple[Explanation, ...]


class ExclusionLog:
    """Collects exclusions once per (exercise, side), in the order met."""

    def __init__(self) -> None:
        self.items: dict[tuple[str, str | None], ExcludedExercise] = {}

    def entries(self) -> tuple[ExcludedExercise, ...]:
        return tuple(self.items.values())

    def add(self, exercise: Exercise, side: str | None, reasons: tuple[Explanation, ...]) -> None:
        key = (exercise.id, side)
        if key not in self.items:
            self.items[key] = ExcludedExercise(
                exercise.id, side, loaded_joints(exercise, side), reasons
            )


def select_exercises(problems: ProblemList, ctx: ChildContext, library: Library) -> Selection:
    """The main exercises for the problem list (see module docstring)."""
    excluded = ExclusionLog()
    per_problem: list[list[Choice]] = []
    unmet: list[Explanation] = []
    for problem in sorted(problems.problems, key=lambda p: -p.severity):
        picks = _picks_for(problem, ctx, library, excluded)
        if not picks:
            unmet.append(explain("SEL-NONE", problem=problem.key))
        per_problem.append(picks)
    merged = _interleave(per_problem)
    limit = ctx.settings.max_main_exercises
    deferred = tuple(
        Choice(c.exercise, c.side, c.targets, (*c.reasons, _capacity(c, limit)))
        for c in merged[limit:]
    )
    return Selection(tuple(merged[:limit]), deferred, tuple(excluded.items.values()), tuple(unmet))


def select_block(
    category: str,
    count: int,
    ctx: ChildContext,
    library: Library,
    excluded: ExclusionLog | None = None,
) -> tuple[Choice, ...]:
    """The first `count` allowed exercises of a warm-up or cool-down category."""
    chosen: list[Choice] = []
    for exercise in library.in_category(category):
        if len(chosen) == count:
            break
        reasons = contraindications(exercise, None, ctx)
        if reasons:
            if excluded is not None:
                excluded.add(exercise, None, reasons)
            continue
        why = explain("SEL-WARM-COOL", exercise=exercise.id, block=category)
        chosen.append(Choice(exercise, None, (), (why,)))
    return tuple(chosen)


def _picks_for(
    problem: Problem, ctx: ChildContext, library: Library, excluded: ExclusionLog
) -> list[Choice]:
    wanted = ctx.settings.exercises_per_problem + max(0, problem.severity - 1)
    picks: list[Choice] = []
    for category in ctx.settings.category_priority.get(problem.name, ()):
        if len(picks) >= wanted:
            break
        choice = _first_allowed(problem, category, ctx, library, excluded)
        if choice is not None:
            picks.append(choice)
    return picks


def _first_allowed(
    problem: Problem, category: str, ctx: ChildContext, library: Library, excluded: ExclusionLog
) -> Choice | None:
    for exercise in library.in_category(category):
        if problem.name not in exercise.targets or not _fits(exercise, problem.joint):
            continue
        side = joint_side(problem.joint) if problem.joint and exercise.sided else None
        reasons = contraindications(exercise, side, ctx)
        if reasons:
            excluded.add(exercise, side, reasons)
            continue
        why = explain("SEL-PROBLEM", exercise=exercise.id, category=category, problems=problem.key)
        return Choice(exercise, side, (problem.key,), (why,))
    return None


def _fits(exercise: Exercise, joint: str | None) -> bool:
    """Does the exercise work on this joint? Any exercise fits the global gait problem."""
    if joint is None:
        return True
    kind = joint_type(joint)
    regions = set(exercise.joints)
    return (
        kind in regions
        or "whole_body" in regions
        or ("lower_limb" in regions and kind in LOWER_LIMB_TYPES)
    )


def _interleave(per_problem: list[list[Choice]]) -> list[Choice]:
    merged: dict[tuple[str, str | None], Choice] = {}
    depth = max((len(p) for p in per_problem), default=0)
    for rank in range(depth):
        for picks in per_problem:
            if rank >= len(picks):
                continue
            choice = picks[rank]
            known = merged.get(choice.key)
            if known is None:
                merged[choice.key] = choice
            else:
                merged[choice.key] = Choice(
                    known.exercise,
                    known.side,
                    known.targets + choice.targets,
                    known.reasons + choice.reasons,
                )
    return list(merged.values())


def _capacity(choice: Choice, limit: int) -> Explanation:
    return explain("SEL-CAPACITY", exercise=choice.exercise.id, max_items=limit)
