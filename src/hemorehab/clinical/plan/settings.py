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

DEFAULT_SESSION_LEVEL_THRESHOLD = 5.0
"""IU/dL: the default of each center's `session_level_threshold` (accounts.Center) and of the
command line's --session-threshold: one default, a center setting, not a guideline value."""

ULTRASOUND_SYNOVITIS_ITEMS: tuple[str, ...] = (
    "synovitis",  # HEAD-US (instruments.md s2) [K]
    "synovial_hyperplasia",  # HEAD-US-C (instruments/head_us_c.yaml) [U]
    "synovial_vascularity",  # HEAD-US-C Doppler [U]; seed paper fig 2 scores it
)
ULTRASOUND_EFFUSION_ITEMS: tuple[str, ...] = ("effusion",)
"""HEAD-US-C fluid in the joint: the `effusion` problem (fluid or blood, never called synovitis);
for loading it is a bleed (instruments.md s6a), see rules.py."""
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
        "effusion": ("swelling_management", "isometric", "active_rom"),
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
        2: "pain_free_isometrics",
        3: "pain_free_range",
        4: "graded_loading",
    }
)
"""The graded return of a joint or muscle after a bleed, by criteria (instruments.md s6 [K/U]
and s6a: rest, pain-free isometrics, pain-free active range, then graded loading). After
phase 4 the site is cleared back to the full plan (balance and impact work included)."""

DEFAULT_PHASE_MODES: Mapping[int, frozenset[str]] = MappingProxyType(
    {
        1: frozenset(),
        2: frozenset({"isometric"}),
        3: frozenset({"isometric", "move", "assist"}),
        4: frozenset(
            {"isometric", "move", "assist", "bear", "compress", "resist", "stretch", "traction"}
        ),
    }
)
"""Modes of loading allowed on a site in each return phase (instruments.md s6: isometric plus
active or active-assisted range first, then progressive weight-bearing and gait re-training,
then resistance, proprioception last [V/K]; s6a for muscles [K]). Phase 4 opens with partial
weight-bearing and gait (crutches as the therapist advises) and open-chain resistance; body
weight as resistance (closed chain), balance and impact work return when the site is cleared
by its criteria (strength back to baseline, normal gait)."""

DEFAULT_RECOVERY_CATEGORIES: Mapping[int, tuple[str, ...]] = MappingProxyType(
    {
        1: ("protection", "swelling_management"),
        2: ("isometric",),
        3: ("active_rom", "active_assisted_rom"),
        4: ("gait_training", "weight_shifting", "isotonic_bodyweight", "resistance_band"),
    }
)
"""Categories drafted for a site on its return, per phase (the work of that phase). Setting."""


@dataclass(frozen=True)
class SafetySettings:
    """Safety thresholds, each with its source or marked as a setting (our choice)."""

    bleed_pause_hours: float = 72.0
    """instruments.md s6 engine suggestion [K]: a bleed within 72 h blocks loading; a site
    that bled this recently is held in phase 1 whatever its recorded phase."""
    recent_bleed_days: int = 28
    """Setting. A joint or muscle bleed with its onset within this many days opens the graded
    return at phase 1; an older bleed entered as history does not. Source of the default: the
    seed protocol's bleed-free window before enrollment (shared/seed s2.1: no bleed in the last
    4 weeks), an entry criterion used here as the line between a bleed to recover from and
    history. It is NOT applied to an iliopsoas bleed: that waits for a physician's clearance
    whatever its age (instruments.md s6a)."""
    factor_threshold_iu_dl: float = DEFAULT_SESSION_LEVEL_THRESHOLD
    """CENTER SETTING, not a guideline number: no ISTH/WFH text read for this project fixes a
    factor level for physiotherapy (instruments.md s5 only says to warn below a configurable
    threshold). The default is the center setting's default (DEFAULT_SESSION_LEVEL_THRESHOLD);
    the app passes each center's session threshold, the command line its --session-threshold
    input."""
    swelling_guard_min: int = 1
    """instruments.md s6 engine suggestion [K]: block loading while HJHS swelling >= 1. A
    safety threshold of its own: raising a problem threshold never weakens it."""
    synovitis_guard_min: int = 1
    """instruments.md s6 engine suggestion [K]: block loading while synovitis on ultrasound
    >= 1 (HEAD-US synovitis, HEAD-US-C hyperplasia or vascularity)."""
    rom_tolerance_deg: float = 5.0
    """Setting: ROM counts as back to baseline within 5 degrees (the HJHS method-1 step)."""
    resist_max_hjhs_strength: int = 2
    """Resistance only against a muscle that completes its range against gravity: HJHS
    strength 0-2 (instruments.md s1 strength grades; s6a [K: manual muscle testing])."""
    resist_min_mmt: int = 3
    """The same rule read on a manual muscle test: grade 3 or more (instruments.md s6a)."""
    pain_grade_isometric_only: int = 2
    """HJHS joint pain 2 (pain through active range) keeps the joint at pain-free isometrics
    and range (instruments.md s6a)."""
    phase_modes: Mapping[int, frozenset[str]] = DEFAULT_PHASE_MODES
    recovery_categories: Mapping[int, tuple[str, ...]] = DEFAULT_RECOVERY_CATEGORIES


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
    """Setting: picks per problem, the same for every grade (loading never grows with the
    severity of a deficit: instruments.md s6a)."""
    general_activity_items: int = 3
    """Setting: items of the general activity program of a child without findings."""
    weeks_per_level: int = 2
    """Setting: clean weeks in a row before the hospital level goes up one step (the library's
    own rule: a heavier band only after two pain-free weeks)."""
    home_min_reps: int = 5
    """Setting: the least number of repetitions a home set is given (never more than the
    hospital level), so that 25% of a hospital dose stays a meaningful dose."""
    home_min_minutes: int = 3
    """Setting: the least minutes of a time-dosed home item (never more than the hospital)."""
    seconds_per_rep: int = 4
    """Setting (our reading of the library's "slow and smooth"): seconds one repetition takes,
    about two to move and two to return, plus its hold; with `rest_between_sets_s` it gives
    the minutes a repetition item's dose takes (sessions.py). Never used to pad."""
    rest_between_sets_s: int = 30
    """Setting: rest between two sets of an exercise."""
    pain_step_back: int = 1
    """Pain 1/10 or more during the week's exercise steps the program back (seed s2.4: all
    exercise stays pain-free)."""
    home_session_delay_hours: float = 1.0
    """Setting: a home session on an infusion day starts this long after the infusion (the
    hospital session's delay, rehab.calendar)."""
    second_session_gap_hours: float = 6.0
    """Setting: the second home session of a day starts this long after the first."""
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
