"""Safety around an approved plan (shared/DESIGN.md "Safety rules"; instruments.md s5-6a).

- pause_plan: which exercises of a plan the child's state forbids today (a bleed, blood in a
  joint, a psoas block ...), each with every reason; the app shows them as paused.
- validate_edited_plan: an exercise a rule forbids is REFUSED (ContraindicatedExerciseError
  naming the rule and exercise), never silently dropped.
- next_phase (return_phases.py): the graded return of a site, by criteria, not days.
Both call rules.contraindications, the function the draft uses: the three cannot disagree.
The week's sessions and their factor levels are in schedule.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from hemorehab.clinical.exercises import Library, builtin_library
from hemorehab.clinical.exercises.vocabulary import SIDES
from hemorehab.clinical.plan.errors import (
    ContraindicatedExerciseError,
    PlanInputError,
    UnknownExerciseError,
)
from hemorehab.clinical.plan.explain import Explanation
from hemorehab.clinical.plan.return_phases import PhaseDecision, PhaseObservation, next_phase
from hemorehab.clinical.plan.rules import ChildContext, contraindications

__all__ = [
    "PausedItem",
    "PhaseDecision",
    "PhaseObservation",
    "PlanEditItem",
    "next_phase",
    "pause_plan",
    "validate_edited_plan",
]


@dataclass(frozen=True)
class PlanEditItem:
    """One exercise of a plan; side None = both sides / not sided."""

    exercise_id: str
    side: str | None = None


@dataclass(frozen=True)
class PausedItem:
    exercise_id: str
    side: str | None
    loads: tuple[str, ...]
    reasons: tuple[Explanation, ...]


def pause_plan(
    items: Iterable[PlanEditItem], context: ChildContext, library: Library | None = None
) -> tuple[PausedItem, ...]:
    """The items of a plan that the rules forbid today, each once, with all its reasons.

    An exercise no longer in the library is paused too (nobody can check it is safe)."""
    lib = library or builtin_library()
    found: dict[tuple[str, str | None], PausedItem] = {}
    for item in items:
        key = (item.exercise_id, item.side)
        exercise = lib.get(item.exercise_id)
        if key in found:
            continue
        if exercise is None:
            found[key] = PausedItem(item.exercise_id, item.side, (), ())
            continue
        reasons = contraindications(exercise, item.side, context)
        if reasons:
            loads = exercise.loaded_sites(item.side)
            found[key] = PausedItem(item.exercise_id, item.side, loads, reasons)
    return tuple(found.values())


def validate_edited_plan(
    items: Sequence[PlanEditItem], context: ChildContext, library: Library | None = None
) -> tuple[PlanEditItem, ...]:
    """Accept the edited plan or refuse the first forbidden exercise (named error)."""
    lib = library or builtin_library()
    for index, item in enumerate(items):
        path = f"[{index}]"
        exercise = lib.get(item.exercise_id)
        if exercise is None:
            raise UnknownExerciseError(
                f"{path}.exercise_id", f"{item.exercise_id!r} is not in library {lib.version}"
            )
        if item.side is not None and (item.side not in SIDES or not exercise.sided):
            raise PlanInputError(f"{path}.side", f"{item.side!r} is not a side of {exercise.id}")
        reasons = contraindications(exercise, item.side, context)
        if reasons:
            first = reasons[0]
            rules = ", ".join(dict.fromkeys(r.rule for r in reasons))
            message = f"{exercise.id} refused by {rules}: " + "; ".join(r.text for r in reasons)
            raise ContraindicatedExerciseError(
                path, message, rule=first.rule, exercise_id=exercise.id, explanation=first
            )
    return tuple(items)
