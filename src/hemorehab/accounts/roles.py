"""The roles people hold in a center. A user may hold several; roles are never ordered."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    HEMATOLOGIST = "hematologist", _("Hematologist")
    REHAB_PHYSICIAN = "rehab_physician", _("Rehabilitation physician")
    THERAPIST = "therapist", _("Therapist")
    ULTRASOUND_PHYSICIAN = "ultrasound_physician", _("Ultrasound physician")
    NURSE = "nurse", _("Nurse")
    RESEARCHER = "researcher", _("Researcher")
    CENTER_ADMIN = "center_admin", _("Center administrator")
    GUARDIAN = "guardian", _("Guardian")
    PATIENT = "patient", _("Patient")


CLINICAL_ROLES = frozenset(
    {
        Role.HEMATOLOGIST,
        Role.REHAB_PHYSICIAN,
        Role.THERAPIST,
        Role.ULTRASOUND_PHYSICIAN,
        Role.NURSE,
    }
)
# Roles held through a center membership; guardian and patient come from links to a child.
CENTER_ROLES = CLINICAL_ROLES | {Role.RESEARCHER, Role.CENTER_ADMIN}
