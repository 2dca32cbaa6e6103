"""The data dictionary of the analysis dataset: label (en/zh), type, unit, allowed values,
derivation and the SPSS numeric codes of each categorical variable.

SPSS users expect categories as numeric codes with value labels, so the .sav export codes
them (CODES); CSV and XLSX keep the text values. `decode` turns codes back into text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import pandas as pd
from pandas.api import types as ptypes

from hemorehab.stats.report.dataset import COLUMNS, MEASURES, RANGES, after, before
from hemorehab.stats.report.labels import label

CODES: Mapping[str, Mapping[Any, int]] = MappingProxyType(
    {
        "hemophilia_type": {"A": 1, "B": 2},
        "severity": {"mild": 1, "moderate": 2, "severe": 3},
        "prior_regimen": {"on_demand": 0, "prophylaxis": 1},
        "status": {"completed": 1, "active": 2, "withdrawn": 3},
        "prophylaxis_changed": {False: 0, True: 1},
        "cho_klat_form": {"none": 0, "parent": 1, "child": 2},
        "hjhs_incomplete_before": {False: 0, True: 1},
        "hjhs_incomplete_after": {False: 0, True: 1},
        "cho_klat_form_changed": {False: 0, True: 1},
    }
)
"""SPSS numeric codes per categorical variable (severity is ordinal, mild < severe)."""

YES_NO = {False: {"en": "No", "zh-hans": "否"}, True: {"en": "Yes", "zh-hans": "是"}}


def value_label(value: Any, language: str = "en") -> str:
    if isinstance(value, bool):
        return YES_NO[value][language]
    return label(str(value), language)


@dataclass(frozen=True)
class Variable:
    name: str
    label_en: str
    label_zh: str
    type: str
    unit: str = ""
    allowed: str = ""
    derivation: str = ""

    def codes_text(self) -> str:
        codes = CODES.get(self.name)
        if not codes:
            return ""
        return "; ".join(f"{code} = {value_label(v)}" for v, code in codes.items())

    def to_dict(self) -> dict[str, str]:
        return {
            "variable": self.name,
            "label_en": self.label_en,
            "label_zh": self.label_zh,
            "type": self.type,
            "unit": self.unit,
            "allowed_values": self.allowed,
            "derivation": self.derivation,
            "spss_codes": self.codes_text(),
        }


SCORE_SOURCE = {
    "head_us_c_total": "HEAD-US-C total over the examined joints (hemorehab.clinical.ultrasound)",
    "hjhs_total": "HJHS 2.1 total: 6 joints x 8 items + global gait (hemorehab.clinical.hjhs)",
    "hjhs_muscle_strength_atrophy": "HJHS 2.1 muscle atrophy + strength items, all joints",
    "hjhs_flexion_extension": "HJHS 2.1 flexion loss + extension loss items, all joints",
    "hjhs_crepitus": "HJHS 2.1 crepitus items, all joints",
    "hjhs_gait": "HJHS 2.1 global gait score",
    "hjhs_swelling": "HJHS 2.1 swelling + duration of swelling items, all joints",
    "cho_klat": "CHO-KLAT 2.0 score, 25 x mean of recoded items (hemorehab.clinical.cho_klat)",
    "joint_bleeds_12w": "count of joint bleeds in the 12 weeks before (before) or during (after)",
}
UNIT = {"cho_klat": "points (0-100, higher = better)", "joint_bleeds_12w": "bleeds"}


def _range_text(name: str) -> str:
    low, high = RANGES[name.removesuffix("_before").removesuffix("_after")]
    return f"{low:g} to {high:g}" if high != float("inf") else f">= {low:g}"


def _measure_variables() -> list[Variable]:
    out = []
    for m in MEASURES:
        unit = UNIT.get(m, "points (higher = worse)")
        for column, when, when_zh in (
            (before(m), "before", "康复前"),
            (after(m), "after", "康复后"),
        ):
            out.append(
                Variable(
                    column,
                    f"{label(m)}, {when} rehabilitation",
                    f"{label(m, 'zh-hans')}（{when_zh}）",
                    "float",
                    unit,
                    _range_text(column),
                    SCORE_SOURCE[m],
                )
            )
    return out


BASE: tuple[tuple[str, str, str, str, str, str], ...] = (
    # name, label_zh, type, unit, allowed values, derivation (English label from LABELS)
    ("study_id", "研究编号（假名）", "string", "", "unique", "assigned at enrolment"),
    ("center", "中心", "string", "", "", "center of enrolment"),
    ("age_months", "基线年龄", "integer", "months", "0 to 300",
     "completed months from date of birth to the baseline assessment"),
    ("hemophilia_type", "血友病类型", "category", "", "A; B", "hematology record"),
    ("severity", "严重程度", "category", "", "mild; moderate; severe",
     "from factor activity (IU/dL), hemorehab.clinical.severity"),
    ("prior_regimen", "康复前治疗方式", "category", "", "on_demand; prophylaxis",
     "regimen in the 12 weeks before the program"),
    ("affected_joints", "受累关节数", "integer", "joints", ">= 0",
     "joints with synovitis or arthropathy at baseline"),
    ("infusions_per_week_before", "康复前每周输注次数", "float", "infusions/week",
     "0 to 14; empty = not on prophylaxis", "prophylaxis regimen before the program"),
    ("infusions_per_week_during", "康复期间每周输注次数", "float", "infusions/week", "0 to 14",
     "prophylaxis regimen during the program"),
    ("prophylaxis_changed", "预防方案调整", "category", "", "False; True",
     "regimen during the program differs from the regimen before"),
    ("adherence", "居家训练依从性", "float", "fraction of planned home sessions done",
     "0 to 1; empty = not recorded", "home sessions done / home sessions planned"),
    ("adverse_events_related", "与康复相关的不良事件", "integer", "events",
     ">= 0; empty = not recorded", "events judged related to rehabilitation"),
    ("status", "状态", "category", "", "completed; active; withdrawn",
     "completed, still active, or withdrawn"),
    ("cho_klat_form", "CHO-KLAT 配对所用问卷", "category", "", "parent; child; none",
     "the form both CHO-KLAT values come from: the form for the child's age at the start "
     "(parent proxy under 12 years, self report from 12, seed s2.5) when both timepoints have "
     "it, else the other form when both have that; none when no pair of one form exists"),
    ("hjhs_incomplete_before", "康复前 HJHS 含无法评估项", "category", "", "False; True",
     "the baseline HJHS total leaves out not-evaluable (NE) items: not a complete total"),
    ("hjhs_incomplete_after", "康复后 HJHS 含无法评估项", "category", "", "False; True",
     "the week-12 HJHS total leaves out not-evaluable (NE) items: not a complete total"),
    ("cho_klat_form_changed", "CHO-KLAT 前后问卷类型不同", "category", "", "False; True",
     "before and after exist only in different forms: no pair was made (values empty)"),
)  # fmt: skip
ENGLISH = {
    "study_id": "Study ID (pseudonym)",
    "age_months": "Age at baseline",
    "affected_joints": "Affected joints",
    "infusions_per_week_before": "Infusions per week before the program",
    "infusions_per_week_during": "Infusions per week during the program",
    "adherence": "Adherence to home training",
    "adverse_events_related": "Adverse events related to rehabilitation",
}


def _base_variables() -> list[Variable]:
    return [
        Variable(name, ENGLISH.get(name, label(name)), zh, kind, unit, allowed, derivation)
        for name, zh, kind, unit, allowed, derivation in BASE
    ]


VARIABLES: Mapping[str, Variable] = MappingProxyType(
    {v.name: v for v in [*_base_variables(), *_measure_variables()]}
)
assert set(VARIABLES) == set(COLUMNS)


def _unknown(name: str, dtype: Any) -> Variable:
    kind = (
        "float"
        if ptypes.is_float_dtype(dtype)
        else "integer"
        if ptypes.is_integer_dtype(dtype)
        else "string"
    )
    if ptypes.is_datetime64_any_dtype(dtype):
        kind = "date"
    return Variable(name, name, name, kind, "", "", "not in the standard dictionary")


def data_dictionary(
    frame: pd.DataFrame | None = None, extra: Mapping[str, Variable] | None = None
) -> list[dict[str, str]]:
    """Dictionary rows for the columns of `frame` (all standard columns when None); `extra`
    describes columns beyond the standard ones (an instrument's own measures)."""
    if frame is None:
        return [VARIABLES[c].to_dict() for c in COLUMNS]
    known = {**(extra or {}), **VARIABLES}
    return [
        (known[str(c)] if c in known else _unknown(str(c), frame[c].dtype)).to_dict()
        for c in frame.columns
    ]


def dictionary_csv(rows: Iterable[Mapping[str, str]]) -> bytes:
    """The dictionary as CSV, UTF-8 with BOM (Excel opens it with Chinese intact)."""
    rows = list(rows)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]) if rows else [], lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def encode(frame: pd.DataFrame) -> pd.DataFrame:
    """Categorical columns replaced by their SPSS codes (missing stays missing)."""
    out = frame.copy()
    for name, codes in CODES.items():
        if name in out.columns:
            out[name] = out[name].map(lambda v, c=codes: c.get(v)).astype("float64")
    return out


def decode(frame: pd.DataFrame) -> pd.DataFrame:
    """Inverse of `encode`: SPSS codes back to the dataset's text and boolean values."""
    out = frame.copy()
    for name, codes in CODES.items():
        if name in out.columns:
            inverse = {code: value for value, code in codes.items()}
            out[name] = out[name].map(lambda v, i=inverse: i.get(int(v)) if pd.notna(v) else None)
    return out
