"""Adjusted models: change (after - before) of each outcome on age, baseline, prior regimen,
prophylaxis change and adherence, OLS with HC3 robust standard errors
(`hemorehab.stats.models.change_model`).

A covariate is left out of a model, and the model says why, when among the children with
both outcome values it is missing for all, does not vary, or is a linear combination of the
covariates before it (checked in the order of COVARIATES, by the rank of the design matrix).
Children missing a kept covariate (e.g. adherence not recorded) drop out of that model and
are counted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from hemorehab.stats._util import num
from hemorehab.stats.errors import InsufficientDataError
from hemorehab.stats.formatting import format_p
from hemorehab.stats.models import ModelResult, change_model
from hemorehab.stats.report.dataset import MEASURES, after, before

COVARIATES: tuple[str, ...] = (
    "age_years",
    "baseline",
    "prior_prophylaxis",
    "prophylaxis_changed",
    "adherence_10pct",
)
"""Model terms: age in years (months / 12), the outcome's baseline value, 1 = prophylaxis
before the program (0 = on demand), 1 = prophylaxis changed, adherence per 10 points."""


@dataclass(frozen=True)
class DroppedCovariate:
    name: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"name": self.name, "reason": self.reason}


@dataclass(frozen=True)
class AdjustedModel:
    measure: str
    covariates: tuple[str, ...]
    dropped: tuple[DroppedCovariate, ...]
    result: ModelResult | None
    notes: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        fit = self.result
        coefficients = (
            [c.to_dict() | {"p_text": format_p(c.p)} for c in fit.coefficients] if fit else []
        )
        return {
            "measure": self.measure,
            "outcome": f"{after(self.measure)} - {before(self.measure)}",
            "fitted": fit is not None,
            "covariates": list(self.covariates),
            "dropped": [d.to_dict() for d in self.dropped],
            "n": fit.n if fit else None,
            "n_dropped": fit.n_dropped if fit else None,
            "r_squared": num(fit.r_squared) if fit else None,
            "covariance": fit.covariance if fit else None,
            "method": fit.method if fit else None,
            "formula": fit.formula if fit else None,
            "coefficients": coefficients,
            "notes": list(self.notes),
        }


def model_frame(frame: pd.DataFrame, measure: str) -> pd.DataFrame:
    """Outcome pair and the covariates as numbers, for the children with both values."""
    data = pd.DataFrame(
        {
            before(measure): frame[before(measure)],
            after(measure): frame[after(measure)],
            "age_years": frame["age_months"] / 12.0,
            "baseline": frame[before(measure)],
            "prior_prophylaxis": (frame["prior_regimen"] == "prophylaxis").astype(float),
            "prophylaxis_changed": frame["prophylaxis_changed"].astype(float),
            "adherence_10pct": frame["adherence"] * 10.0,
        }
    )
    return data.dropna(subset=[before(measure), after(measure)]).reset_index(drop=True)


def select_covariates(data: pd.DataFrame) -> tuple[list[str], list[DroppedCovariate]]:
    """Covariates that are recorded, vary and add rank, in COVARIATES order."""
    recorded = [c for c in COVARIATES if data[c].notna().any()]
    dropped = [
        DroppedCovariate(c, "not recorded for any child with both outcome values")
        for c in COVARIATES
        if c not in recorded
    ]
    rows = data.dropna(subset=recorded)
    kept: list[str] = []
    design = np.ones((len(rows), 1))
    for name in recorded:
        column = rows[name].to_numpy(dtype=np.float64)
        if np.unique(column).size <= 1:
            dropped.append(DroppedCovariate(name, "no variation among the children analysed"))
            continue
        candidate = np.column_stack([design, column])
        if np.linalg.matrix_rank(candidate) <= np.linalg.matrix_rank(design):
            others = ", ".join(["intercept", *kept])
            dropped.append(DroppedCovariate(name, f"collinear with {others}"))
            continue
        kept.append(name)
        design = candidate
    return kept, dropped


def _check_rows(data: pd.DataFrame, kept: list[str]) -> None:
    """Refuse before statsmodels does: it raises a bare ValueError on zero rows."""
    n, needed = len(data.dropna(subset=kept)), len(kept) + 3
    if n < needed:
        raise InsufficientDataError(
            f"model with {len(kept) + 1} parameters needs at least {needed} complete rows; got {n}"
        )


def adjusted_model(frame: pd.DataFrame, measure: str) -> AdjustedModel:
    data = model_frame(frame, measure)
    kept, dropped = select_covariates(data)
    notes = [f"covariate {d.name} left out: {d.reason}" for d in dropped]
    try:
        _check_rows(data, kept)
        result = change_model(data, before(measure), after(measure), kept)
    except InsufficientDataError as error:
        return AdjustedModel(measure, tuple(kept), tuple(dropped), None, (*notes, str(error)))
    notes += result.notes
    if result.n_dropped:
        notes.append(f"{result.n_dropped} child(ren) missing a covariate left out of the model")
    return AdjustedModel(measure, tuple(kept), tuple(dropped), result, tuple(notes))


def adjusted_models(frame: pd.DataFrame) -> tuple[AdjustedModel, ...]:
    """One change model per Table 1 measure."""
    return tuple(adjusted_model(frame, m) for m in MEASURES)
