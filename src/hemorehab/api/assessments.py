"""Assessments and bleeds over the API, checked by the same clinical core as the web forms."""

from __future__ import annotations

import datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

from django.db import transaction
from ninja import Router, Schema
from ninja.responses import Status
from pydantic import AwareDatetime, Field, StrictInt

from hemorehab import policy
from hemorehab.assessments import scoring
from hemorehab.assessments.models import (
    Bleed,
    ChoKlatAssessment,
    HjhsAssessment,
    Timepoint,
    UltrasoundExam,
)
from hemorehab.clinical.errors import ClinicalInputError
from hemorehab.rehab.bleed_response import respond_to_bleed

router = Router(tags=["assessments"])

TimepointName = Literal["baseline", "week_12", "follow_up", "other"]


class AssessmentIn(Schema):
    assessed_on: datetime.date
    timepoint: TimepointName
    notes: str = Field("", max_length=5000)


class HjhsIn(AssessmentIn):
    answers: dict[str, Any] = Field(description="{'joints': {...six joints...}, 'gait': 0-4|'NE'}")
    ne_reasons: dict[str, str] = Field(default_factory=dict)
    synovitis_activity: dict[str, Literal["active", "inactive"]] = Field(
        default_factory=dict, description="{joint: 'active'|'inactive'}: a clinician's judgement"
    )


class UltrasoundIn(AssessmentIn):
    scale: Literal["head-us", "head-us-c"] = "head-us-c"
    joints: dict[str, dict[str, StrictInt]] = Field(
        description="{joint: {item: level}}, examined only"
    )
    effusion: dict[str, Literal["none", "effusion", "hemarthrosis"]] = Field(
        default_factory=dict, description="{joint: 'none'|'effusion'|'hemarthrosis'}, examined only"
    )


class ChoKlatIn(AssessmentIn):
    form: Literal["child", "parent"]
    responses: dict[str, StrictInt | None]


class BleedIn(Schema):
    onset: AwareDatetime
    site_kind: Literal["joint", "muscle", "other"]
    site: str = Field(min_length=1, max_length=40)
    cause: Literal["spontaneous", "traumatic"]
    treatment: str = Field("", max_length=200)
    treatment_end: AwareDatetime | None = None
    notes: str = Field("", max_length=5000)


class Problem(Schema):
    detail: str
    errors: list[dict] = []


def _problem(field: str, message: str) -> Status:
    return Status(
        422, {"detail": f"{field}: {message}", "errors": [{"field": field, "message": message}]}
    )


def _not_in_future(patient, day: datetime.date, field: str) -> Status | None:
    """The same date rule as the forms: not after today in the child's center, not before birth."""
    if day > patient.center.today():
        return _problem(field, "the date cannot be in the future")
    identity = getattr(patient, "identity", None)
    if identity is not None and day < identity.date_of_birth:
        return _problem(field, "the date cannot be before the child's date of birth")
    return None


def _center_day(moment: datetime.datetime, patient) -> datetime.date | None:
    try:
        return moment.astimezone(ZoneInfo(patient.center.time_zone)).date()
    except OverflowError:
        return None


def _nul_place(value, place: str = "") -> str | None:
    """Where a NUL character hides in the body (databases refuse it), or None."""
    if isinstance(value, str):
        return place if "\x00" in value else None
    items = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list | tuple)
        else ()
    )
    for key, inner in items:
        found = _nul_place(inner, f"{place}.{key}" if place else str(key))
        if found is not None:
            return found
    return None


def _save(request, patient_id: int, action: str, build, score, day, day_field, payload):
    patient = policy.get_patient(request.auth, patient_id, action)
    nul = _nul_place(payload.dict())
    if nul is not None:
        return _problem(nul, "contains a NUL character, which is not allowed")
    if isinstance(day, datetime.datetime):
        day = _center_day(day, patient)
        if day is None:
            return _problem(day_field, "the date is out of range")
    problem = _not_in_future(patient, day, day_field)
    if problem:
        return problem
    record = build(patient)
    try:
        score(record)
    except ClinicalInputError as exc:
        return _problem(exc.path, exc.message)
    with transaction.atomic():
        record.save()
        if isinstance(record, Bleed):
            respond_to_bleed(record)
    return Status(201, record_out(record))


