"""The fixed words of the exercise library and the plan engine: one name for one thing.

Problems follow the seed paper's treatment aims (section 2.4.2: swelling, muscle atrophy and
stability, restricted motion, pain, strength, gait) split by the HJHS 2.1 items and the
ultrasound domains they come from (shared/domain/instruments.md sections 1-2). Categories are
the techniques named in the seed paper sections 2.4 and 2.4.4 (ROM, stretching and traction
by parents, body weight, resistance bands and sandbags, sitting posture, weight shifting,
sensory integration games) plus the phases of instruments.md section 6.
"""

from __future__ import annotations

CATEGORIES: tuple[str, ...] = (
    "warm_up",
    "swelling_management",
    "active_rom",
    "active_assisted_rom",
    "parent_assisted_stretch",
    "traction",
    "isometric",
    "isotonic_bodyweight",
    "resistance_band",
    "sandbag",
    "closed_chain",
    "weight_shifting",
    "posture_correction",
    "gait_training",
    "proprioception_balance",
    "sensory_integration_game",
    "aerobic_low_impact",
    "cool_down",
)

JOINT_PROBLEMS: tuple[str, ...] = (
    "swelling",
    "synovitis",
    "muscle_atrophy",
    "weakness",
    "restricted_flexion",
    "restricted_extension",
    "pain",
    "crepitus",
    "cartilage_damage",
    "bone_damage",
)
GLOBAL_PROBLEMS: tuple[str, ...] = ("gait",)
PROBLEMS: tuple[str, ...] = JOINT_PROBLEMS + GLOBAL_PROBLEMS

SIDES: tuple[str, ...] = ("left", "right")
JOINT_TYPES: tuple[str, ...] = ("elbow", "knee", "ankle")
LOWER_LIMB_TYPES: frozenset[str] = frozenset({"knee", "ankle"})
REGIONS: tuple[str, ...] = ("lower_limb", "whole_body")
JOINTS: tuple[str, ...] = tuple(f"{side}_{kind}" for kind in JOINT_TYPES for side in SIDES)
"""The six HJHS joints in plan order: left_elbow, right_elbow, left_knee, ... right_ankle."""

FLAGS: tuple[str, ...] = ("impact", "proprioceptive", "resisted", "weight_bearing")
CONTRAINDICATIONS: tuple[str, ...] = (
    "joint_bleed_within_72h",
    "active_synovitis",
    "joint_swelling",
    "psoas_bleed",
    "hard_end_feel",
)
SETTINGS: tuple[str, ...] = ("hospital", "home")
FORCED_STRETCH_CATEGORIES: frozenset[str] = frozenset({"parent_assisted_stretch", "traction"})


def joint_type(joint: str) -> str:
    """ "left_knee" -> "knee"."""
    return joint.split("_", 1)[1]


def joint_side(joint: str) -> str:
    """ "left_knee" -> "left"."""
    return joint.split("_", 1)[0]
