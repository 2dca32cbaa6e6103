"""Prophylaxis arithmetic for the hematologist: doses in vials, weight drift, regimen bands,
and the estimated factor level over a week of infusions.

Sources: dose = weight x IU/kg (shared/domain/instruments.md section 5), rounded to whole vials
so that the delivered IU/kg stays within the prescribed range (s6a); the seed protocol's
prophylaxis during the program (hemophilia A three infusions a week, B two, 20-25 IU/kg;
shared/seed section 2.2); band labels from data/regimen_bands.yaml (WFH 2020 summary [K]),
replaceable by a center. The 10% weight-drift warning is a configurable setting of ours, not
a guideline number. Levels use the one-compartment model in `pk`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from hemorehab.clinical.datafiles import load_file, load_packaged
from hemorehab.clinical.errors import ClinicalInputError, check_number
from hemorehab.clinical.pk import Dose, FactorPK, level_at

SEED_DOSE_RANGE = (20.0, 25.0)  # IU/kg, seed protocol section 2.2
SEED_INFUSIONS_PER_WEEK = {"A": 3, "B": 2}
WEIGHT_DRIFT_WARNING = 0.10  # fraction; configurable per call


class ProphylaxisInputError(ClinicalInputError):
    """A dose, weight, vial size or schedule is impossible."""


VIAL_BAND_TOLERANCE = 0.10
"""Setting (our choice, not a guideline number): without a prescribed range, the delivered
dose may lie within 10% of the prescribed IU/kg after rounding to whole vials."""


@dataclass(frozen=True)
class VialDose:
    """The vials to give for a prescribed IU/kg, and what that delivers.

    `in_band` is False when no combination of the stocked vials delivers an IU/kg within the
    band: then the smallest total at or above the band's low end is chosen (never under the
    band), `below_iu` is the largest total under it, and the caller warns with the numbers.
    """

    target_iu: float
    total_iu: int
    vials: tuple[int, ...]
    weight_kg: float
    band: tuple[float, float]
    in_band: bool
    below_iu: int | None

    @property
    def difference_iu(self) -> float:
        return self.total_iu - self.target_iu

    @property
    def delivered_iu_per_kg(self) -> float:
        return self.total_iu / self.weight_kg

    @property
    def below_iu_per_kg(self) -> float | None:
        return None if self.below_iu is None else self.below_iu / self.weight_kg


def dose_band(
    iu_per_kg: float, low: float | None = None, high: float | None = None
) -> tuple[float, float]:
    """The prescribed range (low, high) in IU/kg; each end defaults to +/- the tolerance."""
    dose = check_number(iu_per_kg, "dose_iu_per_kg", positive=True, error=ProphylaxisInputError)
    band = (
        dose * (1 - VIAL_BAND_TOLERANCE) if low is None else float(low),
        dose * (1 + VIAL_BAND_TOLERANCE) if high is None else float(high),
    )
    if not band[0] <= dose <= band[1]:
        raise ProphylaxisInputError(
            "dose_iu_per_kg", f"{dose:g} IU/kg is outside its range {band[0]:g}-{band[1]:g}"
        )
    return band


def round_to_vials(
    weight_kg: float,
    iu_per_kg: float,
    vial_sizes: Sequence[int],
    band: tuple[float, float] | None = None,
) -> VialDose:
    """Whole vials whose delivered IU/kg lies within `band` (default: +/- 10% of the dose),
    nearest the prescribed dose (ties: fewer vials, then the larger total); when none does,
    the smallest total at or above the band (see VialDose). 17 kg x 22 IU/kg = 374 IU with
    250 and 500 IU vials: 250 IU would deliver 14.7 IU/kg, so 500 IU (29.4 IU/kg) is given
    and the caller warns."""
    weight = check_number(weight_kg, "weight_kg", positive=True, error=ProphylaxisInputError)
    low, high = band or dose_band(iu_per_kg)
    target = weight * check_number(
        iu_per_kg, "dose_iu_per_kg", positive=True, error=ProphylaxisInputError
    )
    sizes = sorted({int(v) for v in vial_sizes})
    if not sizes or sizes[0] <= 0:
        raise ProphylaxisInputError("vial_sizes", "give at least one vial size above 0 IU")
    best = _fewest_vials(sizes, int(weight * high) + sizes[-1])
    totals = sorted(t for t in best if t > 0)
    inside = [t for t in totals if low <= t / weight <= high]
    below = [t for t in totals if t / weight < low]
    if inside:
        total = min(inside, key=lambda t: (abs(t - target), len(best[t]), -t))
    else:
        total = min(t for t in totals if t / weight >= low)
    return VialDose(
        target_iu=target,
        total_iu=total,
        vials=tuple(sorted(best[total], reverse=True)),
        weight_kg=weight,
        band=(low, high),
        in_band=bool(inside),
        below_iu=max(below) if below else None,
    )


def _fewest_vials(sizes: list[int], limit: int) -> dict[int, tuple[int, ...]]:
    best: dict[int, tuple[int, ...]] = {0: ()}
    for total in range(1, limit + 1):
        options = [best[total - s] + (s,) for s in sizes if total - s in best]
        if options:
            best[total] = min(options, key=len)
    return best


@dataclass(frozen=True)
class WeightCheck:
    basis_kg: float
    latest_kg: float
    change: float  # fraction, signed
    warn: bool
    threshold: float


def check_weight_drift(
    basis_kg: float, latest_kg: float, threshold: float = WEIGHT_DRIFT_WARNING
) -> WeightCheck:
    """Warn when the latest weight differs from the dose's basis weight by more than threshold."""
    check_number(basis_kg, "basis_weight_kg", positive=True, error=ProphylaxisInputError)
    check_number(latest_kg, "latest_weight_kg", positive=True, error=ProphylaxisInputError)
    change = (latest_kg - basis_kg) / basis_kg
    return WeightCheck(basis_kg, latest_kg, change, abs(change) > threshold, threshold)


