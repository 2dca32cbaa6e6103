"""The analysis dataset of the study report: one row per child, columns named here.

`validate_dataset` checks a frame once and returns a clean copy (floats for measures,
integers, booleans, category texts); the first problem raises DatasetColumnError naming
the column and what was expected. `analysis_rows` is the outcome-analysis set used by every
table and figure: children whose status is not 'active' (the program is still running for
them, so an after-value would be interim).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import numpy as np
import pandas as pd
from pandas.api import types as ptypes

from hemorehab.clinical import hjhs
from hemorehab.stats.errors import StatsError

STUDY_ID = "study_id"
STATUS = "status"
ACTIVE = "active"

MEASURES: tuple[str, ...] = (
    "head_us_c_total",
    "hjhs_total",
    "hjhs_muscle_strength_atrophy",
    "hjhs_flexion_extension",
    "hjhs_crepitus",
    "hjhs_gait",
    "hjhs_swelling",
    "cho_klat",
    "joint_bleeds_12w",
)
"""Table 1 rows, in the paper's order."""

MAIN_OUTCOMES: tuple[str, ...] = ("head_us_c_total", "hjhs_total", "cho_klat", "joint_bleeds_12w")
HJHS_COMPONENTS: tuple[str, ...] = MEASURES[2:7]


def before(measure: str) -> str:
    return f"{measure}_before"


def after(measure: str) -> str:
    return f"{measure}_after"


CATEGORIES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "hemophilia_type": ("A", "B"),
        "severity": ("severe", "moderate", "mild"),
        "prior_regimen": ("prophylaxis", "on_demand"),
        STATUS: ("completed", "active", "withdrawn"),
        "cho_klat_form": ("parent", "child", "none"),
    }
)
TEXT_COLUMNS: tuple[str, ...] = (STUDY_ID, "center")
INTEGER_COLUMNS: tuple[str, ...] = ("age_months", "affected_joints")
QUALITY_FLAGS: tuple[str, ...] = (
    "hjhs_incomplete_before",
    "hjhs_incomplete_after",
    "cho_klat_form_changed",
)
"""Data-quality flags: an HJHS total over fewer than all items (NE items, instruments.md s1:
not comparable with a complete total), and a CHO-KLAT pair that could only be made from two
different forms (so no pair was made; seed s2.5: parent proxy 4-12, self report 12-18)."""
BOOLEAN_COLUMNS: tuple[str, ...] = ("prophylaxis_changed", *QUALITY_FLAGS)
FLOAT_COLUMNS: tuple[str, ...] = (
    "infusions_per_week_before",
    "infusions_per_week_during",
    "adherence",
    "adverse_events_related",
    *(column for m in MEASURES for column in (before(m), after(m))),
)
"""Numeric columns where NaN means missing (not recorded)."""

COLUMNS: tuple[str, ...] = (
    STUDY_ID,
    "center",
    "age_months",
    "hemophilia_type",
    "severity",
    "prior_regimen",
    "affected_joints",
    "infusions_per_week_before",
    "infusions_per_week_during",
    "prophylaxis_changed",
    "adherence",
    "adverse_events_related",
    STATUS,
    *(column for m in MEASURES for column in (before(m), after(m))),
    "cho_klat_form",
    *QUALITY_FLAGS,
)


def _hjhs_max(component: str) -> float:
    items = [item for item, comp in hjhs.COMPONENT_OF.items() if comp == component]
    return float(sum(hjhs.ITEMS[i] for i in items) * len(hjhs.JOINTS))


INF = float("inf")
RANGES: Mapping[str, tuple[float, float]] = MappingProxyType(
    {
        "age_months": (0.0, 12.0 * 25),
        "affected_joints": (0.0, INF),
        "infusions_per_week_before": (0.0, 14.0),
        "infusions_per_week_during": (0.0, 14.0),
        "adherence": (0.0, 1.0),
        "adverse_events_related": (0.0, INF),
        "head_us_c_total": (0.0, INF),
        "hjhs_total": (0.0, float(hjhs.TOTAL_MAX)),
        "hjhs_muscle_strength_atrophy": (0.0, _hjhs_max("muscle_strength_atrophy")),
        "hjhs_flexion_extension": (0.0, _hjhs_max("flexion_extension")),
        "hjhs_crepitus": (0.0, _hjhs_max("crepitus")),
        "hjhs_gait": (0.0, float(hjhs.GAIT_MAX)),
        "hjhs_swelling": (0.0, _hjhs_max("swelling")),
        "cho_klat": (0.0, 100.0),
        "joint_bleeds_12w": (0.0, INF),
    }
)
"""Allowed (low, high) per column; a measure's range applies to its _before and _after."""


