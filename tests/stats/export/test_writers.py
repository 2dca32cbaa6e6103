"""CSV, XLSX and SPSS exports read back with the same values, labels and dictionary."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pyreadstat
import pytest

from hemorehab.stats.export.dictionary import (
    CODES,
    VARIABLES,
    data_dictionary,
    decode,
    dictionary_csv,
)
from hemorehab.stats.export.writers import to_csv_bytes, to_sav_bytes, to_xlsx_bytes
from hemorehab.stats.report.dataset import COLUMNS, validate_dataset
from tools.demo.frames import demo_frame


@pytest.fixture(scope="module")
def frame():
    data = validate_dataset(demo_frame(12, seed=4))
    data.loc[0, "adherence"] = np.nan
    return data


def read_sav(payload: bytes, tmp_path, **options):
    path = tmp_path / "back.sav"
    path.write_bytes(payload)
    return pyreadstat.read_sav(str(path), **options)


def assert_same(back: pd.DataFrame, frame: pd.DataFrame) -> None:
    for column in frame.columns:
        got, want = back[column], frame[column]
        if pd.api.types.is_numeric_dtype(want.dtype) and not pd.api.types.is_bool_dtype(want.dtype):
            np.testing.assert_allclose(got.astype(float), want.astype(float), err_msg=column)
        else:
            assert list(got) == list(want), column


def test_sav_reads_back_with_the_same_values(frame, tmp_path):
    back, _ = read_sav(to_sav_bytes(frame), tmp_path)
    assert list(back.columns) == list(frame.columns)
    assert_same(decode(back), frame)


def test_sav_has_variable_and_value_labels(frame, tmp_path):
    _, meta = read_sav(to_sav_bytes(frame), tmp_path)
    labels = meta.column_names_to_labels
    assert labels["hjhs_total_before"] == "HJHS 2.1 total, before rehabilitation"
    assert meta.variable_value_labels["prior_regimen"] == {0.0: "On demand", 1.0: "Prophylaxis"}
    assert meta.variable_value_labels["hemophilia_type"] == {
        1.0: "Hemophilia A",
        2.0: "Hemophilia B",
    }
    assert meta.variable_value_labels["severity"] == {1.0: "Mild", 2.0: "Moderate", 3.0: "Severe"}
    assert meta.variable_value_labels["prophylaxis_changed"] == {0.0: "No", 1.0: "Yes"}
    assert meta.variable_measure["severity"] == "ordinal"
    assert meta.variable_measure["age_months"] == "scale"


def test_sav_labels_in_chinese(frame, tmp_path):
    _, meta = read_sav(to_sav_bytes(frame, language="zh-hans"), tmp_path)
    assert meta.column_names_to_labels["hjhs_total_before"] == "HJHS 2.1总分（康复前）"
    assert meta.variable_value_labels["severity"][3.0] == "重型"


def test_sav_value_labels_apply_when_read_as_categories(frame, tmp_path):
    back, _ = read_sav(to_sav_bytes(frame), tmp_path, apply_value_formats=True)
    assert set(back["prior_regimen"]) <= {"On demand", "Prophylaxis"}


def test_csv_has_a_bom_and_reads_back(frame):
    payload = to_csv_bytes(frame)
    assert payload.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(payload), encoding="utf-8-sig")
    assert_same(back, frame)


def test_xlsx_has_data_and_dictionary_sheets(frame):
    sheets = pd.read_excel(io.BytesIO(to_xlsx_bytes(frame)), sheet_name=None)
    assert list(sheets) == ["data", "dictionary"]
    assert_same(sheets["data"], frame)
    assert list(sheets["dictionary"]["variable"]) == list(frame.columns)


def test_dictionary_describes_every_column_in_both_languages():
    rows = data_dictionary()
    assert [r["variable"] for r in rows] == list(COLUMNS)
    keys = {"variable", "label_en", "label_zh", "type", "unit", "allowed_values", "derivation"}
    assert all(keys <= set(r) for r in rows)
    assert all(r["label_en"] and r["label_zh"] and r["derivation"] for r in rows)
    assert VARIABLES["prior_regimen"].to_dict()["spss_codes"] == "0 = On demand; 1 = Prophylaxis"
    assert set(CODES) <= set(COLUMNS)


def test_dictionary_of_an_export_covers_extra_columns():
    frame = demo_frame(3).assign(visit_date=pd.to_datetime("2024-01-01"))
    extra = data_dictionary(frame)[-1]
    assert (extra["variable"], extra["type"]) == ("visit_date", "date")
    assert extra["derivation"] == "not in the standard dictionary"


def test_dictionary_csv_is_excel_friendly():
    payload = dictionary_csv(data_dictionary())
    assert payload.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(payload), encoding="utf-8-sig")
    assert back.loc[back["variable"] == "severity", "label_zh"].item() == "严重程度"


def test_sav_keeps_shifted_dates(tmp_path):
    frame = demo_frame(3).assign(visit=pd.to_datetime(["2024-01-01", None, "2024-03-01"]))
    back, meta = read_sav(to_sav_bytes(frame), tmp_path)
    assert meta.original_variable_types["visit"].startswith("DATETIME")
    assert back["visit"].equals(frame["visit"].astype(back["visit"].dtype))
