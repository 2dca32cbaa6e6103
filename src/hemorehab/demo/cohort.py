"""The demo cohort: 59 synthetic children who reproduce the seed paper's results.

`load_cohort()` reads the committed data file (data/seed_cohort.json, written by the
repository's `python -m tools.demo.build_cohort`, whose header explains every interpretation)
and returns plain frozen dataclasses. The children carry no names or identifiers: only their
index 1-59.
Assessments are item-level answers, JSON-shaped exactly as the calculators' `*_record`
functions take them; totals are never stored, `outcome_values` computes them with
hemorehab.clinical. Pure: no Django, no database.

Bleeds are joint bleeds with a day offset from the program start (day 0): the 12 weeks before
are days -84..-1, the 12 program weeks days 0..83.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from hemorehab.clinical.cho_klat import score_cho_klat_record
from hemorehab.clinical.hjhs import score_hjhs_record
from hemorehab.clinical.severity import Severity, classify_severity
from hemorehab.clinical.ultrasound import builtin_definition, score_ultrasound_record

PROGRAM_DAYS = 84
BEFORE_WINDOW = (-PROGRAM_DAYS, 0)
"""Days [start, end) of "the 12 weeks before"; DURING_WINDOW is the program itself."""
DURING_WINDOW = (0, PROGRAM_DAYS)
SELF_REPORT_FROM_MONTHS = 144

MEASURES: Mapping[str, str] = {
    "head_us_c_total": "HEAD-US-C total",
    "hjhs_total": "HJHS 2.1 total",
    "hjhs_muscle_strength_atrophy": "HJHS muscle strength and atrophy",
    "hjhs_flexion_extension": "HJHS flexion and extension sum",
    "hjhs_crepitus": "HJHS crepitus",
    "hjhs_gait": "HJHS gait",
    "hjhs_swelling": "HJHS swelling",
    "cho_klat": "CHO-KLAT",
    "joint_bleeds": "Joint bleeds in 12 weeks",
}
"""Measure key -> the row label of the seed paper (and seed-study-results.json)."""

_HJHS_COMPONENTS = ("muscle_strength_atrophy", "flexion_extension", "crepitus", "gait", "swelling")


@dataclass(frozen=True)
class DemoBleed:
    """One joint bleed: day offset from the program start, joint site, cause."""

    day: int
    site: str
    cause: str

    @property
    def period(self) -> str:
        """ "before" (the 12 weeks before the program) or "during"."""
        return "before" if self.day < 0 else "during"


@dataclass(frozen=True)
class Assessment:
    """Item-level answers at one time point (treat the dicts as read-only)."""

    hjhs: dict[str, Any]
    head_us_c: dict[str, Any]
    cho_klat: dict[str, Any]


@dataclass(frozen=True)
class DemoChild:
    index: int
    sex: str
    age_months: int
    hemophilia_type: str
    factor_activity_iu_dl: float
    prior_regimen: str
    program_infusions_per_week: int
    program_dose_iu_per_kg: int
    affected_joints: tuple[str, ...]
    before: Assessment
    after: Assessment
    bleeds: tuple[DemoBleed, ...]
    adverse_events: tuple[dict[str, Any], ...]

    @property
    def severity(self) -> Severity:
        """Derived from the baseline factor activity (ISTH bands)."""
        return classify_severity(self.factor_activity_iu_dl)

    @property
    def joint_involvement(self) -> str:
        """As the paper groups cases: unilateral_ankle/knee/elbow or two_or_more."""
        if len(self.affected_joints) > 1:
            return "two_or_more"
        return "unilateral_" + self.affected_joints[0].split("_", 1)[1]

    @property
    def cho_klat_form(self) -> str:
        return str(self.before.cho_klat["form"])

    def bleed_count(self, period: str) -> int:
        """Joint bleeds "before" or "during"."""
        return sum(bleed.period == period for bleed in self.bleeds)


@dataclass(frozen=True)
class DemoCohort:
    description: str
    notes: tuple[str, ...]
    children: tuple[DemoChild, ...]


def load_cohort(path: str | Path | None = None) -> DemoCohort:
    """Read the committed cohort, or another file of the same shape."""
    if path is None:
        text = (
            resources.files("hemorehab.demo")
            .joinpath("data", "seed_cohort.json")
            .read_text(encoding="utf-8")
        )
    else:
        text = Path(path).read_text(encoding="utf-8")
    return parse_cohort(json.loads(text))


def parse_cohort(data: Mapping[str, Any]) -> DemoCohort:
    return DemoCohort(
        description=data["description"],
        notes=tuple(data["notes"]),
        children=tuple(_child(child) for child in data["children"]),
    )


def _child(raw: Mapping[str, Any]) -> DemoChild:
    assessments = raw["assessments"]
    return DemoChild(
        index=raw["index"],
        sex=raw["sex"],
        age_months=raw["age_months"],
        hemophilia_type=raw["hemophilia_type"],
        factor_activity_iu_dl=raw["factor_activity_iu_dl"],
        prior_regimen=raw["prior_regimen"],
        program_infusions_per_week=raw["program_infusions_per_week"],
        program_dose_iu_per_kg=raw["program_dose_iu_per_kg"],
        affected_joints=tuple(raw["affected_joints"]),
        before=Assessment(**assessments["before"]),
        after=Assessment(**assessments["after"]),
        bleeds=tuple(DemoBleed(**bleed) for bleed in raw["bleeds"]),
        adverse_events=tuple(raw["adverse_events"]),
    )


def scores(assessment: Assessment) -> dict[str, float]:
    """Every published measure of one assessment, computed by our calculators."""
    hjhs = score_hjhs_record(assessment.hjhs)
    ultrasound = score_ultrasound_record(builtin_definition("head-us-c"), assessment.head_us_c)
    quality = score_cho_klat_record(assessment.cho_klat).score
    if quality is None:
        raise ValueError("CHO-KLAT has too many missing items to score")
    out = {"head_us_c_total": float(ultrasound.total), "hjhs_total": float(hjhs.total)}
    for component in _HJHS_COMPONENTS:
        out[f"hjhs_{component}"] = float(hjhs.components[component])
    return out | {"cho_klat": quality}


def outcome_values(children: Iterable[DemoChild]) -> dict[str, tuple[list[float], list[float]]]:
    """measure key (see MEASURES) -> (before values, after values), one per child."""
    out: dict[str, tuple[list[float], list[float]]] = {key: ([], []) for key in MEASURES}
    for child in children:
        before, after = scores(child.before), scores(child.after)
        before["joint_bleeds"] = float(child.bleed_count("before"))
        after["joint_bleeds"] = float(child.bleed_count("during"))
        for key in MEASURES:
            out[key][0].append(before[key])
            out[key][1].append(after[key])
    return out


def bleed_reductions_by_regimen(children: Iterable[DemoChild]) -> dict[str, list[float]]:
    """Prior regimen -> joint bleeds before minus during, per child."""
    out: dict[str, list[float]] = {"prophylaxis": [], "on_demand": []}
    for child in children:
        reduction = child.bleed_count("before") - child.bleed_count("during")
        out[child.prior_regimen].append(float(reduction))
    return out
