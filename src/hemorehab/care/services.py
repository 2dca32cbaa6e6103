"""Prophylaxis decisions the hematologist makes, with the warnings that go with them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from hemorehab.care.models import FactorProduct, Infusion, PkEstimate, ProphylaxisRegimen
from hemorehab.clinical import prophylaxis
from hemorehab.clinical.pk import FactorPK
from hemorehab.patients.models import Patient

FACTOR_FOR_TYPE = {"A": "VIII", "B": "IX"}


class RegimenError(ValueError):
    def __init__(self, field_name: str, message: str):
        super().__init__(message)
        self.field = field_name
        self.message = message


@dataclass(frozen=True)
class Warning:
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


def create_regimen(patient: Patient, regimen: ProphylaxisRegimen) -> ProphylaxisRegimen:
    """Number the new version and compute its dose in whole vials; one transaction."""
    check_product(patient, regimen.product)
    target = float(regimen.basis_weight_kg) * float(regimen.dose_iu_per_kg)
    dose = prophylaxis.round_to_vials(target, regimen.product.vial_sizes)
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


def regimen_warnings(patient: Patient, regimen: ProphylaxisRegimen) -> list[Warning]:
    """Every warning about a regimen, each with its rule and the numbers behind it."""
    checks = (_weight_drift, _protocol_frequency, _protocol_dose)
    return [warning for check in checks if (warning := check(patient, regimen)) is not None]


def _weight_drift(patient: Patient, regimen: ProphylaxisRegimen) -> Warning | None:
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
    return Warning("weight_drift", text, {"latest_kg": latest, "basis_kg": basis})


def _protocol_frequency(patient: Patient, regimen: ProphylaxisRegimen) -> Warning | None:
    seed = prophylaxis.SEED_INFUSIONS_PER_WEEK[patient.hemophilia_type]
    per_week = len(regimen.weekdays)
    if per_week == seed:
        return None
    text = _(
        "%(n)s infusions a week; the program protocol gives hemophilia %(type)s %(seed)s a week."
    ) % {"n": per_week, "type": patient.hemophilia_type, "seed": seed}
    return Warning("seed_frequency", text, {"per_week": per_week, "protocol": seed})


def _protocol_dose(patient: Patient, regimen: ProphylaxisRegimen) -> Warning | None:
    low, high = prophylaxis.SEED_DOSE_RANGE
    dose = float(regimen.dose_iu_per_kg)
    if low <= dose <= high:
        return None
    text = _("%(dose)s IU/kg is outside the program protocol's %(low)s-%(high)s IU/kg.") % {
        "dose": regimen.dose_iu_per_kg,
        "low": f"{low:g}",
        "high": f"{high:g}",
    }
    return Warning("seed_dose", text, {"dose": dose})


def band_label(patient: Patient, regimen: ProphylaxisRegimen) -> str | None:
    return prophylaxis.regimen_band(
        patient.hemophilia_type,
        float(regimen.dose_iu_per_kg),
        len(regimen.weekdays),
        prophylaxis.load_bands(),
    )


def pk_for(patient: Patient, product: FactorProduct) -> tuple[FactorPK, str]:
    """The child's own PK estimate when there is one, else the product's defaults."""
    baseline = float(patient.baseline_factor_activity)
    estimate = PkEstimate.objects.filter(patient=patient).order_by("-estimated_on").first()
    if estimate is not None:
        source = _("the child's own estimate of %(day)s (%(source)s)") % {
            "day": estimate.estimated_on,
            "source": estimate.get_source_display(),
        }
        return FactorPK(float(estimate.half_life_h), float(estimate.recovery), baseline), source
    source = _("the defaults of %(product)s") % {"product": product.name}
    return FactorPK(float(product.half_life_h), float(product.recovery), baseline), source


def week_levels(patient: Patient, regimen: ProphylaxisRegimen):
    pk, source = pk_for(patient, regimen.product)
    points = prophylaxis.week_levels(
        pk, float(regimen.dose_iu_per_kg), regimen.weekdays, regimen.infusion_time
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
