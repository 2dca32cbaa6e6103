"""Home intensity progression: 25% start, rises on clean weeks, at most 75%."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hemorehab.clinical.plan import PlanInputError, PlanSettings, WeekReport, progression

CLEAN = WeekReport(pain_reported=False, bleed_reported=False, sessions_done=5, sessions_planned=5)
PAIN = WeekReport(pain_reported=True, bleed_reported=False, sessions_done=5, sessions_planned=5)
BLEED = WeekReport(pain_reported=False, bleed_reported=True, sessions_done=5, sessions_planned=5)


def _fractions(reports: list[WeekReport]) -> list[float]:
    return [week.fraction for week in progression(reports)]


def test_week_one_starts_at_a_quarter() -> None:
    (week,) = progression([])
    assert (week.week, week.fraction, week.explanation.rule) == (1, 0.25, "PROG-START")


def test_a_clean_week_rises_one_step_with_the_numbers() -> None:
    weeks = progression([CLEAN])
    assert weeks[1].fraction == 0.375
    why = weeks[1].explanation
    assert why.rule == "PROG-RISE"
    assert (why.params["previous"], why.params["done"], why.params["planned"]) == (25.0, 5, 5)
    assert why.params["percent"] == 37.5


def test_a_bleed_steps_back_one_step() -> None:
    assert _fractions([CLEAN, BLEED]) == [0.25, 0.375, 0.25]
    assert progression([CLEAN, BLEED])[2].explanation.rule == "PROG-BACK-BLEED"


def test_the_hospital_level_rises_after_two_clean_weeks_and_falls_after_pain_or_a_bleed() -> None:
    steps = [w.level_step for w in progression([CLEAN, CLEAN, CLEAN, CLEAN, PAIN, CLEAN, BLEED])]
    assert steps == [0, 0, 1, 1, 2, 1, 1, 0]
    up = progression([CLEAN, CLEAN])[2].level_explanation
    assert up is not None and up.rule == "PROG-LEVEL-UP"
    assert (up.params["previous_step"], up.params["level_step"], up.params["weeks"]) == (0, 1, 2)


def test_a_held_week_restarts_the_count_of_clean_weeks() -> None:
    lazy = WeekReport(
        pain_reported=False, bleed_reported=False, sessions_done=1, sessions_planned=5
    )
    assert [w.level_step for w in progression([CLEAN, lazy, CLEAN, CLEAN])] == [0, 0, 0, 0, 1]


def test_pain_steps_back_one_step() -> None:
    assert _fractions([CLEAN, CLEAN, PAIN]) == [0.25, 0.375, 0.5, 0.375]
    assert progression([CLEAN, CLEAN, PAIN])[3].explanation.rule == "PROG-BACK-PAIN"


def test_pain_never_goes_below_the_start() -> None:
    assert _fractions([PAIN, PAIN]) == [0.25, 0.25, 0.25]


def test_pain_wins_over_a_bleed_in_the_same_week() -> None:
    both = WeekReport(pain_reported=True, bleed_reported=True, sessions_done=5, sessions_planned=5)
    assert _fractions([CLEAN, both]) == [0.25, 0.375, 0.25]


def test_too_few_sessions_hold_even_when_clean() -> None:
    lazy = WeekReport(
        pain_reported=False, bleed_reported=False, sessions_done=3, sessions_planned=5
    )
    weeks = progression([lazy])
    assert weeks[1].fraction == 0.25
    assert weeks[1].explanation.rule == "PROG-HOLD-ADHERENCE"
    assert weeks[1].explanation.params["needed"] == 4


def test_four_of_five_sessions_is_enough_to_progress() -> None:
    enough = WeekReport(
        pain_reported=False, bleed_reported=False, sessions_done=4, sessions_planned=5
    )
    assert _fractions([enough]) == [0.25, 0.375]


def test_a_week_with_nothing_planned_holds() -> None:
    paused = WeekReport(
        pain_reported=False, bleed_reported=False, sessions_done=0, sessions_planned=0
    )
    assert _fractions([paused]) == [0.25, 0.25]


def test_twelve_clean_weeks_reach_and_stay_at_three_quarters() -> None:
    fractions = _fractions([CLEAN] * 12)
    assert fractions[:6] == [0.25, 0.375, 0.5, 0.625, 0.75, 0.75]
    assert fractions[-1] == 0.75
    assert progression([CLEAN] * 12)[-1].explanation.rule == "PROG-AT-MAX"


def test_step_and_adherence_are_settings() -> None:
    settings = PlanSettings(step_fraction=0.25, min_sessions_to_progress=5)
    nearly = WeekReport(
        pain_reported=False, bleed_reported=False, sessions_done=4, sessions_planned=5
    )
    assert [w.fraction for w in progression([CLEAN, nearly, CLEAN], settings)] == [
        0.25,
        0.5,
        0.5,
        0.75,
    ]


def test_impossible_report_is_a_named_error_with_its_place() -> None:
    bad = WeekReport(
        pain_reported=False, bleed_reported=False, sessions_done=-1, sessions_planned=5
    )
    with pytest.raises(PlanInputError) as error:
        progression([CLEAN, bad])
    assert error.value.path == "[1].sessions_done"


reports = st.builds(
    WeekReport,
    pain_reported=st.booleans(),
    bleed_reported=st.booleans(),
    sessions_done=st.integers(0, 14),
    sessions_planned=st.integers(0, 14),
)


@given(st.lists(reports, max_size=30))
def test_intensity_always_stays_between_a_quarter_and_three_quarters(
    weeks: list[WeekReport],
) -> None:
    fractions = _fractions(weeks)
    assert all(0.25 <= f <= 0.75 for f in fractions)


@given(st.lists(reports, max_size=30))
def test_intensity_only_rises_after_a_pain_free_bleed_free_adherent_week(
    weeks: list[WeekReport],
) -> None:
    fractions = _fractions(weeks)
    for report, (before, after) in zip(weeks, pairwise(fractions), strict=True):
        if after > before:
            assert not report.pain_reported and not report.bleed_reported
            assert report.sessions_done >= max(1, min(4, report.sessions_planned))
        if report.bleed_reported or report.pain_reported:
            assert after <= before


@given(st.lists(reports, max_size=30))
def test_the_hospital_level_never_rises_after_pain_or_a_bleed(weeks: list[WeekReport]) -> None:
    steps = [w.level_step for w in progression(weeks)]
    assert steps[0] == 0 and all(step >= 0 for step in steps)
    for report, (before, after) in zip(weeks, pairwise(steps), strict=True):
        assert after - before <= 1
        if report.bleed_reported or report.pain_reported:
            assert after == max(0, before - 1)
