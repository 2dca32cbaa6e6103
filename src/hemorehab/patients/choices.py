from django.db import models
from django.utils import translation
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from hemorehab.clinical import sites


def _label(code: str) -> str:
    return sites.label(code, translation.get_language() or "en")


site_label = lazy(_label, str)
"""A site code's plain-word label in the reader's language, from clinical.sites (one list)."""


class HemophiliaType(models.TextChoices):
    A = "A", _("Hemophilia A (factor VIII)")
    B = "B", _("Hemophilia B (factor IX)")


class Regimen(models.TextChoices):
    PROPHYLAXIS = "prophylaxis", _("Prophylaxis")
    ON_DEMAND = "on_demand", _("On demand")


class Sex(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


Joint = models.TextChoices(
    "Joint", [(code.upper(), (code, site_label(code))) for code in sites.JOINT_SITES]
)
"""Every ISTH major joint, left and right (clinical.sites.JOINT_SITES)."""

MuscleSite = models.TextChoices(
    "MuscleSite", [(code.upper(), (code, site_label(code))) for code in sites.MUSCLE_SITES]
)
"""The fixed list of muscle bleed sites (clinical.sites.MUSCLE_SITES)."""


class Severity(models.TextChoices):
    SEVERE = "severe", _("Severe (< 1 IU/dL)")
    MODERATE = "moderate", _("Moderate (1-5 IU/dL)")
    MILD = "mild", _("Mild (> 5 to < 40 IU/dL)")


class Imaging(models.TextChoices):
    MRI = "mri", _("MRI")
    ULTRASOUND = "ultrasound", _("Ultrasound")


class EnrollmentStatus(models.TextChoices):
    ACTIVE = "active", _("In the program")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
