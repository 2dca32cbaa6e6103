import datetime

import pytest

from hemorehab.clinical.pk import FactorPK
from hemorehab.clinical.prophylaxis import (
    ProphylaxisInputError,
    check_weight_drift,
    dose_band,
    load_bands,
    regimen_band,
    round_to_vials,
    week_levels,
)

EIGHT = datetime.time(8, 0)


def test_dose_is_rounded_to_whole_vials_nearest_the_prescription_within_its_range():
    # 20 kg x 25 IU/kg = 500 IU: one 500 IU vial, 25.0 IU/kg
    exact = round_to_vials(20, 25, [250, 500, 1000])
    assert (exact.vials, exact.delivered_iu_per_kg, exact.in_band) == ((500,), 25.0, True)
    # 22 kg x 25 IU/kg = 550 IU: 500 IU (22.7 IU/kg) lies within 22.5-27.5, 750 does not
    assert round_to_vials(22, 25, [250, 500, 1000]).total_iu == 500
    # 25 kg x 25 = 625 IU: 500 (20.0) and 750 (30.0) both fall outside +/- 10%: never under
    tie = round_to_vials(25, 25, [250, 500, 1000])
    assert (tie.total_iu, tie.vials, tie.in_band) == (750, (500, 250), False)
    assert round_to_vials(50, 25, [250, 500, 1000]).vials == (1000, 250)


def test_rounding_that_would_under_dose_keeps_the_range_and_says_so():
    # instruments.md s6a: 17 kg x 22 IU/kg = 374 IU; one 250 IU vial would give 14.7 IU/kg
    dose = round_to_vials(17, 22, [250, 500], dose_band(22, 20, 25))
    assert (dose.total_iu, dose.in_band, dose.below_iu) == (500, False, 250)
    assert round(dose.delivered_iu_per_kg, 1) == 29.4
    assert round(dose.below_iu_per_kg, 1) == 14.7
    with_small_vials = round_to_vials(17, 22, [125, 250, 500], dose_band(22, 20, 25))
    assert (with_small_vials.total_iu, with_small_vials.in_band) == (375, True)


def test_the_prescribed_range_must_hold_the_dose():
    assert dose_band(22) == pytest.approx((19.8, 24.2))
    assert dose_band(22, 20, 25) == (20.0, 25.0)
    with pytest.raises(ProphylaxisInputError, match="outside its range"):
        dose_band(22, 23, 25)


def test_impossible_vials_or_doses_are_refused():
    with pytest.raises(ProphylaxisInputError, match="vial_sizes"):
        round_to_vials(20, 25, [])
    with pytest.raises(ProphylaxisInputError, match="dose_iu"):
        round_to_vials(20, -5, [250])
    with pytest.raises(ProphylaxisInputError, match="weight_kg"):
        round_to_vials(0, 25, [250])


def test_weight_drift_over_ten_percent_warns():
    assert not check_weight_drift(20, 21.9).warn
    drift = check_weight_drift(20, 22.5)
    assert drift.warn and drift.change == pytest.approx(0.125)
    assert check_weight_drift(20, 17.5).warn


def test_seed_protocol_regimens_fall_in_the_configured_bands():
    bands = load_bands()
    assert regimen_band("A", 20, 3, bands) == "intermediate"
    assert regimen_band("A", 30, 3.5, bands) == "high"
    assert regimen_band("B", 25, 2, bands) == "intermediate"
    assert regimen_band("A", 20, 1, bands) is None


def test_daily_schedule_reaches_the_published_steady_state_trough():
    # 2 IU/kg every 24 h, IVR 2, half-life 12 h -> trough 1.33 IU/dL (Poon & Lee 2016, fig 2)
    levels = dict(week_levels(FactorPK(12, 2), 2, range(7), EIGHT, step_h=1))
    just_before_tuesday_dose = levels[24 + 8 - 1]
    assert just_before_tuesday_dose == pytest.approx(1.33 * 2 ** (1 / 12), abs=0.01)
    assert levels[24 + 8] == pytest.approx(1.33 + 4, abs=0.01)


def test_levels_are_highest_right_after_an_infusion():
    levels = week_levels(FactorPK(12, 2), 25, [0, 2, 4], EIGHT)
    peak_hour = max(levels, key=lambda point: point[1])[0]
    assert peak_hour % 24 == 8
