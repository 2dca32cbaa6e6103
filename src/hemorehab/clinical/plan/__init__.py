"""The plan engine: problem list, exercise selection, the 12-week plan draft, home-intensity
progression and the safety rules. Pure functions on frozen dataclasses; no Django, no I/O
beyond the packaged exercise library. Every decision carries an Explanation (explain.py).
The engine DRAFTS; a therapist edits and approves.
"""

from hemorehab.clinical.plan.draft import DraftInput, PlanDraft, context_for, draft_plan
from hemorehab.clinical.plan.errors import (
    ContraindicatedExerciseError,
    PlanInputError,
    UnknownExerciseError,
)
from hemorehab.clinical.plan.explain import RULES, Explanation
from hemorehab.clinical.plan.problems import (
    Evidence,
    Findings,
    Problem,
    ProblemList,
    derive_problems,
)
from hemorehab.clinical.plan.progression import WeekIntensity, WeekReport, progression
from hemorehab.clinical.plan.rules import ChildContext, build_context, contraindications
from hemorehab.clinical.plan.safety import (
    BleedPause,
    Infusion,
    PlanEditItem,
    block_for_psoas,
    check_factor_level,
    check_session_timing,
    factor_level_chart,
    next_phase,
    pause_for_bleed,
    validate_edited_plan,
)
from hemorehab.clinical.plan.settings import PlanSettings, ProblemThresholds, SafetySettings

__all__ = [
    "RULES",
    "BleedPause",
    "ChildContext",
    "ContraindicatedExerciseError",
    "DraftInput",
    "Evidence",
    "Explanation",
    "Findings",
    "Infusion",
    "PlanDraft",
    "PlanEditItem",
    "PlanInputError",
    "PlanSettings",
    "Problem",
    "ProblemList",
    "ProblemThresholds",
    "SafetySettings",
    "UnknownExerciseError",
    "WeekIntensity",
    "WeekReport",
    "block_for_psoas",
    "build_context",
    "check_factor_level",
    "check_session_timing",
    "context_for",
    "contraindications",
    "derive_problems",
    "draft_plan",
    "factor_level_chart",
    "next_phase",
    "pause_for_bleed",
    "progression",
    "validate_edited_plan",
]
