"""Who was in the cohort: age, hemophilia type, severity, regimens, affected joints, status.

Counts list every allowed level (zero included) in the dataset's category order. Ages are
printed in completed years and months ("7 y 1 m"; a fractional median month is floored).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from hemorehab.stats._util import num
from hemorehab.stats.descriptives import Summary, describe
from hemorehab.stats.report.dataset import CATEGORIES
from hemorehab.stats.report.labels import LANGUAGES, check_language


def format_age(months: float, language: str = "en") -> str:
    """'7 y 1 m' / '7岁1个月' from months; '-' when missing."""
    if not math.isfinite(months):
        return "-"
    years, rest = divmod(math.floor(months), 12)
    if check_language(language) == "zh-hans":
        return f"{years}岁{rest}个月"
    return f"{years} y {rest} m"


def _short(summary: Summary) -> dict[str, Any]:
    keys = ("median", "q1", "q3", "min", "max")
    return {"n": summary.n} | {k: num(getattr(summary, k)) for k in keys}


@dataclass(frozen=True)
class CohortSummary:
    n: int
    age_months: Summary
    hemophilia_type: dict[str, int]
    severity: dict[str, int]
    prior_regimen: dict[str, int]
    status: dict[str, int]
    centers: dict[str, int]
    affected_joints: Summary
    joints_one: int
    joints_two_or_more: int
    infusions_before: Summary
    infusions_during: Summary
    prophylaxis_changed: int

    def age_text(self, language: str = "en") -> dict[str, str]:
        return {
            k: format_age(getattr(self.age_months, k), language) for k in ("median", "min", "max")
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "age_months": _short(self.age_months),
            "age_text": {lang: self.age_text(lang) for lang in LANGUAGES},
            "hemophilia_type": dict(self.hemophilia_type),
            "severity": dict(self.severity),
            "prior_regimen": dict(self.prior_regimen),
            "status": dict(self.status),
            "centers": dict(self.centers),
            "affected_joints": _short(self.affected_joints)
            | {"one": self.joints_one, "two_or_more": self.joints_two_or_more},
            "infusions_per_week_before": _short(self.infusions_before),
            "infusions_per_week_during": _short(self.infusions_during),
            "prophylaxis_changed": self.prophylaxis_changed,
        }


def _counts(column: pd.Series, levels: tuple[str, ...] | None = None) -> dict[str, int]:
    found = column.value_counts()
    order = levels if levels is not None else tuple(sorted(str(v) for v in found.index))
    return {level: int(found.get(level, 0)) for level in order}


def describe_cohort(frame: pd.DataFrame, quantile_method: str | int = "spss") -> CohortSummary:
    """The cohort of a validated analysis dataset (every row, whatever its status)."""
    joints = frame["affected_joints"]
    return CohortSummary(
        n=len(frame),
        age_months=describe(frame["age_months"], quantile_method),
        hemophilia_type=_counts(frame["hemophilia_type"], CATEGORIES["hemophilia_type"]),
        severity=_counts(frame["severity"], CATEGORIES["severity"]),
        prior_regimen=_counts(frame["prior_regimen"], CATEGORIES["prior_regimen"]),
        status=_counts(frame["status"], CATEGORIES["status"]),
        centers=_counts(frame["center"]),
        affected_joints=describe(joints, quantile_method),
        joints_one=int((joints == 1).sum()),
        joints_two_or_more=int((joints >= 2).sum()),
        infusions_before=describe(frame["infusions_per_week_before"], quantile_method),
        infusions_during=describe(frame["infusions_per_week_during"], quantile_method),
        prophylaxis_changed=int(frame["prophylaxis_changed"].sum()),
    )
