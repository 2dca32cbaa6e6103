"""Wilcoxon signed-rank the SPSS way, pinned against published and hand-computed values."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from scipy import stats as sps

from hemorehab.stats.signed_rank import exact_two_sided_p, wilcoxon_signed_rank

# Hollander & Wolfe (1973, p. 29f) depression data, the example of R's ?wilcox.test:
# x = first visit, y = second visit (Hamilton depression scale). R prints V = 40 and
# exact two-sided p = 0.03906; wilcox.test(y - x, alternative = "less", exact = FALSE,
# correct = FALSE) prints V = 5, p = 0.01908, i.e. two-sided 0.03815.
HW_X = [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30]
HW_Y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29]


def test_depression_data_matches_r_documentation():
    result = wilcoxon_signed_rank(pre=HW_Y, post=HW_X)
    assert result.rank_sum_positive == 40
    assert result.rank_sum_negative == 5
    assert result.exact_p == pytest.approx(0.03906, abs=5e-6)
    assert result.p == pytest.approx(0.03815, abs=5e-6)
    # Z = (5 - 22.5) / sqrt(9*10*19/24) = -17.5 / sqrt(71.25)
    assert result.z == pytest.approx(-17.5 / math.sqrt(71.25))


def test_z_is_from_smaller_rank_sum_whichever_direction():
    forward = wilcoxon_signed_rank(pre=HW_Y, post=HW_X)
    backward = wilcoxon_signed_rank(pre=HW_X, post=HW_Y)
    assert forward.z == backward.z < 0
    assert backward.rank_sum_positive == 5


def test_largest_possible_z_for_59_pairs_is_6680_as_in_the_paper():
    # seed-study-results.json: with n = 59, no zeros or ties, max |Z| = 6.680 (CHO-KLAT row)
    result = wilcoxon_signed_rank(pre=np.zeros(59), post=np.arange(1.0, 60.0))
    assert f"{result.z:.3f}" == "-6.680"
    assert result.rank_sum_negative == 0


def test_hand_computed_example_with_ties_and_zeros():
    # d = post - pre = [-3, 0, 2, -3, 0, -3, -1, -1]; two zeros dropped -> n = 6.
    # |d| = 1, 1 -> ranks 1.5, 1.5; 2 -> 3; 3, 3, 3 -> 5, 5, 5.
    # R+ = 3 (the +2), R- = 5 + 5 + 5 + 1.5 + 1.5 = 18.
    # ties: sum(t^3 - t) = (8 - 2) + (27 - 3) = 30; var = 6*7*13/24 - 30/48 = 22.125
    # Z = (3 - 10.5) / sqrt(22.125) = -1.5945
    # exact: doubled ranks 3, 3, 6, 10, 10, 10; sign subsets with sum <= 6: {}, {3}, {3'},
    # {3, 3'}, {6} -> 5 / 64; two-sided 10 / 64 = 0.15625.
    pre = [10, 8, 6, 7, 5, 9, 4, 6]
    post = [7, 8, 8, 4, 5, 6, 3, 5]
    result = wilcoxon_signed_rank(pre, post)
    assert (result.n_nonzero, result.n_zero) == (6, 2)
    assert (result.rank_sum_positive, result.rank_sum_negative) == (3.0, 18.0)
    assert result.tie_correction == pytest.approx(30 / 48)
    assert result.z == pytest.approx(-7.5 / math.sqrt(22.125))
    assert result.exact_p == pytest.approx(10 / 64)


def test_agrees_with_scipy_without_continuity_correction():
    rng = np.random.default_rng(7)
    pre = rng.integers(0, 10, 40).astype(float)
    post = pre + rng.integers(-4, 3, 40)
    ours = wilcoxon_signed_rank(pre, post)
    ref = sps.wilcoxon(post - pre, zero_method="wilcox", correction=False, method="approx")
    assert abs(ours.z) == pytest.approx(abs(ref.zstatistic))
    assert ours.p == pytest.approx(ref.pvalue)


def test_exact_p_matches_scipy_exact_without_ties():
    d = np.array([1.5, -0.2, 3.1, 2.2, -1.1, 0.7, 4.0, 2.9, -0.4, 1.8, 5.2, 0.3])
    ours = wilcoxon_signed_rank(np.zeros(d.size), d)
    assert ours.exact_p == pytest.approx(sps.wilcoxon(d, method="exact").pvalue)


@pytest.mark.parametrize("seed", range(5))
def test_exact_p_with_ties_equals_brute_force_enumeration(seed):
    rng = np.random.default_rng(seed)
    d = rng.integers(-3, 4, 10).astype(float)
    d[d == 0] = 1.0
    ranks = sps.rankdata(np.abs(d))
    observed = min(ranks[d > 0].sum(), ranks[d < 0].sum())
    centre = ranks.sum() / 2
    extreme = 0
    for signs in itertools.product([0, 1], repeat=d.size):
        r_plus = float(np.dot(signs, ranks))
        extreme += abs(r_plus - centre) >= abs(observed - centre) - 1e-9
    assert exact_two_sided_p(ranks, observed) == pytest.approx(extreme / 2**d.size)


def test_all_zero_differences_give_null_z_and_say_why():
    result = wilcoxon_signed_rank([1, 2, 3], [1, 2, 3])
    assert math.isnan(result.z)
    out = result.to_dict()
    assert out["z"] is None and out["p"] is None
    assert any("all differences are zero" in note for note in out["notes"])


def test_float_noise_does_not_break_ties_or_hide_zeros():
    # 0.1 + 0.2 - 0.3 is 5.5e-17 in floating point: still a zero difference
    result = wilcoxon_signed_rank([0.3, 1.0, 2.0], [0.1 + 0.2, 2.0, 3.0])
    assert result.n_zero == 1
    assert result.rank_sum_positive == 3.0  # two tied differences of 1 -> 1.5 + 1.5


def test_exact_p_not_offered_for_large_n():
    rng = np.random.default_rng(1)
    result = wilcoxon_signed_rank(np.zeros(80), rng.normal(size=80))
    assert result.exact_p is None
    assert any("exact P not computed" in note for note in result.notes)
