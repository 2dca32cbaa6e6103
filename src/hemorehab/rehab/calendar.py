"""The child's 12-week calendar: hospital sessions on infusion days after the infusion, home
and online sessions, MDT discussions, and the baseline and week-12 assessments.

Session placement follows the seed protocol ("rehabilitation therapy was performed on the same
day as prophylactic factor administration", section 2.4.1) and the WFH advice to cover activity
by infusing beforehand (shared/domain/instruments.md section 5). The session starts a set time
after the infusion (SESSION_DELAY, a setting); the estimated level at that time is compared
with the center's threshold.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from hemorehab.care.models import ProphylaxisRegimen
from hemorehab.care.services import pk_for
from hemorehab.clinical import prophylaxis
from hemorehab.clinical.program import ProgramCalendar, ProgramWeek, program_calendar

SESSION_DELAY = datetime.timedelta(hours=1)


@dataclass(frozen=True)
class HospitalSession:
    at: datetime.datetime
    estimated_level: float | None
    below_threshold: bool


@dataclass(frozen=True)
class CalendarWeek:
    week: ProgramWeek
    hospital: HospitalSession | None
    note: str


def hospital_session(
    week: ProgramWeek, regimen: ProphylaxisRegimen | None, zone: ZoneInfo
) -> datetime.datetime | None:
    """The first infusion day of the week, SESSION_DELAY after the infusion time."""
    if regimen is None or not regimen.weekdays:
        return None
    day = week.starts
    while day <= week.ends:
        if day.weekday() in regimen.weekdays:
            infused = datetime.datetime.combine(day, regimen.infusion_time, tzinfo=zone)
            return infused + SESSION_DELAY
        day += datetime.timedelta(days=1)
    return None


def level_at_session(patient, regimen: ProphylaxisRegimen, at: datetime.datetime) -> float:
    """Estimated steady-state level at the session's hour of the week."""
    pk, _source = pk_for(patient, regimen.product)
    points = prophylaxis.week_levels(
        pk, float(regimen.dose_iu_per_kg), regimen.weekdays, regimen.infusion_time, step_h=0.25
    )
    hour = at.weekday() * 24 + at.hour + at.minute / 60
    return min(points, key=lambda point: abs(point[0] - hour))[1]


def build(patient, start: datetime.date) -> tuple[ProgramCalendar, list[CalendarWeek]]:
    zone = ZoneInfo(patient.center.time_zone)
    threshold = float(patient.center.session_level_threshold)
    calendar = program_calendar(start)
    weeks = []
    for week in calendar.weeks:
        regimen = ProphylaxisRegimen.objects.current_for(patient, week.starts)
        at = hospital_session(week, regimen, zone)
        session = None
        if at is not None and regimen is not None:
            level = level_at_session(patient, regimen, at)
            session = HospitalSession(at, level, level < threshold)
        weeks.append(CalendarWeek(week, session, ""))
    return calendar, weeks
