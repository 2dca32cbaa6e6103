"""Center settings of the plan engine, with the seed protocol's numbers as defaults.

Seed protocol (shared/seed, section 2.4): one 60-minute hospital session a week; five home
sessions a week of 45 minutes, at most twice a day; home intensity starts at 25% of the
hospital level and rises to at most 75%; game-based training for children aged 7 and under.
Section 3.6: schoolwork sometimes prevented full home sessions, hence the optional split.

Everything else here is OUR choice, marked "setting" in the rule catalogue: the progression
step (0.125 = two clean weeks per 25 points), the adherence needed to progress (4 of 5), the
short/long goal horizons (4 and 12 weeks), the exercise counts, the problem thresholds (1 =
any abnormal grade), and the SafetySettings. A center changes them without code changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

ULTRASOUND_SYNOVITIS_ITEMS: tuple[str, ...] = (
    "synovitis",  # HEAD-US (instruments.md s2) [K]
    "synovial_hyperplasia",  # HEAD-US-C (instruments/head_us_c.yaml) [U]
    "synovial_vascularity",  # HEAD-US-C Doppler [U]; seed paper fig 2 scores it
    "effusion",  # HEAD-US-C; counted as active disease to stay on the safe side (our choice)
)
ULTRASOUND_DAMAGE_ITEMS: Mapping[str, str] = MappingProxyType(
    {"cartilage": "cartilage_damage", "bone": "bone_damage"}
)
HJHS_PROBLEM_ITEMS: Mapping[str, str] = MappingProxyType(
    {
        "swelling": "swelling",
        "muscle_atrophy": "muscle_atrophy",
        "strength": "weakness",
        "flexion_loss": "restricted_flexion",
        "extension_loss": "restricted_extension",
        "joint_pain": "pain",
        "crepitus": "crepitus",
    }
)
"""HJHS 2.1 item -> problem (swelling_duration adds no problem of its own)."""


@dataclass(frozen=True)
class ProblemThresholds:
    """Lowest item value that makes a problem (setting; 1 = any abnormal grade)."""

    hjhs: Mapping[str, int] = field(
        default_factory=lambda: MappingProxyType(dict.fromkeys(HJHS_PROBLEM_ITEMS, 1))
    )
    gait: int = 1
    ultrasound_synovitis: int = 1
    ultrasound_damage: int = 1
    synovitis_items: tuple[str, ...] = ULTRASOUND_SYNOVITIS_ITEMS


DEFAULT_CATEGORY_PRIORITY: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "swelling": ("swelling_management", "isometric", "active_rom"),
        "synovitis": ("swelling_management", "isometric", "active_rom"),
        "pain": ("active_assisted_rom", "isometric", "swelling_management"),
        "restricted_flexion": (
            "active_rom",
            "active_assisted_rom",
            "parent_assisted_stretch",
            "traction",
        ),
        "restricted_extension": (
            "active_rom",
            "parent_assisted_stretch",
            "isometric",
            "gait_training",
        ),
        "weakness": (
            "isometric",
            "isotonic_bodyweight",
            "resistance_band",
            "closed_chain",
            "sandbag",
        ),
        "muscle_atrophy": ("isometric", "isotonic_bodyweight", "closed_chain"),
        "crepitus": ("active_rom", "isometric"),
        "cartilage_damage": ("isometric", "aerobic_low_impact"),
        "bone_damage": ("isometric", "aerobic_low_impact"),
        "gait": (
            "gait_training",
            "weight_shifting",
            "posture_correction",
            "proprioception_balance",
            "sensory_integration_game",
        ),
    }
)
"""Problem -> categories tried in order (seed s2.4.2/2.4.4 aims; instruments.md s6 order:
isometrics and pain-free ROM first, loading later, proprioception last). Setting."""

RETURN_PHASES: Mapping[int, str] = MappingProxyType(
    {
        1: "rest_and_protection",
        2: "isometric_and_pain_free_motion",
        3: "progressive_loading",
        4: "proprioception",
    }
)
_PHASE_1 = ("swelling_management", "cool_down")
_PHASE_2 = (*_PHASE_1, "isometric", "active_rom", "active_assisted_rom", "posture_correction")
_PHASE_3 = (
    *_PHASE_2,
    "warm_up",
    "isotonic_bodyweight",
    "resistance_band",
    "sandbag",
    "closed_chain",
    "weight_shifting",
    "gait_training",
    "aerobic_low_impact",
    "parent_assisted_stretch",
    "traction",
)
DEFAULT_PHASE_CATEGORIES: Mapping[int, frozenset[str]] = MappingProxyType(
    {
        1: frozenset(_PHASE_1),
        2: frozenset(_PHASE_2),
        3: frozenset(_PHASE_3),
        4: frozenset((*_PHASE_3, "proprioception_balance", "sensory_integration_game")),
    }
)
"""Categories allowed for a joint in each return phase (instruments.md s6 [V/K]). Impact
exercises are also held back until phase 4 (see rules.py)."""


@dataclass(frozen=True)
class SafetySettings:
    """Safety thresholds. Only the 72 h bleed window comes from a source (instruments.md s6
    engine suggestion [K]); the factor threshold is a CENTER SETTING, not a guideline number."""

    bleed_pause_hours: float = 72.0
    factor_threshold_iu_dl: float = 15.0
    """CENTER SETTING, not a guideline number: no ISTH/WFH text read for this project fixes a
    factor level for physiotherapy (instruments.md s5 only says to warn below a configurable
    threshold). 15 IU/dL is our conservative default for the hematologist to set; the app
    replaces it with each center's session threshold (rehab.center_settings)."""
    rom_tolerance_deg: float = 5.0
    """Setting: ROM counts as back to baseline within 5 degrees (the HJHS method-1 step)."""
    psoas_sites: tuple[str, ...] = ("iliopsoas", "psoas", "left_iliopsoas", "right_iliopsoas")
    phase_categories: Mapping[int, frozenset[str]] = DEFAULT_PHASE_CATEGORIES
    notify_roles: tuple[str, ...] = ("hematologist", "therapist")


