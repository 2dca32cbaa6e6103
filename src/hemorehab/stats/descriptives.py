"""Descriptive statistics per variable, with SPSS's percentile definition by default.

SPSS (Explore, Frequencies) uses the weighted average at (n + 1)p by default, which is
Hyndman & Fan's definition 6 (R `quantile(type = 6)`, numpy `method="weibull"`).
Excel and numpy default to definition 7 (`method="linear"`). Every summary states the
definition it used.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import stats as sps

from hemorehab.stats._util import FloatArray, as_float_array, drop_nan, num

#: R quantile types 1-9 (Hyndman & Fan 1996) as numpy `method=` names.
R_TYPES: dict[int, str] = {
    1: "inverted_cdf",
    2: "averaged_inverted_cdf",
    3: "closest_observation",
    4: "interpolated_inverted_cdf",
    5: "hazen",
    6: "weibull",
    7: "linear",
    8: "median_unbiased",
    9: "normal_unbiased",
}
ALIASES: dict[str, str] = {"spss": "weibull", "excel": "linear", "numpy": "linear"}
DEFAULT_QUANTILE_METHOD = "spss"
SHAPIRO_MIN_N = 3
SHAPIRO_MAX_N = 5000


def resolve_quantile_method(method: str | int = DEFAULT_QUANTILE_METHOD) -> str:
    """numpy method name for 'spss', 'excel', an R type (6 or 'type6') or a numpy name."""
    key = str(method).lower().removeprefix("type")
    if key.isdigit() and int(key) in R_TYPES:
        return R_TYPES[int(key)]
    if key in ALIASES:
        return ALIASES[key]
    if key in R_TYPES.values():
        return key
    raise ValueError(
        f"unknown quantile method {method!r}; use 'spss', 'excel', 1-9 or a numpy name"
    )


def describe_quantile_method(method: str | int = DEFAULT_QUANTILE_METHOD) -> str:
    name = resolve_quantile_method(method)
    rtype = next(t for t, n in R_TYPES.items() if n == name)
    extra = {6: " = SPSS default, weighted average at (n+1)p", 7: " = Excel/numpy default"}
    return f"R type {rtype} (numpy '{name}'){extra.get(rtype, '')}"


def quantiles(
    values: FloatArray, probs: list[float], method: str | int = DEFAULT_QUANTILE_METHOD
) -> list[float]:
    """Quantiles of non-missing values by the chosen definition."""
    data = drop_nan(as_float_array(values))
    if data.size == 0:
        return [float("nan")] * len(probs)
    result = np.quantile(data, probs, method=resolve_quantile_method(method))  # type: ignore[call-overload]
    return [float(q) for q in result]


@dataclass(frozen=True)
class Normality:
    """Shapiro-Wilk test; statistic and p are None when not computed (see `reason`)."""

    n: int
    statistic: float | None
    p: float | None
    reason: str | None = None
    test: str = "shapiro-wilk"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"test": self.test, "n": self.n}
        out |= {"statistic": num(self.statistic), "p": num(self.p)}
        if self.reason:
            out["reason"] = self.reason
        return out


def shapiro_wilk(values: FloatArray) -> Normality:
    """Shapiro-Wilk on non-missing values when 3 <= n <= 5000 and the values vary."""
    data = drop_nan(as_float_array(values))
    n = int(data.size)
    if not SHAPIRO_MIN_N <= n <= SHAPIRO_MAX_N:
        reason = f"Shapiro-Wilk needs {SHAPIRO_MIN_N} <= n <= {SHAPIRO_MAX_N}; n = {n}"
        return Normality(n, None, None, reason)
    if np.ptp(data) == 0:
        return Normality(n, None, None, "all values are equal; normality is undefined")
    result = sps.shapiro(data)
    return Normality(n, float(result.statistic), float(result.pvalue))


@dataclass(frozen=True)
class Summary:
    """n, missing, mean, SD (n - 1), median, Q1, Q3, min, max of one variable."""

    n: int
    missing: int
    mean: float
    sd: float
    median: float
    q1: float
    q3: float
    min: float
    max: float
    quantile_method: str

    def to_dict(self) -> dict[str, Any]:
        keys = ("mean", "sd", "median", "q1", "q3", "min", "max")
        out: dict[str, Any] = {"n": self.n, "missing": self.missing}
        out |= {key: num(getattr(self, key)) for key in keys}
        out["quantile_method"] = self.quantile_method
        return out


def describe(values: FloatArray, quantile_method: str | int = DEFAULT_QUANTILE_METHOD) -> Summary:
    """Summary of one variable; NaN counts as missing. Undefined values are NaN."""
    raw = as_float_array(values)
    data = drop_nan(raw)
    n = int(data.size)
    nan = float("nan")
    q1, median, q3 = quantiles(data, [0.25, 0.5, 0.75], quantile_method)
    return Summary(
        n=n,
        missing=int(raw.size - n),
        mean=float(data.mean()) if n else nan,
        sd=float(data.std(ddof=1)) if n > 1 else nan,
        median=median,
        q1=q1,
        q3=q3,
        min=float(data.min()) if n else nan,
        max=float(data.max()) if n else nan,
        quantile_method=describe_quantile_method(quantile_method),
    )
