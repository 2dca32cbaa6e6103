"""The program week by week: the home intensity and the hospital level.

Seed paper s2.4: home intensity starts at 25% of the hospital level and rises gradually to at
most 75%, the plan progresses with the child's response, and all exercise stays pain-free;
shared/DESIGN.md: it rises only while the child stays pain-free and bleed-free. Our settings
(PlanSettings): the step (0.125), the adherence needed to progress (4 home sessions, or all
planned when fewer), and the clean weeks in a row before the hospital level goes up (2: the
library's "next band only after two pain-free weeks").

Week 1 is the start; the report of week n decides week n+1:
1. pain during exercise -> home one step back (never below the start), hospital level one
   step back (PROG-BACK-PAIN);
2. else a bleed -> the same step back (PROG-BACK-BLEED);
3. else fewer home sessions logged than needed -> hold (PROG-HOLD-ADHERENCE);
4. else home one step up, never above the maximum (PROG-RISE, PROG-AT-MAX); after
   `weeks_per_level` such weeks in a row the hospital level goes one step up (PROG-LEVEL-UP).
A step back or a hold restarts the count of clean weeks.

The week being dosed steps back at once when pain or a bleed is reported in it (`week_dose`,
PROG-BACK-NOW): a new bleed steps the whole program back now, not only next week. When that
week's report joins the history, the next week's step back starts from the week's own dose,
so one bleed is one step back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from hemorehab.clinical.plan.errors import PlanInputError, check_int
from hemorehab.clinical.plan.explain import Explanation, explain
from hemorehab.clinical.plan.settings import PlanSettings

MAX_SESSIONS_A_WEEK = 14  # seven days x at most twice a day (seed s2.4)


@dataclass(frozen=True)
class WeekReport:
    """What the family and team reported about one program week."""

    pain_reported: bool
    bleed_reported: bool
    sessions_done: int
    sessions_planned: int


@dataclass(frozen=True)
class WeekIntensity:
    """The dose of one program week: home fraction and hospital level step (0 = level 1)."""

    week: int
    fraction: float
    explanation: Explanation
    level_step: int = 0
    level_explanation: Explanation | None = None

    @property
    def percent(self) -> float:
        return round(self.fraction * 100, 1)


def progression(
    reports: Sequence[WeekReport], settings: PlanSettings | None = None
) -> tuple[WeekIntensity, ...]:
    """Week 1 .. len(reports) + 1: each week's dose and why."""
    config = settings or PlanSettings()
    _check_settings(config)
    start = config.start_fraction
    first = explain("PROG-START", week=1, fraction=start, percent=_pct(start), level_step=0)
    weeks = [WeekIntensity(1, start, first)]
    streak = 0
    for index, report in enumerate(reports):
        _check_report(report, f"[{index}]")
        step, streak = next_week(weeks[-1], report, streak, config)
        weeks.append(step)
    return tuple(weeks)


def week_dose(
    reports: Sequence[WeekReport],
    settings: PlanSettings | None = None,
    current: WeekReport | None = None,
) -> WeekIntensity:
    """The dose of the week after `reports`, stepped back at once when `current` (what was
    reported so far in that week) holds pain or a bleed. The draft, the plan page, the
    family's view and the API all use this one function."""
    config = settings or PlanSettings()
    week = progression(reports, config)[-1]
    if current is None:
        return week
    _check_report(current, "current_week")
    if not (current.pain_reported or current.bleed_reported):
        return week
    fraction = _round(max(config.start_fraction, week.fraction - config.step_fraction))
    level = max(0, week.level_step - 1)
    why = explain(
        "PROG-BACK-NOW",
        week=week.week,
        cause="pain_during_exercise" if current.pain_reported else "a_bleed",
        previous=week.percent,
        percent=_pct(fraction),
        fraction=fraction,
        level_step=level,
        start=_pct(config.start_fraction),
    )
    return WeekIntensity(week.week, fraction, why, level)


def next_week(
    current: WeekIntensity, report: WeekReport, streak: int, settings: PlanSettings
) -> tuple[WeekIntensity, int]:
    """The next week's dose and the new count of clean weeks in a row."""
    start, top, step = settings.start_fraction, settings.max_fraction, settings.step_fraction
    week = current.week + 1
    needed = max(1, min(settings.min_sessions_to_progress, report.sessions_planned))
    numbers: dict[str, Any] = {
        "week": week,
        "previous": current.percent,
        "done": report.sessions_done,
        "planned": report.sessions_planned,
        "pain": report.pain_reported,
        "bleed": report.bleed_reported,
        "start": _pct(start),
    }
    if report.pain_reported or report.bleed_reported:
        fraction = _round(max(start, current.fraction - step))
        level = max(0, current.level_step - 1)
        rule = "PROG-BACK-PAIN" if report.pain_reported else "PROG-BACK-BLEED"
        why = explain(rule, fraction=fraction, percent=_pct(fraction), level_step=level, **numbers)
        return WeekIntensity(week, fraction, why, level), 0
    if report.sessions_done < needed:
        fraction = current.fraction
        why = explain(
            "PROG-HOLD-ADHERENCE",
            fraction=fraction,
            percent=_pct(fraction),
            needed=needed,
            level_step=current.level_step,
            **numbers,
        )
        return WeekIntensity(week, fraction, why, current.level_step), 0
    fraction = _round(min(top, current.fraction + step))
    rule = "PROG-AT-MAX" if current.fraction >= top else "PROG-RISE"
    why = explain(rule, fraction=fraction, percent=_pct(fraction), **numbers)
    streak += 1
    if streak < settings.weeks_per_level:
        return WeekIntensity(week, fraction, why, current.level_step), streak
    level = current.level_step + 1
    up = explain(
        "PROG-LEVEL-UP",
        week=week,
        previous_step=current.level_step,
        level_step=level,
        weeks=streak,
    )
    return WeekIntensity(week, fraction, why, level, up), 0


def _pct(fraction: float) -> float:
    return round(fraction * 100, 1)


def _round(value: float) -> float:
    return round(value, 6)


def _check_report(report: WeekReport, path: str) -> None:
    for name in ("pain_reported", "bleed_reported"):
        if not isinstance(getattr(report, name), bool):
            raise PlanInputError(f"{path}.{name}", "must be true or false")
    check_int(report.sessions_planned, f"{path}.sessions_planned", 0, MAX_SESSIONS_A_WEEK)
    check_int(report.sessions_done, f"{path}.sessions_done", 0, MAX_SESSIONS_A_WEEK)


def _check_settings(settings: PlanSettings) -> None:
    if not 0 < settings.start_fraction <= settings.max_fraction <= 1:
        raise PlanInputError("settings", "need 0 < start_fraction <= max_fraction <= 1")
    if settings.step_fraction <= 0:
        raise PlanInputError("settings.step_fraction", "must be greater than 0")
    if settings.weeks_per_level < 1:
        raise PlanInputError("settings.weeks_per_level", "must be 1 or more")
