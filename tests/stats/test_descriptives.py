"""Descriptives: SPSS percentile definition (R type 6) by default, others selectable."""

from __future__ import annotations

import numpy as np
import pytest

from hemorehab.stats.descriptives import (
    describe,
    quantiles,
    resolve_quantile_method,
    shapiro_wilk,
)


def test_quartiles_of_1_to_10_follow_r_type_6_by_default():
    # R: quantile(1:10, c(.25, .5, .75), type = 6) -> 2.75 5.50 8.25
    assert quantiles(np.arange(1.0, 11.0), [0.25, 0.5, 0.75]) == [2.75, 5.5, 8.25]


def test_type_7_excel_definition_is_selectable():
    # R: quantile(1:10, c(.25, .75), type = 7) -> 3.25 7.75
    assert quantiles(np.arange(1.0, 11.0), [0.25, 0.75], "excel") == [3.25, 7.75]
    assert quantiles(np.arange(1.0, 11.0), [0.25, 0.75], 7) == [3.25, 7.75]


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("spss", "weibull"),
        ("type6", "weibull"),
        (6, "weibull"),
        ("hazen", "hazen"),
        (1, "inverted_cdf"),
    ],
)
def test_quantile_method_names_resolve(given, expected):
    assert resolve_quantile_method(given) == expected


def test_unknown_quantile_method_is_refused():
    with pytest.raises(ValueError, match="unknown quantile method"):
        resolve_quantile_method("tukey")


def test_spss_quartiles_sit_at_n_plus_1_p():
    # n = 7: (n+1)/4 = 2 -> 2nd value; 3(n+1)/4 = 6 -> 6th value
    summary = describe(np.array([9.0, 1.0, 4.0, 15.0, 2.0, 6.0, 20.0]))
    assert (summary.q1, summary.median, summary.q3) == (2.0, 6.0, 15.0)


def test_describe_counts_missing_and_uses_sample_sd():
    summary = describe(np.array([1.0, 2.0, np.nan, 3.0, 4.0]))
    assert (summary.n, summary.missing) == (4, 1)
    assert summary.mean == 2.5
    assert summary.sd == pytest.approx(np.std([1, 2, 3, 4], ddof=1))
    assert (summary.min, summary.max) == (1.0, 4.0)
    assert "SPSS" in summary.quantile_method


def test_describe_empty_gives_nulls_in_json():
    out = describe(np.array([np.nan])).to_dict()
    assert out["n"] == 0 and out["mean"] is None and out["median"] is None


def test_shapiro_wilk_needs_three_values_and_states_why():
    result = shapiro_wilk(np.array([1.0, 2.0]))
    assert result.statistic is None and "n = 2" in (result.reason or "")


def test_shapiro_wilk_refuses_more_than_5000_values():
    result = shapiro_wilk(np.arange(5001.0))
    assert result.p is None and "5000" in (result.reason or "")


def test_shapiro_wilk_on_constant_values_is_undefined():
    assert shapiro_wilk(np.ones(10)).p is None


def test_shapiro_wilk_detects_a_clearly_skewed_sample():
    result = shapiro_wilk(np.exp(np.arange(30.0) / 3))
    assert result.p is not None and result.p < 0.05
