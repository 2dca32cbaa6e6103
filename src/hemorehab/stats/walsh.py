"""Order statistics of the Walsh averages (d_i + d_j) / 2, i <= j, without storing them all.

There are M = n(n+1)/2 Walsh averages: 5 * 10^9 for n = 100,000. Three exact strategies:
- enumerate them all when M <= ENUMERATE_MAX;
- when the differences take few distinct values (scores on a grid), enumerate the averages
  of distinct values with their multiplicities;
- otherwise select in the implicit sorted matrix: per row i the sums s_i + s_j (j >= i) are
  sorted, so a pivot splits every row by binary search; pivots are quantiles of a random
  sample of the remaining candidates, and once few candidates remain they are enumerated.
Pivot splits compare s_j against p - s_i, which can misplace a sum lying within one
rounding error of a pivot; the value returned is then off by at most that rounding error.
"""

from __future__ import annotations

import numpy as np

from hemorehab.stats._util import FloatArray

ENUMERATE_MAX = 2_000_000
SAMPLE_SIZE = 100_000
IntArray = np.ndarray


def walsh_order_statistics(differences: FloatArray, ranks: list[int]) -> list[float]:
    """The Walsh averages of given 1-based ranks in ascending order of all M averages."""
    s = np.sort(np.asarray(differences, dtype=np.float64))
    n = s.size
    total = n * (n + 1) // 2
    if any(not 1 <= k <= total for k in ranks):
        raise ValueError(f"ranks must lie in 1..{total}")
    if total <= ENUMERATE_MAX:
        return _from_sorted(np.sort(_all_sums(s)), ranks)
    values, counts = np.unique(s, return_counts=True)
    if values.size * (values.size + 1) // 2 <= ENUMERATE_MAX:
        return _weighted(values, counts, ranks)
    return [_select(s, k - 1) / 2.0 for k in ranks]


def _all_sums(s: FloatArray) -> FloatArray:
    i, j = np.triu_indices(s.size)
    return s[i] + s[j]


def _from_sorted(sums: FloatArray, ranks: list[int]) -> list[float]:
    return [float(sums[k - 1]) / 2.0 for k in ranks]


def _weighted(values: FloatArray, counts: IntArray, ranks: list[int]) -> list[float]:
    """Averages of distinct values; pair (a, b), a < b, occurs c_a * c_b times, (a, a)
    occurs c_a (c_a + 1) / 2 times."""
    i, j = np.triu_indices(values.size)
    c = counts.astype(np.int64)
    weight = np.where(i == j, c[i] * (c[i] + 1) // 2, c[i] * c[j])
    sums = values[i] + values[j]
    order = np.argsort(sums, kind="stable")
    cumulative = np.cumsum(weight[order])
    where = np.searchsorted(cumulative, np.asarray(ranks, dtype=np.int64), side="left")
    return [float(sums[order][w]) / 2.0 for w in where]


def _select(s: FloatArray, k: int) -> float:
    """k-th (0-based) smallest sum s_i + s_j, i <= j."""
    rng = np.random.default_rng(20240601)  # fixed seed: the result is exact regardless
    lo = np.arange(s.size)
    hi = np.full(s.size, s.size)
    below = 0
    remaining = int((hi - lo).sum())
    while remaining > ENUMERATE_MAX:
        step = _narrow(s, lo, hi, below, k, rng)
        if isinstance(step, float):
            return step
        lo, hi, below = step
        if int((hi - lo).sum()) == remaining:  # no progress (cannot happen in theory)
            break
        remaining = int((hi - lo).sum())
    rows = np.repeat(np.arange(s.size), hi - lo)
    starts = np.repeat(lo - np.cumsum(np.concatenate(([0], (hi - lo)[:-1]))), hi - lo)
    cols = starts + np.arange(rows.size)
    sums = s[rows] + s[cols]
    return float(np.partition(sums, k - below)[k - below])


def _narrow(
    s: FloatArray, lo: IntArray, hi: IntArray, below: int, k: int, rng: np.random.Generator
) -> tuple[IntArray, IntArray, int] | float:
    """Shrink the candidate band around rank k, or return the k-th sum when every
    candidate left in the band equals the single pivot (heavy ties)."""
    sizes = hi - lo
    remaining = int(sizes.sum())
    picks = rng.integers(0, remaining, SAMPLE_SIZE)
    row = np.searchsorted(np.cumsum(sizes), picks, side="right")
    offset = picks - (np.cumsum(sizes) - sizes)[row]
    sample = s[row] + s[lo[row] + offset]
    q = (k - below + 0.5) / remaining
    spread = 4.0 * np.sqrt(q * (1.0 - q) / SAMPLE_SIZE) + 2.0 / SAMPLE_SIZE
    p_lo, p_hi = np.quantile(sample, [max(q - spread, 0.0), min(q + spread, 1.0)])
    new_lo = np.clip(np.searchsorted(s, p_lo - s, side="left"), lo, hi)
    new_hi = np.clip(np.searchsorted(s, p_hi - s, side="right"), new_lo, hi)
    new_below = below + int((new_lo - lo).sum())
    if k < new_below:  # pivots missed on the low side: keep what is below p_lo
        return lo, new_lo, below
    if k >= new_below + int((new_hi - new_lo).sum()):  # missed high: keep above p_hi
        return new_hi, hi, new_below + int((new_hi - new_lo).sum())
    if p_lo == p_hi:
        return float(p_lo)
    return new_lo, new_hi, new_below
