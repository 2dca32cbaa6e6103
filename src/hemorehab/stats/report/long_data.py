"""Long inputs of the figures: HJHS item scores per joint, and joint bleeds by week.

- joint items: one row per child x joint x HJHS item x timepoint, columns JOINT_ITEM_COLUMNS;
  joint and item use the names of `hemorehab.clinical.hjhs`, timepoint is 'T0' (before) or
  'T12' (after the 12-week program), score is the item score (NaN = not evaluable);
- bleed weeks: one row per joint bleed, columns BLEED_WEEK_COLUMNS; week -12..-1 are the
  12 weeks before the program, 1..12 the program weeks; there is no week 0.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from hemorehab.clinical import hjhs
from hemorehab.stats.report.dataset import STUDY_ID, DatasetColumnError, show

JOINT_ITEM_COLUMNS: tuple[str, ...] = (STUDY_ID, "joint", "item", "timepoint", "score")
BLEED_WEEK_COLUMNS: tuple[str, ...] = (STUDY_ID, "week")
TIMEPOINTS: tuple[str, ...] = ("T0", "T12")
JOINTS: tuple[str, ...] = hjhs.JOINTS
ITEMS: tuple[str, ...] = tuple(hjhs.ITEMS)
WEEKS: tuple[int, ...] = (*range(-12, 0), *range(1, 13))


def _require(frame: pd.DataFrame, columns: tuple[str, ...]) -> None:
    for column in columns:
        if column not in frame.columns:
            raise DatasetColumnError(column, "missing (required column)")


def _allowed(frame: pd.DataFrame, column: str, allowed: tuple[object, ...]) -> None:
    bad = ~frame[column].isin(allowed)
    if bad.any():
        shown = ", ".join(str(a) for a in allowed)
        raise DatasetColumnError(
            column, f"value {show(frame[column][bad].iloc[0])} is not one of {shown}"
        )


def validate_joint_items(frame: pd.DataFrame) -> pd.DataFrame:
    """Checked copy of a joint-item frame; scores must lie within each item's range."""
    _require(frame, JOINT_ITEM_COLUMNS)
    _allowed(frame, "joint", JOINTS)
    _allowed(frame, "item", ITEMS)
    _allowed(frame, "timepoint", TIMEPOINTS)
    out = frame.loc[:, list(JOINT_ITEM_COLUMNS)].copy()
    out["score"] = pd.to_numeric(out["score"], errors="coerce")
    if (out["score"].isna() & frame["score"].notna()).any():
        raise DatasetColumnError("score", "expected numbers (NaN = not evaluable)")
    high = out["item"].map(hjhs.ITEMS).astype(float)
    if ((out["score"] < 0) | (out["score"] > high)).any():
        raise DatasetColumnError("score", "outside the HJHS 2.1 range of its item")
    return out.reset_index(drop=True)


def validate_bleed_weeks(frame: pd.DataFrame) -> pd.DataFrame:
    """Checked copy of a bleed-week frame (weeks -12..-1 and 1..12)."""
    _require(frame, BLEED_WEEK_COLUMNS)
    out = frame.loc[:, list(BLEED_WEEK_COLUMNS)].copy()
    weeks = pd.to_numeric(out["week"], errors="coerce")
    bad = ~weeks.isin(WEEKS)
    if bad.any():
        raise DatasetColumnError(
            "week", f"value {show(frame['week'][bad].iloc[0])} is not one of -12..-1, 1..12"
        )
    out["week"] = weeks.astype(np.int64)
    return out.reset_index(drop=True)
