from dataclasses import replace
from datetime import date

import pytest

from hemorehab.clinical.eligibility import (
    EligibilityInputError,
    ProtocolConfig,
    ScreeningAnswers,
    age_in_years,
    screen,
)

SCREENING = date(2025, 3, 10)
ELIGIBLE = ScreeningAnswers(
    date_of_birth=date(2015, 6, 1),
    screening_date=SCREENING,
    hemophilia_confirmed=True,
    inhibitor_negative=True,
    prior_joint_bleed_with_synovitis_or_arthropathy_confirmed=True,
    prior_joint_bleed_imaging="ultrasound",
    joint_pain_or_restricted_motion=True,
    able_to_follow_12_week_program=True,
    active_bleeding_on_ultrasound=False,
    last_bleed_date=date(2025, 1, 20),
    significant_organ_disease=False,
    other_serious_condition=False,
)


def criterion(result, code):
    return next(c for c in result.criteria if c.code == code)


def test_child_meeting_every_criterion_is_eligible():
    result = screen(ELIGIBLE)
    assert result.status == "eligible"
    assert result.failing == ()
    assert result.unanswered == ()
    assert [c.code for c in result.criteria] == [
        "age_in_range",
        "hemophilia_confirmed",
        "inhibitor_negative",
        "prior_joint_bleed_imaging_confirmed",
        "joint_pain_or_restricted_motion",
        "able_to_follow_program",
        "active_bleeding_on_ultrasound",
        "recent_bleed",
        "significant_organ_disease",
        "other_serious_condition",
    ]
    assert criterion(result, "age_in_range").params == {
        "age_years": 9,
        "age_years_decimal": 9.8,
        "min": 4,
        "max": 17,
    }


@pytest.mark.parametrize(
    ("birth", "outcome"),
    [
        (date(2021, 3, 11), "not_met"),  # one day before the 4th birthday
        (date(2021, 3, 10), "met"),  # 4th birthday
        (date(2007, 3, 11), "met"),  # the day before the 18th birthday: 17 years 11 months
        (date(2007, 3, 10), "not_met"),  # 18th birthday: the seed cohort's oldest was 17y11m
        (date(2006, 3, 11), "not_met"),
    ],
)
def test_age_is_4_up_to_17_years_11_months_as_in_the_seed_cohort(birth, outcome):
    result = screen(replace(ELIGIBLE, date_of_birth=birth))
    assert criterion(result, "age_in_range").outcome == outcome
    assert result.status == ("eligible" if outcome == "met" else "not_eligible")


def test_leap_day_birthday_is_reached_on_1_march():
    assert age_in_years(date(2016, 2, 29), date(2020, 2, 28)) == 3
    assert age_in_years(date(2016, 2, 29), date(2021, 2, 28)) == 4
    assert age_in_years(date(2017, 2, 28), date(2021, 2, 28)) == 4


@pytest.mark.parametrize(("days_ago", "outcome"), [(0, "met"), (27, "met"), (28, "not_met")])
def test_bleed_in_the_last_28_days_excludes(days_ago, outcome):
    last = date.fromordinal(SCREENING.toordinal() - days_ago)
    result = screen(replace(ELIGIBLE, last_bleed_date=last))
    recent = criterion(result, "recent_bleed")
    assert recent.kind == "exclusion"
    assert recent.outcome == outcome
    assert recent.params == {"min_days": 28, "days_since_last_bleed": days_ago}
    assert ("recent_bleed" in result.failing) == (outcome == "met")


def test_failing_criteria_are_listed_and_make_the_child_not_eligible():
    answers = replace(ELIGIBLE, inhibitor_negative=False, active_bleeding_on_ultrasound=True)
    result = screen(answers)
    assert result.status == "not_eligible"
    assert result.failing == ("inhibitor_negative", "active_bleeding_on_ultrasound")


def test_missing_answers_make_screening_incomplete():
    result = screen(replace(ELIGIBLE, significant_organ_disease=None, last_bleed_date=None))
    assert result.status == "incomplete"
    assert result.unanswered == ("recent_bleed", "significant_organ_disease")


def test_a_failure_wins_over_missing_answers():
    result = screen(replace(ELIGIBLE, hemophilia_confirmed=False, other_serious_condition=None))
    assert result.status == "not_eligible"


def test_imaging_confirmation_needs_the_modality():
    result = screen(replace(ELIGIBLE, prior_joint_bleed_imaging=None))
    assert criterion(result, "prior_joint_bleed_imaging_confirmed").outcome == "unanswered"
    assert result.status == "incomplete"
    mri = screen(replace(ELIGIBLE, prior_joint_bleed_imaging="mri"))
    assert mri.status == "eligible"


def test_protocol_parameters_are_configurable():
    adults = ProtocolConfig(min_age=4, max_age=60, bleed_free_days=14)
    answers = replace(ELIGIBLE, date_of_birth=date(1990, 1, 1), last_bleed_date=date(2025, 2, 20))
    assert screen(answers, adults).status == "eligible"
    assert screen(answers).failing == ("age_in_range", "recent_bleed")


@pytest.mark.parametrize(
    ("change", "path"),
    [
        ({"date_of_birth": date(2026, 1, 1)}, "date_of_birth"),
        ({"last_bleed_date": date(2025, 3, 11)}, "last_bleed_date"),
        ({"prior_joint_bleed_imaging": "xray"}, "prior_joint_bleed_imaging"),
    ],
)
def test_impossible_answers_are_named_errors(change, path):
    with pytest.raises(EligibilityInputError) as caught:
        screen(replace(ELIGIBLE, **change))
    assert caught.value.path == path