@dataclass(frozen=True)
class PlanSettings:
    """One center's plan options; defaults are the seed protocol (module docstring)."""

    hospital_session_minutes: int = 60
    hospital_warm_up_minutes: int = 10
    hospital_cool_down_minutes: int = 10
    home_sessions_per_week: int = 5
    home_session_minutes: int = 45
    home_warm_up_minutes: int = 5
    home_cool_down_minutes: int = 5
    home_max_sessions_per_day: int = 2
    start_fraction: float = 0.25
    max_fraction: float = 0.75
    step_fraction: float = 0.125
    min_sessions_to_progress: int = 4
    game_based_max_age: int = 7
    school_split_offered: bool = True
    school_age_from: int = 8
    """Setting: the seed calls children aged 7 and under preschool, so school age is 8+."""
    split_blocks: int = 3
    short_term_weeks: int = 4
    long_term_weeks: int = 12
    exercises_per_problem: int = 3
    max_main_exercises: int = 12
    ankle_orthosis_min_strength: int = 2
    compression_min_swelling: int = 2
    extension_splint_min_loss: int = 2
    thresholds: ProblemThresholds = field(default_factory=ProblemThresholds)
    category_priority: Mapping[str, tuple[str, ...]] = DEFAULT_CATEGORY_PRIORITY
    safety: SafetySettings = field(default_factory=SafetySettings)

    @property
    def hospital_main_minutes(self) -> int:
        return (
            self.hospital_session_minutes
            - self.hospital_warm_up_minutes
            - self.hospital_cool_down_minutes
        )

    @property
    def home_main_minutes(self) -> int:
        return self.home_session_minutes - self.home_warm_up_minutes - self.home_cool_down_minutes


SEED_SETTINGS = PlanSettings()
