"""Home intensity week by week, as a fraction of the hospital level.

Seed paper s2.4: home intensity starts at 25% of the hospital level and rises gradually to at
most 75%, and all exercise stays pain-free; shared/DESIGN.md: it rises only while the child
stays pain-free and bleed-free. Our settings (PlanSettings): the step (0.125) and the
adherence needed to progress (4 home sessions, or all planned when fewer; a week with
nothing planned holds).

Week 1 is the start fraction; the report of week n decides week n+1:
1. pain reported -> one step back, never below the start (PROG-BACK-PAIN);
2. else a bleed reported -> hold (PROG-HOLD-BLEED);
3. else fewer sessions done than needed -> hold (PROG-HOLD-ADHERENCE);
4. else one step up, never above the maximum (PROG-RISE, or PROG-AT-MAX).
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
    week: int
    fraction: float
    explanation: Explanation


def progression(
    reports: Sequence[WeekReport], settings: PlanSettings | None = None
) -> tuple[WeekIntensity, ...]:
    """Week 1 .. len(reports) + 1: the home fraction of each week and why."""
    config = settings or PlanSettings()
    _check_settings(config)
    fraction = config.start_fraction
    weeks = [WeekIntensity(1, fraction, explain("PROG-START", week=1, fraction=fraction))]
    for index, report in enumerate(reports):
        _check_report(report, f"[{index}]")
        step = next_fraction(fraction, report, index + 2, config)
        weeks.append(step)
        fraction = step.fraction
    return tuple(weeks)


def next_fraction(
    current: float, report: WeekReport, week: int, settings: PlanSettings
) -> WeekIntensity:
    """The fraction for `week` given the previous week's fraction and report."""
    start, top, step = settings.start_fraction, settings.max_fraction, settings.step_fraction
    needed = max(1, min(settings.min_sessions_to_progress, report.sessions_planned))
    numbers: dict[str, Any] = {
        "week": week,
        "previous": current,
        "done": report.sessions_done,
        "planned": report.sessions_planned,
        "pain": report.pain_reported,
        "bleed": report.bleed_reported,
    }
    if report.pain_reported:
        fraction = _round(max(start, current - step))
        return WeekIntensity(
            week, fraction, explain("PROG-BACK-PAIN", fraction=fraction, start=start, **numbers)
        )
    if report.bleed_reported:
        return WeekIntensity(week, current, explain("PROG-HOLD-BLEED", fraction=current, **numbers))
    if report.sessions_done < needed:
        why = explain("PROG-HOLD-ADHERENCE", fraction=current, needed=needed, **numbers)
        return WeekIntensity(week, current, why)
    if current >= top:
        return WeekIntensity(week, top, explain("PROG-AT-MAX", fraction=top, **numbers))
    fraction = _round(min(top, current + step))
    return WeekIntensity(week, fraction, explain("PROG-RISE", fraction=fraction, **numbers))


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
