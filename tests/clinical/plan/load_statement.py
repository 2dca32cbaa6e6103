"""A second, coarse statement of what each exercise loads, written for the tests without
reading the library's `loads`: the property tests check every draft against the union of the
library's declarations and this statement, so a declaration that leaves something out cannot
hide an unsafe item (review of issue 8, H1 and H4).

It reads only what an exercise IS:
- its body region, from the id's prefix (knee_..., ankle_...), and the region's muscles;
- its category: a parent-assisted stretch stretches the region's joint, an active-assisted
  exercise assists it, traction tractions it, band and sandbag work resists it, closed-chain
  work loads it as closed chain, balance work balances on it, an isometric holds it, active
  range and body-weight work move it; the direction of a stretch or an assisted range is the
  one its targets name (restricted_flexion -> flexion, restricted_extension -> extension);
- posture words of its English name, instructions and game (a clause with a negation left
  out): standing or walking bears weight through both legs, on hands and knees through knees
  and arms, sitting rests on both buttocks, lying on the tummy stretches both hips and both
  iliopsoas toward extension, cycling moves both legs and their muscles, swinging the arms
  moves both shoulders;
The anatomy (a muscle's rest binds the joints it crosses) is a rule, stated in
test_properties.forbidden.
"""

from __future__ import annotations

import re

from hemorehab.clinical.exercises import Exercise

SIDES = ("left", "right")
REGIONS = {
    "knee": ("knee", ("quadriceps", "hamstrings")),
    "ankle": ("ankle", ("calf",)),
    "elbow": ("elbow", ("upper_arm", "forearm")),
    "hip": ("hip", ("iliopsoas", "gluteal", "adductors")),
    "shoulder": ("shoulder", ("deltoid", "upper_arm")),
    "wrist": ("wrist", ("forearm",)),
}
CATEGORY_MODE = {
    "parent_assisted_stretch": "stretch",
    "active_assisted_rom": "assist",
    "traction": "traction",
    "resistance_band": "resist",
    "sandbag": "resist",
    "closed_chain": "closed_chain",
    "proprioception_balance": "balance",
    "isometric": "isometric",
    "active_rom": "move",
}
MUSCLES_OVER: dict[str, tuple[str, ...]] = {
    "hip": ("iliopsoas", "quadriceps", "hamstrings", "gluteal", "adductors"),
    "knee": ("quadriceps", "hamstrings", "calf"),
    "ankle": ("calf",),
    "shoulder": ("deltoid", "upper_arm"),
    "elbow": ("upper_arm", "forearm"),
    "wrist": ("forearm",),
}
"""Joint -> the muscles of the bleed list that cross it (anatomy, stated here again)."""
LEGS = ("hip", "knee", "ankle")
POSTURES = (
    (
        r"\b(stand|standing|walk\w*|march\w*|step|steps|stairs?|jog\w*|treadmill|squat\w*)\b",
        LEGS,
        "bear",
        None,
    ),
    (
        r"hands and knees|\bcrawl\w*|\bkneel\w*",
        ("knee", "wrist", "elbow", "shoulder"),
        "bear",
        None,
    ),
    (r"\b(sit|sits|sitting|seated|on a chair)\b", ("gluteal",), "compress", None),
    (r"\bprone\b|on the tummy", ("hip", "iliopsoas"), "stretch", "extension"),
    (
        r"\bcycl\w*|\bbike\b|\bpedal (slowly in the air|at|along)",
        (*LEGS, "calf", "gluteal"),
        "move",
        None,
    ),
    (r"swing\w* the arms", ("shoulder", "deltoid"), "move", None),
)
NEGATION = re.compile(r"\b(do not|don't|never|no|avoid|not)\b")


def stated_loads(
    exercise: Exercise, side: str | None
) -> tuple[set[tuple[str, str]], dict[str, set[str]]]:
    """(site, mode) pairs the exercise loads by this statement, and site -> the directions it
    takes that site's joint toward the end of its range."""
    pairs: set[tuple[str, str]] = set()
    directions: dict[str, set[str]] = {}
    own = (side,) if exercise.sided and side in SIDES else SIDES
    region = REGIONS.get(exercise.id.split("_", 1)[0])
    mode = CATEGORY_MODE.get(exercise.category)
    if region is not None and mode is not None:
        joint, _muscles = region
        for this in own:
            pairs.add((f"{this}_{joint}", mode))
            if mode in ("stretch", "assist"):
                directions.setdefault(f"{this}_{joint}", set()).update(_target_directions(exercise))
    for pattern, parts, posture_mode, direction in POSTURES:
        if any(re.search(pattern, clause) for clause in _clauses(exercise)):
            for this in SIDES:
                for part in parts:
                    pairs.add((f"{this}_{part}", posture_mode))
                    if direction and part in MUSCLES_OVER:
                        directions.setdefault(f"{this}_{part}", set()).add(direction)
    return pairs, directions


def _target_directions(exercise: Exercise) -> set[str]:
    found = set()
    if "restricted_flexion" in exercise.targets:
        found.add("flexion")
    if "restricted_extension" in exercise.targets:
        found.add("extension")
    return found or {"flexion", "extension"}


def _clauses(exercise: Exercise) -> list[str]:
    texts = [exercise.name.en, exercise.instructions.en]
    if exercise.game is not None:
        texts.append(exercise.game.en)
    clauses = [c.strip() for t in texts for c in re.split(r"[.;,:!?()]", t.lower())]
    return [c for c in clauses if c and not NEGATION.search(c)]
