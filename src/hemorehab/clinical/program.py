"""The 12-week program calendar, derived from the enrollment start date.

Source: the seed protocol (shared/seed, section 2.4): baseline assessment before the start,
weekly 60-minute hospital sessions, five home sessions a week, 12 scheduled online sessions,
an MDT online case discussion every two weeks, and the post-program assessment after week 12.
The numbers are parameters of `ProgramDesign`, so a center can run a different design.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

ONE_DAY = datetime.timedelta(days=1)
ONE_WEEK = datetime.timedelta(days=7)


@dataclass(frozen=True)
class ProgramDesign:
    weeks: int = 12
    hospital_sessions_per_week: int = 1
    home_sessions_per_week: int = 5
    online_sessions: int = 12
    mdt_every_weeks: int = 2
    baseline_window_days: int = 14
    post_window_days: int = 14


@dataclass(frozen=True)
class ProgramWeek:
    number: int
    starts: datetime.date
    ends: datetime.date
    hospital_sessions: int
    home_sessions: int
    online_session: bool
    mdt_discussion: bool

    def contains(self, day: datetime.date) -> bool:
        return self.starts <= day <= self.ends


@dataclass(frozen=True)
class Visit:
    kind: str  # "baseline" or "post"
    earliest: datetime.date
    latest: datetime.date


@dataclass(frozen=True)
class ProgramCalendar:
    start: datetime.date
    end: datetime.date
    weeks: tuple[ProgramWeek, ...]
    baseline: Visit
    post: Visit

    def week_of(self, day: datetime.date) -> ProgramWeek | None:
        return next((week for week in self.weeks if week.contains(day)), None)


def program_calendar(start: datetime.date, design: ProgramDesign | None = None) -> ProgramCalendar:
    """Weeks 1..N from the start date, with the baseline visit before and the post visit after."""
    design = design or ProgramDesign()
    weeks = tuple(
        ProgramWeek(
            number=n,
            starts=start + (n - 1) * ONE_WEEK,
            ends=start + n * ONE_WEEK - ONE_DAY,
            hospital_sessions=design.hospital_sessions_per_week,
            home_sessions=design.home_sessions_per_week,
            online_session=n <= design.online_sessions,
            mdt_discussion=n % design.mdt_every_weeks == 0,
        )
        for n in range(1, design.weeks + 1)
    )
    end = weeks[-1].ends
    return ProgramCalendar(
        start=start,
        end=end,
        weeks=weeks,
        baseline=Visit("baseline", start - design.baseline_window_days * ONE_DAY, start),
        post=Visit("post", end + ONE_DAY, end + design.post_window_days * ONE_DAY),
    )
