"""Prophylaxis arithmetic for the hematologist: doses in vials, weight drift, regimen bands,
and the estimated factor level over a week of infusions.

Sources: dose = weight x IU/kg (shared/domain/instruments.md section 5); the seed protocol's
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


@dataclass(frozen=True)
class VialDose:
    """The vials to give for a target dose, and how far the total is from the target."""

    target_iu: float
    total_iu: int
    vials: tuple[int, ...]

    @property
    def difference_iu(self) -> float:
        return self.total_iu - self.target_iu


def round_to_vials(target_iu: float, vial_sizes: Sequence[int]) -> VialDose:
    """The combination of whole vials whose total is nearest the target (ties: the larger),
    using as few vials as possible among equal totals."""
    check_number(target_iu, "dose_iu", positive=True, error=ProphylaxisInputError)
    sizes = sorted({int(v) for v in vial_sizes})
    if not sizes or sizes[0] <= 0:
        raise ProphylaxisInputError("vial_sizes", "give at least one vial size above 0 IU")
    limit = int(target_iu) + sizes[-1]
    best: dict[int, tuple[int, ...]] = {0: ()}
    for total in range(1, limit + 1):
        options = [best[total - s] + (s,) for s in sizes if total - s in best]
        if options:
            best[total] = min(options, key=len)
    reachable = [t for t in best if t > 0]
    total = min(reachable, key=lambda t: (abs(t - target_iu), -t))
    return VialDose(target_iu, total, tuple(sorted(best[total], reverse=True)))


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
