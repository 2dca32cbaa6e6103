"""Children over the API: the list the caller may see and one child, identifiers and dates
as the policy allows."""

import datetime

from django.http import Http404
from ninja import Query, Router, Schema
from pydantic import Field

from hemorehab import policy
from hemorehab.patients.models import Patient
from hemorehab.policy.privacy import PatientView
from hemorehab.ui.api import answers

router = Router(tags=["patients"])


class ContactOut(Schema):
    name: str
    relationship: str
    phone: str
    email: str


class IdentityOut(Schema):
    family_name: str
    given_name: str
    hospital_number: str
    date_of_birth: datetime.date
    contacts: list[ContactOut]


class PatientOut(Schema):
    id: int
    study_id: str
    center: str
    sex: str
    hemophilia_type: str
    baseline_factor_activity_iu_dl: float
    severity: str
    prior_regimen: str
    age_months: int | None
    enrolled_on: datetime.date | None
    identity: IdentityOut | None = Field(
        description="Direct identifiers; null for callers who may not see them (researchers)."
    )


class PatientPage(Schema):
    count: int
    limit: int
    offset: int
    results: list[PatientOut]


class PageParams(Schema):
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0, le=1_000_000_000)
    study_id: str | None = Field(None, max_length=20)


def _months_between(born, day) -> int:
    return (day.year - born.year) * 12 + day.month - born.month - (day.day < born.day)


def patient_out(patient: Patient, view: PatientView) -> dict:
    """A child as this caller may see them: identifiers only with real dates (the care team and
    the family), the child's shifted dates otherwise (policy.privacy)."""
    identified = not view.shifted
    identity = getattr(patient, "identity", None)
    enrollment = getattr(patient, "enrollment", None)
    today = patient.center.today()
    return {
        "id": patient.pk,
        "study_id": patient.study_id,
        "center": patient.center.code,
        "sex": patient.sex,
        "hemophilia_type": patient.hemophilia_type,
        "baseline_factor_activity_iu_dl": float(patient.baseline_factor_activity),
        "severity": patient.severity,
        "prior_regimen": patient.prior_regimen,
        "age_months": _months_between(identity.date_of_birth, today) if identity else None,
        "enrolled_on": view.date(enrollment.start_date) if enrollment else None,
        "identity": {
            "family_name": identity.family_name,
            "given_name": identity.given_name,
            "hospital_number": identity.hospital_number,
            "date_of_birth": identity.date_of_birth,
            "contacts": list(patient.contacts.values("name", "relationship", "phone", "email")),
        }
        if identified and identity
        else None,
    }


def _queryset(user):
    return policy.visible_patients(user).select_related("center", "identity", "enrollment")


@router.get(
    "/patients", response=answers({200: PatientPage}), summary="Children the caller may see"
)
def list_patients(request, params: Query[PageParams]):
    patients = _queryset(request.auth).order_by("study_id")
    if params.study_id:
        patients = patients.filter(study_id__icontains=params.study_id)
    page = list(patients[params.offset : params.offset + params.limit])
    return {
        "count": patients.count(),
        "limit": params.limit,
        "offset": params.offset,
        "results": [patient_out(p, policy.view_for(request.auth, p)) for p in page],
    }


@router.get(
    "/patients/{patient_id}",
    response=answers({200: PatientOut}),
    summary="One child (404 when the caller may not see them)",
)
def read_patient(request, patient_id: int):
    patient = policy.get_patient(request.auth, patient_id, "patient.view")
    patient = _queryset(request.auth).filter(pk=patient.pk).first()
    if patient is None:
        raise Http404
    return patient_out(patient, policy.view_for(request.auth, patient))
