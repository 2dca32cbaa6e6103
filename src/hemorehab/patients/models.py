"""A child in the program: the pseudonymous clinical record, the identifying data kept apart,
and their screening and enrollment."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from hemorehab.accounts.models import Center
from hemorehab.audit.trail import AuditedModel, AuditedQuerySet
from hemorehab.patients.choices import (
    EnrollmentStatus,
    HemophiliaType,
    Imaging,
    Joint,
    Regimen,
    Severity,
    Sex,
)

# ISTH: an inhibitor titre of 0.6 Bethesda units or more is positive (Blanchette 2014, JTH 12:1935).
INHIBITOR_POSITIVE_BU = Decimal(str(getattr(settings, "HEMOREHAB_INHIBITOR_POSITIVE_BU", "0.6")))


class PatientQuerySet(AuditedQuerySet):
    def in_centers(self, centers):
        return self.filter(center__in=centers)

    def with_identity(self):
        return self.select_related("identity", "center")

    def lock(self, patient):
        """Hold the child's row until the transaction ends, so that concurrent writes about the
        same child (two bleed reports of one knee) run one after the other. SQLite already
        writes one transaction at a time."""
        return self.select_for_update().filter(pk=patient.pk).first()


class Patient(AuditedModel):
    center = models.ForeignKey(Center, on_delete=models.PROTECT, related_name="patients")
    study_id = models.CharField(_("study ID"), max_length=20, unique=True, editable=False)
    sex = models.CharField(_("sex"), max_length=6, choices=Sex.choices, default=Sex.MALE)
    hemophilia_type = models.CharField(
        _("hemophilia type"), max_length=1, choices=HemophiliaType.choices
    )
    baseline_factor_activity = models.DecimalField(
        _("baseline factor activity (IU/dL)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("39.99"))],
        help_text=_("Lowest factor VIII or IX activity; the severity is derived from it."),
    )
    prior_regimen = models.CharField(
        _("treatment before the program"), max_length=12, choices=Regimen.choices
    )
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="patient_record",
        help_text=_("The adolescent's own login, if they have one."),
    )

    objects = PatientQuerySet.as_manager()

    class Meta:
        ordering = ["study_id"]

    def __str__(self) -> str:
        return self.study_id

    def audit_patient_id(self) -> int | None:
        return self.pk

    @property
    def severity(self) -> str:
        return severity_of(self.baseline_factor_activity)

    def get_severity_display(self) -> str:
        return Severity(self.severity).label

    @classmethod
    def register(cls, center: Center, **fields) -> Patient:
        """Create a child with the center's next study ID, e.g. NJCH-0042."""
        with transaction.atomic():
            Center.objects.select_for_update().filter(pk=center.pk).first()
            prefix = f"{center.code}-"
            ids = cls.objects.filter(study_id__startswith=prefix).values_list("study_id", flat=True)
            number = max((int(s[len(prefix) :]) for s in ids), default=0) + 1
            return cls.objects.create(center=center, study_id=f"{prefix}{number:04d}", **fields)


def severity_of(activity: Decimal) -> str:
    """ISTH severity from baseline activity: severe < 1, moderate 1-5, mild > 5 to < 40 IU/dL."""
    from hemorehab.clinical.severity import classify_severity

    return classify_severity(float(activity)).value


class PatientIdentity(AuditedModel):
    """Direct identifiers, stored apart from the clinical record; researchers never see these."""

    patient = models.OneToOneField(Patient, on_delete=models.PROTECT, related_name="identity")
    family_name = models.CharField(_("family name"), max_length=100)
    given_name = models.CharField(_("given name"), max_length=100)
    hospital_number = models.CharField(_("hospital number"), max_length=40)
    date_of_birth = models.DateField(_("date of birth"))

    class Meta:
        verbose_name = _("identity")

    def __str__(self) -> str:
        return f"{self.family_name} {self.given_name}"

    def age_on(self, day: datetime.date) -> int:
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


class GuardianContact(AuditedModel):
    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="contacts")
    name = models.CharField(_("name"), max_length=100)
    relationship = models.CharField(_("relationship"), max_length=50)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.relationship})"


