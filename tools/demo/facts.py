"""What the demo cohort must reproduce: the seed study's facts and figures, and the data
file's header text.

Source: the seed paper (shared/seed/000_bca2cafc0c7e9a2b.txt, sections 2-3) and
shared/data/seed-study-results.json; `tools.demo.build_cohort`'s header explains how each
fact is read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SEED = 20250807
N = 59
QUARTILE_POSITIONS = (15, 30, 45)  # (n + 1) p for n = 59
Z_TOLERANCE = 0.0004  # a Z this close to the published one prints the same to 3 decimals
P_TOLERANCE = 0.0004

# the protocol and the cohort description
MAX_NOT_APPLICABLE = 4
BEFORE_DAYS = (-84, -28)
DURING_DAYS = (1, 83)
BLEED_GAP_DAYS = 6
ONCE_WEEKLY_CASES = (8, 9, 28, 47, 49)
SIDES = ("left", "right")
US_ACTIVITY_MAX, US_DAMAGE_MAX = 8, 6  # points per joint in the head-us-c definition

Quartiles = tuple[float, float, float]
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

# the data file's header
DESCRIPTION = (
    "Demo cohort: 59 synthetic children (not real patients, no identifiers) whose item-level "
    "answers, scored by hemorehab.clinical and analysed by hemorehab.stats, reproduce the seed "
    "paper's published results. Written by `python -m tools.demo.build_cohort`; do not "
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
