"""Write the (de-identified) analysis dataset as CSV, XLSX and SPSS .sav bytes.

- CSV: UTF-8 with a byte-order mark, so Excel shows Chinese correctly; text values kept;
- XLSX: sheet "data" and sheet "dictionary" (openpyxl);
- SAV: categorical variables as numeric codes with value labels (dictionary.CODES),
  variable labels in English or Chinese, measurement level per variable (pyreadstat).
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd
import pyreadstat

from hemorehab.stats.export.dictionary import (
    CODES,
    Variable,
    data_dictionary,
    encode,
    value_label,
)
from hemorehab.stats.report.labels import check_language

ORDINAL = ("severity",)


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def to_xlsx_bytes(frame: pd.DataFrame, extra: Mapping[str, Variable] | None = None) -> bytes:
    """Workbook with the data and its dictionary."""
    buffer = io.BytesIO()
    dictionary = pd.DataFrame(data_dictionary(frame, extra))
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name="data", index=False)
        dictionary.to_excel(writer, sheet_name="dictionary", index=False)
        for sheet in writer.sheets.values():
            sheet.freeze_panes = "A2"
    return buffer.getvalue()


def sav_metadata(
    frame: pd.DataFrame, language: str = "en", extra: Mapping[str, Variable] | None = None
) -> dict[str, Any]:
    """Variable labels, value labels and measurement levels for pyreadstat.write_sav; `extra`
    describes columns beyond the standard ones (dictionary.data_dictionary)."""
    lang = check_language(language)
    key = "label_zh" if lang == "zh-hans" else "label_en"
    labels = {row["variable"]: row[key] for row in data_dictionary(frame, extra)}
    values = {
        name: {float(code): value_label(value, lang) for value, code in codes.items()}
        for name, codes in CODES.items()
        if name in frame.columns
    }
    measure = {
        str(c): "ordinal" if c in ORDINAL else "nominal" if c in CODES else _level(frame[c])
        for c in frame.columns
    }
    return {"column_labels": labels, "variable_value_labels": values, "variable_measure": measure}


def _level(column: pd.Series) -> str:
    return "scale" if pd.api.types.is_numeric_dtype(column.dtype) else "nominal"


def to_sav_bytes(
    frame: pd.DataFrame, language: str = "en", extra: Mapping[str, Variable] | None = None
) -> bytes:
    """SPSS .sav of the frame (categories coded, labelled)."""
    meta = sav_metadata(frame, language, extra)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "dataset.sav"
        pyreadstat.write_sav(encode(frame), str(path), **meta)
        return path.read_bytes()
