"""The 100 children of the clinical review of the plan engine (issue 8, second review), as the
reviewer ran them through `hemorehab plan draft` (tests/data/plan_review_cases.json: the
review's input files with each HJHS kept to its non-zero items; `hjhs_child` restores the
zeros). Each case is named as in the review (f4_hard_ankle_pain, site_calf_2, ...)."""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

from hemorehab.clinical.plan import PlanSettings, draft_plan
from hemorehab.clinical.plan.child_json import parse_child
from hemorehab.clinical.plan.draft import PlanDraft

CASES = Path(__file__).resolve().parents[2] / "data" / "plan_review_cases.json"
HJHS_JOINTS = ("left_elbow", "right_elbow", "left_knee", "right_knee", "left_ankle", "right_ankle")
HJHS_ITEMS = (
    "swelling",
    "swelling_duration",
    "muscle_atrophy",
    "crepitus",
    "flexion_loss",
    "extension_loss",
    "joint_pain",
    "strength",
)


@cache
def _cases() -> dict[str, Any]:
    return json.loads(CASES.read_text(encoding="utf-8"))


def names() -> tuple[str, ...]:
    return tuple(_cases())


def review_child(name: str) -> dict[str, Any]:
    """The review's input child `name`, as the command line reads it."""
    child = copy.deepcopy(_cases()[name])
    hjhs = child.get("hjhs")
    if hjhs is not None and hjhs.pop("_zeros", False):
        hjhs["joints"] = {
            joint: {item: hjhs["joints"].get(joint, {}).get(item, 0) for item in HJHS_ITEMS}
            for joint in HJHS_JOINTS
        }
    return child


def review_draft(name: str, settings: PlanSettings | None = None) -> PlanDraft:
    """The draft of the review's child `name`, through the command line's input reader."""
    config = settings or PlanSettings()
    return draft_plan(parse_child(review_child(name), config), config)