@dataclass(frozen=True)
class Band:
    label: str
    type: str
    dose_min: float
    dose_max: float
    per_week_min: float
    per_week_max: float


def load_bands(path: str | Path | None = None) -> tuple[Band, ...]:
    data = load_file(path) if path else load_packaged("data", "regimen_bands.yaml")
    try:
        return tuple(Band(**band) for band in data["bands"])  # type: ignore[index]
    except (KeyError, TypeError) as exc:
        raise ProphylaxisInputError("bands", f"malformed band file: {exc}") from exc


def regimen_band(
    hemophilia_type: str, dose_iu_per_kg: float, per_week: float, bands: Iterable[Band]
) -> str | None:
    """The first band the regimen falls in, or None when it fits none."""
    for band in bands:
        if (
            band.type == hemophilia_type
            and band.dose_min <= dose_iu_per_kg <= band.dose_max
            and band.per_week_min <= per_week <= band.per_week_max
        ):
            return band.label
    return None


def weekly_infusion_hours(weekdays: Iterable[int], at: datetime.time) -> list[float]:
    """Hours from Monday 00:00 of the infusions of a weekly schedule (weekday 0 = Monday)."""
    days = sorted(set(weekdays))
    if not days or days[0] < 0 or days[-1] > 6:
        raise ProphylaxisInputError("weekdays", "give weekdays 0 (Monday) to 6 (Sunday)")
    return [d * 24 + at.hour + at.minute / 60 for d in days]


def week_levels(
    pk: FactorPK,
    dose_iu_per_kg: float,
    weekdays: Iterable[int],
    at: datetime.time,
    step_h: float = 1.0,
    warmup_weeks: int = 4,
) -> list[tuple[float, float]]:
    """(hour of week, estimated level) over one week at steady state: the same schedule is
    repeated for `warmup_weeks` weeks before so the week starts from the carried-over level."""
    check_number(dose_iu_per_kg, "dose_iu_per_kg", positive=True, error=ProphylaxisInputError)
    hours = weekly_infusion_hours(weekdays, at)
    doses = [
        Dose(time_h=h + 168 * week, iu_per_kg=dose_iu_per_kg)
        for week in range(-warmup_weeks, 1)
        for h in hours
    ]
    points = []
    t = 0.0
    while t <= 168:
        points.append((t, level_at(pk, doses, t)))
        t += step_h
    return points
