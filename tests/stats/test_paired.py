"""Paired t, Hodges-Lehmann, effect size and the default-test rule."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats as sps

from hemorehab.stats.descriptives import Normality
from hemorehab.stats.errors import InsufficientDataError
from hemorehab.stats.hodges_lehmann import critical_rank, hodges_lehmann
from hemorehab.stats.paired import analyze_pair, choose_default_test, effect_size_r, paired_t

HW_X = np.array([1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30])
HW_Y = np.array([0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29])


def walsh(d):
    i, j = np.triu_indices(len(d))
    return np.sort((d[i] + d[j]) / 2)


def test_hodges_lehmann_estimate_of_depression_data_is_046():
    # Hollander & Wolfe (1973), depression data: theta-hat = 0.46
    assert hodges_lehmann(HW_X - HW_Y).estimate == pytest.approx(0.46)


def test_hodges_lehmann_ci_uses_exact_critical_value_like_r():
    # n = 9: P(T+ <= 5) = 10/512 <= 0.025 < P(T+ <= 6) = 14/512, so C = 6 and the interval
    # is (W_(6), W_(40)) of the 45 ordered Walsh averages, coverage 1 - 20/512 (R's
    # wilcox.test(conf.int = TRUE) takes the same order statistics).
    result = hodges_lehmann(HW_X - HW_Y)
    w = walsh(HW_X - HW_Y)
    assert result.critical_rank == 6
    assert result.ci95 == (pytest.approx(w[5]), pytest.approx(w[39]))
    assert result.achieved_confidence == pytest.approx(1 - 20 / 512)


def test_hodges_lehmann_keeps_zero_differences():
    d = np.array([0.0, 0.0, 0.0, 1.0, 2.0])
    assert hodges_lehmann(d).estimate == pytest.approx(np.median(walsh(d)))


def test_no_95_interval_for_five_or_fewer_pairs():
    # 2^-5 = 0.031 > 0.025: even the most extreme order statistic cannot give 95%
    result = hodges_lehmann(np.array([1.0, 2.0, 3.0, 4.0, 5.0]))
    assert result.ci95 is None and "too small" in result.method


def test_normal_approximation_critical_rank_for_large_n():
    # n = 100: n(n+1)/4 = 2525, sd = sqrt(100*101*201/24) = 290.84; 2525 - 1.96*290.84 = 1955.0
    c, _, method = critical_rank(100)
    assert c == math.floor(2525 - 1.959964 * math.sqrt(100 * 101 * 201 / 24) + 0.5)
    assert "normal approximation" in method


def test_paired_t_matches_scipy_and_reports_post_minus_pre():
    result = paired_t(HW_X, HW_Y)
    ref = sps.ttest_rel(HW_Y, HW_X)
    assert result.t == pytest.approx(ref.statistic)
    assert result.df == 8
    assert result.mean_difference == pytest.approx(np.mean(HW_Y - HW_X))
    low, high = result.ci95
    assert low < result.mean_difference < high


def test_paired_t_with_constant_differences_is_null_not_nan():
    out = paired_t(np.array([1.0, 2.0, 3.0]), np.array([2.0, 3.0, 4.0])).to_dict()
    assert out["t"] is None and out["p"] is None and out["mean_difference"] == 1.0


def test_effect_size_uses_number_of_pairs():
    assert effect_size_r(-6.68, 59) == pytest.approx(6.68 / math.sqrt(59))
    assert math.isnan(effect_size_r(float("nan"), 10))


def test_default_test_is_paired_t_when_differences_look_normal():
    choice = choose_default_test(Normality(20, 0.97, 0.40))
    assert choice.test == "paired_t" and "0.400" in choice.reason


def test_default_test_is_wilcoxon_when_not_normal_or_not_assessable():
    assert choose_default_test(Normality(20, 0.8, 0.001)).test == "wilcoxon"
    unknown = choose_default_test(Normality(2, None, None, "n = 2"))
    assert unknown.test == "wilcoxon" and "not assessed" in unknown.reason


def test_analyze_pair_drops_incomplete_rows_and_counts_them():
    pre = np.array([5.0, 2.0, np.nan, 8.0, 3.0, 6.0])
    post = np.array([1.0, 0.0, 1.0, 3.0, np.nan, 2.0])
    result = analyze_pair(pre, post, ("before", "after"))
    assert (result.n, result.n_dropped) == (4, 2)
    assert result.pre_summary.n == result.post_summary.n == 4
    assert result.to_dict()["pre"] == "before"


def test_analyze_pair_refuses_fewer_than_two_complete_rows():
    with pytest.raises(InsufficientDataError, match="1 complete row"):
        analyze_pair(np.array([1.0, np.nan]), np.array([2.0, 3.0]))
