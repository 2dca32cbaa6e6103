"""Assessment records: every item answer is stored (`answers`); totals are computed by the
clinical core.

Each instrument's `calculate()` fills its computed fields from its answers with the instrument's
calculator, before every save, whatever the entry path (form, API, demo loader); a bad answer
raises a ClinicalInputError naming its place. Nobody types a total. Each record keeps the
instrument version it was scored with. The instruments are declared in
assessments.instruments.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hemorehab.audit.trail import AuditedModel, AuditedQuerySet
from hemorehab.clinical import bleeds as core_bleeds
from hemorehab.clinical import cho_klat, hjhs, ultrasound
from hemorehab.clinical.errors import ScoreInputError
from hemorehab.patients.models import Patient


class Timepoint(models.TextChoices):
    BASELINE = "baseline", _("Baseline")
    WEEK_12 = "week_12", _("Week 12 (end of program)")
    FOLLOW_UP = "follow_up", _("Follow-up")
    OTHER = "other", _("Other")


class AssessmentQuerySet(AuditedQuerySet):
    def for_patient(self, patient):
        return self.filter(patient=patient)

    def chronological(self):
        return self.order_by("assessed_on", "id")


class Assessment(AuditedModel):
    """What every instrument record shares: the child, the day, the timepoint, who recorded it."""

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="+")
    assessed_on = models.DateField(_("date"))
    timepoint = models.CharField(_("timepoint"), max_length=10, choices=Timepoint.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    instrument_version = models.CharField(_("instrument version"), max_length=40, editable=False)
    notes = models.TextField(_("notes"), blank=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-assessed_on", "-id"]

    def calculate(self) -> None:
        """Fill the computed fields from the answers with the instrument's calculator."""
        raise NotImplementedError


class SynovitisActivity(models.TextChoices):
    """A clinician's judgement of a joint's synovitis at the examination (warm, boggy swelling,
    ultrasound Doppler signal): it reaches the plan engine's safety rules."""

    ACTIVE = "active", _("Active synovitis")
    INACTIVE = "inactive", _("No active synovitis")


class Effusion(models.TextChoices):
    """The ultrasound physician's reading of fluid in a joint: blood in a joint stops
    stretching, traction and weight-bearing work on it until a later scan shows it gone."""

    NONE = "none", _("No effusion")
    EFFUSION = "effusion", _("Effusion")
    HEMARTHROSIS = "hemarthrosis", _("Hemarthrosis (blood in the joint)")


