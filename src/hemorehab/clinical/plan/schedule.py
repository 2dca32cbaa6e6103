"""The week's sessions placed on the child's prophylaxis, each level-checked.

Seed protocol s2.4.1: rehabilitation on the days of prophylaxis; WFH: infuse to cover the
day's activity; instruments.md s5 practical rule: schedule loading while the predicted factor
level is highest. Every candidate time of the week gets the estimated factor level (one-
compartment model at steady state, clinical.pk, with the child's delivered IU/kg and PK, else
the pediatric defaults of the factor): on an infusion day one hour after the infusion
(`home_session_delay_hours`; rehab.calendar uses the same), on other days at the earliest
session hour (the level only falls through a day without an infusion), and each of these
`second_session_gap_hours` later. The hospital session takes
the best of them within hospital hours on an infusion day when one is in hours (else the best
in hours, e.g. the morning after an evening infusion); the home sessions take the best of the
rest, never more than `home_max_sessions_per_day` a day (the hospital session counts). Days
are chosen by level, not calendar order; a session on a day without an infusion, or below the
center threshold, is flagged with its numbers. A regimen without weekdays, or no prophylaxis
at all (on demand), is said: nothing can then be placed or level-checked.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from hemorehab.clinical.pk import Dose, FactorPK, level_at, pediatric_defaults
from hemorehab.clinical.plan.errors import PlanInputError, check_int
from hemorehab.clinical.plan.explain import Explanation, explain
from hemorehab.clinical.plan.settings import PlanSettings

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEK_H = 168.0
DAY_HOURS = (8.0, 20.0)
"""Setting: sessions start between 08:00 and 20:00."""
HOSPITAL_HOURS = (8.0, 17.0)
"""Setting: the hospital session starts within the hospital's working hours."""
PROTOCOL_PER_WEEK = {"A": 3, "B": 2}
"""Seed protocol s2.2: hemophilia A three infusions a week, B two (20-25 IU/kg)."""
PROTOCOL_LOWEST_DOSE = 20.0
_WARMUP_WEEKS = 4


@dataclass(frozen=True)
class Prophylaxis:
    """The child's actual regimen: infusion days (0 = Monday), hour, delivered IU/kg, PK."""

    infusions_per_week: int
    weekdays: tuple[int, ...] = ()
    hour: float = 8.0
    iu_per_kg: float | None = None
    pk: FactorPK | None = None
    pk_source: str = ""


@dataclass(frozen=True)
class PlannedSession:
    kind: str  # "hospital" or "home"
    weekday: int
    hour: float
    infusion_day: bool
    level_iu_dl: float | None
    below_threshold: bool

    @property
    def time(self) -> str:
        minutes = round(self.hour * 60)
        return f"{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass(frozen=True)
class Schedule:
    sessions: tuple[PlannedSession, ...]
    warnings: tuple[Explanation, ...]
    pk: FactorPK | None
    pk_source: str


def check_prophylaxis(regimen: Prophylaxis) -> Prophylaxis:
    """Validate a regimen (PlanInputError naming the place)."""
    count = check_int(regimen.infusions_per_week, "prophylaxis.infusions_per_week", 0, 14)
    days = regimen.weekdays
    for index, day in enumerate(days):
        check_int(day, f"prophylaxis.weekdays[{index}]", 0, 6)
    if len(set(days)) != len(days):
        raise PlanInputError("prophylaxis.weekdays", "a weekday is listed twice")
    if days and count != len(days):
        raise PlanInputError(
            "prophylaxis.infusions_per_week", f"{count} does not match {len(days)} weekdays"
        )
    hour = regimen.hour
    if isinstance(hour, bool) or not isinstance(hour, int | float) or not 0 <= hour < 24:
        raise PlanInputError("prophylaxis.hour", f"{hour!r} is not an hour 0-23")
    dose = regimen.iu_per_kg
    if dose is not None and (
        isinstance(dose, bool) or not isinstance(dose, int | float) or not 1 <= dose <= 200
    ):
        raise PlanInputError("prophylaxis.iu_per_kg", f"{dose!r} is not a dose 1-200 IU/kg")
    return regimen


