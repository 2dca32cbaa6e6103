"""Hodges-Lehmann estimate of the paired shift with its distribution-free confidence interval.

Following Hollander & Wolfe (Nonparametric Statistical Methods, ch. 3): the estimate is the
median of the M = n(n+1)/2 Walsh averages of ALL n differences (zero differences included);
the 100(1 - alpha)% interval is (W_(C), W_(M + 1 - C)) of the ordered Walsh averages, where
- n <= EXACT_MAX_N: C - 1 is the largest c with P(T+ <= c) <= alpha/2 under the exact null
  distribution of the signed-rank statistic for untied ranks 1..n (as R's wilcox.test);
- n > EXACT_MAX_N: C = floor(n(n+1)/4 - z_(alpha/2) * sqrt(n(n+1)(2n+1)/24) + 0.5), the
  normal approximation with continuity correction.
With ties the interval is that of the untied critical value (its coverage is approximate).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import stats as sps

from hemorehab.stats._util import FloatArray, as_float_array, drop_nan, num
from hemorehab.stats.walsh import walsh_order_statistics

EXACT_MAX_N = 50


@dataclass(frozen=True)
class HodgesLehmann:
    """Median of Walsh averages and its CI; ci95 is None when n is too small for it."""

    estimate: float
    ci95: tuple[float, float] | None
    n: int
    critical_rank: int | None
    achieved_confidence: float | None
    method: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "estimate": num(self.estimate),
            "ci95": None if self.ci95 is None else [num(v) for v in self.ci95],
            "n": self.n,
            "critical_rank": self.critical_rank,
            "achieved_confidence": num(self.achieved_confidence),
            "method": self.method,
        }


def signed_rank_cdf(n: int) -> FloatArray:
    """P(T+ <= t), t = 0..n(n+1)/2, for untied ranks 1..n."""
    dist = np.zeros(n * (n + 1) // 2 + 1)
    dist[0] = 1.0
    for rank in range(1, n + 1):
        shifted = np.zeros_like(dist)
        shifted[rank:] = dist[:-rank]
        dist = 0.5 * dist + 0.5 * shifted
    return np.cumsum(dist)


def critical_rank(n: int, alpha: float = 0.05) -> tuple[int | None, float | None, str]:
    """C for the interval (W_(C), W_(M+1-C)), the achieved confidence, and the method."""
    if n <= EXACT_MAX_N:
        cdf = signed_rank_cdf(n)
        admissible = np.flatnonzero(cdf <= alpha / 2.0 + 1e-12)
        method = "exact signed-rank critical value (untied ranks)"
        if admissible.size == 0:
            return None, None, method
        c = int(admissible[-1]) + 1
        return c, float(1.0 - 2.0 * cdf[c - 1]), method
    mean = n * (n + 1) / 4.0
    sd = math.sqrt(n * (n + 1) * (2 * n + 1) / 24.0)
    c = max(1, math.floor(mean - float(sps.norm.ppf(1.0 - alpha / 2.0)) * sd + 0.5))
    achieved = 1.0 - 2.0 * float(sps.norm.cdf((c - 0.5 - mean) / sd))
    return (
        c,
        achieved,
        "normal approximation to the signed-rank critical value (continuity corrected)",
    )


def hodges_lehmann(differences: FloatArray) -> HodgesLehmann:
    """Hodges-Lehmann estimate and 95% CI from paired differences (NaN dropped)."""
    d = drop_nan(as_float_array(differences))
    n = int(d.size)
    if n == 0:
        return HodgesLehmann(float("nan"), None, 0, None, None, "no differences")
    total = n * (n + 1) // 2
    c, achieved, how = critical_rank(n)
    ranks = [(total + 1) // 2, total // 2 + 1]
    if c is not None:
        ranks += [c, total + 1 - c]
    values = walsh_order_statistics(d, ranks)
    estimate = (values[0] + values[1]) / 2.0
    ci = (values[2], values[3]) if c is not None else None
    method = (
        "Hodges-Lehmann: median of Walsh averages of all n differences (post - pre, zeros "
        f"included); 95% CI (W_(C), W_(M+1-C)) by {how}"
    )
    if c is None:
        method += f"; n = {n} is too small for a 95% interval"
    return HodgesLehmann(estimate, ci, n, c, achieved, method)
