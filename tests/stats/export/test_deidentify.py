"""De-identified exports: no direct identifiers, dates shifted per patient by a keyed HMAC."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from hemorehab.stats.export.deidentify import (
    DIRECT_IDENTIFIERS,
    MAX_SHIFT_DAYS,
    ExportKeyError,
    date_shift_days,
    deidentify,
)
from tools.demo.frames import demo_frame

KEY = b"a-secret-key-of-32-bytes-for-tests"


@pytest.fixture
def identified():
    frame = demo_frame(6, seed=1)
    frame["name"] = [f"Child {i}" for i in range(6)]
    frame["hospital_number"] = [f"H{i:05d}" for i in range(6)]
    frame["date_of_birth"] = pd.to_datetime("2015-03-01") + pd.to_timedelta(range(6), unit="D")
    frame["contacts"] = "+86 000"
    frame["baseline_date"] = pd.to_datetime("2024-01-08") + pd.to_timedelta(range(6), unit="W")
    frame["final_date"] = frame["baseline_date"] + pd.Timedelta(weeks=12)
    frame["consent_day"] = [dt.date(2024, 1, 1)] * 6
    return frame


def test_shift_is_deterministic_nonzero_and_bounded():
    shifts = [date_shift_days(KEY, f"HR-{i:03d}") for i in range(300)]
    assert shifts == [date_shift_days(KEY, f"HR-{i:03d}") for i in range(300)]
    assert all(1 <= abs(s) <= MAX_SHIFT_DAYS for s in shifts)
    assert min(shifts) < 0 < max(shifts)
    assert len(set(shifts)) > 100


def test_shift_depends_on_the_key():
    other = b"another-secret-key-of-32-bytes!!"
    shifts = [date_shift_days(KEY, f"HR-{i:03d}") for i in range(20)]
    assert shifts != [date_shift_days(other, f"HR-{i:03d}") for i in range(20)]


def test_short_key_is_refused():
    with pytest.raises(ExportKeyError, match="at least 16 bytes; got 3"):
        date_shift_days("abc", "HR-001")


def test_direct_identifiers_are_dropped_by_default(identified):
    out = deidentify(identified, key=KEY)
    assert not set(DIRECT_IDENTIFIERS) & set(out.columns)
    assert {"study_id", "age_months"} <= set(out.columns)


def test_dates_shift_but_intervals_within_a_patient_stay(identified):
    out = deidentify(identified, key=KEY)
    assert (out["baseline_date"] != identified["baseline_date"]).all()
    assert (out["final_date"] - out["baseline_date"]).equals(
        identified["final_date"] - identified["baseline_date"]
    )
    shift = (out["baseline_date"] - identified["baseline_date"]).dt.days
    expected = identified["study_id"].map(lambda s: date_shift_days(KEY, s))
    assert list(shift) == list(expected)
    assert [
        (a - b).days for a, b in zip(out["consent_day"], identified["consent_day"], strict=True)
    ] == list(expected)


def test_same_patient_gets_the_same_shift_across_rows():
    visits = pd.DataFrame(
        {
            "study_id": ["HR-001", "HR-001", "HR-002"],
            "visit": pd.to_datetime(["2024-01-01", "2024-02-15", "2024-01-01"]),
        }
    )
    out = deidentify(visits, key=KEY)
    assert (out["visit"][1] - out["visit"][0]).days == 45
    assert out["visit"][0] != out["visit"][2]


def test_identified_export_keeps_everything(identified):
    out = deidentify(identified, key=KEY, identified=True)
    assert out.equals(identified)


def test_listed_columns_and_dates_can_be_chosen(identified):
    out = deidentify(identified, key=KEY, identifier_columns=["name"], date_columns=["final_date"])
    assert "hospital_number" in out.columns and "name" not in out.columns
    assert out["baseline_date"].equals(identified["baseline_date"])
    assert not out["final_date"].equals(identified["final_date"])
