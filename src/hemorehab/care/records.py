"""What is added to a child's prophylaxis: infusions (families too) and individual PK
estimates (the hematologist)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from hemorehab.care import forms
from hemorehab.care.models import Infusion, PkEstimate
from hemorehab.patients.records import RecordKind

BACK = "care:prophylaxis"
KINDS = {
    "infusion": RecordKind(
        forms.InfusionForm,
        Infusion,
        "infusion.record",
        _("Infusion"),
        BACK,
        message=_("Infusion recorded."),
    ),
    "pk": RecordKind.of(
        PkEstimate,
        ["estimated_on", "half_life_h", "recovery", "source", "notes"],
        "estimated_on",
        "prophylaxis.prescribe",
        _("Individual PK estimate"),
        BACK,
        author=None,
        message=None,
    ),
}
