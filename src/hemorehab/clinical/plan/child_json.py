"""A child as JSON -> DraftInput: the input side of `hemorehab plan draft` (README).

Keys (all optional but as_of, age_years and hemophilia_type; any other key is refused with
its place named):
  as_of                 ISO datetime with a time zone
  age_years             integer 0-25
  hemophilia_type       "A" or "B"
  weight_kg             number > 0
  hjhs                  as for `hemorehab score hjhs`: {"joints": {...six joints...}, "gait": N}
  ultrasound            {"instrument": "head-us-c"|"head-us", "joints": {joint: {item: N}}}
  end_feel              {joint: {"flexion"|"extension": "soft"|"firm"|"hard"}}
  muscle_test           {joint: {"flexion"|"extension": 0-5}}
  bleeds                [{"onset": ISO datetime, "site_kind": "joint"|"muscle"|"other",
                          "site": a site of clinical.sites, "cause": optional}]
  psoas_cleared_at      ISO datetime or null: a physician cleared the iliopsoas bleeds before
  prophylaxis           {"infusions_per_week": N, "weekdays": ["mon", ...], "hour": 0-23,
                          "iu_per_kg": optional delivered dose}
  history               [{"week": 1, "home_sessions_logged": 0-14, "max_pain": 0-10,
                          "bleeds": N}, ...] weeks 1, 2, ... in order
  current_week          {"max_pain": 0-10, "bleeds": N}: what was reported so far in the week
                          being dosed; without it, a bleed in `bleeds` within the 7 days
                          before as_of counts as this week's (unless the last history week
                          reported a bleed); pain or a bleed steps the week back at once
  return_phases         {site: 1-4}: the phase a therapist's review reached (extension)
  active_synovitis      [joint, ...]: synovitis judged active by a clinician (extension)
  effusion              {joint: "effusion"|"hemarthrosis"} judged on ultrasound (extension)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any

from hemorehab.clinical.bleeds import BleedEvent, SiteKind
from hemorehab.clinical.errors import ClinicalInputError, check_number, show
from hemorehab.clinical.hjhs import score_hjhs_record
from hemorehab.clinical.plan.draft import HEMOPHILIA_TYPES, DraftInput
from hemorehab.clinical.plan.errors import PlanInputError, check_int
from hemorehab.clinical.plan.problems import Findings, derive_problems
from hemorehab.clinical.plan.progression import MAX_SESSIONS_A_WEEK, WeekReport
from hemorehab.clinical.plan.rules import ClinicalJudgements
from hemorehab.clinical.plan.schedule import WEEKDAYS, Prophylaxis
from hemorehab.clinical.plan.settings import PlanSettings
from hemorehab.clinical.sites import PSOAS_SITES
from hemorehab.clinical.ultrasound import BUILT_IN

REQUIRED = ("as_of", "age_years", "hemophilia_type")
OPTIONAL = (
    "weight_kg",
    "hjhs",
    "ultrasound",
    "end_feel",
    "muscle_test",
    "bleeds",
    "psoas_cleared_at",
    "prophylaxis",
    "history",
    "current_week",
    "return_phases",
    "active_synovitis",
    "effusion",
)


def parse_child(data: object, settings: PlanSettings | None = None) -> DraftInput:
    """The DraftInput of a JSON child; a ClinicalInputError names the first bad place."""
    config = settings or PlanSettings()
    child = _object(data, "", REQUIRED + OPTIONAL, REQUIRED)
    as_of = _datetime(child["as_of"], "as_of")
    if "weight_kg" in child:
        check_number(child["weight_kg"], "weight_kg", positive=True, error=PlanInputError)
    hemophilia_type = child["hemophilia_type"]
    if hemophilia_type not in HEMOPHILIA_TYPES:
        raise PlanInputError("hemophilia_type", f"{show(hemophilia_type)} is not one of: A, B")
    bleeds = tuple(_list(child.get("bleeds", []), "bleeds", _bleed))
    history = _history(child.get("history", []), config)
    return DraftInput(
        problems=derive_problems(_findings(child), config.thresholds),
        age=check_int(child["age_years"], "age_years", 0, 25),
        hemophilia_type=hemophilia_type,
        bleeds=bleeds,
        as_of=as_of,
        psoas_cleared=_psoas_cleared(child.get("psoas_cleared_at"), bleeds),
        judgements=_judgements(child),
        return_phases=_mapping(child.get("return_phases", {}), "return_phases"),
        history=tuple(history),
        current_week=_current_week(child, bleeds, history, as_of, config),
        prophylaxis=_prophylaxis(child["prophylaxis"]) if "prophylaxis" in child else None,
    )


def _findings(child: Mapping[str, Any]) -> Findings:
    hjhs = child.get("hjhs")
    if hjhs is not None:
        _prefixed("hjhs", lambda: score_hjhs_record(hjhs))
    scan = child.get("ultrasound")
    instrument, joints = "head-us-c", {}
    if scan is not None:
        found = _object(scan, "ultrasound", ("instrument", "joints"), ("joints",))
        instrument = found.get("instrument", "head-us-c")
        if instrument not in BUILT_IN:
            allowed = ", ".join(BUILT_IN)
            raise PlanInputError(
                "ultrasound.instrument", f"{show(instrument)} is not one of: {allowed}"
            )
        joints = _mapping(found["joints"], "ultrasound.joints")
    findings = Findings(
        hjhs["joints"] if hjhs is not None else None,
        hjhs["gait"] if hjhs is not None else None,
        joints,
        instrument,
    )
    _prefixed("ultrasound", lambda: derive_problems(Findings(None, None, joints, instrument)))
    return findings


def _judgements(child: Mapping[str, Any]) -> ClinicalJudgements:
    active = child.get("active_synovitis", [])
    if not isinstance(active, list) or not all(isinstance(j, str) for j in active):
        raise PlanInputError("active_synovitis", f"{show(active)} is not a list of joints")
    return ClinicalJudgements(
        active_synovitis=dict.fromkeys(active, 1),
        effusion=_mapping(child.get("effusion", {}), "effusion"),
        end_feel=_mapping(child.get("end_feel", {}), "end_feel"),
        muscle_test=_mapping(child.get("muscle_test", {}), "muscle_test"),
    )


def _bleed(value: object, path: str) -> BleedEvent:
    keys = ("onset", "site_kind", "site", "cause", "treatment_end")
    found = _object(value, path, keys, ("onset", "site_kind", "site"))
    onset = _datetime(found["onset"], f"{path}.onset")
    end = found.get("treatment_end")
    try:
        return BleedEvent(
            onset,
            found["site_kind"],
            found["site"],
            found.get("cause", "spontaneous"),
            None if end is None else _datetime(end, f"{path}.treatment_end"),
        )
    except ClinicalInputError as exc:
        raise exc.with_prefix(path) from None


def _psoas_cleared(value: object, bleeds: tuple[BleedEvent, ...]) -> bool:
    if value is None:
        return False
    cleared = _datetime(value, "psoas_cleared_at")
    psoas = [b.onset for b in bleeds if b.site in PSOAS_SITES]
    return all(onset <= cleared for onset in psoas)


def _prophylaxis(value: object) -> Prophylaxis:
    keys = ("infusions_per_week", "weekdays", "hour", "iu_per_kg")
    found = _object(value, "prophylaxis", keys, ("infusions_per_week",))
    days = found.get("weekdays", [])
    if not isinstance(days, list):
        raise PlanInputError("prophylaxis.weekdays", f"{show(days)} is not a list of weekdays")
    numbers = []
    for index, day in enumerate(days):
        if day not in WEEKDAYS:
            allowed = ", ".join(WEEKDAYS)
            raise PlanInputError(
                f"prophylaxis.weekdays[{index}]", f"{show(day)} is not one of: {allowed}"
            )
        numbers.append(WEEKDAYS.index(day))
    return Prophylaxis(
        infusions_per_week=found["infusions_per_week"],
        weekdays=tuple(numbers),
        hour=found.get("hour", 8),
        iu_per_kg=found.get("iu_per_kg"),
    )


def _history(value: object, config: PlanSettings) -> list[WeekReport]:
    reports = []
    keys = ("week", "home_sessions_logged", "max_pain", "bleeds")
    for index, entry in enumerate(_list(value, "history", lambda v, p: v)):
        path = f"history[{index}]"
        week = _object(entry, path, keys, keys)
        number = check_int(week["week"], f"{path}.week", 1, 52)
        if number != index + 1:
            raise PlanInputError(f"{path}.week", f"{number} is out of order; expected {index + 1}")
        pain = check_int(week["max_pain"], f"{path}.max_pain", 0, 10)
        reports.append(
            WeekReport(
                pain_reported=pain >= config.pain_step_back,
                bleed_reported=check_int(week["bleeds"], f"{path}.bleeds", 0, 99) > 0,
                sessions_done=check_int(
                    week["home_sessions_logged"],
                    f"{path}.home_sessions_logged",
                    0,
                    MAX_SESSIONS_A_WEEK,
                ),
                sessions_planned=config.home_sessions_per_week,
            )
        )
    return reports


CURRENT_WEEK_DAYS = 7
"""Without `current_week`, a bleed this many days before as_of or less is this week's."""


