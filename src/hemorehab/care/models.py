"""Factor prophylaxis: products in stock, versioned regimens, the infusion log, PK estimates,
and the notifications and adverse events of the program."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hemorehab.accounts.models import Center
from hemorehab.audit.trail import AuditedModel, AuditedQuerySet
from hemorehab.patients.models import Patient


class Factor(models.TextChoices):
    VIII = "VIII", _("Factor VIII")
    IX = "IX", _("Factor IX")


class HalfLifeClass(models.TextChoices):
    STANDARD = "standard", _("Standard half-life")
    EXTENDED = "extended", _("Extended half-life")


class FactorProduct(AuditedModel):
    """A concentrate a center stocks, with default PK parameters and its vial sizes."""

    center = models.ForeignKey(Center, on_delete=models.PROTECT, related_name="products")
    name = models.CharField(pgettext_lazy("product", "name"), max_length=100)
    factor = models.CharField(_("factor"), max_length=4, choices=Factor.choices)
    half_life_class = models.CharField(
        _("half-life class"), max_length=10, choices=HalfLifeClass.choices
    )
    recovery = models.DecimalField(
        _("recovery (IU/dL per IU/kg)"),
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(Decimal("5"))],
    )
    half_life_h = models.DecimalField(
        _("half-life (h)"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("200"))],
    )
    vial_sizes = models.JSONField(_("vial sizes in stock (IU)"), default=list)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_factor_display()})"

    def audit_patient_id(self) -> int | None:
        return None


class RegimenQuerySet(AuditedQuerySet):
    def current_for(self, patient, day):
        return (
            self.filter(patient=patient, effective_from__lte=day)
            .order_by("-effective_from", "-number")
            .first()
        )


class ProphylaxisRegimen(AuditedModel):
    """One version of a child's prophylaxis; a change is a new version with its own date."""

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="regimens")
    number = models.PositiveIntegerField(_("version"), editable=False)
    effective_from = models.DateField(_("effective from"))
    product = models.ForeignKey(FactorProduct, on_delete=models.PROTECT, related_name="+")
    dose_iu_per_kg = models.DecimalField(
        _("dose (IU/kg)"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("100"))],
    )
    dose_min_iu_per_kg = models.DecimalField(
        _("lowest acceptable dose after rounding to vials (IU/kg)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("100"))],
        help_text=_("Empty: 10% under the dose"),
    )
    dose_max_iu_per_kg = models.DecimalField(
        _("highest acceptable dose after rounding to vials (IU/kg)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("100"))],
        help_text=_("Empty: 10% over the dose"),
    )
    weekdays = models.JSONField(_("infusion days"), help_text=_("0 = Monday ... 6 = Sunday"))
    infusion_time = models.TimeField(_("time of infusion"))
    basis_weight_kg = models.DecimalField(
        _("weight the dose is based on (kg)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("5")), MaxValueValidator(Decimal("200"))],
    )
    dose_iu = models.PositiveIntegerField(_("dose (IU, whole vials)"), editable=False)
    vials = models.JSONField(editable=False, default=list)
    prescribed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("reason for this version"), max_length=200, blank=True)

    objects = RegimenQuerySet.as_manager()

    class Meta:
        ordering = ["-effective_from", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["patient", "number"], name="regimen_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.patient} v{self.number} {self.dose_iu_per_kg} IU/kg"


class InfusionReason(models.TextChoices):
    PROPHYLAXIS = "prophylaxis", _("Prophylaxis")
    BLEED = "bleed", _("Treatment of a bleed")
    PRE_SESSION = "pre_session", _("Before a rehabilitation session")


class Place(models.TextChoices):
    HOME = "home", _("Home")
    HOSPITAL = "hospital", _("Hospital")


class InfusionQuerySet(AuditedQuerySet):
    def for_patient(self, patient):
        return self.filter(patient=patient)

    def between(self, start, end):
        return self.filter(given_at__gte=start, given_at__lt=end)


class Infusion(AuditedModel):
    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="infusions")
    given_at = models.DateTimeField(_("given at"))
    product = models.ForeignKey(FactorProduct, on_delete=models.PROTECT, related_name="+")
    batch = models.CharField(_("batch"), max_length=40, blank=True)
    dose_iu = models.PositiveIntegerField(
        _("dose (IU)"), validators=[MinValueValidator(1), MaxValueValidator(20000)]
    )
    reason = models.CharField(_("reason"), max_length=12, choices=InfusionReason.choices)
    place = models.CharField(_("where"), max_length=8, choices=Place.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = InfusionQuerySet.as_manager()

    class Meta:
        ordering = ["-given_at", "-id"]

    def __str__(self) -> str:
        return f"{self.patient} {self.given_at:%Y-%m-%d %H:%M} {self.dose_iu} IU"


class PkSource(models.TextChoices):
    WAPPS = "wapps", _("WAPPS-Hemo")
    LAB = "lab", _("Laboratory PK study")
    OTHER = "other", _("Other")


class PkEstimate(AuditedModel):
    """The child's own PK estimate; it replaces the product defaults in the level model."""

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="pk_estimates")
    estimated_on = models.DateField(_("date"))
    half_life_h = models.DecimalField(
        _("half-life (h)"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("200"))],
    )
    recovery = models.DecimalField(
        _("recovery (IU/dL per IU/kg)"),
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(Decimal("5"))],
    )
    source = models.CharField(_("source"), max_length=6, choices=PkSource.choices)
    notes = models.CharField(_("notes"), max_length=200, blank=True)

    class Meta:
        ordering = ["-estimated_on", "-id"]

    def __str__(self) -> str:
        return f"{self.patient} t1/2 {self.half_life_h} h ({self.source})"
