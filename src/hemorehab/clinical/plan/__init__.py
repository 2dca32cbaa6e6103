"""The plan engine: problem list, exercise selection, the 12-week plan draft, the week-by-week
progression, the week's sessions on the child's prophylaxis, and the safety rules. Pure
functions on frozen dataclasses; no Django, no I/O beyond the packaged exercise library.
Every decision carries an Explanation (explain.py). The engine DRAFTS; a therapist edits and
approves. The safety rules are one table of forbidden (site, mode) pairs (guards.py).
"""

from hemorehab.clinical.plan.draft import (
    DraftInput,
    PausedExercise,
    PlanDraft,
    RestrictionNote,
    context_for,
    draft_plan,
)
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
from hemorehab.clinical.plan.progression import (
    WeekIntensity,
    WeekReport,
    progression,
    week_dose,
)
from hemorehab.clinical.plan.rules import (
    ChildContext,
    ClinicalJudgements,
    build_context,
    contraindications,
)
from hemorehab.clinical.plan.safety import (
    PausedItem,
    PlanEditItem,
    next_phase,
    pause_plan,
    validate_edited_plan,
)
from hemorehab.clinical.plan.schedule import Prophylaxis, Schedule, weekly_schedule
from hemorehab.clinical.plan.settings import PlanSettings, ProblemThresholds, SafetySettings

__all__ = [
    "RULES",
    "ChildContext",
    "ClinicalJudgements",
    "ContraindicatedExerciseError",
    "DraftInput",
    "Evidence",
    "Explanation",
    "Findings",
    "PausedExercise",
    "PausedItem",
    "PlanDraft",
    "PlanEditItem",
    "PlanInputError",
    "PlanSettings",
    "Problem",
    "ProblemList",
    "ProblemThresholds",
    "Prophylaxis",
    "RestrictionNote",
    "SafetySettings",
    "Schedule",
    "UnknownExerciseError",
    "WeekIntensity",
    "WeekReport",
    "build_context",
    "context_for",
    "contraindications",
    "derive_problems",
    "draft_plan",
    "next_phase",
    "pause_plan",
    "progression",
    "validate_edited_plan",
    "week_dose",
    "weekly_schedule",
]
