"""The fixed words of the exercise library and the plan engine: one name for one thing.

Problems follow the seed paper's treatment aims (section 2.4.2: swelling, muscle atrophy and
stability, restricted motion, pain, strength, gait) split by the HJHS 2.1 items and the
ultrasound domains they come from (shared/domain/instruments.md sections 1-2), plus
`bleed_recovery` (a site on its graded return after a bleed, s6) and the `general_activity`
program of a child without findings. Categories are the techniques named in the seed paper
sections 2.4 and 2.4.4 (ROM, stretching and traction by parents, body weight, resistance
bands and sandbags, sitting posture, weight shifting, sensory integration games) plus the
phases of instruments.md section 6 (protection first).

Sites are clinical.sites' joints and muscles (one list). An exercise declares, per part it
acts on, its MODES of loading; the safety rules (clinical.plan.guards) forbid modes per site.
"""

from __future__ import annotations

from hemorehab.clinical import sites

CATEGORIES: tuple[str, ...] = (
    "protection",
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
    "effusion",
    "muscle_atrophy",
    "weakness",
    "restricted_flexion",
    "restricted_extension",
    "pain",
    "crepitus",
    "cartilage_damage",
    "bone_damage",
)
SITE_PROBLEMS: tuple[str, ...] = ("bleed_recovery",)
"""A joint or muscle on its graded return after a bleed (instruments.md s6, s6a)."""
GLOBAL_PROBLEMS: tuple[str, ...] = ("gait",)
PROBLEMS: tuple[str, ...] = JOINT_PROBLEMS + SITE_PROBLEMS + GLOBAL_PROBLEMS
TARGETS: tuple[str, ...] = (*PROBLEMS, "general_activity")
"""What an exercise may target: a problem, or the general activity program (no findings)."""

MODES: tuple[str, ...] = (
    "isometric",
    "move",
    "assist",
    "bear",
    "compress",
    "closed_chain",
    "resist",
    "stretch",
    "traction",
    "balance",
    "impact",
)
"""How an exercise loads a site:
- isometric: the muscles hold without moving the joint;
- move: active motion in the pain-free range, the limb's own weight only;
- assist: motion helped a little further than the muscles take it (a towel, a strap, the other
  hand, a parent's hand): it can push toward the end of the range, so it names its direction
  and the end-feel rules apply to it as to a stretch;
- bear: body weight through the limb (standing, walking, kneeling, crawling);
- compress: the body's weight resting on a muscle (sitting on the buttocks);
- closed_chain: body weight as the resistance through a planted limb (squat, step-up,
  sit-to-stand, standing heel raise, stairs, push-up against a wall, bridge);
- resist: added resistance (band, sandbag);
- stretch: a held stretch toward the end of the range (parent-assisted, prone lying, standing,
  a hold at the end of the range), in a named direction;
- traction: a gentle pull along the limb;
- balance: proprioceptive or balance challenge on the limb;
- impact: hopping, jumping, jogging."""

LOADING_MODES: frozenset[str] = frozenset(MODES)
RESISTED_MODES: frozenset[str] = frozenset({"resist", "closed_chain"})
WEIGHT_MODES: frozenset[str] = frozenset({"bear", "closed_chain", "balance", "impact"})
FORCED_MODES: frozenset[str] = frozenset({"stretch", "traction", "assist"})
END_RANGE_MODES: frozenset[str] = frozenset({"stretch", "assist"})
"""Modes that reach toward the end of a joint's range in a direction (exercise `directions`)."""

FLAGS: tuple[str, ...] = (
    "resisted",
    "weight_bearing",
    "proprioceptive",
    "impact",
    "stretch",
    "assisted",
    "traction",
    "cold",
    "time_dosed",
)
"""Plain properties of an exercise, derived from its loads and levels (except `cold`, which
the library declares): resisted (resist or closed_chain), weight_bearing (bear, closed_chain,
balance or impact), proprioceptive (balance), impact, stretch, assisted (assist), traction,
cold (a cold pack),
time_dosed (its dose is minutes, not repetitions)."""
DECLARED_FLAGS: tuple[str, ...] = ("cold",)

COLD_MAX_MINUTES = 15
"""Cold 10-15 minutes per application, never more, never on bare skin (instruments.md s6
acute phase [V]; s6a)."""

DIRECTIONS: tuple[str, ...] = ("flexion", "extension")
"""Directions of motion with an HJHS loss item and a recorded end-feel (ankle: plantarflexion
is flexion, dorsiflexion is extension, as the HJHS scores them [U], instruments.md s1)."""
END_FEELS: tuple[str, ...] = ("soft", "firm", "hard")

SETTINGS: tuple[str, ...] = ("hospital", "home")
SIDES: tuple[str, ...] = sites.SIDES
JOINT_PARTS: tuple[str, ...] = sites.JOINT_PARTS
MUSCLE_PARTS: tuple[str, ...] = sites.MUSCLE_PARTS
PARTS: tuple[str, ...] = JOINT_PARTS + MUSCLE_PARTS
HJHS_JOINTS: tuple[str, ...] = sites.HJHS_JOINTS
JOINTS: tuple[str, ...] = sites.JOINT_SITES
"""Every joint site (ISTH major joints, both sides): the HJHS six and hip, shoulder, wrist."""
SITES: tuple[str, ...] = sites.JOINT_SITES + sites.MUSCLE_SITES


def part_of(site: str) -> str:
    """ "left_knee" -> "knee"; "right_upper_arm" -> "upper_arm"."""
    return site.split("_", 1)[1]


def side_of(site: str) -> str:
    """ "left_knee" -> "left"."""
    return site.split("_", 1)[0]
