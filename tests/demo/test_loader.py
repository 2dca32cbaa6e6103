"""Loading the committed demo cohort into plain, frozen dataclasses."""

from __future__ import annotations

import dataclasses
import json
import shutil

import pytest

from hemorehab.demo.cohort import (
    MEASURES,
    DemoBleed,
    DemoChild,
    load_cohort,
    outcome_values,
    parse_cohort,
    scores,
)
from tools.demo import build_cohort

CHILD_FIELDS = {
    "index",
    "sex",
    "age_months",
    "hemophilia_type",
    "factor_activity_iu_dl",
    "prior_regimen",
    "program_infusions_per_week",
    "program_dose_iu_per_kg",
    "affected_joints",
    "assessments",
    "bleeds",
    "adverse_events",
}


def test_load_gives_59_frozen_children_with_notes():
    cohort = load_cohort()
    assert len(cohort.children) == 59
    assert all(isinstance(child, DemoChild) for child in cohort.children)
    assert any("70 affected joints" in note for note in cohort.notes)
    with pytest.raises(dataclasses.FrozenInstanceError):
        cohort.children[0].age_months = 1  # type: ignore[misc]


def test_children_carry_no_identifiers_only_the_documented_fields():
    data = json.loads(build_cohort.DATA_FILE.read_text(encoding="utf-8"))
    for child in data["children"]:
        assert set(child) == CHILD_FIELDS
        assert set(child["assessments"]) == {"before", "after"}
        for assessment in child["assessments"].values():
            assert set(assessment) == {"hjhs", "head_us_c", "cho_klat"}


def test_load_from_another_path_gives_the_same_cohort(tmp_path):
    copy = tmp_path / "cohort.json"
    shutil.copy(build_cohort.DATA_FILE, copy)
    assert load_cohort(copy) == load_cohort()


def test_parse_accepts_the_raw_dict():
    data = json.loads(build_cohort.DATA_FILE.read_text(encoding="utf-8"))
    assert parse_cohort(data) == load_cohort()


def test_bleed_period_follows_the_day_offset():
    assert DemoBleed(-30, "left_knee", "spontaneous").period == "before"
    assert DemoBleed(0, "left_knee", "traumatic").period == "during"


def test_outcome_values_gives_before_and_after_for_every_child_and_measure():
    children = load_cohort().children
    values = outcome_values(children)
    assert list(values) == list(MEASURES)
    assert all(len(before) == len(after) == 59 for before, after in values.values())
    first = scores(children[0].before)
    assert values["hjhs_total"][0][0] == first["hjhs_total"]
    assert values["joint_bleeds"][1][0] == children[0].bleed_count("during")
