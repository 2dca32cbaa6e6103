"""A small hand-made analysis dataset and study flow for the report tests."""

from __future__ import annotations

import numpy as np
import pandas as pd

from hemorehab.stats.report.dataset import COLUMNS
from hemorehab.stats.report.flow import StudyFlow
from tools.demo.frames import demo_frame

HJHS_BEFORE = [9, 4, 15, 12, 6, 20, 3, 8, 10, 11]
HJHS_AFTER = [2, 1, 6, 7, 6, 9, 1, 3, 4, np.nan]
BLEEDS_BEFORE = [3, 2, 4, 5, 1, 3, 2, 6, 3, 4]
BLEEDS_AFTER = [0, 0, 1, 2, 1, 0, 0, 1, 1, np.nan]
PRIOR = ["prophylaxis"] * 6 + ["on_demand"] * 4
AGES = [48, 85, 95, 96, 120, 215, 60, 150, 100, 130]


def small_frame() -> pd.DataFrame:
    """Ten children; the last one withdrew before the after-assessment."""
    frame = demo_frame(10, seed=3, missing_rate=0.0)
    frame["age_months"] = AGES
    frame["prior_regimen"] = PRIOR
    frame["prophylaxis_changed"] = [p == "on_demand" for p in PRIOR]
    frame["hemophilia_type"] = ["A"] * 8 + ["B"] * 2
    frame["severity"] = ["severe"] * 7 + ["moderate"] * 3
    frame["affected_joints"] = [1, 1, 2, 1, 3, 2, 1, 1, 2, 1]
    frame["hjhs_total_before"], frame["hjhs_total_after"] = HJHS_BEFORE, HJHS_AFTER
    frame["joint_bleeds_12w_before"] = [float(v) for v in BLEEDS_BEFORE]
    frame["joint_bleeds_12w_after"] = BLEEDS_AFTER
    frame["status"] = ["completed"] * 9 + ["withdrawn"]
    return frame[list(COLUMNS)]


def small_flow(enrolled: int = 10) -> StudyFlow:
    return StudyFlow(
        screened=enrolled + 4,
        eligible=enrolled + 1,
        not_eligible=3,
        enrolled=enrolled,
        completed=9,
        withdrawn=1,
        excluded_by_reason={"bleed in the last 4 weeks": 2, "inhibitor": 1, "declined": 1},
    )
