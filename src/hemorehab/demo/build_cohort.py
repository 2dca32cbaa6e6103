"""Generate the demo cohort: 59 synthetic children who reproduce the seed paper's results.

Run ``python -m hemorehab.demo.build_cohort`` to (re)write ``data/seed_cohort.json``; the
committed file is what the app loads (``hemorehab.demo.cohort``). Deterministic: one seeded
``random.Random`` drives every choice, so a rerun writes the same bytes; `build` checks the
result with our own calculators and statistics before anything is written.

Source: the seed paper (shared/seed/000_bca2cafc0c7e9a2b.txt, sections 2-3) and
shared/data/seed-study-results.json. Nobody here is a real patient; the children have no
names or identifiers (the Django loader invents pseudonymous ones).

Method. For each outcome we first design the 59 before/after VALUES, then realise each
child's values as item-level answers that our calculators score back to them.
- Design: a seeded local search (`search`) over integers. With n = 59, SPSS's Q1, median and
  Q3 (weighted average at (n + 1)p) are exactly the 15th, 30th and 45th values; the SPSS
  Wilcoxon Z depends only on the signs, ties and zeros of the differences. The HJHS
  components are searched together, pain being the one without a published figure, so the
  five published components and the total hold at once. For bleeds the reductions are fixed
  first (they decide Z), then handed out by moves that keep Z, for the quartiles and the
  regimen groups. CHO-KLAT scores are built on the calculator's grid and paired so that every
  child improves by a different amount.
- Realise: HJHS component points fill a joint's items in a fixed order (so fewer points never
  mean a higher item) and are shared over the affected joints;
  HEAD-US-C points split into irreversible damage (cartilage, bone: the same before and after)
  and activity (synovium, effusion, vascularity, hemosiderin, septa); CHO-KLAT scores become
  35 responses around each respondent's own item leanings.

Interpretations (each is tested in tests/demo):
- Joints. The paper counts "a total of 70 affected joints" and lists 26 unilateral ankle,
  15 unilateral knee, 7 unilateral elbow and "22 cases of two or more joints"; 26+15+7+22 = 70
  counts joints, not children. Read as: 48 single-joint children (26 ankle, 15 knee, 7 elbow)
  and 11 children with two affected joints, whose 22 joints bring the total to 70 joints in
  59 children.
- HJHS and HEAD-US-C findings are confined to the affected joints; every other joint scores
  0. HEAD-US-C examines all six joints (HEAD-US scans both elbows, knees and ankles). Children
  with only an elbow affected walk normally (gait 0). Every child has joint pain or restricted
  motion at baseline (inclusion criterion).
- Bleeds are joint bleeds at the child's affected joints, as day offsets from the program
  start (day 0): "before" in [-84, -28] (12 weeks before; the protocol excludes any bleed in
  the 4 weeks before enrollment, 28 days counting as bleed-free), "during" in [1, 83], never
  on a hospital session day (day % 7 == 0); any two bleeds of a child are at least 6 days
  apart, so each is a new episode under the ISTH 72-hour rule.
- CHO-KLAT form follows the age at enrollment (parent proxy under 144 months, child
  self-report from 144); enrollment ages of 141-143 months are avoided so the same form is
  valid at the follow-up 12 weeks later. Option 6 ("not applicable" on Q22, 25, 30-33, 35,
  counted as missing) is used on at most MAX_NOT_APPLICABLE items of a form.
- Program infusions per week: hemophilia A 3, B 2, cases 8, 9, 28, 47, 49 once a week (paper,
  section 2.2); these five are among the 15 oldest children ("excessive body weight").

Exact versus approximate. Every integer outcome (HEAD-US-C, HJHS total and its five published
components, joint bleeds) has median, Q1 and Q3 exactly as published and Z equal to 3
decimals; the bleed reduction medians are 2.0 in both regimen groups with Mann-Whitney
P = 0.740. CHO-KLAT scores are 25 x the mean of the 0-4 recoded answered items, rounded to one
decimal by our calculator, so only grid values exist and 71.51, 60.46, 76.48, 79.15, 73.45 and
84.82 are not among them: each quartile is the nearest reachable score (`nearest_score`):
before 71.4 (60.5, 76.5), after 79.3 (73.5, 84.8), all within 0.15 points. Every child
improved and no two differences tie, so Z = -6.680 as published.
"""

