"""Named input errors of the clinical core, and the "not evaluable" sentinel.

Every error carries `.path`, the place of the bad value in the caller's input written the way
the JSON would be walked ("joints.left_knee.swelling", "answers.12", "[3].gait"), and
`.message`, what is wrong and what is allowed ("4 is outside 0-3"). `str(error)` joins them
with ": ", which is the one line the `score` command prints.
"""

from __future__ import annotations

import json
import math
from enum import Enum


class NotEvaluable(Enum):
    """An item the assessor could not evaluate (HJHS "NE"). Never the same as 0."""

    NE = "NE"

    def __repr__(self) -> str:
        return "NE"


NE = NotEvaluable.NE
"""The sentinel for a not-evaluable item. The string "NE" is accepted as the same thing."""


def join_path(prefix: str, path: str) -> str:
    """Join two path parts: ("joints", "left_knee") -> "joints.left_knee"; "[3]" needs no dot."""
    if not prefix:
        return path
    if not path:
        return prefix
    return f"{prefix}{path}" if path.startswith("[") else f"{prefix}.{path}"


class ClinicalInputError(ValueError):
    """Base of the core's input errors: `.path` names the bad place, `.message` the problem."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.message = message

    def with_prefix(self, prefix: str) -> ClinicalInputError:
        """The same error with `prefix` put in front of its path (for batch input)."""
        return type(self)(join_path(prefix, self.path), self.message)


class ScoreInputError(ClinicalInputError):
    """An instrument item is missing, unknown, out of range or of the wrong type."""


class DefinitionError(ClinicalInputError):
    """An instrument definition or licensed-text file is unreadable or invalid."""


def show(value: object) -> str:
    """A value as the user typed it in JSON: true, null, "x", 2.5."""
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=True)
    except (TypeError, ValueError):
        return repr(value)


def check_level(value: object, path: str, low: int, high: int, *, allow_ne: bool) -> int | None:
    """Validate one ordinal answer; return it, or None when it is "not evaluable".

    bool is rejected although Python treats it as an int, and so is 2.0: items are integers.
    """
    if type(value) is int:
        if low <= value <= high:
            return value
        raise ScoreInputError(path, f"{value} is outside {low}-{high}")
    if allow_ne and (value is NE or value == "NE"):
        return None
    allowed = f'an integer {low}-{high} or "NE"' if allow_ne else f"an integer {low}-{high}"
    raise ScoreInputError(path, f"{show(value)} is not {allowed}")


def check_number(
    value: object,
    path: str,
    *,
    minimum: float | None = None,
    positive: bool = False,
    error: type[ClinicalInputError] = ClinicalInputError,
) -> float:
    """A finite real number (not bool); at least `minimum`, or > 0 when `positive`."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise error(path, f"{show(value)} is not a number")
    number = float(value)
    if not math.isfinite(number):
        raise error(path, f"{show(value)} is not a finite number")
    if minimum is not None and number < minimum:
        raise error(path, f"{show(value)} is below {minimum:g}")
    if positive and number <= 0:
        raise error(path, f"{show(value)} is not greater than 0")
    return number
