"""Subgroup analyses of one outcome (HJHS 2.1 total by default).

Subgroups: age <= 7 completed years (age_months < 96, the program's game-based age) vs older;
hemophilia type; severity; regimen before the program; 1 vs >= 2 affected joints. Within each
subgroup: SPSS-style Wilcoxon signed-rank of after vs before on complete pairs. Between
subgroups: Mann-Whitney U of the change (after - before) for two non-empty subgroups,
Kruskal-Wallis for more. Exploratory: no adjustment for multiplicity.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from hemorehab.stats._util import FloatArray, as_float_array, complete_pairs, num
from hemorehab.stats.descriptives import describe
from hemorehab.stats.formatting import format_p
from hemorehab.stats.groups import kruskal_wallis, mann_whitney
from hemorehab.stats.report.dataset import CATEGORIES, after, before
from hemorehab.stats.report.outcomes import Quartiles
from hemorehab.stats.signed_rank import wilcoxon_signed_rank

SUBGROUP_OUTCOME = "hjhs_total"
GAME_AGE_MONTHS = 96  # completed years <= 7


def _age_group(frame: pd.DataFrame) -> pd.Series:
    return pd.Series(np.where(frame["age_months"] < GAME_AGE_MONTHS, "age_le_7", "age_gt_7"))


def _joint_group(frame: pd.DataFrame) -> pd.Series:
    joints = frame["affected_joints"].to_numpy()
    groups = np.where(joints >= 2, "joints_2plus", np.where(joints == 1, "joints_1", ""))
    return pd.Series(groups)


def _column(name: str) -> Callable[[pd.DataFrame], pd.Series]:
    return lambda frame: frame[name].reset_index(drop=True)


SUBGROUPS: tuple[tuple[str, Callable[[pd.DataFrame], pd.Series], tuple[str, ...]], ...] = (
    ("age_group", _age_group, ("age_le_7", "age_gt_7")),
    ("hemophilia_type", _column("hemophilia_type"), CATEGORIES["hemophilia_type"]),
    ("severity", _column("severity"), CATEGORIES["severity"]),
    ("prior_regimen", _column("prior_regimen"), CATEGORIES["prior_regimen"]),
    ("joint_count_group", _joint_group, ("joints_1", "joints_2plus")),
)
"""(variable, how to derive the subgroup of each child, subgroup levels in print order)."""


@dataclass(frozen=True)
class SubgroupCell:
    level: str
    before: Quartiles
    after: Quartiles
    change: Quartiles
    z: float
    p: float
    exact_p: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "n": self.before.n,
            "before": self.before.to_dict(),
            "after": self.after.to_dict(),
            "change": self.change.to_dict(),
            "z": num(self.z),
            "p": num(self.p),
            "p_text": format_p(self.p),
            "exact_p": num(self.exact_p),
        }


@dataclass(frozen=True)
class SubgroupAnalysis:
    variable: str
    outcome: str
    cells: tuple[SubgroupCell, ...]
    test: str | None
    statistic: float | None
    z: float | None
    p: float | None
    notes: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "variable": self.variable,
            "outcome": self.outcome,
            "subgroups": [c.to_dict() for c in self.cells],
            "between": {
                "test": self.test,
                "statistic": num(self.statistic),
                "z": num(self.z),
                "p": num(self.p),
                "p_text": format_p(self.p),
            },
            "notes": list(self.notes),
        }


def _cell(level: str, x: FloatArray, y: FloatArray, method: str | int) -> SubgroupCell:
    w = wilcoxon_signed_rank(x, y)
    return SubgroupCell(
        level,
        Quartiles.of(describe(x, method)),
        Quartiles.of(describe(y, method)),
        Quartiles.of(describe(y - x, method)),
        w.z,
        w.p,
        w.exact_p,
    )


def subgroup_analysis(
    frame: pd.DataFrame,
    variable: str,
    levels: tuple[str, ...],
    groups: pd.Series,
    quantile_method: str | int = "spss",
    outcome: str = SUBGROUP_OUTCOME,
) -> SubgroupAnalysis:
    pre, post = as_float_array(frame[before(outcome)]), as_float_array(frame[after(outcome)])
    labels = groups.to_numpy()
    cells, changes = [], {}
    for level in levels:
        x, y = complete_pairs(pre[labels == level], post[labels == level])
        cells.append(_cell(level, x, y, quantile_method))
        if x.size:
            changes[level] = y - x
    name, stat, z, p, notes = _between(changes)
    return SubgroupAnalysis(variable, outcome, tuple(cells), name, stat, z, p, notes)


def _between(
    changes: dict[str, FloatArray],
) -> tuple[str | None, float | None, float | None, float | None, tuple[str, ...]]:
    if len(changes) < 2:
        note = "fewer than 2 subgroups with complete pairs: no between-subgroup test"
        return None, None, None, None, (note,)
    if len(changes) == 2:
        mw = mann_whitney(*changes.values())
        return "mann_whitney", mw.u, mw.z, mw.p, ("change = after - before", *mw.notes)
    kw = kruskal_wallis(changes)
    return "kruskal_wallis", kw.h, None, kw.p, ("change = after - before", kw.method)


def subgroup_analyses(
    frame: pd.DataFrame, quantile_method: str | int = "spss"
) -> tuple[SubgroupAnalysis, ...]:
    """Every subgroup variable of SUBGROUPS for SUBGROUP_OUTCOME."""
    return tuple(
        subgroup_analysis(frame, variable, levels, derive(frame), quantile_method)
        for variable, derive, levels in SUBGROUPS
    )