from __future__ import annotations

import itertools
import json
import math
import random
import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from statistics import NormalDist
from typing import Any

import numpy as np

from hemorehab.clinical import cho_klat, hjhs
from hemorehab.clinical.ultrasound import builtin_definition
from hemorehab.demo.cohort import bleed_reductions_by_regimen, outcome_values, parse_cohort
from hemorehab.stats.descriptives import describe
from hemorehab.stats.groups import mann_whitney
from hemorehab.stats.signed_rank import wilcoxon_signed_rank

SEED = 20250807
N = 59
DATA_FILE = Path(__file__).with_name("data") / "seed_cohort.json"
QUARTILE_POSITIONS = (15, 30, 45)  # (n + 1) p for n = 59
Z_TOLERANCE = 0.0004  # a Z this close to the published one prints the same to 3 decimals
P_TOLERANCE = 0.0004
MAX_NOT_APPLICABLE = 4
BEFORE_DAYS = (-84, -28)
DURING_DAYS = (1, 83)
BLEED_GAP_DAYS = 6
ONCE_WEEKLY_CASES = (8, 9, 28, 47, 49)
SIDES = ("left", "right")

Quartiles = tuple[float, float, float]
Anchors = Sequence[tuple[int, float]]
Child = dict[str, Any]


@dataclass(frozen=True)
class Target:
    """Published (Q1, median, Q3) before and after, and the Wilcoxon Z."""

    before: Quartiles
    after: Quartiles
    z: float


HJHS_TARGETS = {
    "muscle_strength_atrophy": Target((1, 2, 4), (0, 1, 2), -5.631),
    "flexion_extension": Target((0, 2, 3), (0, 0, 2), -5.261),
    "crepitus": Target((0, 1, 2), (0, 0, 1), -4.794),
    "gait": Target((0, 2, 3), (0, 0, 1), -5.311),
    "swelling": Target((1, 2, 2), (0, 0, 1), -5.588),
}
HJHS_TOTAL = Target((4, 9, 15), (1, 2, 6), -6.632)
HEAD_US_C = Target((2, 5, 8), (0, 1, 3), -6.645)
CHO_KLAT = Target((60.46, 71.51, 76.48), (73.45, 79.15, 84.82), -6.680)
BLEEDS = Target((2, 3, 4), (0, 0, 1), -6.657)
BLEED_REDUCTION_MEDIAN = 2.0
BLEED_REDUCTION_P = 0.740


# --- fast statistics on small integer vectors (the result is checked with hemorehab.stats) ---


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
    sd = _mann_whitney_sd(len(x), len(y), ties)
    u = sum(ranks[v] for v in x) - len(x) * (len(x) + 1) / 2
    return math.erfc(abs(u - len(x) * len(y) / 2) / sd / math.sqrt(2))


def _mann_whitney_sd(n1: int, n2: int, ties: int) -> float:
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


# --- the search ------------------------------------------------------------------------------

Values = dict[str, tuple[list[int], list[int]]]
"""measure -> (before values, after values), one of each per child."""
Undo = tuple[list[int], list[int]]
Cost = tuple[float, float]
"""(hard, soft): the search stops when every hard cost is 0; soft costs only steer it."""


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
            _restore(problem.values[name], undo)
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
            _restore(pair, undo)
            return None
    return undo


def _at(pair: tuple[list[int], list[int]], k: int) -> tuple[int, int]:
    return pair[0][k], pair[1][k]


def _restore(pair: tuple[list[int], list[int]], undo: Undo) -> None:
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


# --- who the children are --------------------------------------------------------------------