def _current_week(
    child: Mapping[str, Any],
    bleeds: tuple[BleedEvent, ...],
    history: list[WeekReport],
    as_of: datetime,
    config: PlanSettings,
) -> WeekReport | None:
    if "current_week" in child:
        keys = ("max_pain", "bleeds")
        week = _object(child["current_week"], "current_week", keys, ())
        pain = check_int(week.get("max_pain", 0), "current_week.max_pain", 0, 10)
        count = check_int(week.get("bleeds", 0), "current_week.bleeds", 0, 99)
        return WeekReport(pain >= config.pain_step_back, count > 0, 0, 0)
    counted = bool(history) and history[-1].bleed_reported
    recent = any(
        timedelta(0) <= as_of - b.onset <= timedelta(days=CURRENT_WEEK_DAYS)
        for b in bleeds
        if b.site_kind is not SiteKind.OTHER
    )
    return WeekReport(False, True, 0, 0) if recent and not counted else None


def _object(
    value: object, path: str, allowed: tuple[str, ...], required: tuple[str, ...]
) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise PlanInputError(path, f"{show(value)} is not an object")
    for key in value:
        if key not in allowed:
            place = f"{path}.{key}" if path else str(key)
            raise PlanInputError(place, f"unknown key; allowed: {', '.join(allowed)}")
    for key in required:
        if key not in value:
            place = f"{path}.{key}" if path else key
            raise PlanInputError(place, "missing (required)")
    return value


def _mapping(value: object, path: str) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        raise PlanInputError(path, f"{show(value)} is not an object")
    return dict(value)


def _list(value: object, path: str, parse: Callable[[object, str], Any]) -> list[Any]:
    if not isinstance(value, list):
        raise PlanInputError(path, f"{show(value)} is not a list")
    return [parse(item, f"{path}[{index}]") for index, item in enumerate(value)]


def _datetime(value: object, path: str) -> datetime:
    if not isinstance(value, str):
        raise PlanInputError(path, f"{show(value)} is not an ISO date and time")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise PlanInputError(path, f"{show(value)} is not an ISO date and time") from None
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise PlanInputError(path, f"{show(value)} has no time zone (add +08:00 or Z)")
    return moment


def _prefixed(prefix: str, action: Callable[[], object]) -> None:
    try:
        action()
    except ClinicalInputError as exc:
        raise exc.with_prefix(prefix) from None
