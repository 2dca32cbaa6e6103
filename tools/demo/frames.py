"""Synthetic analysis datasets shaped like the seed study, for tests and benchmarks (never
shipped): `demo_frame` (one row per child, the dataset's columns) and the figures' long inputs
(`demo_joint_items`, `demo_bleed_weeks`). Deterministic for a seed; not real data: scores
improve by construction."""

from __future__ import annotations

import numpy as np
import pandas as pd

from hemorehab.clinical import hjhs
from hemorehab.stats.report.dataset import (
    COLUMNS,
    MEASURES,
    QUALITY_FLAGS,
    STATUS,
    STUDY_ID,
    after,
    before,
)
from hemorehab.stats.report.long_data import BLEED_WEEK_COLUMNS, JOINT_ITEM_COLUMNS, JOINTS


def demo_frame(n: int = 59, seed: int = 0, missing_rate: float = 0.03) -> pd.DataFrame:
    """A random analysis dataset shaped like the seed study (for tests, demos, benchmarks).

    Deterministic for a seed. The last two children are withdrawn (no after-values); other
    measures are missing at `missing_rate`. Not real data: scores improve by construction.
    """
    rng = np.random.default_rng(seed)
    prior = rng.choice(["prophylaxis", "on_demand"], n, p=[0.73, 0.27])
    kind = rng.choice(["A", "B"], n, p=[0.88, 0.12])
    frame = pd.DataFrame(
        {
            STUDY_ID: [f"HR-{i + 1:03d}" for i in range(n)],
            "center": rng.choice(["C01", "C02"], n, p=[0.8, 0.2]),
            "age_months": rng.integers(48, 216, n),
            "hemophilia_type": kind,
            "severity": rng.choice(["severe", "moderate", "mild"], n, p=[0.7, 0.25, 0.05]),
            "prior_regimen": prior,
            "affected_joints": rng.choice([1, 2, 3], n, p=[0.63, 0.25, 0.12]),
            "infusions_per_week_before": np.where(
                prior == "prophylaxis", rng.choice([1.0, 2.0, 3.0], n), np.nan
            ),
            "infusions_per_week_during": np.where(kind == "A", 3.0, 2.0),
            "prophylaxis_changed": (prior == "on_demand") | (rng.random(n) < 0.1),
            "adherence": np.where(rng.random(n) < 0.1, np.nan, rng.beta(8, 2, n).round(2)),
            "adverse_events_related": rng.choice([0.0] * 8 + [1.0, np.nan], n),
            STATUS: ["completed"] * max(n - 2, 0) + ["withdrawn"] * min(n, 2),
        }
    )
    frame["cho_klat_form"] = np.where(frame["age_months"] >= 144, "child", "parent")
    for flag in QUALITY_FLAGS:
        frame[flag] = False
    frame = pd.concat([frame, _demo_measures(rng, n)], axis=1)
    measures = [c for m in MEASURES for c in (before(m), after(m))]
    holes = rng.random((n, len(measures))) < missing_rate
    frame[measures] = frame[measures].mask(holes)
    frame.loc[frame[STATUS] == "withdrawn", [after(m) for m in MEASURES]] = np.nan
    return frame[list(COLUMNS)]


def _improved(rng: np.random.Generator, start: np.ndarray, share: float) -> np.ndarray:
    return start - rng.binomial(start.astype(np.int64), share)


def _demo_measures(rng: np.random.Generator, n: int) -> pd.DataFrame:
    parts: dict[str, np.ndarray] = {}
    for name, mean in (("muscle_strength_atrophy", 2.5), ("flexion_extension", 2.0)):
        parts[name] = rng.poisson(mean, n).astype(float)
    for name, mean in (("crepitus", 1.0), ("gait", 1.8), ("swelling", 1.7), ("pain", 0.8)):
        parts[name] = np.minimum(rng.poisson(mean, n), 4).astype(float)
    out: dict[str, np.ndarray] = {}
    totals_before = np.zeros(n)
    totals_after = np.zeros(n)
    for name, start in parts.items():
        end = _improved(rng, start, 0.6)
        totals_before, totals_after = totals_before + start, totals_after + end
        if name != "pain":
            out[before(f"hjhs_{name}")], out[after(f"hjhs_{name}")] = start, end
    out[before("hjhs_total")], out[after("hjhs_total")] = totals_before, totals_after
    us = rng.poisson(5.0, n).astype(float)
    out[before("head_us_c_total")], out[after("head_us_c_total")] = us, _improved(rng, us, 0.7)
    qol = np.clip(rng.normal(70, 10, n), 20, 95).round(2)
    out[before("cho_klat")] = qol
    out[after("cho_klat")] = np.clip(qol + rng.gamma(4, 2, n), 0, 100).round(2)
    bleeds = rng.poisson(3.0, n).astype(float)
    out[before("joint_bleeds_12w")] = bleeds
    out[after("joint_bleeds_12w")] = rng.binomial(bleeds.astype(np.int64), 0.15).astype(float)
    return pd.DataFrame(out)


def demo_joint_items(frame: pd.DataFrame, seed: int = 0) -> pd.DataFrame:
    """Random item scores for the children of `frame` (improving from T0 to T12)."""
    rng = np.random.default_rng(seed)
    rows = []
    for child in frame[STUDY_ID]:
        for joint in JOINTS:
            for item, high in hjhs.ITEMS.items():
                start = int(rng.binomial(high, 0.25))
                end = start - int(rng.binomial(start, 0.6))
                rows += [
                    (child, joint, item, "T0", float(start)),
                    (child, joint, item, "T12", float(end)),
                ]
    return pd.DataFrame(rows, columns=list(JOINT_ITEM_COLUMNS))


def demo_bleed_weeks(frame: pd.DataFrame, seed: int = 0) -> pd.DataFrame:
    """One row per joint bleed, spread over the weeks from the 12-week counts of `frame`."""
    rng = np.random.default_rng(seed)
    rows = []
    counts = zip(
        frame[STUDY_ID],
        frame[before("joint_bleeds_12w")].fillna(0),
        frame[after("joint_bleeds_12w")].fillna(0),
        strict=True,
    )
    for child, n_before, n_after in counts:
        rows += [(child, int(w)) for w in rng.integers(-12, 0, int(n_before))]
        rows += [(child, int(w)) for w in rng.integers(1, 13, int(n_after))]
    return pd.DataFrame(rows, columns=list(BLEED_WEEK_COLUMNS))