SINGLE_JOINTS = ("ankle",) * 26 + ("knee",) * 15 + ("elbow",) * 7
JOINT_PAIRS = (
    *[("ankle", "ankle")] * 3,
    *[("ankle", "knee")] * 4,
    *[("knee", "knee")] * 2,
    ("knee", "elbow"),
    ("ankle", "elbow"),
)


def affected_joints(rng: random.Random) -> list[tuple[str, ...]]:
    """48 single-joint children and 11 with two joints (70 joints), in random order."""
    patterns: list[tuple[str, ...]] = [(f"{rng.choice(SIDES)}_{j}",) for j in SINGLE_JOINTS]
    for first, second in JOINT_PAIRS:
        side = rng.choice(SIDES)
        other = SIDES[1 - SIDES.index(side)] if first == second else rng.choice(SIDES)
        pair = {f"{side}_{first}", f"{other}_{second}"}
        patterns.append(tuple(joint for joint in hjhs.JOINTS if joint in pair))
    rng.shuffle(patterns)
    return patterns


def enrollment_ages(rng: random.Random) -> list[int]:
    """59 sorted ages in months: min 48, median 85, max 215, none in 141-143."""
    younger = [48, *(rng.randint(49, 84) for _ in range(28))]
    older = [215]
    while len(older) < 29:
        age = round(86 + 128 * rng.random() ** 2)  # most children are young
        if not 141 <= age <= 143:
            older.append(age)
    return sorted([*younger, 85, *older])


def assign_ages(rng: random.Random) -> list[int]:
    """Ages by child; the five once-weekly cases (heavier children) are among the 15 oldest."""
    ages = enrollment_ages(rng)
    oldest = ages[-15:]
    rng.shuffle(oldest)
    heavy = {case - 1: oldest.pop() for case in ONCE_WEEKLY_CASES}
    rest = ages[:-15] + oldest
    rng.shuffle(rest)
    others = iter(rest)
    return [heavy[i] if i in heavy else next(others) for i in range(N)]


def demographics(rng: random.Random) -> list[Child]:
    """Everything but the assessments and bleeds; index 1..59."""
    joints, ages = affected_joints(rng), assign_ages(rng)
    type_b = set(rng.sample(range(N), 7))
    moderate = set(rng.sample(range(N), 16))
    severe = sorted(set(range(N)) - moderate)
    on_demand = set(rng.sample(sorted(moderate), 9)) | set(rng.sample(severe, 7))
    children = []
    for i in range(N):
        hemophilia = "B" if i in type_b else "A"
        weekly = 1 if i + 1 in ONCE_WEEKLY_CASES else {"A": 3, "B": 2}[hemophilia]
        factor = rng.randint(10, 50) / 10 if i in moderate else rng.randint(1, 9) / 10
        children.append(
            {
                "index": i + 1,
                "sex": "male",
                "age_months": ages[i],
                "hemophilia_type": hemophilia,
                "factor_activity_iu_dl": factor,
                "prior_regimen": "on_demand" if i in on_demand else "prophylaxis",
                "program_infusions_per_week": weekly,
                "program_dose_iu_per_kg": rng.randint(20, 25),
                "affected_joints": list(joints[i]),
            }
        )
    return children


def joint_count(child: Child) -> int:
    return len(child["affected_joints"])


def elbow_only(child: Child) -> bool:
    return all(joint.endswith("elbow") for joint in child["affected_joints"])


# --- HJHS components --------------------------------------------------------------------------

