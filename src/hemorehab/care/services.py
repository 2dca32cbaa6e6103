"""Prophylaxis decisions the hematologist makes, with the warnings that go with them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from hemorehab.care.models import FactorProduct, Infusion, PkEstimate, ProphylaxisRegimen
from hemorehab.clinical import plan as engine
from hemorehab.clinical import prophylaxis
from hemorehab.clinical.pk import FactorPK, pediatric_defaults
from hemorehab.patients.models import Patient

FACTOR_FOR_TYPE = {"A": "VIII", "B": "IX"}


class RegimenError(ValueError):
    def __init__(self, field_name: str, message: str):
        super().__init__(message)
        self.field = field_name
        self.message = message


@dataclass(frozen=True)
class RegimenWarning:
    """A warning in words, with the rule and the numbers that raised it."""

    rule: str
    message: str
    numbers: dict = field(default_factory=dict)


def check_product(patient: Patient, product: FactorProduct) -> None:
    wanted = FACTOR_FOR_TYPE[patient.hemophilia_type]
    if product.factor != wanted:
        raise RegimenError(
            "product",
            _(
                "Hemophilia %(type)s needs a factor %(wanted)s product; %(product)s is factor "
                "%(factor)s."
            )
            % {
                "type": patient.hemophilia_type,
                "wanted": wanted,
                "product": product.name,
                "factor": product.factor,
            },
        )
    if not product.vial_sizes:
        raise RegimenError(
            "product", _("%(product)s has no vial sizes in stock.") % {"product": product.name}
        )


def vial_dose(regimen: ProphylaxisRegimen) -> prophylaxis.VialDose:
    """The regimen's dose in whole vials, kept within its prescribed range when possible."""
    band = prophylaxis.dose_band(
        float(regimen.dose_iu_per_kg),
        _float_or_none(regimen.dose_min_iu_per_kg),
        _float_or_none(regimen.dose_max_iu_per_kg),
    )
    return prophylaxis.round_to_vials(
        float(regimen.basis_weight_kg),
        float(regimen.dose_iu_per_kg),
        regimen.product.vial_sizes,
        band,
    )


def _float_or_none(value) -> float | None:
    return None if value is None else float(value)


def create_regimen(patient: Patient, regimen: ProphylaxisRegimen) -> ProphylaxisRegimen:
    """Number the new version and compute its dose in whole vials; one transaction."""
    check_product(patient, regimen.product)
    dose = vial_dose(regimen)
    with transaction.atomic():
        Patient.objects.select_for_update().filter(pk=patient.pk).first()
        latest = ProphylaxisRegimen.objects.filter(patient=patient).aggregate(n=Max("number"))
        regimen.patient = patient
        regimen.number = (latest["n"] or 0) + 1
        regimen.dose_iu = dose.total_iu
        regimen.vials = list(dose.vials)
        regimen.save()
    return regimen


def latest_weight(patient: Patient):
    return patient.weights.order_by("-measured_on", "-id").first()


def regimen_warnings(patient: Patient, regimen: ProphylaxisRegimen) -> list[RegimenWarning]:
    """Every warning about a regimen, each with its rule and the numbers behind it."""
    checks = (_vial_band, _weight_drift, _protocol_frequency, _protocol_dose, _delivered_dose)
    return [warning for check in checks if (warning := check(patient, regimen)) is not None]


def _weight_drift(patient: Patient, regimen: ProphylaxisRegimen) -> RegimenWarning | None:
    weight = latest_weight(patient)
    if weight is None:
        return None
    basis, latest = float(regimen.basis_weight_kg), float(weight.weight_kg)
    drift = prophylaxis.check_weight_drift(basis, latest)
    if not drift.warn:
        return None
    text = _(
        "The latest weight (%(latest)s kg on %(day)s) differs by %(change)s%% from the "
        "%(basis)s kg this dose is based on (rule: more than %(limit)s%%). Review the dose."
    ) % {
        "latest": weight.weight_kg,
        "day": weight.measured_on,
        "change": f"{drift.change * 100:+.0f}",
        "basis": regimen.basis_weight_kg,
        "limit": f"{drift.threshold * 100:.0f}",
    }
    return RegimenWarning("weight_drift", text, {"latest_kg": latest, "basis_kg": basis})


def _vial_band(patient: Patient, regimen: ProphylaxisRegimen) -> RegimenWarning | None:
    dose = vial_dose(regimen)
    if dose.in_band:
        return None
    numbers = {
        "weight": regimen.basis_weight_kg,
        "low": f"{dose.band[0]:.1f}",
        "high": f"{dose.band[1]:.1f}",
        "total": dose.total_iu,
        "delivered": f"{dose.delivered_iu_per_kg:.1f}",
    }
    if dose.below_iu is not None:
        text = _(
            "No combination of the vials in stock delivers %(low)s-%(high)s IU/kg for "
            "%(weight)s kg: %(total)s IU gives %(delivered)s IU/kg (chosen, never under the "
            "range); %(below)s IU would give %(below_dose)s IU/kg. Review the dose or the vials."
        ) % {**numbers, "below": dose.below_iu, "below_dose": f"{dose.below_iu_per_kg:.1f}"}
    else:
        text = (
            _(
                "No combination of the vials in stock delivers %(low)s-%(high)s IU/kg for "
                "%(weight)s kg: %(total)s IU gives %(delivered)s IU/kg. Review the dose or the "
                "vials."
            )
            % numbers
        )
    return RegimenWarning("vial_band", text, {"delivered": dose.delivered_iu_per_kg})


