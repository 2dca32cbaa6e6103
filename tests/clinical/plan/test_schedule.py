"""The week's sessions on the child's prophylaxis: infusion days first, after the infusion,
at most twice a day, each with its estimated factor level (pediatric defaults)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hemorehab.clinical.pk import FactorPK, level_at
from hemorehab.clinical.plan import PlanInputError, PlanSettings, Prophylaxis, weekly_schedule
from hemorehab.clinical.plan.schedule import _candidates, _steady_doses, check_prophylaxis

SETTINGS = PlanSettings()


def test_hemophilia_a_three_times_a_week_places_all_six_sessions_on_infusion_days() -> None:
    schedule = weekly_schedule(Prophylaxis(3, (0, 2, 4), 8.0, 25.0), "A", SETTINGS)
    kinds = [(s.kind, s.weekday, s.time) for s in schedule.sessions]
    assert all(s.infusion_day for s in schedule.sessions)
    assert sorted((d, t) for _k, d, t in kinds) == [
        (day, time) for day in (0, 2, 4) for time in ("09:00", "15:00")
    ]
    # the hospital session goes where the level is highest: Friday, 48 h after Wednesday's
    # infusion (Monday's follows a 72-hour gap), an hour after the infusion
    (hospital,) = [s for s in schedule.sessions if s.kind == "hospital"]
    assert (hospital.weekday, hospital.time) == (4, "09:00")
    assert hospital.level_iu_dl == max(s.level_iu_dl for s in schedule.sessions)
    assert [w.rule for w in schedule.warnings] == []


def test_twice_weekly_prophylaxis_puts_the_fifth_session_on_the_day_after_an_infusion() -> None:
    schedule = weekly_schedule(Prophylaxis(2, (1, 4), 7.5, 40.0), "B", SETTINGS)
    off = [s for s in schedule.sessions if not s.infusion_day]
    assert len(off) == 2 and all(s.kind == "home" for s in off)
    flags = [w for w in schedule.warnings if w.rule == "SAFE-INFUSION-DAY"]
    # Wednesday and Saturday (the mornings after the infusions), not Monday's trough
    assert [w.params["weekday"] for w in flags] == ["wed", "sat"]
    assert flags[0].params["infusion_days"] == "tue, fri"


def test_once_weekly_home_sessions_follow_the_infusion_not_the_calendar() -> None:
    """Review M4 (f9_A_once): infusion Saturday 08:00; the sessions went Mon-Thu at 1.1, 0.2,
    0.0, 0.0 IU/dL while Sunday, the day after the infusion, was unused."""
    schedule = weekly_schedule(Prophylaxis(1, (5,), 8.0, 25.0), "A", SETTINGS)
    days = sorted({s.weekday for s in schedule.sessions})
    assert days == [0, 5, 6]  # Saturday, Sunday and the Monday morning after
    sunday = [s for s in schedule.sessions if s.weekday == 6]
    assert len(sunday) == 2 and all(s.level_iu_dl > 4 for s in sunday)


def test_an_evening_infusion_puts_the_hospital_session_in_hospital_hours() -> None:
    """Review M4 and low 14: an infusion at 19:00 put the hospital session at 20:00."""
    schedule = weekly_schedule(Prophylaxis(3, (0, 2, 4), 19.0, 25.0), "A", SETTINGS)
    (hospital,) = [s for s in schedule.sessions if s.kind == "hospital"]
    assert 8.0 <= hospital.hour <= 17.0
    homes = [s for s in schedule.sessions if s.kind == "home"]
    assert all(8.0 <= s.hour <= 20.0 for s in homes)


@given(
    st.sets(st.integers(0, 6), min_size=1, max_size=7),
    st.integers(5, 20),
    st.integers(10, 50),
    st.sampled_from("AB"),
)
def test_no_unused_time_has_a_higher_level_than_a_chosen_home_session(
    days: set[int], hour: int, dose: int, hemophilia_type: str
) -> None:
    regimen = Prophylaxis(len(days), tuple(sorted(days)), float(hour), float(dose))
    schedule = weekly_schedule(regimen, hemophilia_type, SETTINGS)
    chosen = {(s.weekday, s.hour) for s in schedule.sessions}
    per_day = {d: sum(1 for s in schedule.sessions if s.weekday == d) for d in range(7)}
    lowest = min(s.level_iu_dl for s in schedule.sessions if s.kind == "home")
    doses = _steady_doses(regimen, float(dose))
    for day, at in _candidates(regimen, SETTINGS):
        if (day, at) in chosen or per_day[day] >= SETTINGS.home_max_sessions_per_day:
            continue
        assert level_at(schedule.pk, doses, day * 24 + at) <= lowest + 1e-9, (day, at)


def test_every_session_home_ones_too_gets_its_level_and_low_ones_are_flagged_with_numbers() -> None:
    schedule = weekly_schedule(Prophylaxis(1, (0,), 8.0, 20.0), "A", SETTINGS)
    assert all(s.level_iu_dl is not None for s in schedule.sessions)
    low = [w for w in schedule.warnings if w.rule == "SAFE-FACTOR-LEVEL"]
    assert low and len(low) == sum(s.below_threshold for s in schedule.sessions)
    first = low[0].params
    assert (first["threshold"], first["dose"], first["half_life"], first["recovery"]) == (
        5.0,
        20.0,
        9.6,
        1.55,
    )
    assert [w.rule for w in schedule.warnings if w.rule == "PROPH-FREQUENCY"] == ["PROPH-FREQUENCY"]


def test_the_childs_own_pk_replaces_the_pediatric_defaults() -> None:
    regimen = Prophylaxis(1, (0,), 8.0, 20.0)
    defaults = weekly_schedule(regimen, "A", SETTINGS)
    own = Prophylaxis(1, (0,), 8.0, 20.0, FactorPK(20.0, 2.0), "WAPPS")
    mine = weekly_schedule(own, "A", SETTINGS)
    assert mine.pk_source == "WAPPS"
    assert all(
        b.level_iu_dl > a.level_iu_dl for a, b in zip(defaults.sessions, mine.sessions, strict=True)
    )


def test_a_missing_dose_is_assumed_at_the_protocols_lowest_and_said() -> None:
    schedule = weekly_schedule(Prophylaxis(3, (0, 2, 4), 8.0), "A", SETTINGS)
    assumed = next(w for w in schedule.warnings if w.rule == "PROPH-DOSE-ASSUMED")
    assert assumed.params["dose"] == 20.0


def test_no_regimen_no_sessions_and_a_warning() -> None:
    schedule = weekly_schedule(None, "A", SETTINGS)
    assert schedule.sessions == () and [w.rule for w in schedule.warnings] == ["PROPH-MISSING"]


def test_a_regimen_without_weekdays_or_on_demand_says_nothing_can_be_placed_or_checked() -> None:
    """Review M12: f9_A_nodays gave no warning at all; ondemand.json only a frequency."""
    no_days = weekly_schedule(Prophylaxis(3), "A", SETTINGS)
    assert no_days.sessions == ()
    (said,) = [w for w in no_days.warnings if w.rule == "PROPH-NO-DAYS"]
    assert said.params["per_week"] == 3 and "names no weekdays" in said.text
    on_demand = weekly_schedule(Prophylaxis(0), "A", SETTINGS)
    assert [w.rule for w in on_demand.warnings] == ["PROPH-FREQUENCY", "PROPH-ON-DEMAND"]
    assert "no session is covered by factor" in on_demand.warnings[1].text


@pytest.mark.parametrize(
    ("regimen", "path"),
    [
        (Prophylaxis(3, (0, 2), 8.0), "prophylaxis.infusions_per_week"),
        (Prophylaxis(2, (0, 0), 8.0), "prophylaxis.weekdays"),
        (Prophylaxis(1, (7,), 8.0), "prophylaxis.weekdays[0]"),
        (Prophylaxis(1, (0,), 24.0), "prophylaxis.hour"),
        (Prophylaxis(1, (0,), 8.0, 0.0), "prophylaxis.iu_per_kg"),
    ],
)
def test_an_impossible_regimen_is_a_named_error(regimen: Prophylaxis, path: str) -> None:
    with pytest.raises(PlanInputError) as error:
        check_prophylaxis(regimen)
    assert error.value.path == path
