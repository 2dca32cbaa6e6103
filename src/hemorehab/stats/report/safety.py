"""Adherence to home training and adverse events related to rehabilitation, where recorded.

A child with no value (NaN) has nothing recorded; when no child has a value the summary
says "not recorded" rather than reporting zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from hemorehab.stats._util import as_float_array, drop_nan, num
from hemorehab.stats.descriptives import Summary, describe

ADHERENCE_TARGET = 0.8


@dataclass(frozen=True)
class AdherenceSummary:
    """Fraction of planned home sessions done, as percent; None summary = not recorded."""

    n_children: int
    n_recorded: int
    percent: Summary | None
    at_least_target: int

    @property
    def recorded(self) -> bool:
        return self.percent is not None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "recorded": self.recorded,
            "n_children": self.n_children,
            "n_recorded": self.n_recorded,
        }
        if self.percent is None:
            return out | {"summary": None, "note": "not recorded"}
        keys = ("mean", "sd", "median", "q1", "q3", "min", "max")
        summary = {k: num(getattr(self.percent, k)) for k in keys}
        return out | {
            "unit": "percent of planned home sessions done",
            "summary": summary,
            "at_least_80_percent": self.at_least_target,
        }


def adherence_summary(frame: pd.DataFrame, quantile_method: str | int = "spss") -> AdherenceSummary:
    values = drop_nan(as_float_array(frame["adherence"]))
    percent = describe(values * 100.0, quantile_method) if values.size else None
    target = int(np.sum(values >= ADHERENCE_TARGET))
    return AdherenceSummary(len(frame), int(values.size), percent, target)


@dataclass(frozen=True)
class AdverseEventSummary:
    n_children: int
    n_recorded: int
    total_events: int | None
    children_with_event: int | None

    @property
    def recorded(self) -> bool:
        return self.n_recorded > 0

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "recorded": self.recorded,
            "n_children": self.n_children,
            "n_recorded": self.n_recorded,
            "total_events": self.total_events,
            "children_with_event": self.children_with_event,
        }
        return out if self.recorded else out | {"note": "not recorded"}


def adverse_event_summary(frame: pd.DataFrame) -> AdverseEventSummary:
    values = drop_nan(as_float_array(frame["adverse_events_related"]))
    if not values.size:
        return AdverseEventSummary(len(frame), 0, None, None)
    return AdverseEventSummary(
        len(frame), int(values.size), int(values.sum()), int(np.sum(values > 0))
    )
