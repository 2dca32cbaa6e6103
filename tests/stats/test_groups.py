"""Two or more independent groups: Mann-Whitney (SPSS way), Welch, Kruskal-Wallis."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats as sps

from hemorehab.stats.errors import GroupLevelsError
from hemorehab.stats.group_comparison import compare_two_groups
from hemorehab.stats.groups import kruskal_wallis, mann_whitney, welch_t

# R ?wilcox.test, Hollander & Wolfe (1973, p. 69f) permeability constants:
# wilcox.test(x, y, alternative = "g") -> W = 35, p-value = 0.1272 (two-sided 0.2544).
PERM_X = [0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46]
PERM_Y = [1.15, 0.88, 0.90, 0.74, 1.21]


def test_permeability_data_matches_r_documentation():
    result = mann_whitney(PERM_X, PERM_Y)
    assert result.u == 15  # min(35, 50 - 35)
    assert result.exact_p == pytest.approx(0.2544, abs=5e-5)
    assert result.z < 0


def test_hand_computed_mann_whitney_with_ties():
    # a = 1, 2, 2, 5; b = 2, 3, 4, 6, 7. Sorted: 1a 2a 2a 2b 3b 4b 5a 6b 7b.
    # Ranks: 1 -> 1; the three 2s -> 3 each; 3 -> 5; 4 -> 6; 5 -> 7; 6 -> 8; 7 -> 9.
    # R1 = 1 + 3 + 3 + 7 = 14, U1 = 14 - 10 = 4; R2 = 31, U2 = 31 - 15 = 16; U = 4.
    # var = 20/12 * (10 - (27 - 3)/(9*8)) = 16.111; Z = (4 - 10)/sqrt(16.111) = -1.4948
    result = mann_whitney([1, 2, 2, 5], [2, 3, 4, 6, 7])
    assert (result.u, result.rank_sum_1, result.rank_sum_2) == (4.0, 14.0, 31.0)
    assert result.z == pytest.approx(-6 / math.sqrt(20 / 12 * (10 - 24 / 72)))
    assert result.exact_p is None and "ties" in result.notes[0]
    ref = sps.mannwhitneyu([1, 2, 2, 5], [2, 3, 4, 6, 7], method="asymptotic", use_continuity=False)
    assert result.p == pytest.approx(ref.pvalue)


def test_mann_whitney_is_symmetric_in_the_groups():
    a, b = mann_whitney(PERM_X, PERM_Y), mann_whitney(PERM_Y, PERM_X)
    assert (a.u, a.z, a.p) == (b.u, b.z, b.p)


def test_welch_t_hand_computed():
    # means 2 and 5.5; variances 1 and 5/3; se^2 = 1/3 + 5/12 = 0.75; t = -3.5/sqrt(.75)
    # df = 0.75^2 / ((1/3)^2/2 + (5/12)^2/3) = 4.959
    result = welch_t([1, 2, 3], [4, 5, 6, 7])
    assert result.t == pytest.approx(-3.5 / math.sqrt(0.75))
    assert result.df == pytest.approx(0.5625 / ((1 / 3) ** 2 / 2 + (5 / 12) ** 2 / 3))
    assert result.mean_difference == -3.5


def test_welch_t_with_single_value_group_is_null():
    assert welch_t([1.0], [2.0, 3.0]).to_dict()["t"] is None


def test_kruskal_wallis_matches_r_documentation():
    # R ?kruskal.test, Hollander & Wolfe (1973, p. 116): chi-squared = 0.77143, df = 2,
    # p-value = 0.68
    result = kruskal_wallis(
        {
            "normal": [2.9, 3.0, 2.5, 2.6, 3.2],
            "oad": [3.8, 2.7, 4.0, 2.4],
            "asbestosis": [2.8, 3.4, 3.7, 2.2, 2.0],
        }
    )
    assert result.h == pytest.approx(0.77143, abs=5e-6)
    assert result.df == 2
    assert result.p == pytest.approx(0.68, abs=0.005)


def test_compare_two_groups_reports_levels_in_sorted_order():
    values = np.array([3.0, 2.0, np.nan, 4.0, 1.0, 2.0])
    groups = pd.Series(["prophylaxis", "on_demand", "on_demand", "prophylaxis", None, "on_demand"])
    result = compare_two_groups(values, groups, ("reduction", "regimen"))
    out = result.to_dict()
    assert list(out["groups"]) == ["on_demand", "prophylaxis"]
    assert out["groups"]["on_demand"]["n"] == 2
    assert out["n_dropped"] == 2


def test_numeric_group_levels_are_labelled_without_decimals():
    result = compare_two_groups(np.arange(6.0), pd.Series([0.0, 1.0] * 3))
    assert result.levels == ("0", "1")


def test_three_levels_are_refused_with_their_names():
    with pytest.raises(GroupLevelsError, match="found 3: a, b, c"):
        compare_two_groups(np.arange(6.0), pd.Series(list("abcabc")), ("x", "g"))
