"""Invariants of the paired tests (hypothesis)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from hemorehab.stats.paired import analyze_pair
from hemorehab.stats.signed_rank import wilcoxon_signed_rank

scores = st.integers(min_value=0, max_value=40)


@st.composite
def paired_scores(draw):
    n = draw(st.integers(min_value=3, max_value=60))
    pre = np.array(draw(st.lists(scores, min_size=n, max_size=n)), dtype=float)
    post = np.array(draw(st.lists(scores, min_size=n, max_size=n)), dtype=float)
    assume(np.any(pre != post))
    return pre, post


@settings(max_examples=60, deadline=None)
@given(paired_scores())
def test_swapping_before_and_after_flips_only_the_sign(data):
    pre, post = data
    forward, backward = analyze_pair(pre, post), analyze_pair(post, pre)
    assert backward.paired_t.mean_difference == -forward.paired_t.mean_difference
    assert backward.wilcoxon.z == pytest.approx(forward.wilcoxon.z)
    assert backward.wilcoxon.p == pytest.approx(forward.wilcoxon.p)
    assert backward.wilcoxon.z <= 0
    assert backward.hodges_lehmann.estimate == pytest.approx(-forward.hodges_lehmann.estimate)


@settings(max_examples=60, deadline=None)
@given(paired_scores())
def test_p_values_lie_in_unit_interval(data):
    result = wilcoxon_signed_rank(*data)
    assert 0.0 <= result.p <= 1.0
    assert result.exact_p is None or 0.0 <= result.exact_p <= 1.0
    assert result.rank_sum_positive + result.rank_sum_negative == pytest.approx(
        result.n_nonzero * (result.n_nonzero + 1) / 2
    )


@settings(max_examples=60, deadline=None)
@given(paired_scores(), st.integers(min_value=-1000, max_value=1000))
def test_adding_a_constant_to_both_columns_changes_nothing(data, shift):
    pre, post = data
    base, moved = wilcoxon_signed_rank(pre, post), wilcoxon_signed_rank(pre + shift, post + shift)
    assert (moved.z, moved.p, moved.exact_p) == (base.z, base.p, base.exact_p)


@settings(max_examples=60, deadline=None)
@given(paired_scores(), st.sampled_from([0.1, 0.5, 2.0, 3.7, 1000.0]))
def test_scaling_both_columns_leaves_z_and_p(data, factor):
    pre, post = data
    base = wilcoxon_signed_rank(pre, post)
    scaled = wilcoxon_signed_rank(pre * factor, post * factor)
    assert scaled.z == pytest.approx(base.z)
    assert scaled.p == pytest.approx(base.p)
    assert (scaled.n_zero, scaled.tie_correction) == (base.n_zero, base.tie_correction)


def test_all_tied_same_sign_differences_reach_the_bound():
    assert wilcoxon_signed_rank([5, 5, 5, 5], [3, 3, 3, 3]).z == pytest.approx(-2.0)


@settings(max_examples=30, deadline=None)
@given(paired_scores())
def test_z_is_bounded_by_root_n(data):
    # var = sum(r^2)/4 and min(R+, R-) >= 0, so |Z| <= sum(r) / sqrt(sum(r^2)) <= sqrt(n)
    # (Cauchy-Schwarz); equality when all n non-zero differences tie and share a sign.
    result = wilcoxon_signed_rank(*data)
    assume(result.n_nonzero > 0)
    assert math.isfinite(result.z)
    assert -math.sqrt(result.n_nonzero) - 1e-9 <= result.z <= 0
