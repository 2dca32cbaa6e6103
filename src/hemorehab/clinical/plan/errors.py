"""Named errors of the plan engine (all are ClinicalInputError: `.path` and `.message`)."""

from __future__ import annotations

from hemorehab.clinical.errors import ClinicalInputError, join_path, show
from hemorehab.clinical.plan.explain import Explanation


class PlanInputError(ClinicalInputError):
    """An input of the plan engine is missing, unknown or out of range."""


class UnknownExerciseError(PlanInputError):
    """An edited plan names an exercise that is not in the library."""


class ContraindicatedExerciseError(PlanInputError):
    """An edited plan adds an exercise that a safety rule forbids for this child.

    `.rule` is the rule id (e.g. "CI-SYNOVITIS"), `.exercise_id` the refused exercise and
    `.explanation` the full reason with the numbers; nothing is ever dropped silently.
    """

    def __init__(
        self,
        path: str,
        message: str,
        *,
        rule: str = "",
        exercise_id: str = "",
        explanation: Explanation | None = None,
    ) -> None:
        super().__init__(path, message)
        self.rule = rule
        self.exercise_id = exercise_id
        self.explanation = explanation

    def with_prefix(self, prefix: str) -> ContraindicatedExerciseError:
        return ContraindicatedExerciseError(
            join_path(prefix, self.path),
            self.message,
            rule=self.rule,
            exercise_id=self.exercise_id,
            explanation=self.explanation,
        )


def check_int(value: object, path: str, low: int, high: int) -> int:
    """An integer (not bool) in low..high, else PlanInputError naming the place."""
    if type(value) is not int:
        raise PlanInputError(path, f"{show(value)} is not an integer {low}-{high}")
    if not low <= value <= high:
        raise PlanInputError(path, f"{value} is outside {low}-{high}")
    return value
