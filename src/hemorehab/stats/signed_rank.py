"""Wilcoxon signed-rank test for paired data, computed the way SPSS prints it.

Conventions (SPSS NPAR TESTS /WILCOXON, "Asymp. Sig. (2-tailed)"):
- differences are post - pre; zero differences are dropped;
- absolute differences get average ranks for ties;
- Z = (min(R+, R-) - n(n+1)/4) / sqrt(n(n+1)(2n+1)/24 - sum(t^3 - t)/48), so Z <= 0,
  with n the number of non-zero differences and t the sizes of tied groups;
- no continuity correction; two-sided P = 2 * Phi(Z).
An exact two-sided P is offered for n <= EXACT_MAX_N: the permutation distribution of R+
over the actual (average) ranks, each sign + or - with probability 1/2, built by dynamic
programming on doubled ranks (integers); P = min(1, 2 * P(R+ <= min(R+, R-))), which is
P(|R+ - n(n+1)/4| >= observed) because the distribution is symmetric.
Before ranking, differences are rounded to 12 significant digits of the largest |difference|
so that floating-point noise from the subtraction neither hides a zero nor breaks a tie.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import stats as sps

from hemorehab.stats._util import FloatArray, as_float_array, complete_pairs, num

EXACT_MAX_N = 50
SIGNIFICANT_DIGITS = 12
METHOD = (
    "Wilcoxon signed-rank, SPSS convention: d = post - pre, zeros dropped, average ranks "
    "for ties, tie-corrected normal approximation without continuity correction, "
    "Z from the smaller rank sum (Z <= 0), two-sided P"
)
EXACT_METHOD = (
    "exact two-sided P from the permutation distribution of R+ over the actual (average) "
    "ranks (dynamic programming), 2 * P(R+ <= min(R+, R-)) capped at 1"
)


@dataclass(frozen=True)
class SignedRankResult:
    """SPSS-style Wilcoxon signed-rank result; z and p are NaN when all differences are 0."""

    z: float
    p: float
    n_pairs: int
    n_nonzero: int
    n_zero: int
    n_positive: int
    n_negative: int
    rank_sum_positive: float
    rank_sum_negative: float
    tie_correction: float
    exact_p: float | None
    method: str = METHOD
    notes: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "z": num(self.z),
            "p": num(self.p),
            "n_pairs": self.n_pairs,
            "n_nonzero": self.n_nonzero,
            "n_zero": self.n_zero,
            "n_positive": self.n_positive,
            "n_negative": self.n_negative,
            "rank_sum_positive": num(self.rank_sum_positive),
            "rank_sum_negative": num(self.rank_sum_negative),
            "tie_correction": num(self.tie_correction),
            "exact_p": num(self.exact_p),
            "method": self.method,
            "notes": list(self.notes),
        }


def denoise(differences: FloatArray) -> FloatArray:
    """Differences rounded to SIGNIFICANT_DIGITS of the largest |difference|."""
    scale = float(np.max(np.abs(differences), initial=0.0))
    if scale == 0.0 or not math.isfinite(scale):
        return differences
    quantum = 10.0 ** (math.floor(math.log10(scale)) - SIGNIFICANT_DIGITS + 1)
    return np.round(differences / quantum) * quantum


def tie_term(ranks: FloatArray) -> float:
    """sum(t^3 - t) over groups of tied values."""
    _, counts = np.unique(ranks, return_counts=True)
    t = counts.astype(np.float64)
    return float(np.sum(t**3 - t))


def exact_two_sided_p(abs_ranks: FloatArray, statistic: float) -> float:
    """Exact two-sided P for the smaller rank sum `statistic` given the ranks in use."""
    doubled = np.rint(2.0 * abs_ranks).astype(np.int64)
    dist = np.zeros(int(doubled.sum()) + 1)
    dist[0] = 1.0
    for step in doubled:  # one convolution per rank: n <= EXACT_MAX_N
        shifted = np.zeros_like(dist)
        shifted[step:] = dist[: dist.size - step]
        dist = 0.5 * dist + 0.5 * shifted
    cutoff = round(2.0 * statistic)
    return float(min(1.0, 2.0 * dist[: cutoff + 1].sum()))


def _z_and_p(n: int, statistic: float, ties: float) -> tuple[float, float]:
    variance = n * (n + 1) * (2 * n + 1) / 24.0 - ties / 48.0
    z = (statistic - n * (n + 1) / 4.0) / math.sqrt(variance)
    return z, float(2.0 * sps.norm.cdf(-abs(z)))


def wilcoxon_signed_rank(pre: FloatArray, post: FloatArray) -> SignedRankResult:
    """SPSS-style Wilcoxon signed-rank test of post versus pre on complete pairs."""
    x, y = complete_pairs(as_float_array(pre), as_float_array(post))
    d = denoise(y - x)
    nonzero = d[d != 0.0]
    n = int(nonzero.size)
    ranks = sps.rankdata(np.abs(nonzero))
    r_plus = float(ranks[nonzero > 0].sum())
    r_minus = float(ranks[nonzero < 0].sum())
    ties = tie_term(ranks)
    notes = [_zero_note(int(d.size - n))]
    if n == 0:
        z, p, exact = float("nan"), float("nan"), None
        notes.append("all differences are zero: Z and P are undefined (null)")
    else:
        z, p = _z_and_p(n, min(r_plus, r_minus), ties)
        exact = exact_two_sided_p(ranks, min(r_plus, r_minus)) if n <= EXACT_MAX_N else None
        notes.append(_exact_note(n))
    return SignedRankResult(
        z=z,
        p=p,
        n_pairs=int(d.size),
        n_nonzero=n,
        n_zero=int(d.size - n),
        n_positive=int(np.sum(nonzero > 0)),
        n_negative=int(np.sum(nonzero < 0)),
        rank_sum_positive=r_plus,
        rank_sum_negative=r_minus,
        tie_correction=ties / 48.0,
        exact_p=exact,
        notes=tuple(notes),
    )


def _zero_note(n_zero: int) -> str:
    return f"{n_zero} zero difference(s) dropped before ranking"


def _exact_note(n: int) -> str:
    if n <= EXACT_MAX_N:
        return EXACT_METHOD
    return f"exact P not computed for n_nonzero = {n} > {EXACT_MAX_N}; use the asymptotic P"
