"""Analyse a wide frame (one row per child): PRE:POST pairs and two-group comparisons.

`analyze_wide(...).to_dict()` is the JSON contract of `hemorehab analyze --json`.
Columns are checked once, vectorised: unknown names raise UnknownColumnError, a value that
is not a finite number in a numeric column raises NonNumericValueError with its position.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from pandas.api import types as ptypes

from hemorehab.stats._util import FloatArray
from hemorehab.stats.descriptives import DEFAULT_QUANTILE_METHOD
from hemorehab.stats.errors import NonNumericValueError, UnknownColumnError
from hemorehab.stats.group_comparison import GroupComparison, compare_two_groups
from hemorehab.stats.paired import PairedAnalysis, analyze_pair


def require_columns(frame: pd.DataFrame, names: Sequence[str]) -> None:
    available = [str(c) for c in frame.columns]
    for name in names:
        if name not in frame.columns:
            raise UnknownColumnError(name, available)


def numeric_column(frame: pd.DataFrame, name: str) -> FloatArray:
    """Column as floats (missing = NaN); NonNumericValueError at the first bad value."""
    column = frame[name]
    if ptypes.is_bool_dtype(column.dtype):
        raise _bad_value(column, 0)
    if ptypes.is_numeric_dtype(column.dtype):
        values = column.to_numpy(dtype=np.float64, na_value=np.nan)
        bad = np.isinf(values)
    else:
        values = pd.to_numeric(column, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
        bad = (np.isnan(values) & column.notna().to_numpy()) | np.isinf(values)
    if bad.any():
        raise _bad_value(column, int(np.argmax(bad)))
    return values


def _bad_value(column: pd.Series, position: int) -> NonNumericValueError:
    """Error at an integer index label (the row numbering of a read CSV) or position."""
    label = column.index[position]
    row = int(label) if ptypes.is_integer_dtype(column.index.dtype) else position
    value = column.iloc[position]
    return NonNumericValueError(str(column.name), row, getattr(value, "item", lambda: value)())


@dataclass(frozen=True)
class WideAnalysis:
    n_rows: int
    paired: tuple[PairedAnalysis, ...]
    groups: tuple[GroupComparison, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "n_rows": self.n_rows,
            "paired": [p.to_dict() for p in self.paired],
            "groups": [g.to_dict() for g in self.groups],
        }


def analyze_wide(
    frame: pd.DataFrame,
    pairs: Sequence[tuple[str, str]] = (),
    comparisons: Sequence[tuple[str, str]] = (),
    quantile_method: str | int = DEFAULT_QUANTILE_METHOD,
) -> WideAnalysis:
    """Paired analyses for (pre, post) columns and comparisons for (variable, group)."""
    numeric = [c for pair in pairs for c in pair] + [v for v, _ in comparisons]
    require_columns(frame, numeric + [g for _, g in comparisons])
    columns = {name: numeric_column(frame, name) for name in dict.fromkeys(numeric)}
    paired = tuple(
        analyze_pair(columns[pre], columns[post], (pre, post), quantile_method)
        for pre, post in pairs
    )
    groups = tuple(
        compare_two_groups(columns[var], frame[by], (var, by), quantile_method)
        for var, by in comparisons
    )
    return WideAnalysis(len(frame), paired, groups)
