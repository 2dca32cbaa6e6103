"""Adjusted models: change and ANCOVA with HC3, random-intercept mixed model."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf

from hemorehab.stats.errors import InsufficientDataError, UnknownColumnError
from hemorehab.stats.models import ancova_model, change_model, fit_ols, mixed_model


@pytest.fixture
def wide():
    rng = np.random.default_rng(11)
    n = 60
    frame = pd.DataFrame(
        {
            "hjhs_pre": rng.normal(10, 3, n),
            "age": rng.uniform(4, 18, n),
            "prior regimen": rng.choice(["prophylaxis", "on_demand"], n),
        }
    )
    frame["hjhs_post"] = 0.5 * frame["hjhs_pre"] - 0.2 * frame["age"] + rng.normal(0, 1, n)
    return frame


def test_change_model_uses_hc3_and_quotes_awkward_names(wide):
    result = change_model(wide, "hjhs_pre", "hjhs_post", ["age", "prior regimen"])
    assert result.covariance == "HC3"
    terms = [c.term for c in result.coefficients]
    assert "age" in terms and "prior regimen[T.prophylaxis]" in terms
    ref = smf.ols("I(hjhs_post - hjhs_pre) ~ age", wide).fit(cov_type="HC3", use_t=True)
    only_age = change_model(wide, "hjhs_pre", "hjhs_post", ["age"])
    assert only_age.coefficient("age").se == pytest.approx(ref.bse["age"])
    assert only_age.coefficient("age").p == pytest.approx(ref.pvalues["age"])


def test_ancova_recovers_the_baseline_slope(wide):
    result = ancova_model(wide, "hjhs_pre", "hjhs_post", ["age"])
    slope = result.coefficient("hjhs_pre")
    assert slope.ci95[0] < 0.5 < slope.ci95[1]
    assert result.kind == "ancova" and result.n == 60


def test_too_few_complete_rows_are_refused(wide):
    small = wide.head(4)  # 3 parameters + 2 = 5 rows needed
    with pytest.raises(InsufficientDataError, match="at least 5 complete rows; got 4"):
        ancova_model(small, "hjhs_pre", "hjhs_post", ["age"])


def test_missing_rows_are_dropped_and_counted(wide):
    wide.loc[[0, 1], "age"] = np.nan
    result = fit_ols(wide, "hjhs_post ~ hjhs_pre + age")
    assert (result.n, result.n_dropped) == (58, 2)


def test_unknown_covariate_is_named(wide):
    with pytest.raises(UnknownColumnError, match="'adherence'"):
        change_model(wide, "hjhs_pre", "hjhs_post", ["adherence"])


def test_mixed_model_random_intercept_per_child():
    rng = np.random.default_rng(5)
    long = pd.DataFrame({"child": np.repeat(np.arange(40), 4), "week": np.tile([0, 4, 8, 12], 40)})
    long["score"] = rng.normal(0, 2, 40).repeat(4) - 0.25 * long["week"] + rng.normal(0, 1, 160)
    extra = pd.DataFrame({"child": [99, 99], "week": [0, 12], "score": [1.0, 0.0]})
    result = mixed_model(pd.concat([long, extra]), "score ~ week", "child", ["score", "week"])
    week = result.coefficient("week")
    assert week.ci95[0] < -0.25 < week.ci95[1]
    assert result.n_groups == 40
    assert result.group_variance is not None and result.group_variance > 0
    assert "1 child(ren) with fewer than 3" in result.notes[0]
