"""The forms of a center's administration: a new account, the center's settings."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from hemorehab.accounts.center_settings import ADJUSTABLE, HELP, PLAN, SAFETY, SettingsError, check
from hemorehab.accounts.models import User
from hemorehab.accounts.roles import CENTER_ROLES, Role
from hemorehab.clinical import plan as engine
from hemorehab.patients.models import Patient


class UserCreateForm(forms.ModelForm):
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=[(r.value, r.label) for r in Role if r in CENTER_ROLES],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    guardian_of = forms.CharField(
        label=_("Guardian of (study IDs)"),
        required=False,
        help_text=_("For a parent's account: the study IDs of their children, comma separated."),
    )
    patient_study_id = forms.CharField(
        label=_("The adolescent's own account (study ID)"), required=False, max_length=20
    )

    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email", "language"]

    def __init__(self, *args, center=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.center = center

    def clean_username(self):
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This username is taken (letter case aside)."))
        return username

    def _children(self, text: str) -> list[Patient]:
        ids = [part.strip() for part in text.replace("，", ",").split(",") if part.strip()]
        found = {
            p.study_id: p for p in Patient.objects.filter(center=self.center, study_id__in=ids)
        }
        unknown = [i for i in ids if i not in found]
        if unknown:
            raise forms.ValidationError(
                _("%(id)s is not a study ID of this center.") % {"id": unknown[0]}
            )
        return [found[i] for i in ids]

    def clean_guardian_of(self):
        return self._children(self.cleaned_data["guardian_of"])

    def clean_patient_study_id(self):
        children = self._children(self.cleaned_data["patient_study_id"])
        if children and children[0].account_id:
            raise forms.ValidationError(_("This child already has an account."))
        return children[0] if children else None

    def clean(self):
        data = super().clean()
        if not (data.get("roles") or data.get("guardian_of") or data.get("patient_study_id")):
            raise forms.ValidationError(
                _("Give the account a role, a child to be guardian of, or the child's own record.")
            )
        return data


class CenterSettingsForm(forms.Form):
    session_level_threshold = forms.DecimalField(
        label=_("Lowest estimated factor level for a session (IU/dL)"),
        min_value=0,
        max_value=100,
        decimal_places=1,
        help_text=_("A center setting, not a guideline value."),
    )

    def __init__(self, *args, center, **kwargs):
        super().__init__(*args, **kwargs)
        defaults = {key: getattr(engine.PlanSettings(), key) for key in PLAN}
        defaults |= {key: getattr(engine.SafetySettings(), key) for key in SAFETY}
        current = {**defaults, **(center.plan_settings or {})}
        self.initial["session_level_threshold"] = center.session_level_threshold
        for key, (kind, low, high, label) in ADJUSTABLE.items():
            field = forms.FloatField if kind is float else forms.IntegerField
            self.fields[key] = field(
                label=label, min_value=low, max_value=high, help_text=HELP.get(key, "")
            )
            self.initial[key] = current[key]

    def clean(self):
        data = super().clean()
        if not self.errors:
            try:
                check({k: data[k] for k in ADJUSTABLE})
            except SettingsError as exc:
                self.add_error(None, str(exc))
        return data
