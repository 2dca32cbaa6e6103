"""Filling an assessment's computed fields from its answers, with the clinical core.

Shared by the web forms, the API and the tests: whatever the entry path, the answers are
checked and scored by the same calculators and the same messages name the bad place.
"""

from __future__ import annotations

from decimal import Decimal

from hemorehab.assessments.models import (
    Bleed,
    ChoKlatAssessment,
    Effusion,
    HjhsAssessment,
    SynovitisActivity,
    UltrasoundExam,
)
from hemorehab.clinical import bleeds as core_bleeds
from hemorehab.clinical import cho_klat, hjhs, ultrasound
from hemorehab.clinical.errors import ScoreInputError


def score_hjhs(record: HjhsAssessment) -> HjhsAssessment:
    result = hjhs.score_hjhs_record(record.answers)
    reasons = {place: str(text).strip() for place, text in (record.ne_reasons or {}).items()}
    extra = sorted(set(reasons) - set(result.not_evaluable))
    if extra:
        raise ScoreInputError(f"ne_reasons.{extra[0]}", "this item is not marked NE")
    missing_reasons = [place for place in result.not_evaluable if not reasons.get(place)]
    if missing_reasons:
        raise ScoreInputError(
            f"ne_reasons.{missing_reasons[0]}", "a reason is required for a not-evaluable item"
        )
    too_long = [place for place, text in reasons.items() if len(text) > 200]
    if too_long:
        raise ScoreInputError(f"ne_reasons.{too_long[0]}", "at most 200 characters")
    record.ne_reasons = reasons
    record.synovitis_activity = _judged(
        record.synovitis_activity, "synovitis_activity", hjhs.JOINTS, SynovitisActivity.values
    )
    record.instrument_version = f"HJHS {result.version}"
    record.total = result.total
    record.complete = result.complete
    record.joint_totals = dict(result.joints)
    record.gait = result.gait
    record.components = dict(result.components)
    record.not_evaluable = list(result.not_evaluable)
    return record


def score_ultrasound(record: UltrasoundExam) -> UltrasoundExam:
    definition = ultrasound.builtin_definition(record.scale)
    result = ultrasound.score_ultrasound_record(definition, {"joints": record.answers})
    record.effusion = _judged(record.effusion, "effusion", tuple(result.examined), Effusion.values)
    record.instrument_version = f"{result.name} {result.version}"
    record.total = result.total
    record.activity = result.domains.get("activity", 0)
    record.damage = result.domains.get("damage", 0)
    record.joint_totals = dict(result.joints)
    record.examined = list(result.examined)
    return record


def score_cho_klat(record: ChoKlatAssessment) -> ChoKlatAssessment:
    result = cho_klat.score_cho_klat(record.form, record.responses)
    if result.answered == 0:
        raise ScoreInputError("responses", "no item is answered")
    record.instrument_version = f"CHO-KLAT {result.version}"
    record.score = None if result.score is None else Decimal(str(result.score))
    record.answered = result.answered
    record.missing = result.missing
    return record


def core_bleed(bleed: Bleed) -> core_bleeds.Bleed:
    return core_bleeds.Bleed(
        onset=bleed.onset,
        site_kind=bleed.site_kind,
        site=bleed.site,
        cause=bleed.cause,
        treatment_end=bleed.treatment_end,
    )


def _judged(value: object, field: str, joints: tuple[str, ...], allowed: list[str]) -> dict:
    """A clinician's per-joint judgement ({joint: word}); a named error for a bad place."""
    if value in (None, ""):
        return {}
    if not isinstance(value, dict):
        raise ScoreInputError(field, "expected an object of joints")
    for joint, word in value.items():
        if joint not in joints:
            raise ScoreInputError(f"{field}.{joint}", f"not one of: {', '.join(joints)}")
        if word not in allowed:
            raise ScoreInputError(
                f"{field}.{joint}", f"{word!r} is not one of: {', '.join(allowed)}"
            )
    return dict(value)


def check_bleed(bleed: Bleed) -> None:
    """Raise a named error when the site is not one of the listed sites (clinical.bleeds checks
    joints and muscles against clinical.sites), or the times break the ISTH rules' input."""
    # A second report of the same bleed (site and onset) is refused by the database's
    # constraint `bleed_once`, also when both arrive at the same moment.
    core_bleed(bleed)
