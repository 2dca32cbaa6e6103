"""Adjusted models of a paired outcome (statsmodels), returned as plain dataclasses.

- change model: OLS of (post - pre) on covariates, heteroscedasticity-robust HC3 standard
  errors (MacKinnon & White 1985), t-based 95% CI and two-sided P;
- ANCOVA: OLS of post on baseline (pre) + covariates, HC3 as above;
- mixed model: linear mixed-effects model (statsmodels MixedLM, REML) with a random
  intercept per child for long data; children with fewer than `min_time_points` complete
  observations are left out and counted in the notes.
Every fit is refused (InsufficientDataError) when the complete rows number fewer than the
model's parameters + 2. Column lists are quoted with patsy's Q(), so any name works;
term names are reported without the quoting ('reg[T.p]', not 'Q("reg")[T.p]').
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import statsmodels.formula.api as smf

from hemorehab.stats._util import num
from hemorehab.stats.errors import InsufficientDataError
from hemorehab.stats.wide import require_columns

CHANGE = "change_post_minus_pre"


@dataclass(frozen=True)
class Coefficient:
    term: str
    estimate: float
    se: float
    ci95: tuple[float, float]
    p: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "term": self.term,
            "estimate": num(self.estimate),
            "se": num(self.se),
            "ci95": [num(v) for v in self.ci95],
            "p": num(self.p),
        }


@dataclass(frozen=True)
class ModelResult:
    kind: str
    formula: str
    n: int
    n_dropped: int
    n_parameters: int
    coefficients: tuple[Coefficient, ...]
    covariance: str
    method: str
    r_squared: float | None = None
    group_variance: float | None = None
    n_groups: int | None = None
    notes: tuple[str, ...] = field(default=())

    def coefficient(self, term: str) -> Coefficient:
        return next(c for c in self.coefficients if c.term == term)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "formula": self.formula,
            "n": self.n,
            "n_dropped": self.n_dropped,
            "n_parameters": self.n_parameters,
            "coefficients": [c.to_dict() for c in self.coefficients],
            "covariance": self.covariance,
            "method": self.method,
            "r_squared": num(self.r_squared),
            "group_variance": num(self.group_variance),
            "n_groups": self.n_groups,
            "notes": list(self.notes),
        }


def quote(column: str) -> str:
    """A column name as a patsy term."""
    return f'Q("{column}")'


def unquote(term: str) -> str:
    """Term name without patsy quoting: 'Q("reg")[T.p]' -> 'reg[T.p]'."""
    return re.sub(r'Q\("([^"]*)"\)', r"\1", term)


def _check_size(n: int, k: int, formula: str) -> None:
    if n < k + 2:
        raise InsufficientDataError(
            f"model {formula!r} has {k} parameters and needs at least {k + 2} complete rows; "
            f"got {n}"
        )


def _coefficients(result: Any) -> tuple[Coefficient, ...]:
    ci = result.conf_int(alpha=0.05)
    return tuple(
        Coefficient(
            unquote(str(t)),
            float(result.params[t]),
            float(result.bse[t]),
            (float(ci.loc[t, 0]), float(ci.loc[t, 1])),
            float(result.pvalues[t]),
        )
        for t in result.params.index
    )


HC3_UNDEFINED = (
    "HC3 undefined for some terms: a child has leverage 1 (e.g. the only child in a covariate "
    "level); those standard errors, CIs and P values are null"
)
LEVERAGE_ONE = 1 - 1e-8
"""A hat value this close to 1 makes HC3's residual / (1 - h) a 0/0: the SE is undefined."""


def _max_leverage(exog: np.ndarray) -> float:
    """The largest diagonal element of the hat matrix X (X'X)^-1 X', from a thin QR."""
    q, _ = np.linalg.qr(exog)
    return float(np.max(np.sum(q * q, axis=1))) if len(q) else 0.0


def _undefined(coefficients: tuple[Coefficient, ...]) -> tuple[Coefficient, ...]:
    nan = float("nan")
    return tuple(Coefficient(c.term, c.estimate, nan, (nan, nan), nan) for c in coefficients)


