"""Home intensity week by week, from what the family and the team reported.

Each finished program week becomes a WeekReport (pain in a home or hospital session, a bleed,
home sessions done of the 5 planned) and the engine's progression rule (clinical.plan
.progression: start at 25% of the hospital level, one step up after a pain-free, bleed-free
week with adequate adherence, hold otherwise, one step back after pain, never above 75%)
gives the fraction of each week with its explanation. The week in progress is reported too
(`current_week_report`): pain or a bleed in it steps the week back at once (week_dose).
After the 12 program weeks the dose of week 12 holds until the team reviews the plan.
"""

from __future__ import annotations

import dataclasses
import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from hemorehab.accounts.center_settings import plan_settings_for
from hemorehab.assessments.models import Bleed
from hemorehab.clinical import plan as engine
from hemorehab.clinical.program import program_calendar
from hemorehab.rehab.models import HomeSession, SessionNote

HOME_SESSIONS_PLANNED = 5


def week_reports(
    patient, start: datetime.date, today: datetime.date, planned: int = HOME_SESSIONS_PLANNED
) -> list[engine.WeekReport]:
    """Reports of the program weeks that have ended by `today`, the last program week left
    out (the dose is never for a week after the program: week 12's holds)."""
    weeks = [w for w in program_calendar(start).weeks[:-1] if w.ends < today]
    return _reports(patient, start, weeks, planned)


def current_week_report(
    patient, start: datetime.date, today: datetime.date, planned: int = HOME_SESSIONS_PLANNED
) -> engine.WeekReport | None:
    """What was reported so far in the program week being dosed: the week holding `today`;
    once the program is over, the last seven days (week 12's dose holds, a bleed still steps
    it back); None before the program starts."""
    calendar = program_calendar(start)
    if today < calendar.start:
        return None
    week = calendar.week_of(today)
    if week is None:
        week = dataclasses.replace(calendar.weeks[-1], starts=today - datetime.timedelta(days=6))
    partial = dataclasses.replace(week, ends=min(week.ends, today))
    return _reports(patient, partial.starts, [partial], planned)[0]


def program_over(start: datetime.date, today: datetime.date) -> bool:
    return today > program_calendar(start).end


def _reports(patient, start, weeks, planned: int) -> list[engine.WeekReport]:
    if not weeks:
        return []
    end = weeks[-1].ends
    home = list(HomeSession.objects.filter(patient=patient, done_on__range=(start, end)))
    notes = list(SessionNote.objects.filter(patient=patient, held_on__range=(start, end)))
    zone = ZoneInfo(patient.center.time_zone)
    margin = datetime.timedelta(days=1)  # the database's dates are UTC: the center's decide
    bleed_days = [
        timezone.localtime(b.onset, zone).date()
        for b in Bleed.objects.filter(
            patient=patient, onset__date__range=(start - margin, end + margin)
        )
    ]
    reports = []
    for week in weeks:
        inside = week.contains
        reports.append(
            engine.WeekReport(
                pain_reported=any(h.pain_reported for h in home if inside(h.done_on))
                or any(n.pain_reported for n in notes if inside(n.held_on)),
                bleed_reported=any(inside(day) for day in bleed_days),
                sessions_done=sum(1 for h in home if inside(h.done_on) and h.completed),
                sessions_planned=planned,
            )
        )
    return reports


def intensity_by_week(patient, start: datetime.date, today: datetime.date):
    settings = plan_settings_for(patient.center)
    reports = week_reports(patient, start, today, settings.home_sessions_per_week)
    return engine.progression(reports, settings)
