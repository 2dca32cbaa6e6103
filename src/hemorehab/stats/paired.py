"""Before/after analysis of one paired outcome: summaries, tests, effect size, estimate.

Conventions stated in every result:
- differences are post - pre; summaries are of the complete pairs analysed;
- effect size r = |Z| / sqrt(N), N = number of pairs analysed (zero differences included),
  as SPSS users usually report it (Z from the SPSS-style Wilcoxon test);
- the default test is the paired t-test when Shapiro-Wilk on the differences gives
  p >= 0.05, otherwise (or when normality cannot be assessed) the Wilcoxon signed-rank test.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import stats as sps

from hemorehab.stats._util import FloatArray, as_float_array, complete_pairs, num
from hemorehab.stats.descriptives import (
    DEFAULT_QUANTILE_METHOD,
    Normality,
    Summary,
    describe,
    shapiro_wilk,
)
from hemorehab.stats.errors import InsufficientDataError
from hemorehab.stats.formatting import format_p
from hemorehab.stats.hodges_lehmann import HodgesLehmann, hodges_lehmann
from hemorehab.stats.signed_rank import SignedRankResult, wilcoxon_signed_rank

NORMALITY_ALPHA = 0.05
EFFECT_SIZE_NOTE = "effect size r = |Z| / sqrt(N), N = number of pairs analysed (zeros included)"


@dataclass(frozen=True)
class PairedT:
    """Paired t-test of post - pre; t, p and CI are NaN when the differences do not vary."""

    t: float
    df: int
    p: float
    mean_difference: float
    ci95: tuple[float, float]
    method: str = "paired t-test on d = post - pre, two-sided, 95% CI of the mean difference"

    def to_dict(self) -> dict[str, Any]:
        return {
            "t": num(self.t),
            "df": self.df,
            "p": num(self.p),
            "mean_difference": num(self.mean_difference),
            "ci95": [num(v) for v in self.ci95],
            "method": self.method,
        }


def paired_t(pre: FloatArray, post: FloatArray) -> PairedT:
    """Paired t-test on complete pairs (scipy.stats.ttest_rel(post, pre))."""
    x, y = complete_pairs(as_float_array(pre), as_float_array(post))
    d = y - x
    if d.size < 2:
        raise InsufficientDataError(f"paired t-test needs at least 2 complete pairs; got {d.size}")
    if np.ptp(d) == 0:
        nan = float("nan")
        note = "differences do not vary: t, P and CI are undefined (null)"
        return PairedT(nan, int(d.size - 1), nan, float(d.mean()), (nan, nan), note)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        result = sps.ttest_rel(y, x)
        ci = result.confidence_interval(0.95)
    return PairedT(
        float(result.statistic),
        int(result.df),
        float(result.pvalue),
        float(d.mean()),
        (float(ci.low), float(ci.high)),
    )


def effect_size_r(z: float, n_pairs: int) -> float:
    """r = |Z| / sqrt(N); NaN when undefined."""
    if n_pairs <= 0 or not math.isfinite(z):
        return float("nan")
    return abs(z) / math.sqrt(n_pairs)


@dataclass(frozen=True)
class DefaultTest:
    test: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"test": self.test, "reason": self.reason}


def choose_default_test(normality: Normality) -> DefaultTest:
    """Paired t when the differences look normal (Shapiro-Wilk p >= 0.05), else Wilcoxon."""
    if normality.p is None:
        return DefaultTest(
            "wilcoxon", f"normality of differences not assessed ({normality.reason})"
        )
    if normality.p >= NORMALITY_ALPHA:
        return DefaultTest(
            "paired_t",
            f"Shapiro-Wilk on differences P = {format_p(normality.p)} >= {NORMALITY_ALPHA}",
        )
    return DefaultTest(
        "wilcoxon", f"Shapiro-Wilk on differences P = {format_p(normality.p)} < {NORMALITY_ALPHA}"
    )


@dataclass(frozen=True)
class PairedAnalysis:
    """Everything reported for one PRE:POST pair."""

    pre: str
    post: str
    n: int
    n_dropped: int
    pre_summary: Summary
    post_summary: Summary
    difference_summary: Summary
    normality: Normality
    wilcoxon: SignedRankResult
    paired_t: PairedT
    effect_size_r: float
    hodges_lehmann: HodgesLehmann
    default_test: DefaultTest

    def to_dict(self) -> dict[str, Any]:
        return {
            "pre": self.pre,
            "post": self.post,
            "n": self.n,
            "n_dropped": self.n_dropped,
            "pre_summary": self.pre_summary.to_dict(),
            "post_summary": self.post_summary.to_dict(),
            "difference_summary": self.difference_summary.to_dict(),
            "normality": self.normality.to_dict(),
            "wilcoxon": self.wilcoxon.to_dict(),
            "paired_t": self.paired_t.to_dict(),
            "effect_size_r": num(self.effect_size_r),
            "hodges_lehmann": self.hodges_lehmann.to_dict(),
            "default_test": self.default_test.to_dict(),
            "notes": [
                "differences are post - pre; summaries describe the complete pairs analysed",
                f"{self.n_dropped} row(s) missing a value of the pair were dropped",
                EFFECT_SIZE_NOTE,
            ],
        }


def analyze_pair(
    pre: FloatArray,
    post: FloatArray,
    names: tuple[str, str] = ("pre", "post"),
    quantile_method: str | int = DEFAULT_QUANTILE_METHOD,
) -> PairedAnalysis:
    """Full paired analysis on rows where both values are present (NaN = missing)."""
    raw_pre = as_float_array(pre)
    x, y = complete_pairs(raw_pre, as_float_array(post))
    if x.size < 2:
        raise InsufficientDataError(
            f"pair {names[0]}:{names[1]} has {x.size} complete row(s); at least 2 are needed"
        )
    d = y - x
    normality = shapiro_wilk(d)
    signed_rank = wilcoxon_signed_rank(x, y)
    return PairedAnalysis(
        pre=names[0],
        post=names[1],
        n=int(x.size),
        n_dropped=int(raw_pre.size - x.size),
        pre_summary=describe(x, quantile_method),
        post_summary=describe(y, quantile_method),
        difference_summary=describe(d, quantile_method),
        normality=normality,
        wilcoxon=signed_rank,
        paired_t=paired_t(x, y),
        effect_size_r=effect_size_r(signed_rank.z, int(x.size)),
        hodges_lehmann=hodges_lehmann(d),
        default_test=choose_default_test(normality),
    )
