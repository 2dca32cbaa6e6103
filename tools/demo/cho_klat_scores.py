"""CHO-KLAT scores on the calculator's grid, and their before/after pairing.

A score is 25 x the mean of the 0-4 recoded answered items, rounded to one decimal, so only
grid values exist: each published quartile becomes the nearest reachable score
(`nearest_score`). Pairs are chosen so that every child improves by a different amount.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from fractions import Fraction

from hemorehab.clinical import cho_klat
from tools.demo.facts import CHO_KLAT, MAX_NOT_APPLICABLE, N, Quartiles
from tools.demo.fast_stats import midranks
from tools.demo.search import interpolate

ITEMS = len(cho_klat.ITEM_NUMBERS)
ANSWERED_CHOICES = (35, 35, 35, 35, 35, 34, 33)  # now and then an item does not apply
PAIRING_REACH = 6
CHO_KLAT_ENDS = ((40.0, 92.0), (52.0, 97.0))  # lowest and highest, before and after


@dataclass(frozen=True)
class ChoKlatScore:
    """A reachable CHO-KLAT 2.0 score: `points` recoded points over `answered` items."""

    score: float
    answered: int
    points: int


def grid_score(points: int, answered: int) -> float:
    """Our calculator's score: 25 x mean, one decimal, half away from zero."""
    return math.floor(Fraction(25 * points, answered) * 10 + Fraction(1, 2)) / 10


def grid(answered: int) -> list[ChoKlatScore]:
    return [ChoKlatScore(grid_score(k, answered), answered, k) for k in range(4 * answered + 1)]


def nearest_score(target: float) -> ChoKlatScore:
    """The reachable score closest to `target` (ties: more answered items)."""
    candidates = [c for m in range(ITEMS - MAX_NOT_APPLICABLE, ITEMS + 1) for c in grid(m)]
    return min(candidates, key=lambda c: (round(abs(c.score - target), 6), -c.answered))


def cho_klat_side(
    quartiles: Quartiles, ends: tuple[float, float], rng: random.Random
) -> list[ChoKlatScore]:
    """59 sorted scores whose 15th, 30th and 45th are the reachable scores nearest quartiles."""
    pins = [nearest_score(q) for q in quartiles]
    anchors = [(0, ends[0]), (14, pins[0].score), (29, pins[1].score), (44, pins[2].score)]
    anchors.append((58, ends[1]))
    limits = [0.0, *(pin.score for pin in pins), 100.0]
    out: list[ChoKlatScore] = []
    for segment, (start, stop) in enumerate(((0, 14), (15, 29), (30, 44), (45, 59))):
        wanted = [interpolate(anchors, p) + rng.gauss(0, 2.0) for p in range(start, stop)]
        low, high = limits[segment], limits[segment + 1]
        answered = [rng.choice(ANSWERED_CHOICES) for _ in wanted]
        scores = [_snap(w, low, high, m) for w, m in zip(wanted, answered, strict=True)]
        out += sorted(scores, key=lambda c: c.score) + pins[segment : segment + 1]
    return out


def _snap(wanted: float, low: float, high: float, answered: int) -> ChoKlatScore:
    inside = [c for c in grid(answered) if low <= c.score <= high]
    return min(inside, key=lambda c: abs(c.score - wanted))


def design_cho_klat(rng: random.Random) -> list[tuple[ChoKlatScore, ChoKlatScore]]:
    """(before, after) pairs, lowest before first: all improve, no two differences tie."""
    before = cho_klat_side(CHO_KLAT.before, CHO_KLAT_ENDS[0], rng)
    after = cho_klat_side(CHO_KLAT.after, CHO_KLAT_ENDS[1], rng)
    order = list(range(N))  # k-th lowest before gets after[order[k]]: near its own rank

    def cost() -> int:
        diffs = [round(10 * (after[order[k]].score - before[k].score)) for k in range(N)]
        return 1000 * sum(d <= 0 for d in diffs) + midranks(diffs)[1]

    current = cost()
    for _step in range(200_000):
        if current == 0:
            return [(before[k], after[order[k]]) for k in range(N)]
        i = rng.randrange(N)
        j = min(N - 1, max(0, i + rng.randint(-PAIRING_REACH, PAIRING_REACH)))
        order[i], order[j] = order[j], order[i]
        fresh = cost()
        if fresh <= current:
            current = fresh
        else:
            order[i], order[j] = order[j], order[i]
    raise RuntimeError("no pairing of CHO-KLAT scores with distinct positive differences")