HJHS_PER_JOINT_MAX = {
    "muscle_strength_atrophy": 6,
    "flexion_extension": 6,
    "crepitus": 2,
    "swelling": 4,
    "pain": 2,
}
HJHS_START: dict[str, tuple[Anchors, Anchors]] = {  # (before, after) starting shapes
    "muscle_strength_atrophy": (
        [(0, 0), (14, 1), (29, 2), (44, 4), (58, 9)],
        [(0, 0), (14, 0), (29, 1), (44, 2), (58, 5)],
    ),
    "flexion_extension": (
        [(0, 0), (14, 0), (29, 2), (44, 3), (58, 8)],
        [(0, 0), (29, 0), (44, 2), (58, 5)],
    ),
    "crepitus": ([(0, 0), (14, 0), (29, 1), (44, 2), (58, 3)], [(0, 0), (29, 0), (44, 1), (58, 2)]),
    "gait": ([(0, 0), (14, 0), (29, 2), (44, 3), (58, 4)], [(0, 0), (29, 0), (44, 1), (58, 3)]),
    "swelling": ([(0, 0), (14, 1), (29, 2), (44, 2), (58, 5)], [(0, 0), (29, 0), (44, 1), (58, 3)]),
    "pain": ([(0, 0), (14, 0), (29, 1), (44, 2), (58, 4)], [(0, 0), (44, 0), (58, 2)]),
}


def design_hjhs(children: Sequence[Child], burden: Sequence[float], rng: random.Random) -> Values:
    """Per-child component points: every published component and the total at once."""
    bounds = {
        name: [(0, most * joint_count(child)) for child in children]
        for name, most in HJHS_PER_JOINT_MAX.items()
    }
    bounds["gait"] = [(0, 0 if elbow_only(child) else hjhs.GAIT_MAX) for child in children]
    values: Values = {}
    for name, (before, after) in HJHS_START.items():
        values[name] = (
            clip(spread(template(before), noisy_order(burden, rng, 0.7)), bounds[name]),
            clip(spread(template(after), noisy_order(burden, rng, 0.7)), bounds[name]),
        )
    terms = [paired_term((name,), target) for name, target in HJHS_TARGETS.items()]
    terms += [paired_term(tuple(HJHS_START), HJHS_TOTAL), soft_term("pain", 0.1)]
    terms.append(Term(("pain", "flexion_extension"), _pain_or_restricted_motion))
    search(Problem(values, bounds, terms), rng, 2_000_000)
    return values


def _pain_or_restricted_motion(values: Values) -> Cost:
    """Inclusion criterion: joint pain or restricted motion at baseline."""
    pain, motion = values["pain"][0], values["flexion_extension"][0]
    return sum(p == 0 and m == 0 for p, m in zip(pain, motion, strict=True)), 0.0


# --- HEAD-US-C totals -------------------------------------------------------------------------

US_ACTIVITY_MAX, US_DAMAGE_MAX = 8, 6  # points per joint in the head-us-c definition
US_START = ([(0, 1), (14, 2), (29, 5), (44, 8), (58, 14)], [(0, 0), (29, 1), (44, 3), (58, 8)])


def design_head_us_c(
    children: Sequence[Child], burden: Sequence[float], rng: random.Random
) -> tuple[list[int], list[int]]:
    """Totals where only activity improves: before - activity capacity <= after <= before."""
    joints = [joint_count(child) for child in children]

    def pair_ok(name: str, i: int, before: int, after: int) -> bool:
        return before >= 1 and before - US_ACTIVITY_MAX * joints[i] <= after <= before

    highest = [(US_ACTIVITY_MAX + US_DAMAGE_MAX) * n for n in joints]
    before = spread(template(US_START[0]), noisy_order(burden, rng, 0.7))
    before = clip(before, [(1, most) for most in highest])
    after = spread(template(US_START[1]), noisy_order(burden, rng, 0.7))
    after = [
        min(max(a, b - US_ACTIVITY_MAX * n), b)
        for a, b, n in zip(after, before, joints, strict=True)
    ]
    bounds = {"head_us_c": [(0, most) for most in highest]}
    terms = [paired_term(("head_us_c",), HEAD_US_C)]
    search(Problem({"head_us_c": (before, after)}, bounds, terms, pair_ok), rng, 2_000_000)
    return before, after


# --- joint bleeds -----------------------------------------------------------------------------

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
    sd = _mann_whitney_sd(len(reductions) - n_on_demand, n_on_demand, ties)
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
    _restore(problem.values[name], undo)
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


