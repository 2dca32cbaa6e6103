"""What is entered on a child's assessments page: the instruments, physical measures and
bleeds, each a kind of record of the generic view (patients.records)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from hemorehab import policy
from hemorehab.assessments import forms
from hemorehab.assessments.models import (
    Bleed,
    ChoKlatAssessment,
    HjhsAssessment,
    PhysicalMeasure,
    UltrasoundExam,
)
from hemorehab.assessments.signals import bleed_saved
from hemorehab.patients.records import RecordKind

BACK = "assessments:overview"
KINDS = {
    "hjhs": RecordKind(
        forms.HjhsForm,
        HjhsAssessment,
        "assessment.hjhs",
        _("HJHS 2.1"),
        BACK,
        template="assessments/hjhs_form.html",
        author="assessor",
    ),
    "ultrasound": RecordKind(
        forms.UltrasoundForm,
        UltrasoundExam,
        "assessment.ultrasound",
        _("HEAD-US-C ultrasound"),
        BACK,
        template="assessments/ultrasound_form.html",
        author="assessor",
    ),
    "cho-klat": RecordKind(
        forms.ChoKlatEntryForm,
        ChoKlatAssessment,
        "assessment.cho_klat",
        _("CHO-KLAT"),
        BACK,
        author="assessor",
        # A guardian files the parent form, the adolescent the child form (policy.records).
        form_kwargs=lambda user, patient: {"forms_allowed": policy.cho_klat_forms(user, patient)},
    ),
    "measure": RecordKind(
        forms.PhysicalMeasureForm,
        PhysicalMeasure,
        "assessment.measure",
        _("Physical measure"),
        BACK,
        author="assessor",
    ),
    "bleed": RecordKind(
        forms.BleedForm,
        Bleed,
        "bleed.record",
        _("Bleed"),
        BACK,
        author="reported_by",
        saved=bleed_saved,
    ),
}
