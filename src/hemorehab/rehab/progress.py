"""Home intensity week by week, from what the family and the team reported.

Each finished program week becomes a WeekReport (pain in a home or hospital session, a bleed,
home sessions done of the 5 planned) and the engine's progression rule (clinical.plan
.progression: start at 25% of the hospital level, one step up after a pain-free, bleed-free
week with adequate adherence, hold otherwise, one step back after pain, never above 75%)
gives the fraction of each week with its explanation.
"""

from __future__ import annotations

import datetime

from hemorehab.accounts.center_settings import plan_settings_for
from hemorehab.assessments.models import Bleed
from hemorehab.clinical import plan as engine
from hemorehab.clinical.program import program_calendar
from hemorehab.rehab.models import HomeSession, SessionNote

HOME_SESSIONS_PLANNED = 5


def week_reports(
    patient, start: datetime.date, today: datetime.date, planned: int = HOME_SESSIONS_PLANNED
) -> list[engine.WeekReport]:
    """Reports of the program weeks that have ended by `today`."""
    weeks = [w for w in program_calendar(start).weeks if w.ends < today]
    if not weeks:
        return []
    end = weeks[-1].ends
    home = list(HomeSession.objects.filter(patient=patient, done_on__range=(start, end)))
    notes = list(SessionNote.objects.filter(patient=patient, held_on__range=(start, end)))
    bleeds = list(Bleed.objects.filter(patient=patient, onset__date__range=(start, end)))
    reports = []
    for week in weeks:
        inside = week.contains
        reports.append(
            engine.WeekReport(
                pain_reported=any(h.pain_reported for h in home if inside(h.done_on))
                or any(n.pain_reported for n in notes if inside(n.held_on)),
                bleed_reported=any(inside(b.onset.date()) for b in bleeds),
                sessions_done=sum(1 for h in home if inside(h.done_on) and h.completed),
                sessions_planned=planned,
            )
        )
    return reports


def intensity_by_week(patient, start: datetime.date, today: datetime.date):
    settings = plan_settings_for(patient.center)
    reports = week_reports(patient, start, today, settings.home_sessions_per_week)
    return engine.progression(reports, settings)
