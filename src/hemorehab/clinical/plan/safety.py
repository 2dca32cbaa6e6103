"""Safety rules around the plan (shared/DESIGN.md "Safety rules"; instruments.md s5-6).

- check_session_timing: sessions belong on prophylaxis days, after the infusion (seed s2.4.1;
  WFH 2012: dose to cover the day's activity [V]).
- check_factor_level / factor_level_chart: the one-compartment estimate of clinical/pk.py at a
  planned session, flagged below the CENTER-SET threshold (SafetySettings; not a guideline).
- pause_for_bleed: a joint bleed pauses every exercise loading that joint and notifies the
  hematologist and therapist; the joint restarts the return path at phase 1
  (return_phases.next_phase, re-exported here).
- block_for_psoas: an iliopsoas bleed blocks all lower-limb loading until a physician clears.
- validate_edited_plan: an exercise a rule forbids is REFUSED (ContraindicatedExerciseError
  naming the rule and exercise), never silently dropped.
Times: aware datetimes; weekdays and the infusion time are read on the session's own clock,
so pass session times in the center's time zone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from hemorehab.clinical.bleeds import Bleed, SiteKind
from hemorehab.clinical.errors import check_number
from hemorehab.clinical.exercises import Library, builtin_library
from hemorehab.clinical.exercises.vocabulary import JOINTS, LOWER_LIMB_TYPES, SIDES, joint_type
from hemorehab.clinical.pk import Dose, FactorPK, level_at
from hemorehab.clinical.plan.errors import (
    ContraindicatedExerciseError,
    PlanInputError,
    UnknownExerciseError,
)
from hemorehab.clinical.plan.explain import Explanation, explain
from hemorehab.clinical.plan.return_phases import PhaseDecision, PhaseObservation, next_phase
from hemorehab.clinical.plan.rules import ChildContext, contraindications, is_psoas_bleed
from hemorehab.clinical.plan.sessions import PlannedExercise
from hemorehab.clinical.plan.settings import PlanSettings, SafetySettings

__all__ = [
    "BleedPause",
    "FactorCheck",
    "Infusion",
    "Notification",
    "PausedExercise",
    "PhaseDecision",
    "PhaseObservation",
    "PlanEditItem",
    "block_for_psoas",
    "check_factor_level",
    "check_session_timing",
    "factor_level_chart",
    "next_phase",
    "pause_for_bleed",
    "validate_edited_plan",
]
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class Infusion:
    at: datetime
    iu_per_kg: float


@dataclass(frozen=True)
class FactorCheck:
    level_iu_dl: float
    threshold_iu_dl: float
    flag: Explanation | None


@dataclass(frozen=True)
class Notification:
    role: str
    explanation: Explanation


@dataclass(frozen=True)
class PausedExercise:
    exercise_id: str
    side: str | None
    loaded_joints: tuple[str, ...]


@dataclass(frozen=True)
class BleedPause:
    """Exercises paused by a bleed, who is told, and where the joint's return starts."""

    joints: tuple[str, ...]
    paused: tuple[PausedExercise, ...]
    notifications: tuple[Notification, ...]
    phase: int | None
    explanation: Explanation

    @property
    def paused_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p.exercise_id for p in self.paused))


@dataclass(frozen=True)
class PlanEditItem:
    """One exercise of a therapist-edited plan; side None = both sides / not sided."""

    exercise_id: str
    side: str | None = None


def check_session_timing(
    session_at: datetime, infusion_weekdays: Iterable[int], infusion_time: time
) -> tuple[Explanation, ...]:
    """Flags for a session off an infusion day or before that day's infusion (Monday = 0)."""
    _aware(session_at, "session_at")
    days = sorted(set(infusion_weekdays))
    for day in days:
        if type(day) is not int or not 0 <= day <= 6:
            raise PlanInputError("infusion_weekdays", f"{day!r} is not a weekday 0-6 (Monday = 0)")
    names = ", ".join(WEEKDAYS[d] for d in days) or "none"
    weekday = session_at.weekday()
    if weekday not in days:
        return (explain("SAFE-INFUSION-DAY", weekday=WEEKDAYS[weekday], infusion_days=names),)
    wall = session_at.time().replace(tzinfo=None)
    if wall < infusion_time:
        return (
            explain(
                "SAFE-AFTER-INFUSION",
                session_time=wall.isoformat("minutes"),
                infusion_time=infusion_time.isoformat("minutes"),
            ),
        )
    return ()


def check_factor_level(
    session_at: datetime,
    infusions: Sequence[Infusion],
    pk: FactorPK,
    settings: SafetySettings | None = None,
) -> FactorCheck:
    """The estimated level at the session (clinical/pk.level_at), flagged below the threshold."""
    config = settings or SafetySettings()
    _aware(session_at, "session_at")
    level = level_at(pk, _doses(infusions, session_at), 0.0)
    threshold = config.factor_threshold_iu_dl
    if level >= threshold:
        return FactorCheck(level, threshold, None)
    why = explain("SAFE-FACTOR-LEVEL", level=round(level, 1), threshold=threshold)
    return FactorCheck(level, threshold, why)


