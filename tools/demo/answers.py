"""Designed values realised as item-level answers that our calculators score back to them.

HJHS component points fill a joint's items in a fixed order (so fewer points never mean a
higher item) and are shared over the affected joints; HEAD-US-C points split into
irreversible damage (cartilage, bone) and activity; CHO-KLAT scores become 35 responses
around each respondent's own item leanings.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from hemorehab.clinical import cho_klat, hjhs
from hemorehab.clinical.ultrasound import builtin_definition
from tools.demo.cho_klat_scores import ITEMS, ChoKlatScore
from tools.demo.facts import US_ACTIVITY_MAX

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
    answers = {
        str(item): 6 if item in missing else _response(item, levels[item])
        for item in cho_klat.ITEM_NUMBERS
    }
    return {"form": who.form, "answers": answers}


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
