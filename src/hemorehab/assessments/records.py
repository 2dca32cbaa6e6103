"""What is entered on a child's assessments page, each a kind of record of the generic view
(patients.records): every instrument of the registry, physical measures and bleeds."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from hemorehab.assessments import record_forms as forms
from hemorehab.assessments.instruments import INSTRUMENTS
from hemorehab.assessments.models import Bleed, PhysicalMeasure
from hemorehab.assessments.signals import bleed_saved, scan_saved
from hemorehab.patients.records import RecordKind

BACK = "assessments:overview"
SAVED = {"ultrasound": scan_saved}  # an instrument whose records a higher app answers
KINDS = {
    **{
        i.slug: RecordKind(
            i.form_class,
            i.model_class,
            i.action,
            i.label,
            BACK,
            template=i.entry_template,
            form_kwargs=i.form_kwargs,
            saved=SAVED.get(i.slug),
        )
        for i in INSTRUMENTS
    },
    "measure": RecordKind(
        forms.PhysicalMeasureForm,
        PhysicalMeasure,
        "assessment.examination",
        _("Physical measure"),
        BACK,
    ),
    "bleed": RecordKind(
        forms.BleedForm,
        Bleed,
        "bleed.record",
        _("Bleed"),
        BACK,
        saved=bleed_saved,
    ),
}
