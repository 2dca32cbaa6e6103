"""Joint bleeds: the designed counts before and during the program, and the bleed events.

The reductions are fixed first (they decide Z), then handed out by moves that keep Z, for the
quartiles and the regimen groups. Events are joint bleeds at the affected joints, as day
offsets from the program start (day 0).
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from statistics import NormalDist
from typing import Any

from tools.demo.facts import (
    BEFORE_DAYS,
    BLEED_GAP_DAYS,
    BLEED_REDUCTION_MEDIAN,
    BLEED_REDUCTION_P,
    BLEEDS,
    DURING_DAYS,
    P_TOLERANCE,
    Z_TOLERANCE,
    Child,
    N,
)
from tools.demo.fast_stats import (
    mann_whitney_p,
    mann_whitney_sd,
    median,
    midranks,
    miss_penalty,
    order_penalty,
    spss_z,
)
from tools.demo.search import (
    Cost,
    Problem,
    Term,
    Undo,
    Values,
    noisy_order,
    restore,
    search,
    spread,
)

BLEEDS_DURING_MAX = 3
REDUCTION_LIMITS = (-1, 7)  # -1: one bleed more during the program than before
REDUCTION_START = [0] * 2 + [1] * 13 + [2] * 17 + [3] * 13 + [4] * 7 + [5] * 4 + [6] * 2 + [7]
BLEED_ATTEMPTS = 20


def design_bleeds(
    children: Sequence[Child], burden: Sequence[float], rng: random.Random
) -> tuple[list[int], list[int]]:
    """Joint bleed counts (before, during).

    Z depends only on the reductions (before - during), so their multiset is chosen first;
    then reductions are handed to children and during-counts chosen, by moves that keep Z,
    for the quartiles, the regimen groups' medians and the Mann-Whitney P. A multiset that
    does not fit the groups is replaced by another.
    """
    on_demand = [child["prior_regimen"] == "on_demand" for child in children]
    terms = [
        Term(("bleeds",), _bleed_quartiles),
        Term(("bleeds",), lambda values: _by_regimen(values, on_demand)),
    ]
    for _attempt in range(BLEED_ATTEMPTS):
        reductions = spread(reduction_multiset(rng, sum(on_demand)), noisy_order(burden, rng, 4))
        values = {"bleeds": (reductions, [max(0, 1 - r) for r in reductions])}  # before >= 1
        problem = Problem(values, {"bleeds": [REDUCTION_LIMITS] * N}, terms, move=_bleed_move)
        try:
            search(problem, rng, 300_000)
        except RuntimeError:
            continue
        during = values["bleeds"][1]
        return [r + d for r, d in zip(reductions, during, strict=True)], during
    raise RuntimeError(f"no bleed design found in {BLEED_ATTEMPTS} attempts")


def reduction_multiset(rng: random.Random, n_on_demand: int) -> list[int]:
    """59 reductions with the published Z, median 2, room for the quartiles, a reachable P."""

    def cost(values: Values) -> Cost:
        reductions = values["reduction"][0]
        hard = miss_penalty(spss_z([-r for r in reductions]), BLEEDS.z, Z_TOLERANCE)
        hard += abs(median(reductions) - BLEED_REDUCTION_MEDIAN)
        hard += max(0, sum(r >= 5 for r in reductions) - 9)  # before Q3 = 4
        hard += max(0, 36 - sum(r <= 3 for r in reductions))  # before median = 3
        return hard + (not mann_whitney_reachable(reductions, n_on_demand)), 0.0

    values = {"reduction": (REDUCTION_START[:], [0] * N)}
    bounds = {"reduction": [REDUCTION_LIMITS] * N}
    problem = Problem(values, bounds, [Term(("reduction",), cost)], _first_side_only)
    search(problem, rng, 200_000)
    return sorted(values["reduction"][0])


def _first_side_only(name: str, i: int, value: int, unused: int) -> bool:
    return unused == 0


def mann_whitney_reachable(reductions: Sequence[int], n_on_demand: int) -> bool:
    """Whether a rank sum gives the published P, given the tie term these values fix.

    P depends only on |U - n1 n2 / 2|, which moves in steps of 1/2: check the two steps
    around the published P's distance.
    """
    _, ties = midranks(reductions)
    sd = mann_whitney_sd(len(reductions) - n_on_demand, n_on_demand, ties)
    distance = NormalDist().inv_cdf(1 - BLEED_REDUCTION_P / 2) * sd
    return any(
        abs(math.erfc(steps / 2 / sd / math.sqrt(2)) - BLEED_REDUCTION_P) < P_TOLERANCE
        for steps in (math.floor(2 * distance), math.ceil(2 * distance))
    )


def _bleed_move(problem: Problem, name: str, rng: random.Random) -> Undo | None:
    """Swap two children's reductions, or change one child's during-count: Z stays."""
    reductions, during = problem.values[name]
    undo = (reductions[:], during[:])
    i, j = rng.randrange(N), rng.randrange(N)
    if rng.random() < 0.5:
        reductions[i], reductions[j] = reductions[j], reductions[i]
    else:
        during[i] += rng.choice((-1, 1))
    if all(reductions[k] + during[k] >= 1 and 0 <= during[k] <= BLEEDS_DURING_MAX for k in (i, j)):
        return undo
    restore(problem.values[name], undo)
    return None


def _bleed_quartiles(values: Values) -> Cost:
    reductions, during = values["bleeds"]
    before = [r + d for r, d in zip(reductions, during, strict=True)]
    return order_penalty(before, BLEEDS.before) + order_penalty(during, BLEEDS.after), 0.0


def _by_regimen(values: Values, on_demand: Sequence[bool]) -> Cost:
    """Both groups' median reduction 2.0, and the Mann-Whitney P."""
    reductions = values["bleeds"][0]
    groups = [
        [r for r, flag in zip(reductions, on_demand, strict=True) if flag is group]
        for group in (False, True)
    ]
    hard = sum(abs(median(g) - BLEED_REDUCTION_MEDIAN) for g in groups)
    return hard + miss_penalty(mann_whitney_p(*groups), BLEED_REDUCTION_P, P_TOLERANCE), 0.0


def bleed_days(rng: random.Random, count: int, window: tuple[int, int]) -> list[int]:
    """`count` days in the window, BLEED_GAP_DAYS apart or more, none on day % 7 == 0."""
    first, last = window
    room = last - first + 1 - (count - 1) * (BLEED_GAP_DAYS - 1)
    while True:
        picks = sorted(rng.sample(range(room), count))
        days = [first + p + k * (BLEED_GAP_DAYS - 1) for k, p in enumerate(picks)]
        if window != DURING_DAYS or all(day % 7 for day in days):
            return days


def bleed_events(
    rng: random.Random, joints: Sequence[str], before: int, during: int
) -> list[dict[str, Any]]:
    """Joint bleeds at the affected joints; more often spontaneous before the program."""
    events = []
    for count, window, spontaneous in ((before, BEFORE_DAYS, 0.7), (during, DURING_DAYS, 0.4)):
        for day in bleed_days(rng, count, window):
            cause = "spontaneous" if rng.random() < spontaneous else "traumatic"
            events.append({"day": day, "site": rng.choice(joints), "cause": cause})
    return events
