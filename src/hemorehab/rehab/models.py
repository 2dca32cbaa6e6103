"""The rehabilitation program around each child: plans, session notes, the family's home
sessions, joint restrictions after a bleed, adverse events, and the care team's notifications."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from hemorehab.audit.trail import AuditedModel, AuditedQuerySet
from hemorehab.patients.models import Patient


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft (not shown to the family)")
    APPROVED = "approved", _("Approved")
    SUPERSEDED = "superseded", _("Replaced by a later version")


class PlanQuerySet(AuditedQuerySet):
    def current_for(self, patient):
        return self.filter(patient=patient, status=PlanStatus.APPROVED).order_by("-number").first()


class RehabPlan(AuditedModel):
    """One version of a child's plan: drafted by the engine, edited and approved by a therapist.
    `content` is the plan as approved (goals, sessions, home program, devices, education)."""

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="plans")
    number = models.PositiveIntegerField(_("version"), editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    content = models.JSONField()
    engine_version = models.CharField(max_length=40, editable=False)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True)
    note = models.TextField(_("therapist's note"), blank=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["patient", "number"], name="plan_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.patient} plan v{self.number} ({self.status})"


class RestrictionQuerySet(AuditedQuerySet):
    def active(self):
        return self.filter(cleared_at__isnull=True)


class JointRestriction(AuditedModel):
    """After a recent bleed: a joint or muscle site (`joint` holds any code of clinical.sites)
    returns through graded phases 1-4; the exercises loading it are paused meanwhile. An
    iliopsoas bleed waits for a physician's clearance (`needs_physician_clearance`), during
    which all loading of that leg is blocked."""

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="restrictions")
    joint = models.CharField(_("joint or muscle"), max_length=20)
    bleed = models.ForeignKey(
        "assessments.Bleed", null=True, on_delete=models.PROTECT, related_name="+"
    )
    phase = models.PositiveSmallIntegerField(
        _("phase"), default=1, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    needs_physician_clearance = models.BooleanField(default=False)
    started_at = models.DateTimeField(auto_now_add=True)
    cleared_at = models.DateTimeField(null=True, blank=True)
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    last_decision = models.JSONField(default=dict, blank=True)

    objects = RestrictionQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.patient} {self.joint} phase {self.phase}"


class Relation(models.TextChoices):
    NONE = "none", _("Not related")
    UNLIKELY = "unlikely", _("Unlikely")
    POSSIBLE = "possible", _("Possible")
    PROBABLE = "probable", _("Probable")


class Seriousness(models.TextChoices):
    NON_SERIOUS = "non_serious", _("Not serious")
    SERIOUS = "serious", _("Serious")


class AdverseEvent(AuditedModel):
    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="adverse_events")
    onset = models.DateField(_("onset"))
    description = models.TextField(_("what happened"))
    relation = models.CharField(
        _("relation to rehabilitation"), max_length=10, choices=Relation.choices
    )
    seriousness = models.CharField(_("seriousness"), max_length=12, choices=Seriousness.choices)
    outcome = models.CharField(_("outcome"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-onset", "-id"]

    def __str__(self) -> str:
        return f"{self.patient} {self.onset} {self.relation}"


class SessionKind(models.TextChoices):
    HOSPITAL = "hospital", _("Hospital session")
    ONLINE = "online", _("Online session")


class Tolerance(models.TextChoices):
    GOOD = "good", _("Good")
    FAIR = "fair", _("Fair")
    POOR = "poor", _("Poor")


class SessionNote(AuditedModel):
    """What was done in a hospital or online session, how the child tolerated it, what changed."""

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="session_notes")
    held_on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=8, choices=SessionKind.choices)
    minutes = models.PositiveSmallIntegerField(
        _("minutes"), validators=[MinValueValidator(5), MaxValueValidator(240)]
    )
    content = models.TextField(_("what was done"))
    tolerance = models.CharField(_("tolerance"), max_length=4, choices=Tolerance.choices)
    pain_reported = models.BooleanField(_("pain during the session"), default=False)
    adjustments = models.TextField(_("adjustments"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.patient} {self.kind} {self.held_on}"


class HomeSession(AuditedModel):
    """The family's diary of one home session (adherence, pain, the video check-in)."""

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="home_sessions")
    done_on = models.DateField(_("date"))
    minutes = models.PositiveSmallIntegerField(
        _("minutes"), validators=[MinValueValidator(0), MaxValueValidator(180)]
    )
    completed = models.BooleanField(_("whole session done"), default=True)
    pain_reported = models.BooleanField(_("pain during exercise"), default=False)
    video_checked_in = models.BooleanField(_("video check-in sent"), default=False)
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-done_on", "-id"]

    def __str__(self) -> str:
        return f"{self.patient} home {self.done_on}"


class Notification(models.Model):
    """A message to one member of the care team; the text is rendered in their language."""

    class Kind(models.TextChoices):
        JOINT_BLEED = "joint_bleed", _("Joint bleed reported")
        MUSCLE_BLEED = "muscle_bleed", _("Muscle bleed reported")
        PSOAS_BLEED = "psoas_bleed", _("Psoas bleed reported")
        JOINT_BLOOD = "joint_blood", _("Blood or fluid in a joint on ultrasound")
        PLAN_TO_APPROVE = "plan_to_approve", _("Plan draft to approve")
        ADVERSE_EVENT = "adverse_event", _("Adverse event reported")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    params = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.recipient} {self.kind} {self.patient}"
