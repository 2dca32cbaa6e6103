from django.db import models
from django.utils.translation import gettext_lazy as _


class HemophiliaType(models.TextChoices):
    A = "A", _("Hemophilia A (factor VIII)")
    B = "B", _("Hemophilia B (factor IX)")


class Regimen(models.TextChoices):
    PROPHYLAXIS = "prophylaxis", _("Prophylaxis")
    ON_DEMAND = "on_demand", _("On demand")


class Sex(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class Joint(models.TextChoices):
    LEFT_ELBOW = "left_elbow", _("Left elbow")
    RIGHT_ELBOW = "right_elbow", _("Right elbow")
    LEFT_KNEE = "left_knee", _("Left knee")
    RIGHT_KNEE = "right_knee", _("Right knee")
    LEFT_ANKLE = "left_ankle", _("Left ankle")
    RIGHT_ANKLE = "right_ankle", _("Right ankle")
    LEFT_HIP = "left_hip", _("Left hip")
    RIGHT_HIP = "right_hip", _("Right hip")
    LEFT_SHOULDER = "left_shoulder", _("Left shoulder")
    RIGHT_SHOULDER = "right_shoulder", _("Right shoulder")


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
