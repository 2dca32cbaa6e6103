"""The week's sessions on the child's prophylaxis: infusion days first, after the infusion,
at most twice a day, each with its estimated factor level (pediatric defaults)."""

from __future__ import annotations

import pytest

from hemorehab.clinical.pk import FactorPK
from hemorehab.clinical.plan import PlanInputError, PlanSettings, Prophylaxis, weekly_schedule
from hemorehab.clinical.plan.schedule import check_prophylaxis

SETTINGS = PlanSettings()


def test_hemophilia_a_three_times_a_week_places_all_six_sessions_on_infusion_days() -> None:
    schedule = weekly_schedule(Prophylaxis(3, (0, 2, 4), 8.0, 25.0), "A", SETTINGS)
    kinds = [(s.kind, s.weekday, s.time) for s in schedule.sessions]
    assert kinds[0] == ("hospital", 0, "09:00")
    assert [k for k in kinds if k[0] == "home"] == [
        ("home", 0, "15:00"),
        ("home", 2, "09:00"),
        ("home", 2, "15:00"),
        ("home", 4, "09:00"),
        ("home", 4, "15:00"),
    ]
    assert all(s.infusion_day for s in schedule.sessions)
    assert [w.rule for w in schedule.warnings] == []


def test_twice_weekly_prophylaxis_puts_the_fifth_session_on_a_flagged_day() -> None:
    schedule = weekly_schedule(Prophylaxis(2, (1, 4), 7.5, 40.0), "B", SETTINGS)
    off = [s for s in schedule.sessions if not s.infusion_day]
    assert len(off) == 2 and all(s.kind == "home" for s in off)
    flags = [w for w in schedule.warnings if w.rule == "SAFE-INFUSION-DAY"]
    assert [w.params["weekday"] for w in flags] == ["mon", "wed"]
    assert flags[0].params["infusion_days"] == "tue, fri"


def test_every_session_home_ones_too_gets_its_level_and_low_ones_are_flagged_with_numbers() -> None:
    schedule = weekly_schedule(Prophylaxis(1, (0,), 8.0, 20.0), "A", SETTINGS)
    assert all(s.level_iu_dl is not None for s in schedule.sessions)
    low = [w for w in schedule.warnings if w.rule == "SAFE-FACTOR-LEVEL"]
    assert low and len(low) == sum(s.below_threshold for s in schedule.sessions)
    first = low[0].params
    assert (first["threshold"], first["dose"], first["half_life"], first["recovery"]) == (
        15.0,
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
