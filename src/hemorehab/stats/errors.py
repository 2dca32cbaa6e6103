"""Named errors of the analysis core. Each says what was wrong and what was expected."""

from __future__ import annotations


class StatsError(ValueError):
    """Base class: the input cannot be analysed as asked."""


class InsufficientDataError(StatsError):
    """Too few complete observations for the requested analysis."""


class GroupLevelsError(StatsError):
    """A grouping column does not have the number of levels the test needs."""

    def __init__(self, column: str, levels: list[str], expected: str) -> None:
        self.column = column
        self.levels = levels
        found = ", ".join(levels) if levels else "none"
        super().__init__(
            f"column '{column}' must have {expected} levels for this test; "
            f"found {len(levels)}: {found}"
        )


class UnknownColumnError(StatsError):
    """A requested column is not in the data."""

    def __init__(self, column: str, available: list[str]) -> None:
        self.column = column
        self.available = available
        super().__init__(
            f"unknown column '{column}'; available columns: {', '.join(available) or 'none'}"
        )


class NonNumericValueError(StatsError):
    """A numeric column holds a value that is not a finite number.

    `position` is the frame's integer index label (else the 0-based position); for a frame
    read from a CSV with a header, add 2 to name the CSV row (header = row 1).
    """

    def __init__(self, column: str, position: int, value: object) -> None:
        self.column = column
        self.position = position
        self.value = value
        super().__init__(f"column '{column}' has a non-numeric or infinite value {value!r}")
