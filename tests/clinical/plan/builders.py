"""Builders for plan-engine tests: findings, the three archetypes, bleeds."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hemorehab.clinical.bleeds import BleedEvent
from hemorehab.clinical.plan import DraftInput, Findings, derive_problems
from hemorehab.clinical.ultrasound import builtin_definition
from tests.clinical.builders import hjhs_joints

AS_OF = datetime(2025, 3, 10, 9, 0, tzinfo=UTC)  # a Monday
US_ITEMS = tuple(builtin_definition("head-us-c").items)


def us_joint(**levels: int) -> dict[str, object]:
    """One HEAD-US-C joint with every item 0 except those given."""
    return {item: levels.get(item, 0) for item in US_ITEMS}


def findings(
    hjhs: dict[str, dict[str, object]] | None = None,
    gait: object = 0,
    ultrasound: dict[str, dict[str, object]] | None = None,
) -> Findings:
    joints = hjhs_joints(0)
    for joint, items in (hjhs or {}).items():
        joints[joint].update(items)
    return Findings(joints, gait, ultrasound or {})


def archetype_a(**extra: object) -> DraftInput:
    """Age 6, left-ankle synovitis grade 2, HJHS left ankle swelling 2 and strength 2, gait 2."""
    found = findings(
        {"left_ankle": {"swelling": 2, "strength": 2}},
        gait=2,
        ultrasound={"left_ankle": us_joint(synovial_hyperplasia=2)},
    )
    return DraftInput(derive_problems(found), 6, "A", **extra)  # type: ignore[arg-type]


def archetype_b(**extra: object) -> DraftInput:
    """Age 14, right knee flexion contracture: extension_loss 2, flexion_loss 1."""
    found = findings({"right_knee": {"extension_loss": 2, "flexion_loss": 1}})
    return DraftInput(derive_problems(found), 14, "A", **extra)  # type: ignore[arg-type]


def archetype_c(**extra: object) -> DraftInput:
    """Age 9, both elbows: swelling 1, flexion_loss 1, strength 1."""
    elbow = {"swelling": 1, "flexion_loss": 1, "strength": 1}
    found = findings({"left_elbow": dict(elbow), "right_elbow": dict(elbow)})
    return DraftInput(derive_problems(found), 9, "B", **extra)  # type: ignore[arg-type]


def joint_bleed(joint: str, hours_ago: float) -> BleedEvent:
    return BleedEvent(AS_OF - timedelta(hours=hours_ago), "joint", joint, "spontaneous")  # type: ignore[arg-type]


def muscle_bleed(site: str, hours_ago: float) -> BleedEvent:
    return BleedEvent(AS_OF - timedelta(hours=hours_ago), "muscle", site, "spontaneous")  # type: ignore[arg-type]


def psoas_bleed(hours_ago: float = 24, side: str = "left") -> BleedEvent:
    return muscle_bleed(f"{side}_iliopsoas", hours_ago)
