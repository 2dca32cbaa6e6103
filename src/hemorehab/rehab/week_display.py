"""A plan's week in words: each item's dose for this week, paused items with their reason, in
the reader's language. Clinicians read the engine's explanations (rule and numbers); families
read plain words (no codes, no rule arithmetic), as shared/STYLE.md and the preamble ask.
Used by the plan page, the program page and the JSON API alike.
"""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from hemorehab.clinical.plan.explain import Explanation
from hemorehab.clinical.plan.i18n import render
from hemorehab.clinical.plan.sessions import PlannedExercise, SessionPlan
from hemorehab.clinical.sites import SITES
from hemorehab.patients.choices import site_label


def chinese() -> bool:
    return (translation.get_language() or "en").startswith("zh")


def dose_words(item: PlannedExercise) -> str:
    """ "2 sets × 10 repetitions, hold 5 s" or "10 minutes"."""
    dose = item.dosage
    if dose.minutes is not None:
        if dose.sets > 1:
            return _("%(sets)s × %(minutes)s minutes") % {
                "sets": dose.sets,
                "minutes": dose.minutes,
            }
        return _("%(minutes)s minutes") % {"minutes": dose.minutes}
    words = _("%(sets)s sets × %(reps)s repetitions") % {"sets": dose.sets, "reps": dose.reps}
    if dose.hold_s:
        words += _(", hold %(seconds)s s") % {"seconds": dose.hold_s}
    return words


def _site(code: object) -> str:
    """A site code, or several joined with ", ", as plain words."""
    parts = [part.strip() for part in str(code).split(",")]
    words = [str(site_label(p)) if p in SITES else p for p in parts]
    return ("、" if chinese() else ", ").join(words)


def family_reason(reason: dict | Explanation) -> str:
    """Why an exercise is paused, in plain words for a family."""
    params = reason.params if isinstance(reason, Explanation) else reason.get("params", {})
    rule = reason.rule if isinstance(reason, Explanation) else reason.get("rule", "")
    if rule == "CI-PSOAS":
        return _("Paused until a doctor clears the leg after the bleed in the hip muscle.")
    if rule == "CI-LIMB-WEIGHT":
        return _("Paused: no standing or walking on this leg while the %(site)s recovers.") % {
            "site": _site(params.get("bled_site")).lower()
        }
    if rule == "CI-BLEED-PHASE":
        return _("Paused while the %(site)s recovers from a bleed (step %(phase)s of 4).") % {
            "site": _site(params.get("bled_site")).lower(),
            "phase": params.get("phase"),
        }
    if rule == "CI-HEMARTHROSIS":
        return _("Paused while there is fluid or blood in the %(site)s.") % {
            "site": _site(params.get("site")).lower()
        }
    return _("Paused: the team will look at this exercise with you at the next session.")


def clinician_reason(reason: dict | Explanation) -> str:
    if isinstance(reason, Explanation):
        return render(reason, translation.get_language() or "en")
    fields = ("rule", "source", "message_key", "params", "text")
    why = Explanation(**{k: reason.get(k) or ({} if k == "params" else "") for k in fields})
    return render(why, translation.get_language() or "en")


def item_row(item: PlannedExercise, paused: dict, family: bool) -> dict[str, Any]:
    """One item as the page and the API show it."""
    reasons = paused.get((item.exercise_id, item.side), [])
    explain = family_reason if family else clinician_reason
    words = list(dict.fromkeys(explain(r) for r in reasons))
    return {
        "exercise_id": item.exercise_id,
        "side": item.side,
        "side_label": _("left") if item.side == "left" else _("right") if item.side else "",
        "name": item.name_zh if chinese() else item.name_en,
        "instructions": item.instructions_zh if chinese() else item.instructions_en,
        "category": item.category,
        "game_based": item.game_based,
        "sets": item.dosage.sets,
        "reps": item.dosage.reps,
        "hold_seconds": item.dosage.hold_s,
        "dose_minutes": item.dosage.minutes,
        "minutes": item.minutes,
        "level": item.dosage.level,
        "load": item.dosage.load_zh if chinese() else item.dosage.load_en,
        "dose": dose_words(item),
        "paused": bool(reasons),
        "paused_reasons": words,
        "cautions": [clinician_reason(c) for c in item.cautions],
        "loads": list(item.loads) if not family else [],
    }


def session_rows(session: SessionPlan, paused: dict, family: bool) -> list[dict[str, Any]]:
    return [
        {
            "kind": block.kind,
            "minutes": block.minutes,
            "items": [item_row(item, paused, family) for item in block.items],
        }
        for block in session.blocks
    ]


def paused_map(paused: list[dict]) -> dict[tuple[str, str | None], list[dict]]:
    return {(p["exercise_id"], p["side"]): p["reasons"] for p in paused}


def week_payload(view, family: bool) -> dict[str, Any]:
    """The week's plan for the page and the API (see rehab.plans.WeekView)."""
    paused = paused_map(view.paused)
    home = view.home
    return {
        "week": view.week.week,
        "intensity": view.week.fraction,
        "intensity_percent": view.week.percent,
        "hospital_level_step": view.week.level_step,
        "library_status": view.library_status_zh if chinese() else view.library_status_en,
        "hospital_session": {
            "minutes": view.hospital.minutes,
            "unfilled_minutes": view.hospital.unfilled_minutes,
            "blocks": session_rows(view.hospital, paused, family),
        },
        "home_program": {
            "sessions_per_week": home.sessions_per_week,
            "minutes": home.minutes_per_session,
            "max_per_day": home.max_sessions_per_day,
            "intensity": home.intensity_fraction,
            "unfilled_minutes": home.session.unfilled_minutes,
            "blocks": session_rows(home.session, paused, family),
        },
    }
