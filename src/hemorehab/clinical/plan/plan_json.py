"""A PlanDraft as JSON: the output side of `hemorehab plan draft` (README).

{"status": "draft", "indication", "week", "library": {"version", "status"},
 "hospital_session": {"minutes", "unfilled_minutes", "items": [ITEM...]},
 "home_program": {"sessions_per_week", "minutes", "max_per_day", "intensity",
                  "unfilled_minutes", "items": [ITEM...]},
 "paused": [{"exercise_id", "side", "reason"}], "restrictions": [{"site", "phase", "reason"}],
 "warnings": [{"rule", "text"}], "excluded": [{"exercise_id", "side", "rule", "rules", "reason"}],
 "problems": [{"site", "problem", "evidence"}], "goals", "devices", "education", "schedule"}
ITEM: {"exercise_id", "side", "name", "name_zh", "category", "flags", "loads", "sets", "reps",
       "hold_seconds", "minutes", "dose_minutes", "level", "load", "game_based", "cautions"}.
Texts are the engine's English with codes made readable (i18n.readable_english) or Chinese.
"""

from __future__ import annotations

from typing import Any

from hemorehab.clinical.plan.draft import PlanDraft
from hemorehab.clinical.plan.explain import Explanation
from hemorehab.clinical.plan.i18n import render
from hemorehab.clinical.plan.schedule import WEEKDAYS, PlannedSession
from hemorehab.clinical.plan.sessions import PlannedExercise, SessionPlan


def plan_json(draft: PlanDraft, language: str = "en") -> dict[str, Any]:
    home = draft.home_program
    return {
        "status": draft.status,
        "indication": draft.indication,
        "indication_note": _text(draft.indication_note, language),
        "week": draft.week.week,
        "library": {
            "version": draft.library_version,
            "status": draft.library_status_zh if language == "zh-hans" else draft.library_status_en,
        },
        "hospital_session": _session(draft.hospital_session, language),
        "home_program": {
            "sessions_per_week": home.sessions_per_week,
            "minutes": home.minutes_per_session,
            "max_per_day": home.max_sessions_per_day,
            "intensity": home.intensity_fraction,
            **_session(home.session, language),
        },
        **_decisions(draft, language),
        **_advice(draft, language),
        "schedule": [_planned_session(s) for s in draft.schedule.sessions],
    }


def _decisions(draft: PlanDraft, language: str) -> dict[str, Any]:
    """What the rules decided: pauses, restrictions, warnings, exclusions, problems."""
    return {
        "paused": [
            {"exercise_id": p.exercise_id, "side": p.side, "reason": _texts(p.reasons, language)}
            for p in draft.paused
        ],
        "restrictions": [
            {
                "site": r.site,
                "phase": r.phase,
                "awaiting_clearance": r.awaiting_clearance,
                "reason": _text(r.explanation, language),
            }
            for r in draft.restrictions
        ],
        "warnings": [{"rule": w.rule, "text": _text(w, language)} for w in draft.warnings],
        "excluded": [
            {
                "exercise_id": e.exercise_id,
                "side": e.side,
                "rule": e.reasons[0].rule,
                "rules": list(dict.fromkeys(e.rules)),
                "reason": _texts(e.reasons, language),
            }
            for e in draft.excluded
        ],
        "problems": [
            {"site": p.joint, "problem": p.name, "evidence": [e.as_dict() for e in p.evidence]}
            for p in draft.problems
        ],
    }


def _advice(draft: PlanDraft, language: str) -> dict[str, Any]:
    """Goals, devices and education points in words."""
    return {
        "goals": [
            {
                "problem": g.problem,
                "horizon": g.horizon,
                "weeks": g.weeks,
                "text": _text(g.explanation, language),
            }
            for g in draft.goals
        ],
        "devices": [
            {"kind": d.kind, "site": d.joint, "text": _text(d.explanation, language)}
            for d in draft.devices
        ],
        "education": [
            {"kind": e.kind, "text": _text(e.explanation, language)} for e in draft.education
        ],
    }


def _planned_session(session: PlannedSession) -> dict[str, Any]:
    level = session.level_iu_dl
    return {
        "kind": session.kind,
        "weekday": WEEKDAYS[session.weekday],
        "time": session.time,
        "infusion_day": session.infusion_day,
        "estimated_level_iu_dl": None if level is None else round(level, 1),
        "below_threshold": session.below_threshold,
    }


def _text(why: Explanation | None, language: str) -> str | None:
    return None if why is None else render(why, language)


def _texts(reasons: tuple[Explanation, ...], language: str) -> str:
    return "; ".join(render(r, language) for r in reasons)


def _session(session: SessionPlan, language: str) -> dict[str, Any]:
    return {
        "minutes": session.minutes,
        "unfilled_minutes": session.unfilled_minutes,
        "items": [
            {**item_json(item, language), "block": block.kind}
            for block in session.blocks
            for item in block.items
        ],
    }


def item_json(item: PlannedExercise, language: str = "en") -> dict[str, Any]:
    dose = item.dosage
    chinese = language == "zh-hans"
    return {
        "exercise_id": item.exercise_id,
        "side": item.side,
        "name": item.name_zh if chinese else item.name_en,
        "name_zh": item.name_zh,
        "category": item.category,
        "flags": list(item.flags),
        "loads": list(item.loads),
        "sets": dose.sets,
        "reps": dose.reps,
        "hold_seconds": dose.hold_s,
        "minutes": item.minutes,
        "dose_minutes": dose.minutes,
        "level": dose.level,
        "load": dose.load_zh if chinese else dose.load_en,
        "game_based": item.game_based,
        "cautions": [render(c, language) for c in item.cautions],
    }
