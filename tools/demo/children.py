"""Who the children are: affected joints, ages, hemophilia type, severity and regimens."""

from __future__ import annotations

import random

from hemorehab.clinical import hjhs
from tools.demo.facts import ONCE_WEEKLY_CASES, SIDES, Child, N

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
