"""Assessments and bleeds over the API, checked by the same clinical core as the web forms."""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from ninja import Router
from ninja.responses import Status
from pydantic import AwareDatetime, Field, StrictInt

from hemorehab import policy
from hemorehab.assessments import limits, scoring
from hemorehab.assessments.models import (
    Bleed,
    ChoKlatAssessment,
    HjhsAssessment,
    Timepoint,
    UltrasoundExam,
)
from hemorehab.assessments.signals import bleed_saved
from hemorehab.audit.trail import ConflictError
from hemorehab.clinical.errors import ClinicalInputError
from hemorehab.patients import validators
from hemorehab.patients.models import Patient
from hemorehab.policy import privacy
from hemorehab.policy.privacy import PatientView
from hemorehab.ui.api import StrictIn, answers, nul_place, problem
from hemorehab.ui.saving import duplicate_message

router = Router(tags=["assessments"])

TimepointName = Literal["baseline", "week_12", "follow_up", "other"]


class AssessmentIn(StrictIn):
    assessed_on: datetime.date
    timepoint: TimepointName
    notes: str = Field("", max_length=5000)


class HjhsIn(AssessmentIn):
    answers: dict[str, Any] = Field(
        description="{'joints': {...six joints...}, 'gait': 0-4|'NE'}",
        json_schema_extra=limits.hjhs_answers(),
    )
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
    responses: dict[str, StrictInt | None] = Field(json_schema_extra=limits.cho_klat_responses())


class BleedIn(StrictIn):
    onset: AwareDatetime
    site_kind: Literal["joint", "muscle", "other"]
    site: str = Field(min_length=1, max_length=40)
    cause: Literal["spontaneous", "traumatic"]
    treatment: str = Field("", max_length=200)
    treatment_end: AwareDatetime | None = None
    notes: str = Field("", max_length=5000)


# Every answer a create can give, documented in the OpenAPI schema.
WRITE_RESPONSES = answers({201: dict}, 409)


def _date_problem(patient, value, field: str) -> Status | None:
    """The forms' date rule (patients.validators), for a date or an aware date-time."""
    identity = getattr(patient, "identity", None)
    found = validators.day_problem(
        validators.center_day(value, patient.center.time_zone),
        patient.center.today(),
        identity.date_of_birth if identity is not None else None,
    )
    return problem(field, found) if found else None


def _save(request, patient_id: int, action: str, build, score, day, day_field, payload):
    patient = policy.get_patient(request.auth, patient_id, action)
    nul = nul_place(payload.dict())
    if nul is not None:
        return problem(nul, "contains a NUL character, which is not allowed")
    dates = {day_field: day}
    if getattr(payload, "treatment_end", None) is not None:
        dates["treatment_end"] = payload.treatment_end
    for field, value in dates.items():
        refused = _date_problem(patient, value, field)
        if refused:
            return refused
    record = build(patient)
    try:
        score(record)
    except ClinicalInputError as exc:
        return problem(exc.path, exc.message)
    try:
        with transaction.atomic():
            Patient.objects.lock(patient)  # writes about one child, one after the other
            record.save()
            if isinstance(record, Bleed):
                bleed_saved(record, None)
    except IntegrityError:
        record.pk = None
        record._state.adding = True
        return problem("", duplicate_message(record), 409)
    except ConflictError:
        message = "someone else changed this child's records at the same moment; send it again"
        return problem("", message, 409)
    view = policy.view_for(request.auth, patient)
    return Status(201, record_out(record, view, policy.family_accounts(patient)))


HIDDEN_FIELDS = ("patient_id", "assessor_id", "reported_by_id", "created_at", "updated_at")


def record_out(record, view: PatientView, family: frozenset[int] = frozenset()) -> dict:
    """A record as the caller may see it: free text by the policy, dates shifted for those who
    get shifted dates. A questionnaire's notes are the family's own when a family member of the
    child (`family`: their account ids) entered it, the team's otherwise."""
    texts = privacy.record_texts(record, family)
    data = {}
    for field in record._meta.concrete_fields:
        name = field.attname
        if name in HIDDEN_FIELDS or (name in texts and not view.text(texts[name])):
            continue
        value = getattr(record, name)
        if name == "score" and value is not None:
            value = str(value)
        data[name] = view.date(value)
    return data


def _meta(payload: AssessmentIn, patient, user) -> dict:
    return {
        "patient": patient,
        "assessor": user,
        "assessed_on": payload.assessed_on,
        "timepoint": Timepoint(payload.timepoint),
        "notes": payload.notes,
    }


@router.post(
    "/patients/{patient_id}/hjhs",
    response=WRITE_RESPONSES,
    summary="Record an HJHS 2.1",
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
    response=WRITE_RESPONSES,
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
    response=WRITE_RESPONSES,
    summary="Record a CHO-KLAT",
)
def create_cho_klat(request, patient_id: int, payload: ChoKlatIn):
    patient = policy.get_patient(request.auth, patient_id, "assessment.cho_klat")
    if payload.form not in policy.cho_klat_forms(request.auth, patient):
        raise PermissionDenied  # the guardian files the parent form, the adolescent the child's
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
    "/patients/{patient_id}/bleeds",
    response=WRITE_RESPONSES,
    summary="Report a bleed",
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
    response=answers({200: list[dict]}),
    summary="A child's assessments of one kind",
)
def list_assessments(request, patient_id: int, kind: Literal["hjhs", "ultrasound", "cho-klat"]):
    patient = policy.get_patient(request.auth, patient_id, "patient.view")
    view = policy.view_for(request.auth, patient)
    records = KINDS[kind].objects.for_patient(patient).chronological()
    family = policy.family_accounts(patient)
    return [record_out(r, view, family) for r in records]


@router.get(
    "/patients/{patient_id}/bleeds", response=answers({200: list[dict]}), summary="A child's bleeds"
)
def list_bleeds(request, patient_id: int):
    patient = policy.get_patient(request.auth, patient_id, "patient.view")
    view = policy.view_for(request.auth, patient)
    return [record_out(b, view) for b in Bleed.objects.for_patient(patient).order_by("onset")]
