"""An instrument's before/after pair in the analysis dataset, from one child's records (oldest
first): the latest record of timepoint `baseline` and the latest of `week_12`. Pure: records
are read by attribute only.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

NAN = math.nan
HJHS_COMPONENTS = (
    "swelling",
    "muscle_strength_atrophy",
    "flexion_extension",
    "crepitus",
    "gait",
)
"""The HJHS components the paper reports (the pain component is not among them)."""
SELF_REPORT_FROM_MONTHS = 144
"""Seed s2.5: parents answered for children aged 4-12, children of 12-18 answered themselves."""


def pick(records: Sequence[Any], timepoint: str):
    """The latest record of a timepoint (records are ordered oldest first)."""
    chosen = [r for r in records if r.timepoint == timepoint]
    return chosen[-1] if chosen else None


def _value(measure, record) -> float:
    if record is None:
        return NAN
    value = measure.value(record)
    return NAN if value is None else float(value)


def paired(measures, records: Sequence[Any]) -> dict:
    """`<measure>_before` and `<measure>_after` of each measure."""
    base, post = pick(records, "baseline"), pick(records, "week_12")
    row = {}
    for measure in measures:
        row[f"{measure.name}_before"] = _value(measure, base)
        row[f"{measure.name}_after"] = _value(measure, post)
    return row


def hjhs_row(instrument, records: Sequence[Any], age_months: int) -> dict:
    """The HJHS pair, flagged where a total leaves out not-evaluable items (instruments.md s1:
    not comparable with a complete total)."""
    base, post = pick(records, "baseline"), pick(records, "week_12")
    return {
        **paired(instrument.measures, records),
        "hjhs_incomplete_before": bool(base is not None and not base.complete),
        "hjhs_incomplete_after": bool(post is not None and not post.complete),
    }


def head_us_c_row(instrument, records: Sequence[Any], age_months: int) -> dict:
    """The paper's ultrasound outcome is HEAD-US-C: a HEAD-US examination is not paired."""
    return paired(instrument.measures, [r for r in records if r.scale == "head-us-c"])


def cho_klat_row(instrument, records: Sequence[Any], age_months: int) -> dict:
    """Before and after from the same CHO-KLAT form (child and parent scores are never mixed,
    instruments.md s3): the form for the child's age at the start when both timepoints have
    it, else the other form when both have that; otherwise no pair, flagged when the two
    timepoints exist only in different forms."""
    expected = "child" if age_months >= SELF_REPORT_FROM_MONTHS else "parent"
    other = "parent" if expected == "child" else "child"
    for form in (expected, other):
        mine = [r for r in records if r.form == form]
        if pick(mine, "baseline") is not None and pick(mine, "week_12") is not None:
            return {
                **paired(instrument.measures, mine),
                "cho_klat_form": form,
                "cho_klat_form_changed": False,
            }
    base, post = pick(records, "baseline"), pick(records, "week_12")
    if base is not None and post is not None:  # both exist, in different forms: flagged
        return {
            "cho_klat_before": NAN,
            "cho_klat_after": NAN,
            "cho_klat_form": "none",
            "cho_klat_form_changed": True,
        }
    return {
        **paired(instrument.measures, records),
        "cho_klat_form": base.form if base is not None else post.form if post else "none",
        "cho_klat_form_changed": False,
    }
