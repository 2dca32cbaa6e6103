"""One-compartment factor activity model for prophylaxis decision support.

Model: shared/domain/instruments.md section 5, checked against Poon MC, Lee A. Individualized
prophylaxis for optimizing hemophilia care: can we apply pharmacokinetics to dose
prophylaxis? Thromb J 2016;14(Suppl 1):32, figure 2.

  k = ln 2 / t_half
  level(t) = baseline + sum over doses given at t_i <= t of IVR * D_i * exp(-k (t - t_i))
  steady-state trough for D every tau = baseline + IVR * D * e^(-k tau) / (1 - e^(-k tau))
  time from a peak P above baseline down to L = ln(P / (L - baseline)) / k

Units: time in hours, dose in IU/kg, IVR in IU/dL per IU/kg, levels in IU/dL.
This is an approximation: population PK services (WAPPS-Hemo) use richer models, and their
individual estimates should replace the defaults. Out of scope: emicizumab and other
non-factor therapies, whose effect is not a factor activity level; and EHL assay
discrepancies (one-stage vs chromogenic).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from hemorehab.clinical.datafiles import load_packaged
from hemorehab.clinical.errors import ClinicalInputError, check_number


class PKInputError(ClinicalInputError):
    """A PK parameter or dose is missing, negative or not a finite number."""


@dataclass(frozen=True)
class FactorPK:
    """Patient PK parameters: half-life (h), IVR (IU/dL per IU/kg), endogenous baseline."""

    half_life_h: float
    ivr: float
    baseline_iu_dl: float = 0.0

    def __post_init__(self) -> None:
        check_number(self.half_life_h, "half_life_h", positive=True, error=PKInputError)
        check_number(self.ivr, "ivr", positive=True, error=PKInputError)
        check_number(self.baseline_iu_dl, "baseline_iu_dl", minimum=0, error=PKInputError)

    @property
    def k(self) -> float:
        """Elimination rate constant per hour."""
        return math.log(2) / self.half_life_h


@dataclass(frozen=True)
class Dose:
    """A dose of `iu_per_kg` given at `time_h` hours (on the caller's time axis)."""

    time_h: float
    iu_per_kg: float

    def __post_init__(self) -> None:
        check_number(self.time_h, "time_h", error=PKInputError)
        check_number(self.iu_per_kg, "iu_per_kg", minimum=0, error=PKInputError)


@dataclass(frozen=True)
class ProductDefaults:
    """Typical parameters of a product class, with where they came from."""

    name: str
    factor: str
    population: str
    ivr: float
    half_life_h: float
    provenance: str
    confidence: str
    source_en: str = ""
    source_zh: str = ""
    """A short name of the source and its confidence, for a page (English, Chinese)."""

    def pk(self, baseline_iu_dl: float = 0.0) -> FactorPK:
        return FactorPK(self.half_life_h, self.ivr, baseline_iu_dl)


@cache
def product_defaults() -> dict[str, ProductDefaults]:
    """Default product parameters from data/factor_products.yaml (read once)."""
    data = load_packaged("data", "factor_products.yaml")
    assert isinstance(data, dict)
    return {name: ProductDefaults(name=name, **fields) for name, fields in data.items()}


def pediatric_defaults(factor: str) -> ProductDefaults:
    """The pediatric default parameters for factor "VIII" or "IX" (data/factor_products.yaml):
    what the platform assumes for a child without an individual PK estimate."""
    for defaults in product_defaults().values():
        if defaults.factor == factor and defaults.population == "pediatric":
            return defaults
    raise PKInputError("factor", f"{factor!r} has no pediatric defaults; known: VIII, IX")


def level_at(pk: FactorPK, doses: Iterable[Dose], t_h: float) -> float:
    """Factor activity (IU/dL) at t_h; a dose given exactly at t_h is included (the peak)."""
    t = check_number(t_h, "t_h", error=PKInputError)
    k = pk.k
    above = sum(
        pk.ivr * dose.iu_per_kg * math.exp(-k * (t - dose.time_h))
        for dose in doses
        if dose.time_h <= t
    )
    return pk.baseline_iu_dl + above


def steady_state_trough(pk: FactorPK, iu_per_kg: float, interval_h: float) -> float:
    """Trough (IU/dL) just before a dose at steady state for `iu_per_kg` every `interval_h`."""
    dose = check_number(iu_per_kg, "iu_per_kg", minimum=0, error=PKInputError)
    tau = check_number(interval_h, "interval_h", positive=True, error=PKInputError)
    decay = math.exp(-pk.k * tau)
    return pk.baseline_iu_dl + pk.ivr * dose * decay / (1 - decay)


def steady_state_peak(pk: FactorPK, iu_per_kg: float, interval_h: float) -> float:
    """Peak (IU/dL) just after a dose at steady state."""
    trough = steady_state_trough(pk, iu_per_kg, interval_h)
    return trough + pk.ivr * iu_per_kg


def time_to_threshold(pk: FactorPK, peak_above_baseline: float, threshold: float) -> float:
    """Hours from a peak P (IU/dL above baseline) until the level falls to `threshold`.

    0 when the peak is already at or below the threshold; math.inf when the baseline alone
    keeps the level above it.
    """
    peak = check_number(peak_above_baseline, "peak_above_baseline", minimum=0, error=PKInputError)
    level = check_number(threshold, "threshold", minimum=0, error=PKInputError)
    margin = level - pk.baseline_iu_dl
    if margin <= 0:
        return math.inf
    if peak <= margin:
        return 0.0
    return math.log(peak / margin) / pk.k


def time_above(
    pk: FactorPK, doses: Sequence[Dose], threshold: float, start_h: float, end_h: float
) -> float:
    """Hours within [start_h, end_h] during which the level is above `threshold`.

    Exact: between doses the level is baseline + C * exp(-k t), so each stretch has at most
    one crossing.
    """
    level = check_number(threshold, "threshold", minimum=0, error=PKInputError)
    start = check_number(start_h, "start_h", error=PKInputError)
    end = check_number(end_h, "end_h", error=PKInputError)
    if end < start:
        raise PKInputError("end_h", f"{end:g} is before start_h {start:g}")
    cuts = sorted({start, end, *(d.time_h for d in doses if start < d.time_h < end)})
    total = 0.0
    for left, right in pairwise(cuts):
        above_baseline = level_at(pk, doses, left) - pk.baseline_iu_dl
        total += min(right - left, time_to_threshold(pk, above_baseline, level))
    return total


def dose_for_rise(weight_kg: float, rise_iu_dl: float, ivr: float) -> float:
    """Dose in IU for a desired rise: weight x rise / IVR (e.g. 20 kg x 50 / 2 = 500 IU)."""
    weight = check_number(weight_kg, "weight_kg", positive=True, error=PKInputError)
    rise = check_number(rise_iu_dl, "rise_iu_dl", minimum=0, error=PKInputError)
    recovery = check_number(ivr, "ivr", positive=True, error=PKInputError)
    return weight * rise / recovery
