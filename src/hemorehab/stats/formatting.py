"""The only place numbers become text: P values and Table 1 cells as the paper prints them."""

from __future__ import annotations

import math
from dataclasses import dataclass

from hemorehab.stats.descriptives import Summary

P_FLOOR = 0.001


def format_p(p: float | None) -> str:
    """'<0.001' below 0.001, else three decimals ('0.740'); '-' when missing."""
    if p is None or not math.isfinite(p):
        return "-"
    if p < P_FLOOR:
        return "<0.001"
    return f"{p:.3f}"


def format_number(value: float | None, decimals: int = 2) -> str:
    """Fixed decimals; '-' when missing. Minus sign as '−' is left to the renderer."""
    if value is None or not math.isfinite(value):
        return "-"
    return f"{value:.{decimals}f}"


def format_median_iqr(summary: Summary, decimals: int = 2) -> str:
    """'9.00 (4.00, 15.00)': median (Q1, Q3)."""
    parts = (format_number(v, decimals) for v in (summary.median, summary.q1, summary.q3))
    median, q1, q3 = parts
    return f"{median} ({q1}, {q3})"


def format_mean_sd(summary: Summary, decimals: int = 2) -> str:
    """'7.10 ± 2.30'."""
    return f"{format_number(summary.mean, decimals)} ± {format_number(summary.sd, decimals)}"


@dataclass(frozen=True)
class Table1Row:
    """One row of a before/after table: label, before, after, Z, P as printed text."""

    label: str
    before: str
    after: str
    z: str
    p: str

    def to_dict(self) -> dict[str, str]:
        return {
            "label": self.label,
            "before": self.before,
            "after": self.after,
            "z": self.z,
            "p": self.p,
        }


def table1_row(
    label: str, before: Summary, after: Summary, z: float | None, p: float | None
) -> Table1Row:
    """Row in the paper's style: median (Q1, Q3) with 2 decimals, Z with 3, formatted P."""
    return Table1Row(
        label=label,
        before=format_median_iqr(before),
        after=format_median_iqr(after),
        z=format_number(z, 3),
        p=format_p(p),
    )
