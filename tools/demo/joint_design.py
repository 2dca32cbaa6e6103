"""The designed per-child values for the joints: HJHS components and HEAD-US-C totals.

The HJHS components are searched together, pain being the one without a published figure,
so the five published components and the total hold at once. A HEAD-US-C total may improve
only by its activity points: damage does not heal.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from hemorehab.clinical import hjhs
from tools.demo.children import elbow_only, joint_count
from tools.demo.facts import (
    HEAD_US_C,
    HJHS_TARGETS,
    HJHS_TOTAL,
    US_ACTIVITY_MAX,
    US_DAMAGE_MAX,
    Child,
)
from tools.demo.search import (
    Anchors,
    Cost,
    Problem,
    Term,
    Values,
    clip,
    noisy_order,
    paired_term,
    search,
    soft_term,
    spread,
    template,
)

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