FREE_TEXT = ("notes", "ne_reasons", "treatment")


def record_out(record, free_text: bool = True) -> dict:
    data = {
        field.attname: getattr(record, field.attname)
        for field in record._meta.concrete_fields
        if field.attname
        not in ("patient_id", "assessor_id", "reported_by_id", "created_at", "updated_at")
    }
    return {
        key: (str(value) if key == "score" and value is not None else value)
        for key, value in data.items()
        if free_text or key not in FREE_TEXT
    }


def _meta(payload: AssessmentIn, patient, user) -> dict:
    return {
        "patient": patient,
        "assessor": user,
        "assessed_on": payload.assessed_on,
        "timepoint": Timepoint(payload.timepoint),
        "notes": payload.notes,
    }


@router.post(
    "/patients/{patient_id}/hjhs", response={201: dict, 422: Problem}, summary="Record an HJHS 2.1"
)
def create_hjhs(request, patient_id: int, payload: HjhsIn):
    return _save(
        request,
        patient_id,
        "assessment.hjhs",
        lambda p: HjhsAssessment(
            **_meta(payload, p, request.auth),
            answers=payload.answers,
            ne_reasons=payload.ne_reasons,
            synovitis_activity=payload.synovitis_activity,
        ),
        scoring.score_hjhs,
        payload.assessed_on,
        "assessed_on",
        payload,
    )


@router.post(
    "/patients/{patient_id}/ultrasound",
    response={201: dict, 422: Problem},
    summary="Record an ultrasound examination",
)
def create_ultrasound(request, patient_id: int, payload: UltrasoundIn):
    return _save(
        request,
        patient_id,
        "assessment.ultrasound",
        lambda p: UltrasoundExam(
            **_meta(payload, p, request.auth),
            scale=payload.scale,
            answers=payload.joints,
            effusion=payload.effusion,
        ),
        scoring.score_ultrasound,
        payload.assessed_on,
        "assessed_on",
        payload,
    )


@router.post(
    "/patients/{patient_id}/cho-klat",
    response={201: dict, 422: Problem},
    summary="Record a CHO-KLAT",
)
def create_cho_klat(request, patient_id: int, payload: ChoKlatIn):
    responses = {k: v for k, v in payload.responses.items() if v is not None}
    return _save(
        request,
        patient_id,
        "assessment.cho_klat",
        lambda p: ChoKlatAssessment(
            **_meta(payload, p, request.auth), form=payload.form, responses=responses
        ),
        scoring.score_cho_klat,
        payload.assessed_on,
        "assessed_on",
        payload,
    )


@router.post(
    "/patients/{patient_id}/bleeds", response={201: dict, 422: Problem}, summary="Report a bleed"
)
def create_bleed(request, patient_id: int, payload: BleedIn):
    return _save(
        request,
        patient_id,
        "bleed.record",
        lambda p: Bleed(patient=p, reported_by=request.auth, **payload.dict()),
        scoring.check_bleed,
        payload.onset,
        "onset",
        payload,
    )


KINDS = {"hjhs": HjhsAssessment, "ultrasound": UltrasoundExam, "cho-klat": ChoKlatAssessment}


@router.get(
    "/patients/{patient_id}/assessments/{kind}",
    response=list[dict],
    summary="A child's assessments of one kind",
)
def list_assessments(request, patient_id: int, kind: Literal["hjhs", "ultrasound", "cho-klat"]):
    patient = policy.get_patient(request.auth, patient_id)
    # Free text may name people: only those who may see identifiers receive it.
    free_text = policy.may_see_identifiers(request.auth, patient)
    records = KINDS[kind].objects.for_patient(patient).chronological()
    return [record_out(r, free_text) for r in records]


@router.get("/patients/{patient_id}/bleeds", response=list[dict], summary="A child's bleeds")
def list_bleeds(request, patient_id: int):
    patient = policy.get_patient(request.auth, patient_id)
    free_text = policy.may_see_identifiers(request.auth, patient)
    return [record_out(b, free_text) for b in Bleed.objects.for_patient(patient).order_by("onset")]