class Guardianship(AuditedModel):
    """Links a guardian's account to one child; a guardian sees only linked children."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="guardianships"
    )
    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="guardianships")
    relationship = models.CharField(_("relationship"), max_length=50, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "patient"], name="guardianship_unique")
        ]


class FamilyLinkRequest(AuditedModel):
    """A center administrator's request to link a family account to a child. Linking gives the
    account the child's identifiers, so it is a clinical act: a clinician of the child's center
    confirms (patients.family_links) before the account reaches anything."""

    class Kind(models.TextChoices):
        GUARDIAN = "guardian", _("guardian")
        PATIENT = "patient", _("the child's own account")

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for a clinician")
        CONFIRMED = "confirmed", _("confirmed")
        DECLINED = "declined", _("declined")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="link_requests"
    )
    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="link_requests")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    relationship = models.CharField(_("relationship"), max_length=50, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=9, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "patient", "kind"],
                condition=models.Q(status="pending"),
                name="one_pending_link_request",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.kind} of {self.patient} ({self.status})"


class InhibitorTest(AuditedModel):
    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="inhibitor_tests")
    tested_on = models.DateField(_("test date"))
    bethesda_units = models.DecimalField(
        _("titre (BU/mL)"),
        max_digits=7,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("99999"))],
    )

    class Meta:
        ordering = ["-tested_on", "-id"]

    @property
    def positive(self) -> bool:
        return self.bethesda_units >= INHIBITOR_POSITIVE_BU


class WeightMeasurement(AuditedModel):
    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="weights")
    measured_on = models.DateField(_("date"))
    weight_kg = models.DecimalField(
        _("weight (kg)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("5")), MaxValueValidator(Decimal("200"))],
    )

    class Meta:
        ordering = ["-measured_on", "-id"]


class PatientJoint(AuditedModel):
    """An affected joint, and whether the team counts it as a target joint."""

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="joints")
    joint = models.CharField(_("joint"), max_length=16, choices=Joint.choices)
    is_target = models.BooleanField(_("target joint"), default=False)

    class Meta:
        ordering = ["joint"]
        constraints = [
            models.UniqueConstraint(fields=["patient", "joint"], name="patient_joint_unique")
        ]


class Screening(AuditedModel):
    """The answers to the seed protocol's criteria; the verdict is derived, never typed."""

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="screenings")
    screened_on = models.DateField(_("screening date"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    hemophilia_confirmed = models.BooleanField(_("hemophilia confirmed"), null=True)
    inhibitor_negative = models.BooleanField(_("inhibitor negative"), null=True)
    prior_joint_bleed_confirmed = models.BooleanField(
        _("earlier joint bleed with synovitis or arthropathy confirmed by imaging"), null=True
    )
    confirming_imaging = models.CharField(
        _("confirmed by"), max_length=12, choices=Imaging.choices, blank=True
    )
    joint_pain_or_restricted_motion = models.BooleanField(
        _("joint pain or restricted motion"), null=True
    )
    able_to_follow_program = models.BooleanField(_("able to follow a 12-week program"), null=True)
    active_bleeding_on_ultrasound = models.BooleanField(
        _("active bleeding on ultrasound"), null=True
    )
    last_bleed_on = models.DateField(_("date of the last bleed"), null=True, blank=True)
    significant_organ_disease = models.BooleanField(
        _("significant heart, liver or kidney disease"), null=True
    )
    other_serious_condition = models.BooleanField(_("other serious condition"), null=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["-screened_on", "-id"]


class Enrollment(AuditedModel):
    """Entry into the 12-week program; the calendar derives from the start date."""

    patient = models.OneToOneField(Patient, on_delete=models.PROTECT, related_name="enrollment")
    screening = models.ForeignKey(Screening, on_delete=models.PROTECT, related_name="+")
    start_date = models.DateField(_("program start date"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=EnrollmentStatus.choices,
        default=EnrollmentStatus.ACTIVE,
    )
    ended_on = models.DateField(_("end date"), null=True, blank=True)
    end_reason = models.CharField(_("reason"), max_length=200, blank=True)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
