import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hemorehab.clinical.pk import (
    Dose,
    FactorPK,
    PKInputError,
    dose_for_rise,
    level_at,
    pediatric_defaults,
    product_defaults,
    steady_state_peak,
    steady_state_trough,
    time_above,
    time_to_threshold,
)

FVIII_ADULT = FactorPK(half_life_h=12, ivr=2)
FVIII_T10 = FactorPK(half_life_h=10, ivr=2)


def test_poon_lee_10_iu_kg_every_48h_gives_trough_1_33():
    assert round(steady_state_trough(FVIII_ADULT, 10, 48), 2) == 1.33


def test_poon_lee_2_iu_kg_every_24h_gives_the_same_trough():
    assert round(steady_state_trough(FVIII_ADULT, 2, 24), 2) == 1.33


def test_poon_lee_single_25_iu_kg_dose_decays_to_1_79_and_0_34():
    doses = [Dose(0, 25)]
    assert level_at(FVIII_T10, doses, 0) == pytest.approx(50)
    assert round(level_at(FVIII_T10, doses, 48), 2) == 1.79
    assert round(level_at(FVIII_T10, doses, 72), 2) == 0.34


def test_poon_lee_single_dose_stays_above_1_percent_for_about_56_hours():
    assert time_to_threshold(FVIII_T10, 50, 1) == pytest.approx(56.44, abs=0.01)
    assert time_above(FVIII_T10, [Dose(0, 25)], 1, 0, 96) == pytest.approx(56.44, abs=0.01)


def test_superposition_adds_doses_and_baseline():
    pk = FactorPK(half_life_h=12, ivr=2, baseline_iu_dl=3)
    doses = [Dose(0, 20), Dose(24, 20)]
    assert level_at(pk, doses, 24) == pytest.approx(3 + 40 * 0.25 + 40)
    assert level_at(pk, doses, -1) == 3
    assert steady_state_peak(FVIII_ADULT, 10, 48) == pytest.approx(20 / 15 + 20)


def test_time_above_with_repeated_doses_sums_each_stretch():
    # 25 IU/kg at 0 h and 24 h, t1/2 10 h: above 1 IU/dL from 0 to 24 h and then
    # from 24 h until the combined level (50 + 50 * 2**-2.4) decays to 1.
    doses = [Dose(0, 25), Dose(24, 25)]
    after_second = 50 + 50 * 2**-2.4
    expected = 24 + 10 * math.log2(after_second)
    assert time_above(FVIII_T10, doses, 1, 0, 200) == pytest.approx(expected)


def test_baseline_at_or_above_threshold_never_falls_below_it():
    pk = FactorPK(half_life_h=12, ivr=2, baseline_iu_dl=5)
    assert time_to_threshold(pk, 10, 4) == math.inf
    assert time_above(pk, [], 4, 0, 48) == 48


def test_time_above_is_zero_without_doses_and_no_baseline():
    assert time_above(FVIII_ADULT, [], 1, 0, 48) == 0


def test_dose_for_rise_uses_weight_rise_over_ivr():
    assert dose_for_rise(20, 50, 2) == 500
    assert dose_for_rise(20, 50, 0.8) == 1250


def test_children_get_pediatric_defaults_lower_than_the_adult_values():
    fviii, fix = pediatric_defaults("VIII"), pediatric_defaults("IX")
    adult = product_defaults()["fviii_standard"]
    assert (fviii.half_life_h, fviii.ivr) == (9.6, 1.55)  # PMC7983998, lower ends
    assert fviii.half_life_h < adult.half_life_h and fviii.ivr < adult.ivr
    assert "PMC7983998" in fviii.provenance and fviii.population == "pediatric"
    assert fix.factor == "IX" and fix.ivr <= 0.7
    # Friday 08:00 25 IU/kg, Monday 08:00 (72 h): 0.21 IU/dL for a child, the adult values
    # would read 0.78 (instruments.md s6a: adult defaults overstate a child's cover)
    friday = [Dose(0, 25)]
    child, grown = level_at(fviii.pk(), friday, 72), level_at(adult.pk(), friday, 72)
    assert child == pytest.approx(0.214, abs=0.001)
    assert grown == pytest.approx(0.781, abs=0.001)
    with pytest.raises(PKInputError, match="factor"):
        pediatric_defaults("VII")


def test_default_products_carry_provenance():
    products = product_defaults()
    assert (products["fviii_standard"].ivr, products["fviii_standard"].half_life_h) == (2.0, 12.0)
    assert products["fix_plasma_derived"].ivr == 1.0
    assert products["fix_recombinant"].ivr == 0.8
    assert all(p.provenance for p in products.values())
    assert products["fviii_standard"].pk().k == pytest.approx(math.log(2) / 12)


@pytest.mark.parametrize(
    ("build", "path"),
    [
        (lambda: FactorPK(half_life_h=0, ivr=2), "half_life_h"),
        (lambda: FactorPK(half_life_h=12, ivr=-2), "ivr"),
        (lambda: FactorPK(half_life_h=12, ivr=2, baseline_iu_dl=-1), "baseline_iu_dl"),
        (lambda: Dose(0, -5), "iu_per_kg"),
        (lambda: Dose(math.nan, 5), "time_h"),
        (lambda: steady_state_trough(FVIII_ADULT, 10, 0), "interval_h"),
        (lambda: time_above(FVIII_ADULT, [], 1, 10, 0), "end_h"),
        (lambda: dose_for_rise(0, 50, 2), "weight_kg"),
        (lambda: FactorPK(half_life_h=True, ivr=2), "half_life_h"),
    ],
)
def test_invalid_pk_input_is_a_named_error(build, path):
    with pytest.raises(PKInputError) as caught:
        build()
    assert caught.value.path == path


@given(
    st.floats(1, 100),
    st.floats(0.5, 3),
    st.floats(1, 100),
    st.floats(0, 200),
    st.floats(0.1, 100),
)
def test_level_after_a_single_dose_decreases_over_time(half_life, ivr, dose, t, later_by):
    pk = FactorPK(half_life_h=half_life, ivr=ivr)
    doses = [Dose(0, dose)]
    earlier, later = level_at(pk, doses, t), level_at(pk, doses, t + later_by)
    assert later <= earlier
    assert later < earlier or earlier == 0
