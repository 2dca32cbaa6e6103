"""Independent groups: Mann-Whitney U (SPSS convention), Welch t, Kruskal-Wallis.

Mann-Whitney U as SPSS prints it: U = min(U1, U2) with U1 = R1 - n1(n1+1)/2; mid-ranks for
ties; Z = (U - n1 n2 / 2) / sqrt(n1 n2 / 12 * ((N + 1) - sum(t^3 - t) / (N (N - 1)))), so
Z <= 0, without continuity correction; two-sided asymptotic P = 2 * Phi(Z). An exact
two-sided P (scipy method="exact", = 2 * one-tailed, capped at 1) is added when there are
no ties and n1 + n2 <= EXACT_MAX_TOTAL; otherwise exact_p is null and the notes say why.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import stats as sps

from hemorehab.stats._util import FloatArray, as_float_array, drop_nan, num
from hemorehab.stats.errors import InsufficientDataError
from hemorehab.stats.signed_rank import tie_term

EXACT_MAX_TOTAL = 50
MW_METHOD = (
    "Mann-Whitney U, SPSS convention: U = min(U1, U2), mid-ranks, tie-corrected normal "
    "approximation without continuity correction (Z <= 0), two-sided P"
)


@dataclass(frozen=True)
class MannWhitney:
    u: float
    z: float
    p: float
    exact_p: float | None
    n1: int
    n2: int
    rank_sum_1: float
    rank_sum_2: float
    notes: tuple[str, ...]
    method: str = MW_METHOD

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"u": num(self.u), "z": num(self.z), "p": num(self.p)}
        out |= {"exact_p": num(self.exact_p), "n1": self.n1, "n2": self.n2}
        out |= {"rank_sum_1": num(self.rank_sum_1), "rank_sum_2": num(self.rank_sum_2)}
        return out | {"method": self.method, "notes": list(self.notes)}


def mann_whitney(a: FloatArray, b: FloatArray) -> MannWhitney:
    """SPSS-style Mann-Whitney U of two samples (NaN dropped)."""
    x, y = drop_nan(as_float_array(a)), drop_nan(as_float_array(b))
    n1, n2 = int(x.size), int(y.size)
    if n1 == 0 or n2 == 0:
        raise InsufficientDataError(f"Mann-Whitney needs both groups non-empty; n = {n1}, {n2}")
    ranks = sps.rankdata(np.concatenate([x, y]))
    r1, r2 = float(ranks[:n1].sum()), float(ranks[n1:].sum())
    u = min(r1 - n1 * (n1 + 1) / 2.0, r2 - n2 * (n2 + 1) / 2.0)
    total = n1 + n2
    ties = tie_term(ranks)
    tie_part = ties / (total * (total - 1)) if total > 1 else 0.0
    variance = n1 * n2 / 12.0 * ((total + 1) - tie_part)
    nan = float("nan")
    z = (u - n1 * n2 / 2.0) / math.sqrt(variance) if variance > 0 else nan
    p = float(2.0 * sps.norm.cdf(-abs(z))) if variance > 0 else nan
    exact, note = _exact(x, y, ties)
    notes = (note,) if variance > 0 else (note, "all values equal: Z and P undefined (null)")
    return MannWhitney(u, z, p, exact, n1, n2, r1, r2, notes)


def _exact(x: FloatArray, y: FloatArray, ties: float) -> tuple[float | None, str]:
    if ties > 0:
        return None, "exact P not computed: the data contain ties"
    if x.size + y.size > EXACT_MAX_TOTAL:
        return None, f"exact P not computed: n1 + n2 > {EXACT_MAX_TOTAL}"
    result = sps.mannwhitneyu(x, y, alternative="two-sided", method="exact")
    return float(result.pvalue), "exact two-sided P by scipy method='exact' (no ties)"


@dataclass(frozen=True)
class WelchT:
    """Welch t-test; mean_difference = mean(first level) - mean(second level)."""

    t: float
    df: float
    p: float
    mean_difference: float
    ci95: tuple[float, float]
    method: str = "Welch t-test (unequal variances), two-sided, 95% CI of the mean difference"

    def to_dict(self) -> dict[str, Any]:
        return {
            "t": num(self.t),
            "df": num(self.df),
            "p": num(self.p),
            "mean_difference": num(self.mean_difference),
            "ci95": [num(v) for v in self.ci95],
            "method": self.method,
        }


def welch_t(a: FloatArray, b: FloatArray) -> WelchT:
    """Welch t-test of a versus b (NaN dropped); NaN results when undefined."""
    x, y = drop_nan(as_float_array(a)), drop_nan(as_float_array(b))
    nan = float("nan")
    diff = float(x.mean() - y.mean()) if x.size and y.size else nan
    if x.size < 2 or y.size < 2 or (np.ptp(x) == 0 and np.ptp(y) == 0):
        note = "Welch t undefined: needs >= 2 values per group and some variation (null)"
        return WelchT(nan, nan, nan, diff, (nan, nan), note)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        result = sps.ttest_ind(x, y, equal_var=False)
        ci = result.confidence_interval(0.95)
    return WelchT(
        float(result.statistic),
        float(result.df),
        float(result.pvalue),
        diff,
        (float(ci.low), float(ci.high)),
    )


@dataclass(frozen=True)
class KruskalWallis:
    h: float
    df: int
    p: float
    n: dict[str, int]
    method: str = "Kruskal-Wallis H, tie-corrected, chi-square approximation (scipy.stats.kruskal)"

    def to_dict(self) -> dict[str, Any]:
        return {
            "h": num(self.h),
            "df": self.df,
            "p": num(self.p),
            "n": dict(self.n),
            "method": self.method,
        }


def kruskal_wallis(samples: dict[str, FloatArray]) -> KruskalWallis:
    """Kruskal-Wallis across two or more named samples (NaN dropped)."""
    data = {k: drop_nan(as_float_array(v)) for k, v in samples.items()}
    if len(data) < 2 or any(v.size == 0 for v in data.values()):
        raise InsufficientDataError("Kruskal-Wallis needs >= 2 non-empty groups")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        result = sps.kruskal(*data.values())
    counts = {k: int(v.size) for k, v in data.items()}
    return KruskalWallis(float(result.statistic), len(data) - 1, float(result.pvalue), counts)