def weekly_schedule(
    regimen: Prophylaxis | None,
    hemophilia_type: str,
    settings: PlanSettings,
    baseline_iu_dl: float = 0.0,
) -> Schedule:
    """The week's sessions on this regimen, each with its estimated level and flags."""
    if regimen is None:
        return Schedule((), (explain("PROPH-MISSING"),), None, "")
    check_prophylaxis(regimen)
    warnings: list[Explanation] = []
    protocol = PROTOCOL_PER_WEEK[hemophilia_type]
    if regimen.infusions_per_week != protocol:
        warnings.append(
            explain(
                "PROPH-FREQUENCY",
                per_week=regimen.infusions_per_week,
                type=hemophilia_type,
                protocol=protocol,
            )
        )
    if regimen.infusions_per_week == 0:
        warnings.append(explain("PROPH-ON-DEMAND"))
        return Schedule((), tuple(warnings), None, "")
    if not regimen.weekdays:
        warnings.append(explain("PROPH-NO-DAYS", per_week=regimen.infusions_per_week))
        return Schedule((), tuple(warnings), None, "")
    pk, source = _pk(regimen, hemophilia_type, baseline_iu_dl)
    dose = regimen.iu_per_kg
    if dose is None:
        dose = PROTOCOL_LOWEST_DOSE
        warnings.append(explain("PROPH-DOSE-ASSUMED", dose=dose))
    doses = _steady_doses(regimen, dose)
    threshold = settings.safety.factor_threshold_iu_dl
    sessions = []
    for kind, day, hour in _slots(regimen, settings, pk, doses):
        level = level_at(pk, doses, day * 24 + hour)
        sessions.append(
            PlannedSession(kind, day, hour, day in regimen.weekdays, level, level < threshold)
        )
    warnings += _flags(sessions, regimen, dose, pk, threshold)
    return Schedule(tuple(sessions), tuple(warnings), pk, source)


def _pk(regimen: Prophylaxis, hemophilia_type: str, baseline: float) -> tuple[FactorPK, str]:
    if regimen.pk is not None:
        return regimen.pk, regimen.pk_source or "the child's own PK"
    defaults = pediatric_defaults("VIII" if hemophilia_type == "A" else "IX")
    return defaults.pk(baseline), defaults.provenance


def _steady_doses(regimen: Prophylaxis, dose: float) -> list[Dose]:
    return [
        Dose(day * 24 + regimen.hour + WEEK_H * week, dose)
        for week in range(-_WARMUP_WEEKS, 1)
        for day in sorted(regimen.weekdays)
    ]


def _slots(
    regimen: Prophylaxis, settings: PlanSettings, pk: FactorPK, doses: list[Dose]
) -> list[tuple[str, int, float]]:
    """The hospital session and the home sessions at the times of highest estimated level."""
    infusion_days = set(regimen.weekdays)

    def level(slot: tuple[int, float]) -> float:
        return level_at(pk, doses, slot[0] * 24 + slot[1])

    candidates = _candidates(regimen, settings)
    in_hours = [c for c in candidates if HOSPITAL_HOURS[0] <= c[1] <= HOSPITAL_HOURS[1]]
    on_infusion = [c for c in in_hours if c[0] in infusion_days]
    hospital = max(on_infusion or in_hours or candidates, key=lambda c: (level(c), -c[0]))
    slots: list[tuple[str, int, float]] = [("hospital", *hospital)]
    per_day = dict.fromkeys(range(7), 0)
    per_day[hospital[0]] = 1  # the hospital session counts toward the day's sessions
    wanted = settings.home_sessions_per_week
    ranked = sorted((c for c in candidates if c != hospital), key=lambda c: (-level(c), c[0], c[1]))
    for day, hour in ranked:
        if wanted == 0:
            break
        if per_day[day] >= settings.home_max_sessions_per_day:
            continue
        slots.append(("home", day, hour))
        per_day[day] += 1
        wanted -= 1
    return sorted(slots, key=lambda s: (s[1], s[2]))


def _candidates(regimen: Prophylaxis, settings: PlanSettings) -> list[tuple[int, float]]:
    """Times a session could start, within the day's hours: an hour after each infusion (the
    morning, when the infusion comes too late in the day), each other day's morning, and each
    of these `second_session_gap_hours` later."""
    gap = settings.second_session_gap_hours
    earliest, latest = DAY_HOURS
    found: set[tuple[int, float]] = set()
    after = regimen.hour + settings.home_session_delay_hours
    for day in range(7):
        start = earliest
        if day in regimen.weekdays and after <= latest:
            start = max(earliest, after)  # not before the infusion: after it
        found.update((day, hour) for hour in (start, start + gap) if hour <= latest)
    return sorted(found)


def _flags(
    sessions: list[PlannedSession],
    regimen: Prophylaxis,
    dose: float,
    pk: FactorPK,
    threshold: float,
) -> list[Explanation]:
    names = ", ".join(WEEKDAYS[d] for d in sorted(regimen.weekdays))
    found = []
    for session in sessions:
        weekday = WEEKDAYS[session.weekday]
        if not session.infusion_day:
            found.append(
                explain(
                    "SAFE-INFUSION-DAY", kind=session.kind, weekday=weekday, infusion_days=names
                )
            )
        if session.below_threshold and session.level_iu_dl is not None:
            found.append(
                explain(
                    "SAFE-FACTOR-LEVEL",
                    kind=session.kind,
                    weekday=weekday,
                    time=session.time,
                    level=_round(session.level_iu_dl),
                    threshold=threshold,
                    dose=_round(dose),
                    half_life=pk.half_life_h,
                    recovery=pk.ivr,
                )
            )
    return found


def _round(value: float) -> float:
    return math.floor(value * 10 + 0.5) / 10