def fit_ols(frame: pd.DataFrame, formula: str, kind: str = "ols") -> ModelResult:
    """OLS by formula with HC3 robust standard errors; rows with missing values dropped.

    When a child has leverage 1 HC3 is undefined (MacKinnon & White 1985 divide by 1 - h);
    the estimates are kept, the standard errors, CIs and P values are null and a note says so.
    """
    model = smf.ols(formula, frame, missing="drop")
    n, k = model.exog.shape
    _check_size(n, k, formula)
    leverage_one = _max_leverage(np.asarray(model.exog, dtype=np.float64)) >= LEVERAGE_ONE
    with np.errstate(
        divide="ignore" if leverage_one else "warn", invalid="ignore" if leverage_one else "warn"
    ):
        result = model.fit(cov_type="HC3", use_t=True)
    coefficients = _coefficients(result)
    notes: tuple[str, ...] = ()
    if leverage_one:
        coefficients, notes = _undefined(coefficients), (HC3_UNDEFINED,)
    return ModelResult(
        kind=kind,
        formula=formula,
        n=int(n),
        n_dropped=int(len(frame) - n),
        n_parameters=int(k),
        coefficients=coefficients,
        covariance="HC3",
        method="OLS, HC3 robust standard errors, t (n - k df) 95% CI and two-sided P",
        r_squared=float(result.rsquared),
        notes=notes,
    )


def change_model(
    frame: pd.DataFrame, pre: str, post: str, covariates: Sequence[str]
) -> ModelResult:
    """OLS of (post - pre) on the covariates (HC3)."""
    require_columns(frame, [pre, post, *covariates])
    data = frame.assign(**{CHANGE: frame[post] - frame[pre]})
    rhs = " + ".join(quote(c) for c in covariates) or "1"
    return fit_ols(data, f"{CHANGE} ~ {rhs}", kind="change")


def ancova_model(
    frame: pd.DataFrame, pre: str, post: str, covariates: Sequence[str] = ()
) -> ModelResult:
    """ANCOVA form: post ~ baseline + covariates (HC3)."""
    require_columns(frame, [pre, post, *covariates])
    rhs = " + ".join(quote(c) for c in [pre, *covariates])
    return fit_ols(frame, f"{quote(post)} ~ {rhs}", kind="ancova")


def _eligible_children(
    frame: pd.DataFrame, columns: Sequence[str], group: str, min_time_points: int
) -> tuple[pd.DataFrame, int]:
    complete = frame.dropna(subset=list(dict.fromkeys([*columns, group])))
    counts = complete.groupby(group)[group].transform("size")
    kept = complete[counts >= min_time_points]
    excluded = complete[group].nunique() - kept[group].nunique()
    return kept, int(excluded)


def mixed_model(
    frame: pd.DataFrame,
    formula: str,
    group: str,
    columns: Sequence[str],
    min_time_points: int = 3,
) -> ModelResult:
    """Random-intercept MixedLM on long data; `columns` are the formula's variables."""
    require_columns(frame, [*columns, group])
    data, excluded = _eligible_children(frame, columns, group, min_time_points)
    model = smf.mixedlm(formula, data, groups=data[group])
    n, k = model.exog.shape
    _check_size(n, k + 1, formula)  # + 1 for the random-intercept variance
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = model.fit(reml=True)
    fixed = [c for c in _coefficients(result) if c.term != "Group Var"]
    notes = [
        f"{excluded} child(ren) with fewer than {min_time_points} complete time points left out",
        f"converged: {bool(result.converged)}",
    ]
    notes += [f"warning: {w.message}" for w in caught]
    return ModelResult(
        kind="mixed",
        formula=formula,
        n=int(n),
        n_dropped=int(len(frame) - n),
        n_parameters=int(k + 1),
        coefficients=tuple(fixed),
        covariance="model-based (REML)",
        method=f"linear mixed model, random intercept per {group}, REML, Wald 95% CI and P",
        group_variance=float(result.cov_re.iloc[0, 0]),
        n_groups=int(data[group].nunique()),
        notes=tuple(notes),
    )