def show(value: object) -> str:
    """A value as the user typed it: numpy scalars as plain Python values."""
    item = getattr(value, "item", None)
    return repr(item() if callable(item) else value)


class DatasetColumnError(StatsError):
    """A column of the analysis dataset is missing or holds a value it may not hold."""

    def __init__(self, column: str, problem: str) -> None:
        self.column = column
        self.problem = problem
        super().__init__(f"analysis dataset column '{column}': {problem}")


def validate_dataset(frame: pd.DataFrame) -> pd.DataFrame:
    """A checked copy with clean types; DatasetColumnError at the first bad column."""
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise DatasetColumnError(missing[0], "missing (required column)")
    out = frame.copy()
    for column in TEXT_COLUMNS:
        out[column] = _text(out[column], column)
    _check_unique_ids(out[STUDY_ID])
    for column, allowed in CATEGORIES.items():
        out[column] = _category(out[column], column, allowed)
    for column in INTEGER_COLUMNS:
        out[column] = _integer(out[column], column)
    for column in BOOLEAN_COLUMNS:
        out[column] = _boolean(out[column], column)
    for column in FLOAT_COLUMNS:
        out[column] = _float(out[column], column)
    for column in INTEGER_COLUMNS + FLOAT_COLUMNS:
        _check_range(out[column], column)
    return out.reset_index(drop=True)


def analysis_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """Children whose outcomes are analysed: every status except 'active'."""
    return frame[frame[STATUS] != ACTIVE].reset_index(drop=True)


def _text(column: pd.Series, name: str) -> pd.Series:
    if column.isna().any():
        raise DatasetColumnError(name, "has a missing value; every child needs one")
    return column.astype(str)


def _check_unique_ids(ids: pd.Series) -> None:
    duplicated = ids[ids.duplicated()]
    if not duplicated.empty:
        raise DatasetColumnError(STUDY_ID, f"duplicate value {show(duplicated.iloc[0])}")


def _category(column: pd.Series, name: str, allowed: tuple[str, ...]) -> pd.Series:
    bad = ~column.isin(allowed)
    if bad.any():
        value = column[bad].iloc[0]
        raise DatasetColumnError(name, f"value {show(value)} is not one of {', '.join(allowed)}")
    return column.astype(str)


def _numbers(column: pd.Series, name: str) -> np.ndarray:
    if ptypes.is_bool_dtype(column.dtype):
        raise DatasetColumnError(name, "expected numbers, found true/false values")
    values = pd.to_numeric(column, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
    bad = (np.isnan(values) & column.notna().to_numpy()) | np.isinf(values)
    if bad.any():
        value = column.iloc[int(np.argmax(bad))]
        raise DatasetColumnError(name, f"value {show(value)} is not a finite number")
    return values


def _integer(column: pd.Series, name: str) -> pd.Series:
    values = _numbers(column, name)
    if np.isnan(values).any():
        raise DatasetColumnError(name, "has a missing value; every child needs one")
    if not np.all(values == np.round(values)):
        raise DatasetColumnError(name, "expected whole numbers")
    return pd.Series(values.astype(np.int64), index=column.index, name=name)


def _float(column: pd.Series, name: str) -> pd.Series:
    return pd.Series(_numbers(column, name), index=column.index, name=name)


def _boolean(column: pd.Series, name: str) -> pd.Series:
    """True/False (or 1/0) without missing values, as bool."""
    bad = column.isna() | ~column.isin([True, False])  # 1 and 0 compare equal to True, False
    if bad.any():
        raise DatasetColumnError(name, f"value {show(column[bad].iloc[0])} is not true/false")
    return column.astype(bool)


def _check_range(column: pd.Series, name: str) -> None:
    key = name.removesuffix("_before").removesuffix("_after")
    low, high = RANGES.get(key, (-INF, INF))
    values = column.to_numpy(dtype=np.float64, na_value=np.nan)
    bad = (values < low) | (values > high)
    if bad.any():
        value = values[int(np.argmax(bad))]
        raise DatasetColumnError(name, f"value {value:g} is outside {low:g} to {high:g}")
