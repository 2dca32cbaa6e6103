"""Contraindication rules: may this child do this exercise on this side today?

One function, `contraindications`, answers for the draft (which excludes), the safety layer
(which pauses) and the edit validation (which refuses), so the three can never disagree.
Each rule returns an Explanation with the numbers that triggered it; see explain.RULES for
the sources. The child's state is a ChildContext built once by `build_context`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType

from hemorehab.clinical.bleeds import Bleed, SiteKind
from hemorehab.clinical.exercises import Exercise, loaded_joints
from hemorehab.clinical.exercises.vocabulary import JOINTS
from hemorehab.clinical.plan.errors import PlanInputError, check_int
from hemorehab.clinical.plan.explain import Explanation, explain
from hemorehab.clinical.plan.problems import ProblemList
from hemorehab.clinical.plan.settings import PlanSettings

_GUARDED_FLAGS = ("impact", "proprioceptive", "resisted")


@dataclass(frozen=True)
class ChildContext:
    """What the rules need to know about the child, all derived from plan inputs."""

    age: int
    swelling: Mapping[str, int] = field(default_factory=dict)
    synovitis: Mapping[str, tuple[str, int]] = field(default_factory=dict)
    bleed_hours: Mapping[str, float] = field(default_factory=dict)
    psoas_active: bool = False
    hard_end_feel: frozenset[str] = frozenset()
    return_phases: Mapping[str, int] = field(default_factory=dict)
    settings: PlanSettings = field(default_factory=PlanSettings)


def build_context(
    problems: ProblemList,
    age: int,
    *,
    bleeds: Iterable[Bleed] = (),
    as_of: datetime | None = None,
    psoas_cleared: bool = False,
    active_synovitis: Mapping[str, int] | None = None,
    hard_end_feel: Iterable[str] = (),
    return_phases: Mapping[str, int] | None = None,
    settings: PlanSettings | None = None,
) -> ChildContext:
    """Collect swelling and synovitis from the problem list, recent bleeds as of `as_of`.

    `active_synovitis` adds joints (joint -> grade) the clinician marked active beyond the scan.
    A joint bleed counts while its onset is within `safety.bleed_pause_hours` before `as_of`;
    any iliopsoas bleed in `bleeds`, however old, blocks lower-limb loading until
    `psoas_cleared` (a physician's clearance) is True: pass the bleeds not yet closed.
    """
    config = settings or PlanSettings()
    age_years = check_int(age, "age", 0, 25)
    _check_joints(hard_end_feel, "hard_end_feel")
    phases = dict(return_phases or {})
    _check_joints(phases, "return_phases")
    for joint, phase in phases.items():
        check_int(phase, f"return_phases.{joint}", 1, 4)
    bleed_list = tuple(bleeds)
    return ChildContext(
        age=age_years,
        swelling=MappingProxyType(_swelling(problems)),
        synovitis=MappingProxyType(_synovitis(problems, active_synovitis or {})),
        bleed_hours=MappingProxyType(_recent_joint_bleeds(bleed_list, as_of, config)),
        psoas_active=_psoas(bleed_list, config) and not psoas_cleared,
        hard_end_feel=frozenset(hard_end_feel),
        return_phases=MappingProxyType(phases),
        settings=config,
    )


def contraindications(
    exercise: Exercise, side: str | None, ctx: ChildContext
) -> tuple[Explanation, ...]:
    """Every rule that forbids `exercise` on `side` for this child (empty = allowed)."""
    reasons: list[Explanation] = []
    if exercise.min_age > ctx.age:
        reasons.append(
            explain("CI-MIN-AGE", exercise=exercise.id, min_age=exercise.min_age, age=ctx.age)
        )
    joints = loaded_joints(exercise, side)
    listed = set(exercise.contraindications)
    for joint in joints:
        reasons += _joint_rules(exercise, joint, listed, ctx)
    if "psoas_bleed" in listed and ctx.psoas_active and exercise.loads_lower_limb:
        reasons.append(explain("CI-PSOAS", exercise=exercise.id, psoas_bleed=True, cleared=False))
    return tuple(reasons)


def _joint_rules(
    exercise: Exercise, joint: str, listed: set[str], ctx: ChildContext
) -> list[Explanation]:
    reasons: list[Explanation] = []
    window = ctx.settings.safety.bleed_pause_hours
    if "joint_bleed_within_72h" in listed and joint in ctx.bleed_hours:
        hours = round(ctx.bleed_hours[joint], 1)
        reasons.append(
            explain("CI-BLEED", exercise=exercise.id, joint=joint, hours=hours, window_h=window)
        )
    flags = ", ".join(f for f in _GUARDED_FLAGS if exercise.has(f))
    if flags and "active_synovitis" in listed and joint in ctx.synovitis:
        item, value = ctx.synovitis[joint]
        threshold = ctx.settings.thresholds.ultrasound_synovitis
        reasons.append(
            explain(
                "CI-SYNOVITIS",
                exercise=exercise.id,
                flags=flags,
                joint=joint,
                item=item,
                value=value,
                threshold=threshold,
            )
        )
    if flags and "joint_swelling" in listed and joint in ctx.swelling:
        threshold = ctx.settings.thresholds.hjhs["swelling"]
        reasons.append(
            explain(
                "CI-SWELLING",
                exercise=exercise.id,
                flags=flags,
                joint=joint,
                value=ctx.swelling[joint],
                threshold=threshold,
            )
        )
    if "hard_end_feel" in listed and joint in ctx.hard_end_feel:
        reasons.append(
            explain(
                "CI-HARD-END-FEEL", exercise=exercise.id, category=exercise.category, joint=joint
            )
        )
    phase = ctx.return_phases.get(joint)
    if phase is not None and not _allowed_in_phase(exercise, phase, ctx):
        reasons.append(
            explain(
                "CI-RETURN-PHASE",
                exercise=exercise.id,
                category=exercise.category,
                joint=joint,
                phase=phase,
            )
        )
    return reasons


def _allowed_in_phase(exercise: Exercise, phase: int, ctx: ChildContext) -> bool:
    if exercise.has("impact") and phase < 4:
        return False
    return exercise.category in ctx.settings.safety.phase_categories.get(phase, frozenset())


def _swelling(problems: ProblemList) -> dict[str, int]:
    return {p.joint: p.severity for p in problems.problems if p.name == "swelling" and p.joint}


def _synovitis(problems: ProblemList, extra: Mapping[str, int]) -> dict[str, tuple[str, int]]:
    found: dict[str, tuple[str, int]] = {}
    for problem in problems.problems:
        if problem.name == "synovitis" and problem.joint:
            top = max(problem.evidence, key=lambda e: e.value)
            found[problem.joint] = (top.item, top.value)
    _check_joints(extra, "active_synovitis")
    for joint, grade in extra.items():
        level = check_int(grade, f"active_synovitis.{joint}", 1, 4)
        if joint not in found or found[joint][1] < level:
            found[joint] = ("clinical", level)
    return found


def _recent_joint_bleeds(
    bleeds: tuple[Bleed, ...], as_of: datetime | None, config: PlanSettings
) -> dict[str, float]:
    joint_bleeds = [b for b in bleeds if b.site_kind is SiteKind.JOINT and b.site in JOINTS]
    if joint_bleeds and as_of is None:
        raise PlanInputError("as_of", "required to judge how recent the bleeds are")
    hours: dict[str, float] = {}
    for bleed in joint_bleeds:
        assert as_of is not None
        since = (as_of - bleed.onset).total_seconds() / 3600
        if 0 <= since <= config.safety.bleed_pause_hours:
            hours[bleed.site] = min(since, hours.get(bleed.site, since))
    return hours


def _psoas(bleeds: tuple[Bleed, ...], config: PlanSettings) -> bool:
    return any(is_psoas_bleed(bleed, config) for bleed in bleeds)


def is_psoas_bleed(bleed: Bleed, config: PlanSettings) -> bool:
    return bleed.site_kind is SiteKind.MUSCLE and bleed.site.lower() in config.safety.psoas_sites


def _check_joints(joints: Iterable[str], path: str) -> None:
    for joint in joints:
        if joint not in JOINTS:
            raise PlanInputError(f"{path}.{joint}", f"unknown joint; allowed: {', '.join(JOINTS)}")
