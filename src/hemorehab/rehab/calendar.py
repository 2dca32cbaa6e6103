"""The child's 12-week calendar: hospital and home sessions on infusion days after the
infusion, online sessions, MDT discussions, and the baseline and week-12 assessments.

Session placement is the plan engine's (clinical.plan.schedule, seed protocol s2.4.1:
rehabilitation on prophylaxis days; WFH: infuse to cover the activity, instruments.md s5):
the hospital session and the home sessions at the times of highest estimated factor level
(an hour after an infusion, the mornings after), each with its level compared with the
center's threshold.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from hemorehab.accounts.center_settings import plan_settings_for
from hemorehab.care.services import prophylaxis_for
from hemorehab.clinical import plan as engine
from hemorehab.clinical.program import ProgramCalendar, ProgramWeek, program_calendar


@dataclass(frozen=True)
class DatedSession:
    """A week's hospital session on the calendar: its date and hour, and the estimated factor
    level then (the session's content is the plan's, clinical.plan.sessions.hospital_session)."""

    at: datetime.datetime
    estimated_level: float | None
    below_threshold: bool


@dataclass(frozen=True)
class CalendarWeek:
    week: ProgramWeek
    hospital: DatedSession | None
    home_sessions: int
    home_below_threshold: int
    note: str


def build(patient, start: datetime.date) -> tuple[ProgramCalendar, list[CalendarWeek]]:
    zone = ZoneInfo(patient.center.time_zone)
    settings = plan_settings_for(patient.center)
    baseline = float(patient.baseline_factor_activity)
    calendar = program_calendar(start)
    weeks = []
    for week in calendar.weeks:
        regimen = prophylaxis_for(patient, week.starts)
        schedule = engine.weekly_schedule(regimen, patient.hemophilia_type, settings, baseline)
        hospital = next((s for s in schedule.sessions if s.kind == "hospital"), None)
        home = [s for s in schedule.sessions if s.kind == "home"]
        weeks.append(
            CalendarWeek(
                week=week,
                hospital=_dated(week, hospital, zone) if hospital else None,
                home_sessions=len(home) if schedule.sessions else week.home_sessions,
                home_below_threshold=sum(1 for s in home if s.below_threshold),
                note="",
            )
        )
    return calendar, weeks


def _dated(week: ProgramWeek, session, zone: ZoneInfo) -> DatedSession:
    """The session's weekday and hour as a date and time inside this program week."""
    day = week.starts
    while day.weekday() != session.weekday:
        day += datetime.timedelta(days=1)
    minutes = round(session.hour * 60)
    at = datetime.datetime.combine(day, datetime.time(minutes // 60, minutes % 60), tzinfo=zone)
    return DatedSession(at, session.level_iu_dl, session.below_threshold)
