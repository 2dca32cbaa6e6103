"""Compare one numeric variable between the two levels of a grouping column."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from hemorehab.stats._util import FloatArray, as_float_array
from hemorehab.stats.descriptives import DEFAULT_QUANTILE_METHOD, Summary, describe
from hemorehab.stats.errors import GroupLevelsError
from hemorehab.stats.groups import MannWhitney, WelchT, mann_whitney, welch_t


def level_label(value: object) -> str:
    """A group level as text: 1.0 -> '1', 'A' -> 'A'."""
    if isinstance(value, float | np.floating) and float(value).is_integer():
        return str(int(value))
    return str(value)


def split_levels(values: FloatArray, groups: pd.Series) -> dict[str, FloatArray]:
    """Values per group level, levels in sorted order; rows missing the group are left out."""
    present = groups.notna().to_numpy()
    labels = groups[present]
    data = as_float_array(values)[present]
    return {level_label(lv): data[(labels == lv).to_numpy()] for lv in sorted(labels.unique())}


@dataclass(frozen=True)
class GroupComparison:
    variable: str
    by: str
    levels: tuple[str, str]
    summaries: dict[str, Summary]
    n_dropped: int
    mann_whitney: MannWhitney
    welch_t: WelchT

    def to_dict(self) -> dict[str, Any]:
        groups = {}
        for level, summary in self.summaries.items():
            full = summary.to_dict()
            groups[level] = {k: full[k] for k in ("n", "median", "q1", "q3", "mean", "sd")}
        return {
            "variable": self.variable,
            "by": self.by,
            "n_dropped": self.n_dropped,
            "groups": groups,
            "mann_whitney": self.mann_whitney.to_dict(),
            "welch_t": self.welch_t.to_dict(),
            "notes": [
                f"group 1 = {self.levels[0]}, group 2 = {self.levels[1]} (sorted level order); "
                "Welch mean_difference = mean(group 1) - mean(group 2)",
                f"{self.n_dropped} row(s) missing the value or the group were dropped",
                "group quartiles: " + next(iter(self.summaries.values())).quantile_method,
            ],
        }


def compare_two_groups(
    values: FloatArray,
    groups: pd.Series,
    names: tuple[str, str] = ("value", "group"),
    quantile_method: str | int = DEFAULT_QUANTILE_METHOD,
) -> GroupComparison:
    """Mann-Whitney and Welch between exactly two levels; GroupLevelsError otherwise."""
    data = as_float_array(values)
    keep = ~np.isnan(data)
    split = split_levels(data[keep], groups[keep].reset_index(drop=True))
    if len(split) != 2:
        raise GroupLevelsError(names[1], list(split), "exactly 2")
    (first, a), (second, b) = split.items()
    return GroupComparison(
        variable=names[0],
        by=names[1],
        levels=(first, second),
        summaries={k: describe(v, quantile_method) for k, v in split.items()},
        n_dropped=int(data.size - a.size - b.size),
        mann_whitney=mann_whitney(a, b),
        welch_t=welch_t(a, b),
    )
