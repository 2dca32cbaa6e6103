"""A center's own settings for the plan engine (`Center.plan_settings`), validated, with the
seed protocol as default.

Only the settings listed here may be changed, each within a range; the factor-level threshold
for sessions is the center's `session_level_threshold`, shared with the calendar and chart.
The ranges keep the seed protocol's limits: home intensity never above 75% of the hospital
level, at most two home sessions a day (seed s2.4).
"""

from __future__ import annotations

import dataclasses

from django.utils.translation import gettext_lazy as _

from hemorehab.clinical import plan as engine

# name -> (type, lowest, highest, label); PLAN settings first, then SAFETY ones.
PLAN = {
    "start_fraction": (float, 0.1, 0.75, _("Home intensity at week 1 (fraction of hospital)")),
    "max_fraction": (float, 0.25, 0.75, _("Highest home intensity (fraction of hospital)")),
    "step_fraction": (float, 0.05, 0.5, _("Weekly step of home intensity")),
    "min_sessions_to_progress": (int, 1, 14, _("Home sessions a week needed to step up")),
    "weeks_per_level": (int, 1, 6, _("Clean weeks in a row before the hospital level goes up")),
    "home_min_reps": (int, 1, 20, _("Fewest repetitions of a home set")),
    "home_sessions_per_week": (int, 1, 14, _("Home sessions a week")),
    "home_session_minutes": (int, 15, 120, _("Minutes of a home session")),
    "home_max_sessions_per_day": (int, 1, 2, _("Home sessions a day at most")),
    "game_based_max_age": (int, 3, 12, _("Game-based training up to this age (years)")),
    "school_age_from": (int, 5, 12, _("School-day split offered from this age (years)")),
}
SAFETY = {
    "bleed_pause_hours": (float, 24, 168, _("Hours a bled joint is not loaded")),
    "recent_bleed_days": (
        int,
        7,
        56,
        _("A bleed this many days old or less opens the graded return (older: history)"),
    ),
    "rom_tolerance_deg": (float, 0, 20, _("Motion back to baseline within (degrees)")),
}
ADJUSTABLE = {**PLAN, **SAFETY}
HELP = {
    "bleed_pause_hours": _(
        "Source: the engine suggestion of the clinical rules (a bleed within 72 hours blocks "
        "loading): a site that bled this recently stays at step 1 whatever step was recorded."
    ),
    "recent_bleed_days": _(
        "Source: the seed protocol's bleed-free window before enrollment (no bleed in the last "
        "4 weeks), an entry criterion used here as the line between a bleed to recover from and "
        "history. Not applied to an iliopsoas bleed: it blocks its leg until a physician clears "
        "it, whatever its age."
    ),
}
"""Where a window's default comes from, said next to the setting."""


class SettingsError(ValueError):
    pass


def check(values: dict) -> dict:
    """The cleaned settings; SettingsError names the first bad key and what is allowed."""
    clean = {}
    for key, value in values.items():
        if key not in ADJUSTABLE:
            raise SettingsError(f"{key}: not a setting; allowed: {', '.join(ADJUSTABLE)}")
        kind, low, high, _label = ADJUSTABLE[key]
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise SettingsError(f"{key}: {value!r} is not a number")
        if not low <= value <= high:
            raise SettingsError(f"{key}: {value} is outside {low}-{high}")
        clean[key] = kind(value)
    start = clean.get("start_fraction", engine.PlanSettings.start_fraction)
    top = clean.get("max_fraction", engine.PlanSettings.max_fraction)
    if start > top:
        raise SettingsError(f"start_fraction: {start} is above max_fraction {top}")
    return clean


def plan_settings_for(center) -> engine.PlanSettings:
    values = check(center.plan_settings or {})
    safety = dataclasses.replace(
        engine.SafetySettings(),
        factor_threshold_iu_dl=float(center.session_level_threshold),
        **{k: v for k, v in values.items() if k in SAFETY},
    )
    return dataclasses.replace(
        engine.PlanSettings(), safety=safety, **{k: v for k, v in values.items() if k in PLAN}
    )
