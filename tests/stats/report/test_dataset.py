"""The analysis dataset: its columns, its checks and the demo frame."""

from __future__ import annotations

import numpy as np
import pytest

from hemorehab.stats.report.dataset import (
    COLUMNS,
    MEASURES,
    DatasetColumnError,
    analysis_rows,
    validate_dataset,
)
from tools.demo.frames import demo_frame


def test_demo_frame_is_valid_deterministic_and_complete():
    frame = demo_frame(30, seed=5)
    assert list(frame.columns) == list(COLUMNS)
    assert frame.equals(demo_frame(30, seed=5))
    clean = validate_dataset(frame)
    assert clean["age_months"].dtype == np.int64
    assert clean["prophylaxis_changed"].dtype == bool


def test_table1_measures_are_in_the_paper_order():
    assert MEASURES[:2] == ("head_us_c_total", "hjhs_total")
    assert MEASURES[-2:] == ("cho_klat", "joint_bleeds_12w")


def test_missing_column_is_named():
    frame = demo_frame(5).drop(columns=["adherence"])
    with pytest.raises(DatasetColumnError, match="'adherence': missing"):
        validate_dataset(frame)


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("hemophilia_type", "C", "'hemophilia_type': value 'C' is not one of A, B"),
        ("severity", "Severe", "not one of severe, moderate, mild"),
        ("age_months", 85.5, "'age_months': expected whole numbers"),
        ("adherence", 1.2, "'adherence': value 1.2 is outside 0 to 1"),
        ("hjhs_total_before", 125.0, "outside 0 to 124"),
        ("cho_klat_after", "high", "'cho_klat_after': value 'high' is not a finite number"),
        ("prophylaxis_changed", "yes", "'prophylaxis_changed': value 'yes' is not true/false"),
        ("study_id", None, "'study_id': has a missing value"),
    ],
)
def test_bad_value_is_named_with_its_column(column, value, message):
    frame = demo_frame(5).astype({column: object})
    frame.loc[2, column] = value
    with pytest.raises(DatasetColumnError, match=message):
        validate_dataset(frame)


def test_duplicate_study_id_is_refused():
    frame = demo_frame(5)
    frame.loc[3, "study_id"] = frame.loc[1, "study_id"]
    with pytest.raises(DatasetColumnError, match="duplicate value 'HR-002'"):
        validate_dataset(frame)


def test_active_children_are_left_out_of_the_analysis_set():
    frame = validate_dataset(demo_frame(6))
    frame.loc[0, "status"] = "active"
    assert list(analysis_rows(frame)["study_id"]) == list(frame["study_id"][1:])
