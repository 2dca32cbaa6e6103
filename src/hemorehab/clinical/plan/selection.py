"""Choosing exercises for the problem list, and recording every exercise left out and why.

For each problem (a site recovering from a bleed first, then the most severe, then plan
order) the categories of `PlanSettings.category_priority` are tried in order (for a recovering
site: the categories of its return phase, `SafetySettings.recovery_categories`): the first
exercise of each category that targets the problem, works on the site (treats it, not merely
stands or sits on it; a muscle's return also takes work on the joints it crosses) and passes
every contraindication rule, then the second of each category, and so on. Every problem gets
the same number of picks (`exercises_per_problem`): loading never grows with the severity of a
deficit. A candidate that
a rule forbids is listed in `excluded` with all its reasons. Picks of all problems are
interleaved (first pick of each problem, then second ...) so a session cut at
`max_main_exercises` keeps every problem covered; the rest is `deferred`, never dropped.
An exercise that works on a recovering site stays at its first level (`pinned`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from hemorehab.clinical.exercises import Exercise, Library
from hemorehab.clinical.exercises.vocabulary import part_of, side_of
from hemorehab.clinical.plan.explain import Explanation, explain
from hemorehab.clinical.plan.problems import Problem, ProblemList
from hemorehab.clinical.plan.rules import ChildContext, cautions, contraindications
from hemorehab.clinical.sites import CROSSES


@dataclass(frozen=True)
class Choice:
    """An exercise on a side (None = both sides / not sided) and why it was chosen."""

    exercise: Exercise
    side: str | None
    targets: tuple[str, ...]
    reasons: tuple[Explanation, ...]
    pinned: bool = False
    """Works on a site recovering from a bleed: stays at level 1."""
    cautions: tuple[Explanation, ...] = ()

    @property
    def key(self) -> tuple[str, str | None]:
        return self.exercise.id, self.side


@dataclass(frozen=True)
class ExcludedExercise:
    exercise_id: str
    side: str | None
    loads: tuple[str, ...]
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
                exercise.id, side, exercise.loaded_sites(side), reasons
            )


def select_exercises(problems: ProblemList, ctx: ChildContext, library: Library) -> Selection:
    """The main exercises for the problem list (see module docstring)."""
    excluded = ExclusionLog()
    per_problem: list[list[Choice]] = []
    unmet: list[Explanation] = []
    for problem in sorted(problems.problems, key=_urgency):
        picks = _picks_for(problem, ctx, library, excluded)
        if not picks:
            unmet.append(explain("SEL-NONE", problem=problem.key))
        per_problem.append(picks)
    merged = _interleave(per_problem)
    limit = ctx.settings.max_main_exercises
    deferred = tuple(
        Choice(
            c.exercise, c.side, c.targets, (*c.reasons, _capacity(c, limit)), c.pinned, c.cautions
        )
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
        chosen.append(choice_for(exercise, None, (), (why,), ctx))
    return tuple(chosen)


def select_general(
    ctx: ChildContext, library: Library, excluded: ExclusionLog
) -> tuple[Choice, ...]:
    """The general activity program of a child without findings (low-risk activities)."""
    chosen: list[Choice] = []
    for category in CATEGORIES_IN_ORDER:
        for exercise in library.in_category(category):
            if len(chosen) == ctx.settings.general_activity_items:
                return tuple(chosen)
            if "general_activity" not in exercise.targets:
                continue
            reasons = contraindications(exercise, None, ctx)
            if reasons:
                excluded.add(exercise, None, reasons)
                continue
            why = explain("SEL-GENERAL", exercise=exercise.id, category=category)
            chosen.append(choice_for(exercise, None, ("general_activity",), (why,), ctx))
    return tuple(chosen)


CATEGORIES_IN_ORDER = ("aerobic_low_impact", "gait_training", "weight_shifting")


def choice_for(
    exercise: Exercise,
    side: str | None,
    targets: tuple[str, ...],
    reasons: tuple[Explanation, ...],
    ctx: ChildContext,
) -> Choice:
    """A choice with its level pin (a recovering site) and cautions."""
    touched = set(exercise.loaded_sites(side)) | set(exercise.cared_sites(side))
    pinned = bool(touched & set(ctx.restrictions))
    return Choice(exercise, side, targets, reasons, pinned, cautions(exercise, side, ctx))


def _picks_for(
    problem: Problem, ctx: ChildContext, library: Library, excluded: ExclusionLog
) -> list[Choice]:
    """Round robin over the problem's categories, each offering its allowed exercises in
    order; offers are read lazily, so only what is picked (and what a rule excludes on the
    way) is examined."""
    wanted = ctx.settings.exercises_per_problem
    offers = [_allowed(problem, c, ctx, library, excluded) for c in _categories(problem, ctx)]
    picks: list[Choice] = []
    while offers and len(picks) < wanted:
        for offer in list(offers):
            choice = next(offer, None)
            if choice is None:
                offers.remove(offer)
            elif len(picks) < wanted:
                picks.append(choice)
    return picks


def _allowed(
    problem: Problem, category: str, ctx: ChildContext, library: Library, excluded: ExclusionLog
) -> Iterator[Choice]:
    """The exercises of one category that fit the problem and every rule, in library order
    (for a muscle's return, those on the muscle itself before those on a joint it crosses)."""
    recovery = problem.name == "bleed_recovery"
    candidates = library.in_category(category)
    if recovery:
        candidates = tuple(sorted(candidates, key=lambda e: _nearness(e, problem)))
    for exercise in candidates:
        if not recovery and problem.name not in exercise.targets:
            continue
        if not _fits(exercise, problem):
            continue
        side = side_of(problem.joint) if problem.joint and exercise.sided else None
        reasons = contraindications(exercise, side, ctx)
        if reasons:
            excluded.add(exercise, side, reasons)
            continue
        if recovery:
            why = explain(
                "SEL-RECOVERY",
                exercise=exercise.id,
                category=category,
                site=problem.joint,
                phase=problem.severity,
            )
        else:
            why = explain(
                "SEL-PROBLEM", exercise=exercise.id, category=category, problems=problem.key
            )
        yield choice_for(exercise, side, (problem.key,), (why,), ctx)


def _nearness(exercise: Exercise, problem: Problem) -> int:
    """0 for an exercise on the problem's own site, 1 for one on a joint its muscle crosses
    (sorted is stable: library order within each)."""
    if problem.joint is None:
        return 0
    part = part_of(problem.joint)
    return 0 if part in exercise.loads or part in exercise.protects else 1


def _categories(problem: Problem, ctx: ChildContext) -> tuple[str, ...]:
    if problem.name == "bleed_recovery":
        return ctx.settings.safety.recovery_categories.get(problem.severity, ())
    return ctx.settings.category_priority.get(problem.name, ())


def _urgency(problem: Problem) -> tuple[int, int]:
    """A recovering site first (phase 1 first), then the most severe problem."""
    if problem.name == "bleed_recovery":
        return (0, problem.severity)
    return (1, -problem.severity)


STANDING_CATEGORIES = frozenset({"gait_training", "weight_shifting", "posture_correction"})
"""Categories whose work on a leg joint IS the weight it bears (gait, weight shifting,
standing alignment)."""
CARRYING_MODES = frozenset({"bear", "compress"})
"""Modes that carry the body without working the site: an exercise that only stands or sits
on a joint is not chosen for that joint's problem (a standing knee band is not ankle work)."""


def _fits(exercise: Exercise, problem: Problem) -> bool:
    """Does the exercise work on the problem's site: treat it (a mode other than merely
    carrying weight, or weight itself for gait work), or care for it? Any exercise fits the
    global gait problem; a site on its graded return takes any allowed work on it."""
    site = problem.joint
    if site is None:
        return True
    part = part_of(site)
    if part in exercise.protects:
        return True
    modes = set(exercise.loads.get(part, ()))
    if problem.name == "bleed_recovery":
        crossed = CROSSES.get(part, ())
        return bool(modes) or any(joint in exercise.loads for joint in crossed)
    if exercise.category in STANDING_CATEGORIES:
        return bool(modes)
    return bool(modes - CARRYING_MODES)


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
                    known.pinned or choice.pinned,
                    known.cautions,
                )
    return list(merged.values())


def _capacity(choice: Choice, limit: int) -> Explanation:
    return explain("SEL-CAPACITY", exercise=choice.exercise.id, max_items=limit)
