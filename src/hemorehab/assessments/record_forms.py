"""The forms of a physical measure and a bleed: each site is picked from the one list of sites
(clinical.sites), never typed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from hemorehab.assessments.models import (
    DIRECTED_KINDS,
    MEASURE_RANGES,
    SITED_KINDS,
    Bleed,
    Direction,
    PhysicalMeasure,
)
from hemorehab.clinical.errors import ClinicalInputError
from hemorehab.patients.choices import Joint, MuscleSite
from hemorehab.patients.forms import CenterDatedForm
from hemorehab.ui.forms import DATE

SITE_GROUPS = [
    (_("Joints"), Joint.choices),
    (_("Muscles"), MuscleSite.choices),
]
"""Every joint and muscle of clinical.sites, grouped for a picker (no typed codes)."""


class PhysicalMeasureForm(CenterDatedForm):
    """A measure at a site picked from the one list of sites; goniometry and the manual muscle
    test name their direction; goniometry records the end-feel the plan engine reads."""

    date_fields = ("measured_on",)
    site = forms.ChoiceField(
        label=_("joint, muscle or side"),
        required=False,
        choices=[
            ("", "—"),
            *SITE_GROUPS,
            (_("Sides"), [("left", _("Left side")), ("right", _("Right side"))]),
        ],
    )
    detail = forms.ChoiceField(
        label=_("direction of motion"),
        required=False,
        choices=[("", "—"), *Direction.choices],
    )

    class Meta:
        model = PhysicalMeasure
        fields = ["measured_on", "kind", "site", "detail", "value", "end_feel"]
        widgets = {"measured_on": DATE}

    def clean(self):
        data = super().clean()
        kind, value = data.get("kind"), data.get("value")
        if kind and value is not None:
            low, high = MEASURE_RANGES[kind]
            if not low <= value <= high:
                self.add_error(
                    "value",
                    _("%(value)s is outside %(low)s-%(high)s for this measure.")
                    % {"value": value, "low": low, "high": high},
                )
        if kind:
            self._check_place(kind, data)
        return data

    def _check_place(self, kind: str, data: dict) -> None:
        site, detail = data.get("site", ""), data.get("detail", "")
        if kind in DIRECTED_KINDS and site not in Joint.values:
            self.add_error("site", _("Choose the joint this measure was taken at."))
        elif kind in SITED_KINDS and not site:
            self.add_error("site", _("Choose the joint or muscle this measure was taken at."))
        if kind == "single_leg_stance" and site not in ("left", "right"):
            self.add_error("site", _("Choose the side the child stood on."))
        if kind in DIRECTED_KINDS and not detail:
            self.add_error("detail", _("Choose the direction of motion (flexion or extension)."))
        if kind not in DIRECTED_KINDS and detail:
            self.add_error("detail", _("Only goniometry and the muscle test have a direction."))
        if data.get("end_feel") and kind != "goniometry":
            self.add_error("end_feel", _("The end-feel is recorded with goniometry only."))


class BleedForm(CenterDatedForm):
    """A joint or a muscle is picked from the list (never typed); another place is described."""

    date_fields = ("onset", "treatment_end")
    site = forms.ChoiceField(label=_("where"), required=False, choices=[("", "—"), *SITE_GROUPS])
    other_site = forms.CharField(
        label=_("another place (describe it)"), required=False, max_length=40
    )

    class Meta:
        model = Bleed
        fields = ["onset", "site_kind", "site", "cause", "treatment", "treatment_end", "notes"]
        widgets = {
            "onset": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "treatment_end": forms.DateTimeInput(attrs={"type": "datetime-local"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        order = ["onset", "site_kind", "site", "other_site"]
        self.order_fields(order + [f for f in self.fields if f not in order])
        if self.instance.pk and self.instance.site_kind == "other":
            self.initial["site"] = ""
            self.initial["other_site"] = self.instance.site

    def clean(self):
        data = super().clean()
        kind, site, other = data.get("site_kind"), data.get("site", ""), data.get("other_site", "")
        if kind == "other":
            if not other.strip():
                self.add_error("other_site", _("Describe where the bleed was."))
            data["site"] = other.strip()
        elif kind == "joint" and site not in Joint.values:
            self.add_error("site", _("Choose the joint from the list."))
        elif kind == "muscle" and site not in MuscleSite.values:
            self.add_error("site", _("Choose the muscle from the list."))
        if self.errors:
            return data
        for name in ("onset", "site_kind", "site", "cause", "treatment_end"):
            setattr(self.instance, name, data.get(name))
        try:
            self.instance.core()
        except ClinicalInputError as exc:
            self.add_error(exc.path if exc.path in self.fields else None, exc.message)
        return data
