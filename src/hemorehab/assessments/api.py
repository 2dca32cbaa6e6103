"""Assessments and bleeds over the API, checked by the same clinical core as the web forms: one
create operation per instrument of the registry (assessments.instruments), the bleeds, and a
child's assessments of one kind."""

from typing import Literal

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from ninja import Router
from ninja.responses import Status

from hemorehab import policy
from hemorehab.assessments.inputs import BleedIn
from hemorehab.assessments.instruments import BY_SLUG, INSTRUMENTS, Instrument
from hemorehab.assessments.models import Bleed, UltrasoundExam
from hemorehab.assessments.signals import bleed_saved, scan_saved
from hemorehab.audit.trail import ConflictError
from hemorehab.clinical.errors import ClinicalInputError
from hemorehab.patients import validators
from hemorehab.patients.models import Patient
from hemorehab.policy import privacy
from hemorehab.policy.privacy import PatientView
from hemorehab.ui.api import answers, nul_place, problem
from hemorehab.ui.saving import duplicate_message

router = Router(tags=["assessments"])


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


def _save(request, patient, build, check, dates: dict, payload):
    """Check the body (no NUL, the date rule, the calculator), then store it once: a natural
    duplicate or a concurrent change is a 409, never a second record."""
    nul = nul_place(payload.dict())
    if nul is not None:
        return problem(nul, "contains a NUL character, which is not allowed")
    for field, value in dates.items():
        refused = _date_problem(patient, value, field)
        if refused:
            return refused
    record = build(patient)
    try:
        check(record)
    except ClinicalInputError as exc:
        return problem(exc.path, exc.message)
    try:
        with transaction.atomic():
            Patient.objects.lock(patient)  # writes about one child, one after the other
            record.save()
            if isinstance(record, Bleed):
                bleed_saved(record, None)
            elif isinstance(record, UltrasoundExam):
                scan_saved(record, None)
    except IntegrityError:
        record.pk = None
        record._state.adding = True
        return problem("", duplicate_message(record), 409)
    except ConflictError:
        message = "someone else changed this child's records at the same moment; send it again"
        return problem("", message, 409)
    view = policy.view_for(request.auth, patient)
    return Status(201, record_out(record, view, policy.family_accounts(patient)))


HIDDEN_FIELDS = ("patient_id", "recorded_by_id", "created_at", "updated_at")


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


def _create_endpoint(instrument: Instrument):
    """`POST /patients/{id}/<slug>`: record one assessment of this instrument."""
    model = instrument.model_class

    def create(request, patient_id: int, payload):
        patient = policy.get_patient(request.auth, patient_id, instrument.action)
        if not instrument.api_allows(request.auth, patient, payload):
            raise PermissionDenied  # e.g. the guardian files the parent CHO-KLAT, the child theirs
        return _save(
            request,
            patient,
            lambda p: model(patient=p, recorded_by=request.auth, **payload.dict()),
            lambda record: record.calculate(),
            {"assessed_on": payload.assessed_on},
            payload,
        )

    create.__name__ = f"create_{instrument.slug.replace('-', '_')}"
    create.__annotations__ = {"patient_id": int, "payload": instrument.api_input_class}
    return create


for _instrument in INSTRUMENTS:
    router.post(
        f"/patients/{{patient_id}}/{_instrument.slug}",
        response=WRITE_RESPONSES,
        summary=_instrument.api_summary,
    )(_create_endpoint(_instrument))


@router.post(
    "/patients/{patient_id}/bleeds",
    response=WRITE_RESPONSES,
    summary="Report a bleed",
)
def create_bleed(request, patient_id: int, payload: BleedIn):
    patient = policy.get_patient(request.auth, patient_id, "bleed.record")
    dates = {"onset": payload.onset}
    if payload.treatment_end is not None:
        dates["treatment_end"] = payload.treatment_end
    return _save(
        request,
        patient,
        lambda p: Bleed(patient=p, recorded_by=request.auth, **payload.dict()),
        lambda bleed: bleed.core(),
        dates,
        payload,
    )


SLUGS = tuple(i.slug for i in INSTRUMENTS)


@router.get(
    "/patients/{patient_id}/assessments/{kind}",
    response=answers({200: list[dict]}),
    summary="A child's assessments of one kind",
)
def list_assessments(request, patient_id: int, kind: Literal[SLUGS]):  # type: ignore[valid-type]
    patient = policy.get_patient(request.auth, patient_id, "patient.view")
    view = policy.view_for(request.auth, patient)
    records = BY_SLUG[kind].model_class.objects.for_patient(patient).chronological()
    family = policy.family_accounts(patient)
    return [record_out(r, view, family) for r in records]


@router.get(
    "/patients/{patient_id}/bleeds", response=answers({200: list[dict]}), summary="A child's bleeds"
)
def list_bleeds(request, patient_id: int):
    patient = policy.get_patient(request.auth, patient_id, "patient.view")
    view = policy.view_for(request.auth, patient)
    return [record_out(b, view) for b in Bleed.objects.for_patient(patient).order_by("onset")]
