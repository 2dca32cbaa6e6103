"""The roles as Django choices with their labels; the names are clinical.roles' (one list)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from hemorehab.clinical import roles


class Role(models.TextChoices):
    HEMATOLOGIST = roles.HEMATOLOGIST, _("Hematologist")
    REHAB_PHYSICIAN = roles.REHAB_PHYSICIAN, _("Rehabilitation physician")
    THERAPIST = roles.THERAPIST, _("Therapist")
    ULTRASOUND_PHYSICIAN = roles.ULTRASOUND_PHYSICIAN, _("Ultrasound physician")
    NURSE = roles.NURSE, _("Nurse")
    RESEARCHER = roles.RESEARCHER, _("Researcher")
    CENTER_ADMIN = roles.CENTER_ADMIN, _("Center administrator")
    GUARDIAN = roles.GUARDIAN, _("Guardian")
    PATIENT = roles.PATIENT, _("Patient")


CLINICAL_ROLES = roles.CLINICAL
CENTER_ROLES = roles.CENTER