def _delivered_dose(patient: Patient, regimen: ProphylaxisRegimen) -> RegimenWarning | None:
    """The dose the child receives now: whole vials over the latest weight."""
    delivered = delivered_iu_per_kg(patient, regimen)
    low, high = prophylaxis.SEED_DOSE_RANGE
    if low <= delivered <= high:
        return None
    weight = latest_weight(patient)
    kg = weight.weight_kg if weight is not None else regimen.basis_weight_kg
    text = _(
        "%(iu)s IU for %(kg)s kg delivers %(delivered)s IU/kg, outside the program protocol's "
        "%(low)s-%(high)s IU/kg."
    ) % {
        "iu": regimen.dose_iu,
        "kg": kg,
        "delivered": f"{delivered:.1f}",
        "low": f"{low:g}",
        "high": f"{high:g}",
    }
    return RegimenWarning("delivered_dose", text, {"delivered": delivered})


def delivered_iu_per_kg(patient: Patient, regimen: ProphylaxisRegimen) -> float:
    """The IU/kg the child receives: the whole-vial dose over the latest weight (the dose's
    basis weight when no later weight is recorded)."""
    weight = latest_weight(patient)
    kg = float(weight.weight_kg) if weight is not None else float(regimen.basis_weight_kg)
    return regimen.dose_iu / kg


def _protocol_frequency(patient: Patient, regimen: ProphylaxisRegimen) -> RegimenWarning | None:
    seed = prophylaxis.SEED_INFUSIONS_PER_WEEK[patient.hemophilia_type]
    per_week = len(regimen.weekdays)
    if per_week == seed:
        return None
    text = _(
        "%(n)s infusions a week; the program protocol gives hemophilia %(type)s %(seed)s a week."
    ) % {"n": per_week, "type": patient.hemophilia_type, "seed": seed}
    return RegimenWarning("seed_frequency", text, {"per_week": per_week, "protocol": seed})


def _protocol_dose(patient: Patient, regimen: ProphylaxisRegimen) -> RegimenWarning | None:
    low, high = prophylaxis.SEED_DOSE_RANGE
    dose = float(regimen.dose_iu_per_kg)
    if low <= dose <= high:
        return None
    text = _("%(dose)s IU/kg is outside the program protocol's %(low)s-%(high)s IU/kg.") % {
        "dose": regimen.dose_iu_per_kg,
        "low": f"{low:g}",
        "high": f"{high:g}",
    }
    return RegimenWarning("seed_dose", text, {"dose": dose})


def band_label(patient: Patient, regimen: ProphylaxisRegimen) -> str | None:
    return prophylaxis.regimen_band(
        patient.hemophilia_type,
        float(regimen.dose_iu_per_kg),
        len(regimen.weekdays),
        prophylaxis.load_bands(),
    )


def pk_for(patient: Patient, product: FactorProduct) -> tuple[FactorPK, str]:
    """The child's own PK estimate when there is one; else, for a standard half-life product,
    the pediatric defaults of its factor (children clear factor faster and recover less than
    the adult values on a product's label: instruments.md s5, s6a); for an extended half-life
    product, its own values, named as adult values."""
    baseline = float(patient.baseline_factor_activity)
    estimate = PkEstimate.objects.filter(patient=patient).order_by("-estimated_on").first()
    if estimate is not None:
        source = _("the child's own estimate of %(day)s (%(source)s)") % {
            "day": estimate.estimated_on,
            "source": estimate.get_source_display(),
        }
        return FactorPK(float(estimate.half_life_h), float(estimate.recovery), baseline), source
    if product.half_life_class == "standard":
        defaults = pediatric_defaults(product.factor)
        chinese = (get_language() or "").startswith("zh")
        source = _(
            "the pediatric defaults for factor %(factor)s (half-life %(half_life)s h, recovery "
            "%(recovery)s; %(source)s); enter the child's own PK estimate"
        ) % {
            "factor": product.factor,
            "half_life": f"{defaults.half_life_h:g}",
            "recovery": f"{defaults.ivr:g}",
            "source": defaults.source_zh if chinese else defaults.source_en,
        }
        return defaults.pk(baseline), source
    source = _(
        "the values of %(product)s, which describe adults and may overstate a child's cover; "
        "enter the child's own PK estimate"
    ) % {"product": product.name}
    return FactorPK(float(product.half_life_h), float(product.recovery), baseline), source


def week_levels(patient: Patient, regimen: ProphylaxisRegimen):
    """The estimated level over a week at steady state for the dose DELIVERED (whole vials
    over the latest weight), with the infusion hours and the PK source."""
    pk, source = pk_for(patient, regimen.product)
    points = prophylaxis.week_levels(
        pk, delivered_iu_per_kg(patient, regimen), regimen.weekdays, regimen.infusion_time
    )
    hours = prophylaxis.weekly_infusion_hours(regimen.weekdays, regimen.infusion_time)
    return points, hours, source


def recent_infusions(patient: Patient, days: int = 28):
    since = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=days)
    return (
        Infusion.objects.for_patient(patient)
        .filter(given_at__gte=since)
        .select_related("product", "recorded_by")
    )


def prophylaxis_for(patient, day: datetime.date) -> engine.Prophylaxis | None:
    """The regimen in force on `day`, with the dose delivered in whole vials and the child's
    PK (own estimate, else the pediatric defaults)."""
    regimen = ProphylaxisRegimen.objects.current_for(patient, day)
    if regimen is None or not regimen.weekdays:
        return None
    pk, source = pk_for(patient, regimen.product)
    at = regimen.infusion_time
    return engine.Prophylaxis(
        infusions_per_week=len(regimen.weekdays),
        weekdays=tuple(sorted(regimen.weekdays)),
        hour=at.hour + at.minute / 60,
        iu_per_kg=delivered_iu_per_kg(patient, regimen),
        pk=pk,
        pk_source=str(source),
    )
