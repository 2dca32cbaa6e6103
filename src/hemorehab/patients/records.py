"""Adding a record to a child's file, or correcting one: one view for every kind of record.

Each app declares its kinds (`RecordKind`: the form, the model, the policy action, where a
saved record leads) and wires `record_view(KINDS)` in its urls. The view asks the policy
(`policy.get_patient`: 404 outside your centers or family, 403 for an action your role does
not allow; `policy.may_change_record`: families correct only their own entries, for a while),
saves the form with the child's row locked (writes about one child, one after the other) and
runs the kind's `saved` step in the same transaction.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hemorehab import policy
from hemorehab.patients import forms
from hemorehab.patients.models import (
    GuardianContact,
    InhibitorTest,
    Patient,
    PatientJoint,
    Screening,
    WeightMeasurement,
)
from hemorehab.policy.middleware import logged_in
from hemorehab.ui.saving import save_forms

SAVED = _("Saved.")
FORM_PAGE = "ui/record_form.html"


@dataclass(frozen=True)
class RecordKind:
    """One kind of record a person adds to a child's file."""

    form: type
    model: type
    action: str  # the policy action that allows it
    title: Any  # the page title, translated lazily
    back: str  # the URL name (taking the child's id) that Cancel and a saved record lead to
    template: str = FORM_PAGE
    author: str | None = "recorded_by"  # set to the person on a new record
    form_kwargs: Callable[[Any, Patient], dict] = field(default=lambda user, patient: {})
    saved: Callable[[Any, Any], None] | None = None  # (record, the record before) after saving
    done: Callable[[Patient, Any], str] | None = None  # where a saved record leads, if not back
    message: Any = SAVED
    available: Callable[[Patient], bool] = field(default=lambda patient: True)  # else 404

    @classmethod
    def of(cls, model, fields, dated, action, title, back, **options) -> RecordKind:
        """A kind whose form is these fields of the model and nothing more (forms.record_form),
        `dated` its date field."""
        return cls(forms.record_form(model, fields, dated), model, action, title, back, **options)


def record_view(kinds: Mapping[str, RecordKind]):
    """The view adding (or, with `record_id`, correcting) a record of one of these kinds."""

    @logged_in
    def view(request, patient_id, kind, record_id=None):
        spec = kinds.get(kind)
        if spec is None:
            raise Http404
        patient = policy.get_patient(request.user, patient_id, spec.action)
        if not spec.available(patient):
            raise Http404
        record = get_object_or_404(spec.model, pk=record_id, patient=patient) if record_id else None
        if record is not None and not policy.may_change_record(
            request.user, spec.action, patient, record
        ):
            raise PermissionDenied  # families correct only their own entries, for a while
        before = copy.copy(record)
        form = spec.form(
            request.POST or None,
            instance=record,
            patient=patient,
            **spec.form_kwargs(request.user, patient),
        )
        if request.method == "POST" and save(request, spec, form, patient, before):
            if spec.message:
                messages.success(request, spec.message)
            if spec.done is not None:
                return redirect(spec.done(patient, form.instance))
            return redirect(spec.back, patient.pk)
        return form_page(request, patient, form, spec.title, spec.back, spec.template, record)

    return view


def form_page(request, patient, form, title, back: str, template=FORM_PAGE, record=None):
    """The page of a form about a child: its title, the form, Cancel leading `back`."""
    context = {
        "form": form,
        "patient": patient,
        "title": title,
        "record": record,
        "cancel_url": reverse(back, args=[patient.pk]),
    }
    return render(request, template, context)


def save(request, spec: RecordKind, form, patient, before) -> bool:
    """Save the record and run the kind's `saved` step, all in one transaction."""
    form.instance.patient = patient
    if before is None and spec.author:
        setattr(form.instance, spec.author, request.user)
    with transaction.atomic():
        Patient.objects.lock(patient)  # writes about one child, one after the other
        saved = save_forms(request, form)
        if saved and spec.saved is not None:
            spec.saved(form.instance, before)
    return saved


def _screening_done(patient, screening) -> str:
    return reverse("patients:screening", args=[patient.pk, screening.pk])


BACK = "patients:detail"
KINDS = {
    "weight": RecordKind.of(
        WeightMeasurement,
        ["measured_on", "weight_kg"],
        "measured_on",
        "patient.weight",
        _("Weight"),
        BACK,
        author=None,
    ),
    "inhibitor": RecordKind.of(
        InhibitorTest,
        ["tested_on", "bethesda_units"],
        "tested_on",
        "patient.inhibitor",
        _("Inhibitor test"),
        BACK,
        author=None,
    ),
    "joint": RecordKind(
        forms.JointForm, PatientJoint, "patient.joints", _("Affected joint"), BACK, author=None
    ),
    "contact": RecordKind(
        forms.ContactForm, GuardianContact, "patient.edit", _("Guardian contact"), BACK, author=None
    ),
}
"""The small records of a child's own file."""

SCREENING = RecordKind(
    forms.ScreeningForm,
    Screening,
    "screening.record",
    _("Screening"),
    BACK,
    done=_screening_done,
    message=None,
    # The age criterion needs the date of birth, kept with the identifiers.
    available=lambda patient: hasattr(patient, "identity"),
)