class HjhsAssessment(Assessment):
    answers = models.JSONField(help_text="{'joints': {joint: {item: 0-4 or 'NE'}}, 'gait': ...}")
    ne_reasons = models.JSONField(default=dict, blank=True)
    synovitis_activity = models.JSONField(
        default=dict, blank=True, help_text="{joint: 'active'|'inactive'}; absent = not judged"
    )
    total = models.PositiveSmallIntegerField(editable=False)
    complete = models.BooleanField(editable=False)
    joint_totals = models.JSONField(editable=False)
    gait = models.PositiveSmallIntegerField(null=True, editable=False)
    components = models.JSONField(editable=False)
    not_evaluable = models.JSONField(editable=False, default=list)

    class Meta(Assessment.Meta):
        verbose_name = _("HJHS 2.1 assessment")
        constraints = [
            models.UniqueConstraint(
                fields=["patient", "assessed_on", "timepoint"],
                name="hjhs_once_a_day",
                violation_error_message=_(
                    "An HJHS of this child on this date and timepoint is already recorded."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"HJHS {self.patient} {self.assessed_on}"

    def calculate(self) -> None:
        result = hjhs.score_hjhs_record(self.answers)
        self.ne_reasons = _ne_reasons(self.ne_reasons, result.not_evaluable)
        self.synovitis_activity = judged(
            self.synovitis_activity, "synovitis_activity", hjhs.JOINTS, SynovitisActivity.values
        )
        self.instrument_version = f"HJHS {result.version}"
        self.total = result.total
        self.complete = result.complete
        self.joint_totals = dict(result.joints)
        self.gait = result.gait
        self.components = dict(result.components)
        self.not_evaluable = list(result.not_evaluable)


def _ne_reasons(given: dict | None, not_evaluable) -> dict[str, str]:
    """Every not-evaluable item has a reason (at most 200 characters); no reason without NE."""
    reasons = {place: str(text).strip() for place, text in (given or {}).items()}
    extra = sorted(set(reasons) - set(not_evaluable))
    if extra:
        raise ScoreInputError(f"ne_reasons.{extra[0]}", "this item is not marked NE")
    missing = [place for place in not_evaluable if not reasons.get(place)]
    if missing:
        raise ScoreInputError(
            f"ne_reasons.{missing[0]}", "a reason is required for a not-evaluable item"
        )
    too_long = [place for place, text in reasons.items() if len(text) > 200]
    if too_long:
        raise ScoreInputError(f"ne_reasons.{too_long[0]}", "at most 200 characters")
    return reasons


def judged(value: object, field: str, joints: tuple[str, ...], allowed: list[str]) -> dict:
    """A clinician's per-joint judgement ({joint: word}); a named error for a bad place."""
    if value in (None, ""):
        return {}
    if not isinstance(value, dict):
        raise ScoreInputError(field, "expected an object of joints")
    for joint, word in value.items():
        if joint not in joints:
            raise ScoreInputError(f"{field}.{joint}", f"not one of: {', '.join(joints)}")
        if word not in allowed:
            raise ScoreInputError(
                f"{field}.{joint}", f"{word!r} is not one of: {', '.join(allowed)}"
            )
    return dict(value)


class UltrasoundScale(models.TextChoices):
    HEAD_US = "head-us", "HEAD-US"
    HEAD_US_C = "head-us-c", "HEAD-US-C"


class UltrasoundExam(Assessment):
    scale = models.CharField(_("scale"), max_length=10, choices=UltrasoundScale.choices)
    answers = models.JSONField(help_text="{joint: {item: level}} for the examined joints")
    effusion = models.JSONField(
        default=dict,
        blank=True,
        help_text="{joint: 'none'|'effusion'|'hemarthrosis'} for the examined joints",
    )
    total = models.PositiveSmallIntegerField(editable=False)
    activity = models.PositiveSmallIntegerField(editable=False)
    damage = models.PositiveSmallIntegerField(editable=False)
    joint_totals = models.JSONField(editable=False)
    examined = models.JSONField(editable=False)

    class Meta(Assessment.Meta):
        verbose_name = _("ultrasound examination")
        constraints = [
            models.UniqueConstraint(
                fields=["patient", "scale", "assessed_on", "timepoint"],
                name="ultrasound_once_a_day",
                violation_error_message=_(
                    "An examination of this child on this date and timepoint is already recorded."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.scale} {self.patient} {self.assessed_on}"

    def calculate(self) -> None:
        definition = ultrasound.builtin_definition(self.scale)
        result = ultrasound.score_ultrasound_record(definition, {"joints": self.answers})
        self.effusion = judged(self.effusion, "effusion", tuple(result.examined), Effusion.values)
        self.instrument_version = f"{result.name} {result.version}"
        self.total = result.total
        self.activity = result.domains.get("activity", 0)
        self.damage = result.domains.get("damage", 0)
        self.joint_totals = dict(result.joints)
        self.examined = list(result.examined)


class ChoKlatForm(models.TextChoices):
    CHILD = "child", _("Child self-report")
    PARENT = "parent", _("Parent proxy")


class ChoKlatAssessment(Assessment):
    form = models.CharField(_("form"), max_length=6, choices=ChoKlatForm.choices)
    answers = models.JSONField(help_text="{'1': 1-5, ..., '35': 1-6}; absent = not answered")
    score = models.DecimalField(max_digits=4, decimal_places=1, null=True, editable=False)
    answered = models.PositiveSmallIntegerField(editable=False)
    missing = models.PositiveSmallIntegerField(editable=False)

    class Meta(Assessment.Meta):
        verbose_name = _("CHO-KLAT questionnaire")
        constraints = [
            models.UniqueConstraint(
                fields=["patient", "form", "assessed_on", "timepoint"],
                name="cho_klat_once_a_day",
                violation_error_message=_(
                    "This questionnaire form of this child on this date and timepoint is "
                    "already recorded."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"CHO-KLAT {self.form} {self.patient} {self.assessed_on}"

    def calculate(self) -> None:
        if isinstance(self.answers, dict):  # an item given as null is not answered
            self.answers = {item: code for item, code in self.answers.items() if code is not None}
        result = cho_klat.score_cho_klat(self.form, self.answers)
        if result.answered == 0:
            raise ScoreInputError("answers", "no item is answered")
        self.instrument_version = f"CHO-KLAT {result.version}"
        self.score = None if result.score is None else Decimal(str(result.score))
        self.answered = result.answered
        self.missing = result.missing


class MeasureKind(models.TextChoices):
    PAIN = "pain", _("Pain (0-10)")
    GONIOMETRY = "goniometry", _("Range of motion (degrees)")
    MUSCLE_TEST = "muscle_test", _("Manual muscle test (0-5)")
    CIRCUMFERENCE = "circumference", _("Joint circumference (cm)")
    SINGLE_LEG_STANCE = "single_leg_stance", _("Single-leg stance (s)")
    HEIGHT = "height", _("Height (cm)")


# kind -> (lowest, highest) accepted value; the unit is in the kind's label.
MEASURE_RANGES: dict[str, tuple[Decimal, Decimal]] = {
    MeasureKind.PAIN: (Decimal(0), Decimal(10)),
    MeasureKind.GONIOMETRY: (Decimal(-90), Decimal(180)),
    MeasureKind.MUSCLE_TEST: (Decimal(0), Decimal(5)),
    MeasureKind.CIRCUMFERENCE: (Decimal(5), Decimal(100)),
    MeasureKind.SINGLE_LEG_STANCE: (Decimal(0), Decimal(600)),
    MeasureKind.HEIGHT: (Decimal(50), Decimal(230)),
}


class EndFeel(models.TextChoices):
    """The feel at the end of the passive range (shared/domain/instruments.md s6, s6a): a
    forced stretch or traction is never drafted against a hard end-feel."""

    SOFT = "soft", _("Soft")
    FIRM = "firm", _("Firm")
    HARD = "hard", _("Hard (bony block)")


class Direction(models.TextChoices):
    FLEXION = "flexion", _("Flexion")
    EXTENSION = "extension", _("Extension")


SITED_KINDS = ("goniometry", "muscle_test", "circumference")
"""Measures taken at a joint or muscle site (chosen from the one list of sites)."""
DIRECTED_KINDS = ("goniometry", "muscle_test")
"""Measures of one direction of motion (flexion or extension)."""


class PhysicalMeasure(AuditedModel):
    """A therapist's measurement beside the HJHS: pain, goniometry (with the end-feel), MMT,
    girth, balance."""

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="+")
    measured_on = models.DateField(_("date"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("measure"), max_length=20, choices=MeasureKind.choices)
    site = models.CharField(
        _("joint or side"), max_length=20, blank=True, help_text=_("e.g. left_knee, right")
    )
    detail = models.CharField(
        _("motion or muscle group"), max_length=60, blank=True, help_text=_("e.g. flexion")
    )
    value = models.DecimalField(_("value"), max_digits=6, decimal_places=1)
    end_feel = models.CharField(
        _("end-feel"),
        max_length=4,
        choices=EndFeel.choices,
        blank=True,
        help_text=_("With goniometry: the feel at the end of the passive range"),
    )

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-measured_on", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.site} {self.detail} = {self.value}"


class SiteKind(models.TextChoices):
    JOINT = "joint", _("Joint")
    MUSCLE = "muscle", _("Muscle")
    OTHER = "other", _("Other")


class Cause(models.TextChoices):
    SPONTANEOUS = "spontaneous", _("Spontaneous")
    TRAUMATIC = "traumatic", _("Traumatic")


class BleedQuerySet(AuditedQuerySet):
    def for_patient(self, patient):
        return self.filter(patient=patient)

    def between(self, start, end):
        return self.filter(onset__gte=start, onset__lt=end)

    def joints(self):
        return self.filter(site_kind=SiteKind.JOINT)


class Bleed(AuditedModel):
    """A reported bleed (ISTH definitions); episodes and rates are derived by the core."""

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="bleeds")
    onset = models.DateTimeField(_("onset"))
    site_kind = models.CharField(_("site"), max_length=6, choices=SiteKind.choices)
    site = models.CharField(
        _("where"),
        max_length=40,
        help_text=_("A joint or a muscle from the list; for another place, describe it"),
    )
    cause = models.CharField(_("cause"), max_length=11, choices=Cause.choices)
    treatment = models.CharField(_("treatment given"), max_length=200, blank=True)
    treatment_end = models.DateTimeField(_("last treatment"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    notes = models.TextField(_("notes"), blank=True)

    objects = BleedQuerySet.as_manager()

    class Meta:
        ordering = ["-onset", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["patient", "site_kind", "site", "onset"],
                name="bleed_once",
                violation_error_message=_("This bleed (same site and onset) is already recorded."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.site} {self.onset:%Y-%m-%d}"

    def core(self) -> core_bleeds.BleedEvent:
        """The bleed as the clinical core reads it (ISTH episodes, rates, target joints);
        a site that is not one of clinical.sites, or times the rules cannot read, raise a
        named error. A second report of the same bleed (site and onset) is refused by the
        database's constraint `bleed_once`, also when both arrive at the same moment."""
        return core_bleeds.BleedEvent(
            onset=self.onset,
            site_kind=self.site_kind,
            site=self.site,
            cause=self.cause,
            treatment_end=self.treatment_end,
        )
