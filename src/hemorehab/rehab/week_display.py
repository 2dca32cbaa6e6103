"""A plan's week in words: each item's dose for this week, paused items with their reason, in
the reader's language. Clinicians read the engine's explanations (rule and numbers); families
read plain words (no codes, no rule arithmetic), as shared/STYLE.md and the preamble ask.
Used by the plan page, the program page and the JSON API alike.
"""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hemorehab.clinical import sites
from hemorehab.clinical.plan.explain import Explanation
from hemorehab.clinical.plan.i18n import render
from hemorehab.clinical.plan.sessions import PlannedExercise, SessionPlan
from hemorehab.clinical.sites import SITES


def chinese() -> bool:
    return (translation.get_language() or "en").startswith("zh")


def dose_words(item: PlannedExercise) -> str:
    """The dose in words: "2 sets × 10 repetitions, hold 5 s", "3 times, hold 20 s each" (a
    held stretch), "10 minutes"; singular and plural as the language has them."""
    dose = item.dosage
    if dose.minutes is not None:
        minutes = ngettext("%(n)s minute", "%(n)s minutes", dose.minutes) % {"n": dose.minutes}
        if dose.sets > 1:
            return _("%(sets)s × %(minutes)s") % {"sets": dose.sets, "minutes": minutes}
        return minutes
    reps = dose.reps or 1
    if reps == 1 and dose.hold_s:
        return ngettext(
            "once, hold %(seconds)s s", "%(n)s times, hold %(seconds)s s each", dose.sets
        ) % {"n": dose.sets, "seconds": dose.hold_s}
    sets = ngettext("%(n)s set", "%(n)s sets", dose.sets) % {"n": dose.sets}
    repetitions = ngettext("%(n)s repetition", "%(n)s repetitions", reps) % {"n": reps}
    words = _("%(sets)s × %(repetitions)s") % {"sets": sets, "repetitions": repetitions}
    if dose.hold_s:
        words += _(", hold %(seconds)s s") % {"seconds": dose.hold_s}
    return words


def _site(code: object) -> str:
    """A site code, or several joined with ", ", in a family's plain words (a muscle without
    its anatomical name: "left calf")."""
    language = translation.get_language() or "en"
    parts = [part.strip() for part in str(code).split(",")]
    words = [sites.label(p, language, family=True) if p in SITES else p for p in parts]
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


def joined_reasons(reasons: list, family: bool) -> str:
    """Several reasons as one text: a family's sentences side by side, a clinician's rules
    separated by a semicolon, with the punctuation of the reader's language."""
    explain = family_reason if family else clinician_reason
    words = list(dict.fromkeys(explain(r) for r in reasons))
    if family:
        return ("" if chinese() else " ").join(words)
    return ("；" if chinese() else "; ").join(words)


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
    """The blocks with their items; a block's minutes are those of the items the child may do
    today (paused items keep their row and dose but not their time)."""
    rows = []
    for block in session.blocks:
        items = [item_row(item, paused, family) for item in block.items]
        minutes = sum(row["minutes"] for row in items if not row["paused"])
        rows.append({"kind": block.kind, "minutes": minutes, "items": items})
    return rows


def paused_map(paused: list[dict]) -> dict[tuple[str, str | None], list[dict]]:
    return {(p["exercise_id"], p["side"]): p["reasons"] for p in paused}


def week_payload(view, family: bool) -> dict[str, Any]:
    """The week's plan for the page and the API (see rehab.plans.WeekView)."""
    paused = paused_map(view.paused)
    home = view.home
    return {
        "week": view.week.week,
        "program_over": view.program_over,
        "intensity": view.week.fraction,
        "intensity_percent": view.week.percent,
        "hospital_level_step": view.week.level_step,
        "library_status": view.library_status_zh if chinese() else view.library_status_en,
        "sessions": [_planned(s) for s in view.schedule.sessions],
        "hospital_session": _session(view.hospital, paused, family),
        "home_program": {
            "sessions_per_week": home.sessions_per_week,
            "minutes": home.minutes_per_session,
            "max_per_day": home.max_sessions_per_day,
            "intensity": home.intensity_fraction,
            **_session(home.session, paused, family),
        },
    }


def _planned(session) -> dict[str, Any]:
    """One session of the week's schedule in the reader's language: when, which kind, on an
    infusion day or not, and whether the estimated factor level is below the threshold."""
    level = session.level_iu_dl
    return {
        "kind": session.kind,
        "kind_label": _("Hospital session") if session.kind == "hospital" else _("Home session"),
        "weekday": str(WEEKDAYS[session.weekday]),
        "time": session.time,
        "infusion_day": session.infusion_day,
        "estimated_level_iu_dl": None if level is None else round(level, 1),
        "below_threshold": session.below_threshold,
    }


def _session(session: SessionPlan, paused: dict, family: bool) -> dict[str, Any]:
    """Blocks, and the minutes no item fills today (unfilled and paused): they add up to the
    session's minutes."""
    blocks = session_rows(session, paused, family)
    done = sum(block["minutes"] for block in blocks)
    return {
        "minutes": session.minutes,
        "unfilled_minutes": session.minutes - done,
        "blocks": blocks,
    }
