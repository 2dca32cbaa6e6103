from datetime import UTC, datetime

from hemorehab.clinical.bleeds import BleedEvent, BleedRules
from hemorehab.clinical.target_joints import (
    TargetJointPeriod,
    add_months,
    current_target_joints,
    target_joint_periods,
)


def at(y, m, d):
    return datetime(y, m, d, 9, 0, tzinfo=UTC)


def knee(when, cause="spontaneous", site="left_knee"):
    return BleedEvent(onset=when, site_kind="joint", site=site, cause=cause)


THREE_IN_FIVE_MONTHS = [knee(at(2024, 1, 10)), knee(at(2024, 3, 1)), knee(at(2024, 6, 1))]


def test_three_spontaneous_bleeds_in_six_months_make_a_target_joint():
    periods = target_joint_periods(THREE_IN_FIVE_MONTHS, as_of=at(2024, 12, 31))
    assert periods == (TargetJointPeriod("left_knee", at(2024, 6, 1), None),)
    assert current_target_joints(THREE_IN_FIVE_MONTHS, at(2024, 12, 31)) == ("left_knee",)


def test_three_bleeds_spread_over_more_than_six_months_do_not():
    bleeds = [knee(at(2024, 1, 10)), knee(at(2024, 4, 1)), knee(at(2024, 7, 10))]
    assert target_joint_periods(bleeds, as_of=at(2025, 1, 1)) == ()


def test_six_month_window_boundary_is_exclusive_at_its_start():
    on_edge = [knee(at(2024, 1, 10)), knee(at(2024, 3, 1)), knee(at(2024, 7, 10))]
    inside = [knee(at(2024, 1, 11)), knee(at(2024, 3, 1)), knee(at(2024, 7, 10))]
    assert target_joint_periods(on_edge, as_of=at(2025, 1, 1)) == ()
    assert len(target_joint_periods(inside, as_of=at(2025, 1, 1))) == 1


def test_traumatic_bleeds_do_not_make_a_target_joint():
    bleeds = [*THREE_IN_FIVE_MONTHS[:2], knee(at(2024, 6, 1), cause="traumatic")]
    assert target_joint_periods(bleeds, as_of=at(2025, 1, 1)) == ()


def test_target_joint_resolves_after_twelve_months_with_at_most_two_bleeds():
    bleeds = [*THREE_IN_FIVE_MONTHS, knee(at(2024, 9, 1)), knee(at(2025, 2, 1))]
    periods = target_joint_periods(bleeds, as_of=at(2026, 1, 1))
    assert periods == (TargetJointPeriod("left_knee", at(2024, 6, 1), at(2025, 6, 1)),)
    assert current_target_joints(bleeds, at(2026, 1, 1)) == ()


def test_three_bleeds_in_the_following_year_delay_resolution():
    later = [knee(at(2024, 9, 1)), knee(at(2025, 1, 1)), knee(at(2025, 5, 1), cause="traumatic")]
    periods = target_joint_periods([*THREE_IN_FIVE_MONTHS, *later], as_of=at(2027, 1, 1))
    # (T - 12 months, T] first holds <= 2 bleeds at T = 1 Sep 2025,
    # when the bleed of 1 Sep 2024 drops out of the window
    assert periods[0].resolved == at(2025, 9, 1)


def test_resolution_is_not_declared_after_as_of():
    periods = target_joint_periods(THREE_IN_FIVE_MONTHS, as_of=at(2025, 5, 31))
    assert periods[0].resolved is None


def test_joint_can_become_a_target_joint_again_after_resolving():
    again = [knee(at(2026, 1, 1)), knee(at(2026, 2, 1)), knee(at(2026, 3, 1))]
    periods = target_joint_periods([*THREE_IN_FIVE_MONTHS, *again], as_of=at(2026, 6, 1))
    assert [(p.became_target, p.resolved) for p in periods] == [
        (at(2024, 6, 1), at(2025, 6, 1)),
        (at(2026, 3, 1), None),
    ]


def test_each_joint_is_judged_on_its_own_bleeds():
    bleeds = [*THREE_IN_FIVE_MONTHS, knee(at(2024, 2, 1), site="right_ankle")]
    assert [p.joint for p in target_joint_periods(bleeds, at(2024, 12, 1))] == ["left_knee"]


def test_thresholds_are_configurable():
    older = BleedRules(target_min_bleeds=4)
    assert target_joint_periods(THREE_IN_FIVE_MONTHS, at(2024, 12, 1), older) == ()


def test_add_months_clamps_to_the_end_of_the_month():
    assert add_months(at(2023, 8, 31), 6) == at(2024, 2, 29)
    assert add_months(at(2024, 3, 31), -1) == at(2024, 2, 29)
    assert add_months(at(2024, 1, 15), 12) == at(2025, 1, 15)
