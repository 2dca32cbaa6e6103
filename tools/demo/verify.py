"""Check generated data against the published figures with the project's own calculators
and statistics (hemorehab.clinical, hemorehab.stats), not the search's fast ones."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from hemorehab.demo.cohort import bleed_reductions_by_regimen, outcome_values, parse_cohort
from hemorehab.stats.descriptives import describe
from hemorehab.stats.groups import mann_whitney
from hemorehab.stats.signed_rank import wilcoxon_signed_rank
from tools.demo.cho_klat_scores import nearest_score
from tools.demo.facts import (
    BLEED_REDUCTION_MEDIAN,
    BLEED_REDUCTION_P,
    BLEEDS,
    CHO_KLAT,
    HEAD_US_C,
    HJHS_TARGETS,
    HJHS_TOTAL,
    Quartiles,
    Target,
)


def expected_figures() -> dict[str, Target]:
    """What `verify` demands: the published figures, CHO-KLAT at the nearest grid scores."""
    cho_klat_target = Target(_nearest(CHO_KLAT.before), _nearest(CHO_KLAT.after), CHO_KLAT.z)
    return {
        "head_us_c_total": HEAD_US_C,
        "hjhs_total": HJHS_TOTAL,
        **{f"hjhs_{name}": target for name, target in HJHS_TARGETS.items()},
        "cho_klat": cho_klat_target,
        "joint_bleeds": BLEEDS,
    }


def _nearest(quartiles: Quartiles) -> Quartiles:
    q1, q2, q3 = (nearest_score(q).score for q in quartiles)
    return q1, q2, q3


def verify(data: dict[str, Any]) -> None:
    """Score and analyse the data with the project's code; AssertionError if a figure is off."""
    children = parse_cohort(data).children
    values = outcome_values(children)
    for key, target in expected_figures().items():
        before, after = (np.asarray(v) for v in values[key])
        _check_quartiles(key, before, target.before)
        _check_quartiles(key, after, target.after)
        z = wilcoxon_signed_rank(before, after).z
        if round(z, 3) != target.z:
            raise AssertionError(f"{key}: Z = {z}, published {target.z}")
    groups = {k: np.asarray(v) for k, v in bleed_reductions_by_regimen(children).items()}
    medians = [describe(g).median for g in groups.values()]
    p = mann_whitney(groups["prophylaxis"], groups["on_demand"]).p
    if medians != [BLEED_REDUCTION_MEDIAN] * 2 or round(p, 3) != BLEED_REDUCTION_P:
        raise AssertionError(f"bleed reduction by regimen: medians {medians}, P = {p}")


def _check_quartiles(key: str, values: np.ndarray, want: Quartiles) -> None:
    got = describe(values)
    if not all(math.isclose(g, w) for g, w in zip((got.q1, got.median, got.q3), want, strict=True)):
        raise AssertionError(f"{key}: Q1, median, Q3 = {got.q1, got.median, got.q3}, want {want}")
