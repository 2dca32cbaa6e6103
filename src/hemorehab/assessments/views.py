"""Entering and reviewing assessments and bleeds for one child."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from hemorehab import policy
from hemorehab.assessments import forms, history
from hemorehab.assessments.models import (
    Bleed,
    ChoKlatAssessment,
    HjhsAssessment,
    PhysicalMeasure,
    UltrasoundExam,
)
from hemorehab.audit.models import AuditEvent
from hemorehab.patients.models import Patient
from hemorehab.policy.middleware import logged_in
from hemorehab.rehab.bleed_response import respond_to_bleed, respond_to_scan
from hemorehab.web.views.common import save_forms

# kind -> (form, model, action, title, template)
KINDS = {
    "hjhs": (forms.HjhsForm, HjhsAssessment, "assessment.hjhs", _("HJHS 2.1"), "hjhs_form"),
    "ultrasound": (
        forms.UltrasoundForm,
        UltrasoundExam,
        "assessment.ultrasound",
        _("HEAD-US-C ultrasound"),
        "ultrasound_form",
    ),
    "cho-klat": (
        forms.ChoKlatEntryForm,
        ChoKlatAssessment,
        "assessment.cho_klat",
        _("CHO-KLAT"),
        "record_form",
    ),
    "measure": (
        forms.PhysicalMeasureForm,
        PhysicalMeasure,
        "assessment.measure",
        _("Physical measure"),
        "record_form",
    ),
    "bleed": (forms.BleedForm, Bleed, "bleed.record", _("Bleed"), "record_form"),
}


def _who_field(model) -> str:
    return "reported_by" if model is Bleed else "assessor"


@logged_in
def entry(request, patient_id, kind, record_id=None):
    if kind not in KINDS:
        raise Http404
    form_class, model, action, title, template = KINDS[kind]
    patient = policy.get_patient(request.user, patient_id, action)
    instance = get_object_or_404(model, pk=record_id, patient=patient) if record_id else None
    if instance is not None and not policy.may_change_record(
        request.user, action, patient, instance
    ):
        raise PermissionDenied  # families correct only their own entries, for a while
    extra = (
        {"forms_allowed": policy.cho_klat_forms(request.user, patient)}
        if kind == "cho-klat"
        else {}
    )
    form = form_class(request.POST or None, instance=instance, patient=patient, **extra)
    if request.method == "POST":
        form.instance.patient = patient
        if instance is None:
            setattr(form.instance, _who_field(model), request.user)
        site_before = (instance.site_kind, instance.site) if model is Bleed and instance else None
        with transaction.atomic():
            Patient.objects.lock(patient)  # writes about one child, one after the other
            saved = save_forms(request, form)
            # A new bleed, or one corrected to another site, restricts that joint and tells the
            # team, in the same transaction as the bleed itself.
            if (
                saved
                and model is Bleed
                and site_before != (form.instance.site_kind, form.instance.site)
            ):
                respond_to_bleed(form.instance)
            if saved and model is UltrasoundExam:
                respond_to_scan(form.instance)  # blood in a joint is a bleed (s6a)
        if saved:
            messages.success(request, _("Saved."))
            return redirect("assessments", patient.pk)
    return render(
        request,
        f"assessments/{template}.html" if template != "record_form" else "web/record_form.html",
        {"form": form, "patient": patient, "title": title, "record": instance},
    )


@logged_in
def overview(request, patient_id):
    """Every instrument's history over time (chart and table), per-joint view, bleeds."""
    patient = policy.get_patient(request.user, patient_id)
    context = history.patient_history(patient)
    can = policy.capabilities(request.user, patient)
    context["can"] = {
        kind: can[action.replace(".", "_")] for kind, (_f, _m, action, _t, _p) in KINDS.items()
    }
    context["patient"] = patient
    context["view"] = policy.view_for(request.user, patient)
    return render(request, "assessments/overview.html", context)


@logged_in
def record_history(request, patient_id, kind, record_id):
    """The change history of one assessment: every version of every item."""
    if kind not in KINDS:
        raise Http404
    _form, model, _action, title, _template = KINDS[kind]
    patient = policy.get_patient(request.user, patient_id, "audit.view")
    record = get_object_or_404(model, pk=record_id, patient=patient)
    events = AuditEvent.objects.for_object(record).order_by("at", "id")
    rows = [(event, changes(event.before or {}, event.after or {})) for event in events]
    return render(
        request,
        "assessments/record_history.html",
        {"patient": patient, "record": record, "rows": rows, "title": title},
    )


HIDDEN = {"updated_at", "version", "created_at"}


def flatten(value, prefix=""):
    """Nested JSON to dotted keys: {"a": {"b": 2}} -> {"a.b": 2}."""
    if not isinstance(value, dict):
        return {prefix: value}
    flat = {}
    for key, inner in value.items():
        flat.update(flatten(inner, f"{prefix}.{key}" if prefix else str(key)))
    return flat


def changes(before: dict, after: dict) -> list[tuple[str, object, object]]:
    """Every leaf value that differs, item by item (so one corrected HJHS item shows as one row)."""
    old, new = flatten(before), flatten(after)
    return [
        (key, old.get(key), new.get(key))
        for key in sorted(set(old) | set(new))
        if old.get(key) != new.get(key) and key.split(".")[0] not in HIDDEN
    ]
