"""Fast statistics on small integer vectors, for the design search (SPSS conventions).

They only steer the search: `tools.demo.verify` checks the finished data with
hemorehab.stats, and tests/demo check that both agree.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from tools.demo.facts import QUARTILE_POSITIONS, Quartiles


def spss_z(differences: Sequence[int]) -> float:
    """SPSS Wilcoxon Z of integer differences: zeros dropped, mid-ranks, tie-corrected."""
    counts: dict[int, list[int]] = {}
    for d in differences:
        if d:
            counts.setdefault(abs(d), [0, 0])[d < 0] += 1
    n, ties, r_plus, r_minus = 0, 0, 0.0, 0.0
    for value in sorted(counts):
        pos, neg = counts[value]
        t = pos + neg
        mid = n + (t + 1) / 2
        r_plus, r_minus, ties, n = r_plus + pos * mid, r_minus + neg * mid, ties + t**3 - t, n + t
    if n == 0:
        return math.nan
    variance = n * (n + 1) * (2 * n + 1) / 24 - ties / 48
    return (min(r_plus, r_minus) - n * (n + 1) / 4) / math.sqrt(variance)


def midranks(values: Sequence[int]) -> tuple[dict[int, float], int]:
    """Mid-rank of each distinct value, and the tie term sum(t^3 - t)."""
    ordered = sorted(values)
    ranks, ties = {}, 0
    for value in sorted(set(ordered)):
        first, last = bisect_left(ordered, value), bisect_right(ordered, value)
        ranks[value] = (first + last + 1) / 2
        ties += (last - first) ** 3 - (last - first)
    return ranks, ties


def mann_whitney_p(x: Sequence[int], y: Sequence[int]) -> float:
    """SPSS Mann-Whitney two-sided asymptotic P (tie-corrected, no continuity correction)."""
    ranks, ties = midranks([*x, *y])
    sd = mann_whitney_sd(len(x), len(y), ties)
    u = sum(ranks[v] for v in x) - len(x) * (len(x) + 1) / 2
    return math.erfc(abs(u - len(x) * len(y) / 2) / sd / math.sqrt(2))


def mann_whitney_sd(n1: int, n2: int, ties: int) -> float:
    total = n1 + n2
    return math.sqrt(n1 * n2 / 12 * ((total + 1) - ties / (total * (total - 1))))


def median(values: Sequence[float]) -> float:
    s = sorted(values)
    return (s[(len(s) - 1) // 2] + s[len(s) // 2]) / 2


def order_penalty(values: Sequence[float], quartiles: Quartiles) -> int:
    """How far the 15th, 30th and 45th values are from `quartiles` (0 = exact)."""
    s = sorted(values)
    penalty = 0
    for k, q in zip(QUARTILE_POSITIONS, quartiles, strict=True):
        penalty += max(0, bisect_left(s, q) - (k - 1)) + max(0, k - bisect_right(s, q))
    return penalty


def miss_penalty(value: float, target: float, tolerance: float) -> float:
    """0 within tolerance, else 1 plus the distance: landing on the value is what counts."""
    miss = abs(value - target) - tolerance
    return 0.0 if miss < 0 else 1.0 + 10 * miss
