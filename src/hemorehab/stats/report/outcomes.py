"""Table 1 (before/after per measure) and the joint-bleed reduction by prior regimen.

Table 1 follows the seed paper: median (Q1, Q3) before and after with the chosen quartile
definition (SPSS type 6 by default), Wilcoxon signed-rank Z and P as SPSS prints them, all on
the complete pairs of each measure (n per row). The numbers come from
`hemorehab.stats.paired.analyze_pair`; the printed cells from `formatting.table1_row`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from hemorehab.stats._util import FloatArray, as_float_array, complete_pairs, num
from hemorehab.stats.descriptives import Summary, describe
from hemorehab.stats.errors import InsufficientDataError
from hemorehab.stats.formatting import Table1Row, format_p, table1_row
from hemorehab.stats.groups import MannWhitney, WelchT, mann_whitney, welch_t
from hemorehab.stats.paired import analyze_pair
from hemorehab.stats.report.dataset import CATEGORIES, HJHS_COMPONENTS, MEASURES, after, before
from hemorehab.stats.report.labels import label

REDUCTION = "joint_bleed_reduction"
REDUCTION_BY = "prior_regimen"


@dataclass(frozen=True)
class Quartiles:
    median: float
    q1: float
    q3: float
    n: int

    @classmethod
    def of(cls, summary: Summary) -> Quartiles:
        return cls(summary.median, summary.q1, summary.q3, summary.n)

    def to_dict(self) -> dict[str, Any]:
        return {"median": num(self.median), "q1": num(self.q1), "q3": num(self.q3), "n": self.n}


@dataclass(frozen=True)
class OutcomeRow:
    """One Table 1 row: summaries of the complete pairs, Wilcoxon Z and P, printed cells."""

    measure: str
    label: str
    level: int
    before: Quartiles
    after: Quartiles
    z: float
    p: float
    exact_p: float | None
    effect_size_r: float
    n_dropped: int
    display: Table1Row
    notes: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "measure": self.measure,
            "label": self.label,
            "level": self.level,
            "before": self.before.to_dict(),
            "after": self.after.to_dict(),
            "z": num(self.z),
            "p": num(self.p),
            "p_text": self.display.p,
            "exact_p": num(self.exact_p),
            "effect_size_r": num(self.effect_size_r),
            "n_dropped": self.n_dropped,
            "display": self.display.to_dict(),
            "notes": list(self.notes),
        }


def _untested_row(
    measure: str, name: str, pre: FloatArray, post: FloatArray, method: str | int, why: str
) -> OutcomeRow:
    """A row with summaries but no test (fewer than 2 complete pairs)."""
    x, y = complete_pairs(pre, post)
    b, a = describe(x, method), describe(y, method)
    nan = float("nan")
    return OutcomeRow(
        measure=measure,
        label=name,
        level=1 if measure in HJHS_COMPONENTS else 0,
        before=Quartiles.of(b),
        after=Quartiles.of(a),
        z=nan,
        p=nan,
        exact_p=None,
        effect_size_r=nan,
        n_dropped=int(pre.size - x.size),
        display=table1_row(name, b, a, None, None),
        notes=(why,),
    )


def outcome_row(
    frame: pd.DataFrame, measure: str, quantile_method: str | int, language: str
) -> OutcomeRow:
    pre, post = as_float_array(frame[before(measure)]), as_float_array(frame[after(measure)])
    name = label(measure, language)
    try:
        pair = analyze_pair(pre, post, (before(measure), after(measure)), quantile_method)
    except InsufficientDataError as error:
        return _untested_row(measure, name, pre, post, quantile_method, str(error))
    w = pair.wilcoxon
    return OutcomeRow(
        measure=measure,
        label=name,
        level=1 if measure in HJHS_COMPONENTS else 0,
        before=Quartiles.of(pair.pre_summary),
        after=Quartiles.of(pair.post_summary),
        z=w.z,
        p=w.p,
        exact_p=w.exact_p,
        effect_size_r=pair.effect_size_r,
        n_dropped=pair.n_dropped,
        display=table1_row(name, pair.pre_summary, pair.post_summary, w.z, w.p),
        notes=w.notes,
    )


def table1(
    frame: pd.DataFrame, quantile_method: str | int = "spss", language: str = "en"
) -> tuple[OutcomeRow, ...]:
    """Every measure of MEASURES, in the paper's order."""
    return tuple(outcome_row(frame, m, quantile_method, language) for m in MEASURES)


@dataclass(frozen=True)
class GroupComparisonResult:
    """Reduction in joint bleeds (before minus during) by the regimen before the program."""

    variable: str
    by: str
    groups: dict[str, Summary]
    mann_whitney: MannWhitney | None
    welch_t: WelchT | None
    n_dropped: int
    notes: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        keys = ("n", "median", "q1", "q3", "mean", "sd")
        groups = {k: {key: _n(getattr(s, key)) for key in keys} for k, s in self.groups.items()}
        mw = self.mann_whitney
        tests: dict[str, Any] = {
            "u": num(mw.u) if mw else None,
            "z": num(mw.z) if mw else None,
            "p": num(mw.p) if mw else None,
            "p_text": format_p(mw.p if mw else None),
            "exact_p": num(mw.exact_p) if mw else None,
            "method": mw.method if mw else None,
        }
        return {
            "variable": self.variable,
            "by": self.by,
            "groups": groups,
            "mann_whitney": tests,
            "welch_t": self.welch_t.to_dict() if self.welch_t else None,
            "n_dropped": self.n_dropped,
            "notes": list(self.notes),
        }


def _n(value: float | int) -> float | int | None:
    return value if isinstance(value, int) else num(value)


def bleed_reduction_by_regimen(
    frame: pd.DataFrame, quantile_method: str | int = "spss"
) -> GroupComparisonResult:
    """Mann-Whitney U (SPSS) of before - during joint bleeds, prophylaxis vs on demand."""
    measure = "joint_bleeds_12w"
    reduction = as_float_array(frame[before(measure)]) - as_float_array(frame[after(measure)])
    present = ~np.isnan(reduction)
    regimen = frame[REDUCTION_BY].to_numpy()
    samples = {lv: reduction[present & (regimen == lv)] for lv in CATEGORIES[REDUCTION_BY]}
    notes = [f"{int((~present).sum())} child(ren) without both bleed counts left out"]
    mw, wt = None, None
    try:
        mw = mann_whitney(*samples.values())
        wt = welch_t(*samples.values())
        notes += list(mw.notes)
    except InsufficientDataError as error:
        notes.append(str(error))
    return GroupComparisonResult(
        variable=REDUCTION,
        by=REDUCTION_BY,
        groups={lv: describe(v, quantile_method) for lv, v in samples.items()},
        mann_whitney=mw,
        welch_t=wt,
        n_dropped=int((~present).sum()),
        notes=tuple(notes),
    )