def factor_level_chart(
    pk: FactorPK,
    infusions: Sequence[Infusion],
    start: datetime,
    end: datetime,
    step: timedelta = timedelta(hours=1),
) -> tuple[tuple[datetime, float], ...]:
    """Estimated levels from `start` to `end` inclusive every `step` (for a chart)."""
    _aware(start, "start")
    _aware(end, "end")
    if end < start or step <= timedelta(0):
        raise PlanInputError("end", "need start <= end and a positive step")
    doses = _doses([i for i in infusions if i.at <= end], start)
    hours = step.total_seconds() / 3600
    count = int((end - start) / step) + 1
    return tuple((start + n * step, level_at(pk, doses, n * hours)) for n in range(count))


def pause_for_bleed(
    items: Iterable[PlannedExercise], bleed: Bleed, settings: SafetySettings | None = None
) -> BleedPause:
    """Pause every planned exercise that loads the bled joint; notify; restart at phase 1."""
    config = settings or SafetySettings()
    if bleed.site_kind is not SiteKind.JOINT or bleed.site not in JOINTS:
        raise PlanInputError("bleed.site", f"{bleed.site!r} is not one of the plan joints")
    paused = _paused(items, lambda joints: bleed.site in joints)
    onset = bleed.onset.isoformat(timespec="minutes")
    notes = tuple(
        Notification(role, explain("NOTIFY-BLEED", role=role, joint=bleed.site, onset=onset))
        for role in config.notify_roles
    )
    why = explain("SAFE-BLEED-PAUSE", joint=bleed.site, count=len(paused), onset=onset)
    return BleedPause((bleed.site,), paused, notes, 1, why)


def block_for_psoas(
    items: Iterable[PlannedExercise],
    bleed: Bleed,
    cleared: bool,
    settings: PlanSettings | None = None,
) -> BleedPause:
    """Block all lower-limb loading after an iliopsoas bleed until `cleared` by a physician."""
    config = settings or PlanSettings()
    if not is_psoas_bleed(bleed, config):
        raise PlanInputError("bleed.site", f"{bleed.site!r} is not an iliopsoas site")
    legs = tuple(j for j in JOINTS if joint_type(j) in LOWER_LIMB_TYPES)
    paused = () if cleared else _paused(items, lambda joints: bool(set(joints) & set(legs)))
    onset = bleed.onset.isoformat(timespec="minutes")
    notes = (
        ()
        if cleared
        else tuple(
            Notification(role, explain("NOTIFY-PSOAS", role=role, onset=onset))
            for role in config.safety.notify_roles
        )
    )
    why = explain("SAFE-PSOAS", count=len(paused), cleared=cleared, onset=onset)
    return BleedPause(legs, paused, notes, None, why)


def validate_edited_plan(
    items: Sequence[PlanEditItem], context: ChildContext, library: Library | None = None
) -> tuple[PlanEditItem, ...]:
    """Accept the edited plan or refuse the first forbidden exercise (named error)."""
    lib = library or builtin_library()
    for index, item in enumerate(items):
        path = f"[{index}]"
        exercise = lib.get(item.exercise_id)
        if exercise is None:
            raise UnknownExerciseError(
                f"{path}.exercise_id", f"{item.exercise_id!r} is not in library {lib.version}"
            )
        if item.side is not None and (item.side not in SIDES or not exercise.sided):
            raise PlanInputError(f"{path}.side", f"{item.side!r} is not a side of {exercise.id}")
        reasons = contraindications(exercise, item.side, context)
        if reasons:
            first = reasons[0]
            rules = ", ".join(dict.fromkeys(r.rule for r in reasons))
            message = f"{exercise.id} refused by {rules}: " + "; ".join(r.text for r in reasons)
            raise ContraindicatedExerciseError(
                path, message, rule=first.rule, exercise_id=exercise.id, explanation=first
            )
    return tuple(items)


def _paused(
    items: Iterable[PlannedExercise], hits: Callable[[tuple[str, ...]], bool]
) -> tuple[PausedExercise, ...]:
    found: dict[tuple[str, str | None], PausedExercise] = {}
    for item in items:
        if hits(item.loaded_joints):
            key = (item.exercise_id, item.side)
            found.setdefault(key, PausedExercise(item.exercise_id, item.side, item.loaded_joints))
    return tuple(found.values())


def _doses(infusions: Sequence[Infusion], origin: datetime) -> list[Dose]:
    doses = []
    for index, infusion in enumerate(infusions):
        _aware(infusion.at, f"infusions[{index}].at")
        amount = check_number(
            infusion.iu_per_kg, f"infusions[{index}].iu_per_kg", minimum=0, error=PlanInputError
        )
        doses.append(Dose((infusion.at - origin).total_seconds() / 3600, amount))
    return doses


def _aware(moment: object, path: str) -> None:
    if not isinstance(moment, datetime) or moment.tzinfo is None or moment.utcoffset() is None:
        raise PlanInputError(path, "must be a timezone-aware datetime")
