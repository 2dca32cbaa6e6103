"""Forms of a child's file: the record, identifiers, contacts, weights, inhibitor tests, joints,
screening and enrollment, and the base of every form about a child (`CenterDatedForm`).
Clinical rules that forms and API share live in patients.validators."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django import forms
from django.utils.translation import gettext_lazy as _

from hemorehab.patients import validators
from hemorehab.patients.models import (
    Enrollment,
    GuardianContact,
    Patient,
    PatientIdentity,
    PatientJoint,
    Screening,
)
from hemorehab.ui.forms import DATE, TRISTATE, VersionedForm


class CenterDatedForm(VersionedForm):
    """A form whose dates (and date-times, taken in the center's time zone) must lie between
    the child's date of birth and 'today' in the child's center."""

    date_fields: tuple[str, ...] = ()

    def __init__(self, *args, center=None, patient=None, **kwargs):
        self.center = patient.center if patient is not None else center
        identity = getattr(patient, "identity", None) if patient is not None else None
        self.earliest = identity.date_of_birth if identity is not None else None
        super().__init__(*args, **kwargs)

    def local_date(self, value):
        return validators.center_day(value, self.center.time_zone if self.center else None)

    def clean(self):
        data = super().clean()
        today = self.center.today() if self.center else None
        for name in self.date_fields:
            if data.get(name) is None:
                continue
            problem = validators.day_problem(self.local_date(data[name]), today, self.earliest)
            if problem:
                self.add_error(name, problem)
        return data


class PatientForm(VersionedForm):
    class Meta:
        model = Patient
        fields = ["sex", "hemophilia_type", "baseline_factor_activity", "prior_regimen"]


class IdentityForm(CenterDatedForm):
    date_fields = ("date_of_birth",)

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        if born.year < datetime.date.today().year - 120:  # noqa: DTZ011 (a year bound)
            raise forms.ValidationError(_("This date of birth is not plausible."))
        return born

    class Meta:
        model = PatientIdentity
        fields = ["family_name", "given_name", "hospital_number", "date_of_birth"]
        widgets = {"date_of_birth": DATE}


class ContactForm(CenterDatedForm):
    class Meta:
        model = GuardianContact
        fields = ["name", "relationship", "phone", "email"]

    def clean(self):
        data = super().clean()
        if not data.get("phone") and not data.get("email"):
            raise forms.ValidationError(_("Give a phone number or an email address."))
        return data


def record_form(model, fields: Sequence[str], dated: str | None = None) -> type[CenterDatedForm]:
    """The form of a kind of record that needs no rule of its own: these fields of the model,
    its date (`dated`, if any) between the child's birth and today in the child's center."""
    widgets = {dated: DATE} if dated else {}
    meta = type("Meta", (), {"model": model, "fields": list(fields), "widgets": widgets})
    attributes = {"Meta": meta, "date_fields": (dated,) if dated else ()}
    return type(f"{model.__name__}Form", (CenterDatedForm,), attributes)


class JointForm(CenterDatedForm):
    class Meta:
        model = PatientJoint
        fields = ["joint", "is_target"]

    def clean_joint(self):
        joint = self.cleaned_data["joint"]
        taken = PatientJoint.objects.filter(patient_id=self.instance.patient_id, joint=joint)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("This joint is already recorded; edit it instead."))
        return joint


class ScreeningForm(CenterDatedForm):
    date_fields = ("screened_on", "last_bleed_on")
    tristate = (
        "hemophilia_confirmed",
        "inhibitor_negative",
        "prior_joint_bleed_confirmed",
        "joint_pain_or_restricted_motion",
        "able_to_follow_program",
        "active_bleeding_on_ultrasound",
        "significant_organ_disease",
        "other_serious_condition",
    )

    class Meta:
        model = Screening
        fields = [
            "screened_on",
            "hemophilia_confirmed",
            "inhibitor_negative",
            "prior_joint_bleed_confirmed",
            "confirming_imaging",
            "joint_pain_or_restricted_motion",
            "able_to_follow_program",
            "active_bleeding_on_ultrasound",
            "last_bleed_on",
            "significant_organ_disease",
            "other_serious_condition",
            "notes",
        ]
        widgets = {"screened_on": DATE, "last_bleed_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.tristate:
            self.fields[name] = forms.TypedChoiceField(
                label=self.fields[name].label,
                required=False,
                choices=TRISTATE,
                coerce=lambda value: value == "true",
                empty_value=None,
            )

    def clean(self):
        data = super().clean()
        validators.check_screening(data, self.add_error)
        return data


ENROLL_WITHIN_DAYS = 90  # a setting: a screening older than this is screened again


class EnrollmentForm(CenterDatedForm):
    class Meta:
        model = Enrollment
        fields = ["start_date"]
        widgets = {"start_date": DATE}

    def __init__(self, *args, screening=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.screening = screening

    def clean_start_date(self):
        day = self.cleaned_data["start_date"]
        screened = self.screening.screened_on if self.screening else None
        if screened and day < screened:
            raise forms.ValidationError(_("The program cannot start before the screening."))
        if screened and day > screened + datetime.timedelta(days=ENROLL_WITHIN_DAYS):
            raise forms.ValidationError(
                _(
                    "The program must start within %(days)s days of the screening (%(day)s); "
                    "screen the child again."
                )
                % {"days": ENROLL_WITHIN_DAYS, "day": screened}
            )
        return day
