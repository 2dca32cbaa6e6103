import datetime

import pytest

from hemorehab.clinical.pk import FactorPK
from hemorehab.clinical.prophylaxis import (
    ProphylaxisInputError,
    check_weight_drift,
    load_bands,
    regimen_band,
    round_to_vials,
    week_levels,
)

EIGHT = datetime.time(8, 0)


def test_dose_is_rounded_to_the_nearest_vial_combination():
    assert round_to_vials(500, [250, 500, 1000]).vials == (500,)
    # 22 kg x 25 IU/kg = 550: 500 is 50 under, 750 is 200 over -> 500
    assert round_to_vials(550, [250, 500, 1000]).total_iu == 500
    # exactly between 500 and 750: the larger, so the child is not under-dosed
    tie = round_to_vials(625, [250, 500, 1000])
    assert (tie.total_iu, tie.vials, tie.difference_iu) == (750, (500, 250), 125)
    assert round_to_vials(1250, [250, 500, 1000]).vials == (1000, 250)


def test_impossible_vials_or_doses_are_refused():
    with pytest.raises(ProphylaxisInputError, match="vial_sizes"):
        round_to_vials(500, [])
    with pytest.raises(ProphylaxisInputError, match="dose_iu"):
        round_to_vials(-5, [250])


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
