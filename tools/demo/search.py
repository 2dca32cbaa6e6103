"""A seeded local search for per-child integer values that hit published figures.

With n = 59, SPSS's Q1, median and Q3 are exactly the 15th, 30th and 45th values and the
Wilcoxon Z depends only on the signs, ties and zeros of the differences, so a `Problem` is a
few integer vectors and `Term`s that cost how far they are from a `Target`. Also the helpers
that give a search its starting point.
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tools.demo.facts import Z_TOLERANCE, N, Target
from tools.demo.fast_stats import miss_penalty, order_penalty, spss_z

Values = dict[str, tuple[list[int], list[int]]]
"""measure -> (before values, after values), one of each per child."""
Undo = tuple[list[int], list[int]]
Cost = tuple[float, float]
"""(hard, soft): the search stops when every hard cost is 0; soft costs only steer it."""
Anchors = Sequence[tuple[int, float]]
"""(position, value) points a starting shape runs through."""


@dataclass(frozen=True)
class Term:
    """One part of the objective: the measures it reads and its cost."""

    measures: tuple[str, ...]
    cost: Callable[[Values], Cost]


@dataclass
class Problem:
    values: Values
    bounds: dict[str, list[tuple[int, int]]]
    """measure -> per child (lowest, highest), before and after alike."""
    terms: list[Term]
    pair_ok: Callable[[str, int, int, int], bool] | None = None
    """(measure, child, before, after) -> allowed; None allows everything within bounds."""
    move: Callable[[Problem, str, random.Random], Undo | None] | None = None
    """A custom move (see `_move`); None for the default."""


def search(problem: Problem, rng: random.Random, steps: int, temperature: float = 0.15) -> None:
    """Metropolis local search until every hard cost is 0; RuntimeError after `steps`."""
    costs = [term.cost(problem.values) for term in problem.terms]
    names = sorted(problem.bounds)
    touching = {n: [j for j, t in enumerate(problem.terms) if n in t.measures] for n in names}
    move = problem.move or _move
    for _step in range(steps):
        if sum(hard for hard, _ in costs) == 0:
            return
        name = rng.choice(names)
        undo = move(problem, name, rng)
        if undo is None:
            continue
        fresh = {j: problem.terms[j].cost(problem.values) for j in touching[name]}
        change = sum(sum(fresh[j]) - sum(costs[j]) for j in fresh)
        if change <= 0 or rng.random() < math.exp(-change / temperature):
            for j, cost in fresh.items():
                costs[j] = cost
        else:
            restore(problem.values[name], undo)
    raise RuntimeError(f"search did not converge in {steps} steps; costs {costs}")


def _move(problem: Problem, name: str, rng: random.Random) -> Undo | None:
    """Change one value by +-1, or swap one or both values of two children.

    Returns the old (before, after) to undo the move, or None (already undone) when the move
    left a bound or a pair rule.
    """
    pair = problem.values[name]
    undo = (pair[0][:], pair[1][:])
    i, j, kind = rng.randrange(N), rng.randrange(N), rng.random()
    for side in (0, 1) if kind < 0.25 else (rng.randrange(2),):
        column = pair[side]
        if kind < 0.5:
            column[i], column[j] = column[j], column[i]
        else:
            column[i] += rng.choice((-1, 1))
    for k in (i, j):
        low, high = problem.bounds[name][k]
        inside = low <= pair[0][k] <= high and low <= pair[1][k] <= high
        if not inside or (problem.pair_ok and not problem.pair_ok(name, k, *_at(pair, k))):
            restore(pair, undo)
            return None
    return undo


def _at(pair: tuple[list[int], list[int]], k: int) -> tuple[int, int]:
    return pair[0][k], pair[1][k]


def restore(pair: tuple[list[int], list[int]], undo: Undo) -> None:
    pair[0][:], pair[1][:] = undo


def paired_term(names: tuple[str, ...], target: Target, worse_cost: float = 0.02) -> Term:
    """Quartiles and Z of the sum of `names`; a soft cost for each child who got worse."""

    def cost(values: Values) -> Cost:
        before, after = summed(values, names)
        diffs = [a - b for b, a in zip(before, after, strict=True)]
        hard = order_penalty(before, target.before) + order_penalty(after, target.after)
        return hard + miss_penalty(spss_z(diffs), target.z, Z_TOLERANCE), worse_cost * sum(
            d > 0 for d in diffs
        )

    return Term(names, cost)


def soft_term(name: str, worse_cost: float) -> Term:
    """A measure without a published figure: only discourage getting worse."""

    def cost(values: Values) -> Cost:
        before, after = values[name]
        return 0.0, worse_cost * sum(a > b for b, a in zip(before, after, strict=True))

    return Term((name,), cost)


def summed(values: Values, names: Sequence[str]) -> tuple[list[int], list[int]]:
    before = [sum(column) for column in zip(*(values[n][0] for n in names), strict=True)]
    after = [sum(column) for column in zip(*(values[n][1] for n in names), strict=True)]
    return before, after


def interpolate(anchors: Anchors, position: float) -> float:
    """Piecewise-linear value at `position` through (position, value) anchors."""
    for (p0, v0), (p1, v1) in itertools.pairwise(anchors):
        if p0 <= position <= p1:
            return v0 + (v1 - v0) * (position - p0) / (p1 - p0)
    raise ValueError(f"position {position} is outside the anchors")


def template(anchors: Anchors) -> list[int]:
    """59 sorted integers through (position, value) anchors: a starting point."""
    return [round(interpolate(anchors, p)) for p in range(N)]


def noisy_order(burden: Sequence[float], rng: random.Random, noise: float) -> list[int]:
    """Children from mildest to most affected, with noise so measures are not in lockstep."""
    return sorted(range(N), key=lambda i: burden[i] + rng.gauss(0, noise))


def spread(sorted_values: Sequence[int], order: Sequence[int]) -> list[int]:
    """Give the k-th smallest value to child order[k]."""
    out = [0] * N
    for value, child in zip(sorted_values, order, strict=True):
        out[child] = value
    return out


def clip(values: Sequence[int], bounds: Sequence[tuple[int, int]]) -> list[int]:
    return [min(max(v, lo), hi) for v, (lo, hi) in zip(values, bounds, strict=True)]
