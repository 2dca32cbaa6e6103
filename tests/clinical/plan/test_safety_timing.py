"""Sessions on infusion days after the infusion, and the estimated factor level at a session."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from hemorehab.clinical.pk import Dose, FactorPK, level_at
from hemorehab.clinical.plan import (
    Infusion,
    PlanInputError,
    SafetySettings,
    check_factor_level,
    check_session_timing,
    factor_level_chart,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
MON_WED_FRI = (0, 2, 4)
EIGHT = time(8, 0)
FVIII = FactorPK(half_life_h=12.0, ivr=2.0)


def _at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2025, 3, 10 + day, hour, minute, tzinfo=SHANGHAI)  # 10 March 2025 is a Monday


def test_session_after_the_infusion_on_an_infusion_day_is_not_flagged() -> None:
    assert check_session_timing(_at(0, 10), MON_WED_FRI, EIGHT) == ()
    assert check_session_timing(_at(0, 8), MON_WED_FRI, EIGHT) == ()


def test_session_on_a_day_without_infusion_is_flagged_with_the_days() -> None:
    (flag,) = check_session_timing(_at(1, 10), MON_WED_FRI, EIGHT)
    assert flag.rule == "SAFE-INFUSION-DAY"
    assert flag.params == {"weekday": "tuesday", "infusion_days": "monday, wednesday, friday"}


def test_session_before_the_infusion_is_flagged_with_both_times() -> None:
    (flag,) = check_session_timing(_at(2, 7, 30), MON_WED_FRI, EIGHT)
    assert flag.rule == "SAFE-AFTER-INFUSION"
    assert flag.text == "Session at 07:30 is before the infusion at 08:00"


def test_timing_needs_an_aware_datetime_and_real_weekdays() -> None:
    with pytest.raises(PlanInputError) as error:
        check_session_timing(datetime(2025, 3, 10, 10), MON_WED_FRI, EIGHT)
    assert error.value.path == "session_at"
    with pytest.raises(PlanInputError):
        check_session_timing(_at(0, 10), (7,), EIGHT)


def test_session_two_hours_after_a_25_iu_per_kg_dose_is_well_covered() -> None:
    check = check_factor_level(_at(0, 10), [Infusion(_at(0, 8), 25)], FVIII)
    assert check.level_iu_dl == pytest.approx(50 * 2 ** (-2 / 12))
    assert check.flag is None


def test_session_two_days_after_the_dose_is_flagged_with_level_and_threshold() -> None:
    check = check_factor_level(_at(2, 8), [Infusion(_at(0, 8), 25)], FVIII)
    assert check.level_iu_dl == pytest.approx(3.125)  # 50 IU/dL after four half-lives
    assert check.flag is not None
    assert check.flag.rule == "SAFE-FACTOR-LEVEL"
    assert check.flag.params == {"level": 3.1, "threshold": 15.0}
    assert "3.1 IU/dL" in check.flag.text and "15.0 IU/dL" in check.flag.text


def test_the_threshold_is_a_center_setting() -> None:
    lenient = SafetySettings(factor_threshold_iu_dl=3.0)
    assert check_factor_level(_at(2, 8), [Infusion(_at(0, 8), 25)], FVIII, lenient).flag is None


def test_no_infusion_history_means_only_the_baseline_counts() -> None:
    moderate = FactorPK(half_life_h=12.0, ivr=2.0, baseline_iu_dl=3.0)
    check = check_factor_level(_at(0, 10), [], moderate)
    assert check.level_iu_dl == 3.0
    assert check.flag is not None


def test_level_chart_matches_the_pk_model_hour_by_hour() -> None:
    start = _at(0, 0)
    infusions = [Infusion(start - timedelta(days=d), 25) for d in range(0, 700, 2)]
    chart = factor_level_chart(FVIII, infusions, start, start + timedelta(days=7))
    assert len(chart) == 7 * 24 + 1
    doses = [Dose((i.at - start).total_seconds() / 3600, 25) for i in infusions]
    for when, level in chart[::37]:
        hours = (when - start).total_seconds() / 3600
        assert level == pytest.approx(level_at(FVIII, doses, hours))
    assert chart[1][1] < chart[0][1]  # decays after the dose at the start