# --- CHO-KLAT scores on the calculator's grid -------------------------------------------------

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


# --- item-level answers -----------------------------------------------------------------------

HJHS_FILL = {  # component -> the items raised one point at a time
    "muscle_strength_atrophy": (
        "strength",
        "muscle_atrophy",
        "strength",
        "strength",
        "muscle_atrophy",
        "strength",
    ),
    "flexion_extension": ("extension_loss", "flexion_loss") * 3,
    "crepitus": ("crepitus",) * 2,
    "swelling": ("swelling", "swelling", "swelling_duration", "swelling"),
    "pain": ("joint_pain",) * 2,
}
US_ACTIVITY_FILL = (
    "synovial_hyperplasia",
    "effusion",
    "synovial_vascularity",
    "synovial_hyperplasia",
    "synovial_vascularity",
    "effusion",
    "hemosiderin",
    "fibrous_septa",
)
US_DAMAGE_FILL = ("cartilage", "cartilage", "bone", "cartilage", "bone", "cartilage")


def share(points: int, joints: Sequence[str]) -> list[tuple[str, int]]:
    """Points per affected joint, the first joint taking the larger half."""
    if len(joints) == 1:
        return [(joints[0], points)]
    return [(joints[0], points - points // 2), (joints[1], points // 2)]


def fill(items: dict[str, int], order: Sequence[str], points: int) -> None:
    for item in order[:points]:
        items[item] += 1


def hjhs_record(joints: Sequence[str], components: dict[str, int], gait: int) -> dict[str, Any]:
    """All six joints x eight items, and gait."""
    record = {joint: dict.fromkeys(hjhs.ITEMS, 0) for joint in hjhs.JOINTS}
    for component, order in HJHS_FILL.items():
        for joint, points in share(components[component], joints):
            fill(record[joint], order, points)
    return {"joints": record, "gait": gait}


def damage_points(before: int, after: int, joints: int) -> int:
    """Cartilage and bone points, the same before and after: damage does not heal."""
    return max(before - US_ACTIVITY_MAX * joints, min(after, before // 3))


def head_us_c_record(joints: Sequence[str], activity: int, damage: int) -> dict[str, Any]:
    """All six joints examined."""
    definition = builtin_definition("head-us-c")
    record = {joint: dict.fromkeys(definition.items, 0) for joint in definition.joints}
    for points, order in ((activity, US_ACTIVITY_FILL), (damage, US_DAMAGE_FILL)):
        for joint, part in share(points, joints):
            fill(record[joint], order, part)
    return {"joints": record}


@dataclass(frozen=True)
class Respondent:
    """Who answers a child's CHO-KLAT, how they lean per item, which items may not apply."""

    form: str
    leaning: dict[int, int]
    not_applicable_order: tuple[int, ...]


def respondent(age_months: int, rng: random.Random) -> Respondent:
    form = "child" if age_months >= 144 else "parent"
    leaning = {item: rng.choice((-1, 0, 0, 1)) for item in cho_klat.ITEM_NUMBERS}
    order = rng.sample(sorted(cho_klat.OPTION6_MISSING), len(cho_klat.OPTION6_MISSING))
    return Respondent(form, leaning, tuple(order))


def cho_klat_record(who: Respondent, score: ChoKlatScore) -> dict[str, Any]:
    """35 responses that score `score`; option 6 ("not applicable") on the unanswered."""
    missing = set(who.not_applicable_order[: ITEMS - score.answered])
    answered = [item for item in cho_klat.ITEM_NUMBERS if item not in missing]
    levels = item_levels(score.points, answered, who.leaning)
    responses = {
        str(item): 6 if item in missing else _response(item, levels[item])
        for item in cho_klat.ITEM_NUMBERS
    }
    return {"form": who.form, "responses": responses}


def item_levels(points: int, answered: Sequence[int], leaning: dict[int, int]) -> dict[int, int]:
    """Recoded 0-4 levels around the mean, following the leanings, summing to `points`."""
    mean = points / len(answered)
    levels = {item: min(4, max(0, round(mean + leaning[item]))) for item in answered}
    priority = sorted(answered, key=lambda item: (-leaning[item], item))
    while (gap := points - sum(levels.values())) != 0:
        step = 1 if gap > 0 else -1
        for item in priority if step > 0 else reversed(priority):
            if 0 <= levels[item] + step <= 4 and sum(levels.values()) != points:
                levels[item] += step
    return levels


def _response(item: int, level: int) -> int:
    return level + 1 if item in cho_klat.FORWARD else 5 - level


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


# --- putting it together ----------------------------------------------------------------------


@dataclass(frozen=True)
class Design:
    """The designed per-child values of every outcome."""

    hjhs: Values
    head_us_c: tuple[list[int], list[int]]
    bleeds: tuple[list[int], list[int]]
    cho_klat: list[tuple[ChoKlatScore, ChoKlatScore]]


def design(children: Sequence[Child], rng: random.Random) -> Design:
    """Values for every child; joints, scans, bleeds and quality of life loosely agree."""
    severity = [
        rng.gauss(0, 1) + (joint_count(c) == 2) + 0.3 * (c["prior_regimen"] == "on_demand")
        for c in children
    ]
    hjhs_values = design_hjhs(children, severity, rng)
    hjhs_before = summed(hjhs_values, tuple(HJHS_START))[0]
    burden = [total + rng.gauss(0, 4) for total in hjhs_before]
    head_us_c = design_head_us_c(children, burden, rng)
    bleeds = design_bleeds(children, burden, rng)
    pairs = design_cho_klat(rng)
    worst_first = noisy_order([-total for total in hjhs_before], rng, 6.0)
    by_child = dict(zip(worst_first, pairs, strict=True))
    return Design(hjhs_values, head_us_c, bleeds, [by_child[i] for i in range(N)])


def realise(child: Child, i: int, plan: Design, rng: random.Random) -> None:
    """Add the item-level assessments, the bleeds and the (empty) adverse events."""
    joints = child["affected_joints"]
    who = respondent(child["age_months"], rng)
    damage = damage_points(plan.head_us_c[0][i], plan.head_us_c[1][i], len(joints))
    child["assessments"] = {}
    for side, when in enumerate(("before", "after")):
        components = {name: plan.hjhs[name][side][i] for name in HJHS_FILL}
        child["assessments"][when] = {
            "hjhs": hjhs_record(joints, components, plan.hjhs["gait"][side][i]),
            "head_us_c": head_us_c_record(joints, plan.head_us_c[side][i] - damage, damage),
            "cho_klat": cho_klat_record(who, plan.cho_klat[i][side]),
        }
    child["bleeds"] = bleed_events(rng, joints, plan.bleeds[0][i], plan.bleeds[1][i])
    child["adverse_events"] = []


DESCRIPTION = (
    "Demo cohort: 59 synthetic children (not real patients, no identifiers) whose item-level "
    "answers, scored by hemorehab.clinical and analysed by hemorehab.stats, reproduce the seed "
    "paper's published results. Written by `python -m hemorehab.demo.build_cohort`; do not "
    "edit by hand. Bleed days are offsets from the program start (day 0)."
)
NOTES = (
    "Joints: 48 single-joint children (26 ankle, 15 knee, 7 elbow) and 11 children with two "
    "joints (22 joints): 70 affected joints in 59 children, the paper's 26+15+7+22.",
    "HJHS and HEAD-US-C findings only in the affected joints; HEAD-US-C examines all six.",
    "Bleeds before: days -84 to -28 (no bleed in the 4 weeks before enrollment); during: days "
    "1 to 83, not on hospital session days (day % 7 == 0); a child's bleeds are 6+ days apart.",
    "CHO-KLAT form by age at enrollment: parent under 144 months, child from 144.",
    "CHO-KLAT quartiles are the calculator-grid scores nearest the published ones: before "
    "60.5, 71.4, 76.5 (published 60.46, 71.51, 76.48); after 73.5, 79.3, 84.8 (published "
    "73.45, 79.15, 84.82). Every other published figure is reproduced exactly.",
    "Program infusions per week: hemophilia A 3, B 2; cases 8, 9, 28, 47, 49 once a week.",
)


def expected_figures() -> dict[str, Target]:
    """What `verify` demands: the published figures, CHO-KLAT at the nearest grid scores."""
    cho_klat_target = Target(_nearest(CHO_KLAT.before), _nearest(CHO_KLAT.after), CHO_KLAT.z)
    return {
        "head_us_c_total": HEAD_US_C,
        "hjhs_total": HJHS_TOTAL,
        **{f"hjhs_{name}": target for name, target in HJHS_TARGETS.items()},
        "cho_klat": cho_klat_target,
        "joint_bleeds": BLEEDS,
    }


def _nearest(quartiles: Quartiles) -> Quartiles:
    q1, q2, q3 = (nearest_score(q).score for q in quartiles)
    return q1, q2, q3


def verify(data: dict[str, Any]) -> None:
    """Score and analyse the data with the project's code; AssertionError if a figure is off."""
    children = parse_cohort(data).children
    values = outcome_values(children)
    for key, target in expected_figures().items():
        before, after = (np.asarray(v) for v in values[key])
        _check_quartiles(key, before, target.before)
        _check_quartiles(key, after, target.after)
        z = wilcoxon_signed_rank(before, after).z
        if round(z, 3) != target.z:
            raise AssertionError(f"{key}: Z = {z}, published {target.z}")
    groups = {k: np.asarray(v) for k, v in bleed_reductions_by_regimen(children).items()}
    medians = [describe(g).median for g in groups.values()]
    p = mann_whitney(groups["prophylaxis"], groups["on_demand"]).p
    if medians != [BLEED_REDUCTION_MEDIAN] * 2 or round(p, 3) != BLEED_REDUCTION_P:
        raise AssertionError(f"bleed reduction by regimen: medians {medians}, P = {p}")


def _check_quartiles(key: str, values: np.ndarray, want: Quartiles) -> None:
    got = describe(values)
    if not all(math.isclose(g, w) for g, w in zip((got.q1, got.median, got.q3), want, strict=True)):
        raise AssertionError(f"{key}: Q1, median, Q3 = {got.q1, got.median, got.q3}, want {want}")


def build(seed: int = SEED) -> dict[str, Any]:
    """The whole data file as a JSON-ready dict, verified against the published figures."""
    rng = random.Random(seed)  # noqa: S311 (synthetic data: reproducible, not secret)
    children = demographics(rng)
    plan = design(children, rng)
    for i, child in enumerate(children):
        realise(child, i, plan, rng)
    data = {"description": DESCRIPTION, "notes": list(NOTES), "seed": seed, "children": children}
    verify(data)
    return data


def dumps(value: Any, depth: int = 0) -> str:
    """JSON with one line per innermost object or list (an HJHS joint, a form's answers)."""
    flat = json.dumps(value, ensure_ascii=False)
    members = value.values() if isinstance(value, dict) else value
    if not isinstance(value, dict | list) or (
        len(flat) <= 400 and not any(isinstance(m, dict | list) for m in members)
    ):
        return flat
    pad, end = "  " * (depth + 1), "  " * depth
    if isinstance(value, dict):
        lines = [f"{pad}{json.dumps(k)}: {dumps(v, depth + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(lines) + "\n" + end + "}"
    return "[\n" + ",\n".join(pad + dumps(v, depth + 1) for v in value) + "\n" + end + "]"


def main() -> None:
    started = time.perf_counter()
    data = build()
    DATA_FILE.write_text(dumps(data) + "\n", encoding="utf-8")
    took = time.perf_counter() - started
    print(f"wrote {DATA_FILE} ({len(data['children'])} children) in {took:.1f} s")


if __name__ == "__main__":
    main()
