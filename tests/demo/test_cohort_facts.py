"""The demo children match the seed paper's cohort description and the study protocol."""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from hemorehab.clinical import cho_klat
from hemorehab.clinical.bleeds import BleedEvent, count_bleeds
from hemorehab.clinical.hjhs import JOINTS
from hemorehab.clinical.severity import Severity
from hemorehab.clinical.ultrasound import builtin_definition, score_ultrasound_record
from hemorehab.demo.cohort import BEFORE_WINDOW, DURING_WINDOW, load_cohort
from hemorehab.stats.descriptives import describe

ONCE_WEEKLY_CASES = {8, 9, 28, 47, 49}


@pytest.fixture(scope="module")
def children():
    return load_cohort().children


def test_59_boys_numbered_1_to_59(children):
    assert [child.index for child in children] == list(range(1, 60))
    assert {child.sex for child in children} == {"male"}


def test_age_median_85_months_from_48_to_215(children):
    ages = describe([child.age_months for child in children])
    assert (ages.median, ages.min, ages.max) == (85, 48, 215)


def test_52_with_hemophilia_a_and_7_with_b(children):
    assert Counter(child.hemophilia_type for child in children) == {"A": 52, "B": 7}


def test_43_severe_and_16_moderate_by_factor_activity(children):
    assert Counter(child.severity for child in children) == {
        Severity.SEVERE: 43,
        Severity.MODERATE: 16,
    }
    for child in children:
        low, high = (0.1, 0.9) if child.severity is Severity.SEVERE else (1.0, 5.0)
        assert low <= child.factor_activity_iu_dl <= high


def test_43_on_prophylaxis_and_16_on_demand_before(children):
    assert Counter(child.prior_regimen for child in children) == {
        "prophylaxis": 43,
        "on_demand": 16,
    }


def test_program_prophylaxis_a_3_b_2_per_week_except_the_five_named_cases(children):
    for child in children:
        usual = {"A": 3, "B": 2}[child.hemophilia_type]
        expected = 1 if child.index in ONCE_WEEKLY_CASES else usual
        assert child.program_infusions_per_week == expected
        assert 20 <= child.program_dose_iu_per_kg <= 25


def test_70_affected_joints_26_ankle_15_knee_7_elbow_cases_and_11_children_with_two(children):
    involvement = Counter(child.joint_involvement for child in children)
    assert involvement == {
        "unilateral_ankle": 26,
        "unilateral_knee": 15,
        "unilateral_elbow": 7,
        "two_or_more": 11,
    }
    multi = [child for child in children if child.joint_involvement == "two_or_more"]
    assert sum(len(child.affected_joints) for child in multi) == 22
    assert sum(len(child.affected_joints) for child in children) == 70
    for child in children:
        assert len(set(child.affected_joints)) == len(child.affected_joints)
        assert set(child.affected_joints) <= set(JOINTS)


def test_hjhs_findings_only_in_affected_joints(children):
    for child, when in itertools.product(children, ("before", "after")):
        joints = getattr(child, when).hjhs["joints"]
        assert set(joints) == set(JOINTS)
        for joint, items in joints.items():
            if joint not in child.affected_joints:
                assert set(items.values()) == {0}, (child.index, when, joint)


def test_swelling_duration_only_where_there_is_swelling(children):
    for child, when in itertools.product(children, ("before", "after")):
        for items in getattr(child, when).hjhs["joints"].values():
            assert items["swelling_duration"] <= items["swelling"]


def test_children_with_only_an_elbow_affected_walk_normally(children):
    for child in children:
        if child.joint_involvement == "unilateral_elbow":
            assert child.before.hjhs["gait"] == child.after.hjhs["gait"] == 0


def test_every_child_had_joint_pain_or_restricted_motion_at_baseline(children):
    for child in children:
        items = [child.before.hjhs["joints"][joint] for joint in child.affected_joints]
        motion = sum(i["joint_pain"] + i["flexion_loss"] + i["extension_loss"] for i in items)
        assert motion > 0, child.index


def test_ultrasound_examines_all_six_joints_with_findings_only_in_affected_ones(children):
    definition = builtin_definition("head-us-c")
    for child, when in itertools.product(children, ("before", "after")):
        result = score_ultrasound_record(definition, getattr(child, when).head_us_c)
        assert set(result.examined) == set(definition.joints)
        for joint, total in result.joints.items():
            if joint not in child.affected_joints:
                assert total == 0
    for child in children:
        assert score_ultrasound_record(definition, child.before.head_us_c).total >= 1


def test_ultrasound_damage_does_not_heal_and_activity_does_not_worsen(children):
    for child in children:
        before, after = child.before.head_us_c["joints"], child.after.head_us_c["joints"]
        for joint in before:
            for item in ("cartilage", "bone"):
                assert before[joint][item] == after[joint][item]
            assert all(after[joint][item] <= level for item, level in before[joint].items())


def test_cho_klat_parent_form_under_12_child_form_from_12_same_form_after(children):
    forms = Counter()
    for child in children:
        assert not 141 <= child.age_months <= 143  # the same form still fits 12 weeks later
        expected = "child" if child.age_months >= 144 else "parent"
        assert child.before.cho_klat["form"] == child.after.cho_klat["form"] == expected
        forms[expected] += 1
    assert forms["child"] > 0 and forms["parent"] > 0


def test_cho_klat_all_35_items_with_not_applicable_only_where_it_means_missing(children):
    for child, when in itertools.product(children, ("before", "after")):
        responses = {int(k): v for k, v in getattr(child, when).cho_klat["answers"].items()}
        assert sorted(responses) == list(cho_klat.ITEM_NUMBERS)
        not_applicable = {item for item, code in responses.items() if code == 6}
        assert not_applicable <= cho_klat.OPTION6_MISSING
        assert len(not_applicable) <= 4
        for item, code in responses.items():
            assert 1 <= code <= (5 if item <= 21 else 6)


def test_bleeds_are_at_affected_joints_inside_the_windows(children):
    for child in children:
        for bleed in child.bleeds:
            assert bleed.site in child.affected_joints
            assert bleed.cause in {"spontaneous", "traumatic"}
            if bleed.period == "before":
                # 12 weeks before, none in the 4 weeks before enrollment (exclusion)
                assert BEFORE_WINDOW[0] <= bleed.day <= -28
            else:
                assert DURING_WINDOW[0] <= bleed.day < DURING_WINDOW[1]
                assert bleed.day % 7 != 0  # not on a weekly hospital session day


def test_each_bleed_is_its_own_episode_by_the_isth_rule(children):
    start = datetime(2024, 1, 1, 9, tzinfo=UTC)
    for child in children:
        days = sorted(bleed.day for bleed in child.bleeds)
        assert all(b - a >= 6 for a, b in itertools.pairwise(days))
        bleeds = [
            BleedEvent(start + timedelta(days=b.day), "joint", b.site, b.cause)
            for b in child.bleeds
        ]
        for period, (first, last) in (("before", BEFORE_WINDOW), ("during", DURING_WINDOW)):
            window = (start + timedelta(days=first), start + timedelta(days=last))
            assert count_bleeds(bleeds, *window).joint == child.bleed_count(period)


def test_every_child_bled_in_the_12_weeks_before(children):
    assert min(child.bleed_count("before") for child in children) >= 1


def test_no_adverse_event_related_to_rehabilitation(children):
    assert all(child.adverse_events == () for child in children)
