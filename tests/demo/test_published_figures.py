"""The demo cohort, scored by our calculators and analysed by our statistics, reproduces the
seed paper's published results (shared/data/seed-study-results.json, pinned here)."""

from __future__ import annotations

import pytest

from hemorehab.clinical.hjhs import score_hjhs_record
from hemorehab.demo.cohort import (
    MEASURES,
    bleed_reductions_by_regimen,
    load_cohort,
    outcome_values,
)
from hemorehab.stats.descriptives import describe
from hemorehab.stats.groups import mann_whitney
from hemorehab.stats.signed_rank import wilcoxon_signed_rank

# measure: (before (Q1, median, Q3), after (Q1, median, Q3), Z), as SPSS printed them.
PUBLISHED = {
    "head_us_c_total": ((2.0, 5.0, 8.0), (0.0, 1.0, 3.0), -6.645),
    "hjhs_total": ((4.0, 9.0, 15.0), (1.0, 2.0, 6.0), -6.632),
    "hjhs_muscle_strength_atrophy": ((1.0, 2.0, 4.0), (0.0, 1.0, 2.0), -5.631),
    "hjhs_flexion_extension": ((0.0, 2.0, 3.0), (0.0, 0.0, 2.0), -5.261),
    "hjhs_crepitus": ((0.0, 1.0, 2.0), (0.0, 0.0, 1.0), -4.794),
    "hjhs_gait": ((0.0, 2.0, 3.0), (0.0, 0.0, 1.0), -5.311),
    "hjhs_swelling": ((1.0, 2.0, 2.0), (0.0, 0.0, 1.0), -5.588),
    "cho_klat": ((60.46, 71.51, 76.48), (73.45, 79.15, 84.82), -6.680),
    "joint_bleeds": ((2.0, 3.0, 4.0), (0.0, 0.0, 1.0), -6.657),
}
EXACT = [key for key in PUBLISHED if key != "cho_klat"]
# CHO-KLAT scores live on the calculator's grid (25 x mean of recoded items, one decimal);
# the published quartiles are not on it. These are the nearest reachable scores.
CHO_KLAT_ACHIEVED = ((60.5, 71.4, 76.5), (73.5, 79.3, 84.8))


@pytest.fixture(scope="module")
def children():
    return load_cohort().children


@pytest.fixture(scope="module")
def values(children):
    return outcome_values(children)


def quartiles(values):
    summary = describe(values)
    return summary.q1, summary.median, summary.q3


def test_every_published_measure_is_computed():
    assert set(PUBLISHED) == set(MEASURES)


@pytest.mark.parametrize("key", EXACT)
def test_median_and_quartiles_are_exactly_as_published(values, key):
    before, after = values[key]
    assert quartiles(before) == PUBLISHED[key][0]
    assert quartiles(after) == PUBLISHED[key][1]


@pytest.mark.parametrize("key", list(PUBLISHED))
def test_wilcoxon_z_prints_as_published_with_p_below_0001(values, key):
    result = wilcoxon_signed_rank(*values[key])
    assert f"{result.z:.3f}" == f"{PUBLISHED[key][2]:.3f}"
    assert result.p < 0.001


def test_cho_klat_quartiles_are_the_nearest_grid_scores_within_0_4(values):
    before, after = values["cho_klat"]
    published_sides = PUBLISHED["cho_klat"][:2]
    got_sides = (quartiles(before), quartiles(after))
    for got, achieved, published in zip(got_sides, CHO_KLAT_ACHIEVED, published_sides, strict=True):
        assert got == pytest.approx(achieved, abs=1e-9)
        assert got == pytest.approx(published, abs=0.4)


def test_cho_klat_every_child_improved_by_a_different_amount(values):
    before, after = values["cho_klat"]
    differences = [round(a - b, 1) for b, a in zip(before, after, strict=True)]
    assert min(differences) > 0
    assert len(set(differences)) == len(differences)


def test_hjhs_total_is_the_sum_of_its_components_for_every_child(children):
    for child in children:
        for record in (child.before.hjhs, child.after.hjhs):
            result = score_hjhs_record(record)
            assert result.complete
            assert result.total == sum(result.components.values())
            assert result.total == sum(result.joints.values()) + result.gait


def test_bleed_reduction_by_prior_regimen_as_published(children):
    groups = bleed_reductions_by_regimen(children)
    assert {name: len(g) for name, g in groups.items()} == {"prophylaxis": 43, "on_demand": 16}
    assert describe(groups["prophylaxis"]).median == 2.0
    assert describe(groups["on_demand"]).median == 2.0
    p = mann_whitney(groups["prophylaxis"], groups["on_demand"]).p
    assert f"{p:.2f}" == "0.74"
    assert f"{p:.3f}" == "0.740"
