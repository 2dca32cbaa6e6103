"""Contraindication rules: may this child do this exercise on this side today?

One function, `contraindications`, answers for the draft (which excludes), the safety layer
(which pauses) and the edit validation (which refuses), so the three can never disagree. It
matches the exercise's loads (site, mode) against the child's guard table (guards.py), built
once per child by `build_context` from the plan inputs. Each reason is an Explanation with the
numbers that triggered it; catalogue.py cites the sources.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import Any

from hemorehab.clinical import sites
from hemorehab.clinical.bleeds import BleedEvent, SiteKind
from hemorehab.clinical.exercises import Exercise
from hemorehab.clinical.exercises.vocabulary import (
    DIRECTIONS,
    END_FEELS,
    END_RANGE_MODES,
    JOINTS,
    SITES,
)
from hemorehab.clinical.plan.errors import PlanInputError, check_int
from hemorehab.clinical.plan.explain import Explanation, explain
from hemorehab.clinical.plan.guards import (
    END_FEEL_ITEMS,
    TEMPORARY_RULES,
    Guard,
    JointState,
    Restriction,
    guard_table,
)
from hemorehab.clinical.plan.problems import ProblemList
from hemorehab.clinical.plan.settings import PlanSettings
from hemorehab.clinical.target_joints import current_target_joints

EFFUSION_JUDGEMENTS = ("effusion", "hemarthrosis")
_END_FEEL_ITEMS = ("flexion_loss", "extension_loss", "crepitus")
SYNOVITIS_ITEMS = ("synovitis", "synovial_hyperplasia", "synovial_vascularity")
"""Ultrasound items of synovial activity, read raw by the synovitis guard (HEAD-US synovitis,
HEAD-US-C hyperplasia and Doppler vascularity; instruments.md s2). Fluid in the joint
(HEAD-US-C effusion, or a reading of effusion or hemarthrosis) is blood for loading and has
its own, stricter rule (CI-HEMARTHROSIS and a restriction at phase 1)."""


@dataclass(frozen=True)
class ChildContext:
    """What the rules know about the child, all derived from plan inputs."""

    age: int
    settings: PlanSettings = field(default_factory=PlanSettings)
    restrictions: Mapping[str, Restriction] = field(default_factory=dict)
    joints: Mapping[str, JointState] = field(default_factory=dict)
    guards: Mapping[str, tuple[Guard, ...]] = field(default_factory=dict)
    psoas_history: frozenset[str] = frozenset()
    """Iliopsoas sites that bled (any bleed given): prone lying carries a caution."""
    _answers: dict[tuple[str, str | None], tuple[Exercise, tuple[Explanation, ...]]] = field(
        default_factory=dict, compare=False, repr=False
    )
    """contraindications() answers already given for this child (same input, same answer)."""

    @property
    def synovitis(self) -> Mapping[str, tuple[str, int]]:
        return {j: s.synovitis for j, s in self.joints.items() if s.synovitis is not None}

    @property
    def target_joints(self) -> tuple[str, ...]:
        return tuple(j for j, s in self.joints.items() if s.target)


@dataclass(frozen=True)
class ClinicalJudgements:
    """What clinicians recorded beside the instruments (all optional)."""

    active_synovitis: Mapping[str, int] = field(default_factory=dict)
    effusion: Mapping[str, str] = field(default_factory=dict)
    end_feel: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    muscle_test: Mapping[str, Mapping[str, int]] = field(default_factory=dict)


def build_context(
    problems: ProblemList,
    age: int,
    *,
    bleeds: Iterable[BleedEvent] = (),
    as_of: datetime | None = None,
    psoas_cleared: bool = False,
    judgements: ClinicalJudgements | None = None,
    return_phases: Mapping[str, int] | None = None,
    cleared_at: Mapping[str, datetime] | None = None,
    target_joints: Iterable[str] = (),
    settings: PlanSettings | None = None,
) -> ChildContext:
    """The rule context: restrictions from recent bleeds and recorded phases, joint states.

    A joint or muscle bleed opens the graded return (phase 1) when its onset lies within
    `safety.recent_bleed_days` before `as_of`; `return_phases` (site -> 1-4) gives the phase a
    therapist's review reached; `cleared_at` (site -> when its return was completed) keeps a
    bleed from before that moment from opening it again. An iliopsoas bleed blocks its leg
    until `psoas_cleared` (a physician's clearance), whatever its age: the recency window is
    not applied to it (instruments.md s6a: until a physician clears it). Blood or fluid in a
    joint on the latest ultrasound opens the joint's return like a bleed (phase 1 unless a
    review recorded a phase). Target joints are those of the ISTH rule on the bleeds given
    (clinical.target_joints) and those the team designated.
    """
    config = settings or PlanSettings()
    seen = check_judgements(judgements or ClinicalJudgements())
    age_years = check_int(age, "age", 0, 25)
    phases = _check_phases(return_phases or {})
    bleed_list = tuple(bleeds)
    cleared = dict(cleared_at or {})
    opening = tuple(b for b in bleed_list if b.site not in cleared or b.onset > cleared[b.site])
    blood = {joint: _hemarthrosis(joint, problems, seen) for joint in JOINTS}
    restrictions = _restrictions(
        opening,
        as_of,
        psoas_cleared,
        phases,
        frozenset(j for j, found in blood.items() if found is not None),
        config,
    )
    targets = set(current_target_joints(bleed_list, as_of)) if bleed_list and as_of else set()
    for joint in target_joints:
        _check_joint(joint, "target_joints")
        targets.add(joint)
    joints = {
        joint: _joint_state(joint, problems, seen, joint in targets, config) for joint in JOINTS
    }
    thresholds = {
        "synovitis": config.safety.synovitis_guard_min,
        "swelling": config.safety.swelling_guard_min,
        "hjhs_strength": config.safety.resist_max_hjhs_strength,
        "mmt": config.safety.resist_min_mmt,
    }
    table = guard_table(restrictions, joints, config.safety.phase_modes, thresholds)
    return ChildContext(
        age=age_years,
        settings=config,
        restrictions=MappingProxyType(restrictions),
        joints=MappingProxyType(joints),
        guards=table,
        psoas_history=frozenset(b.site for b in bleed_list if b.site in sites.PSOAS_SITES),
    )


def contraindications(
    exercise: Exercise, side: str | None, ctx: ChildContext
) -> tuple[Explanation, ...]:
    """Every rule that forbids `exercise` on `side` for this child (empty = allowed)."""
    known = ctx._answers.get((exercise.id, side))
    if known is None or known[0] is not exercise:
        known = ctx._answers[(exercise.id, side)] = (
            exercise,
            _contraindications(exercise, side, ctx),
        )
    return known[1]


def _contraindications(
    exercise: Exercise, side: str | None, ctx: ChildContext
) -> tuple[Explanation, ...]:
    reasons: list[Explanation] = []
    if exercise.min_age > ctx.age:
        reasons.append(
            explain("CI-MIN-AGE", exercise=exercise.id, min_age=exercise.min_age, age=ctx.age)
        )
    # One reason per rule and numbers: a leg-wide rule names the leg's sites together.
    merged: dict[tuple[str, tuple[tuple[str, Any], ...]], tuple[Guard, list[str], set[str]]] = {}
    for site, modes in exercise.modes_at(side).items():
        for guard in ctx.guards.get(site, ()):
            hit = modes & guard.modes
            if hit and guard.direction and guard.direction not in exercise.directions_at(site):
                hit -= END_RANGE_MODES
            if hit:
                _guard, where, how = merged.setdefault(guard.key, (guard, [], set()))
                where.append(site)
                how.update(hit)
    reasons += [
        _reason(guard, exercise, ", ".join(where), how) for guard, where, how in merged.values()
    ]
    return tuple(reasons)


def cautions(exercise: Exercise, side: str | None, ctx: ChildContext) -> tuple[Explanation, ...]:
    """Points to watch that do not forbid: prone lying after an iliopsoas bleed (s6a)."""
    stretched = {s for s, m in exercise.site_loads(side) if m == "stretch"}
    return tuple(
        explain("CAUTION-PSOAS-PRONE", exercise=exercise.id, site=site)
        for site in sorted(stretched & ctx.psoas_history)
    )


def is_temporary(reason: Explanation) -> bool:
    """A reason that lasts while a bleed or blood in a joint lasts (an exercise is paused)."""
    return reason.rule in TEMPORARY_RULES


def _reason(guard: Guard, exercise: Exercise, site: str, hit: set[str]) -> Explanation:
    return explain(
        guard.rule,
        exercise=exercise.id,
        category=exercise.category,
        site=site,
        modes=", ".join(sorted(hit)),
        **guard.params,
    )


def _restrictions(
    bleeds: tuple[BleedEvent, ...],
    as_of: datetime | None,
    psoas_cleared: bool,
    phases: Mapping[str, int],
    blood: frozenset[str],
    config: PlanSettings,
) -> dict[str, Restriction]:
    hours: dict[str, float] = {}
    waiting: set[str] = set()
    for bleed in bleeds:
        if bleed.site_kind is SiteKind.OTHER:
            continue
        if as_of is None:
            raise PlanInputError("as_of", "required to judge how recent the bleeds are")
        onset_hours = (as_of - bleed.onset).total_seconds() / 3600
        if 0 <= onset_hours <= config.safety.recent_bleed_days * 24:
            hours[bleed.site] = min(onset_hours, hours.get(bleed.site, onset_hours))
        elif onset_hours > 0 and bleed.site in sites.PSOAS_SITES and not psoas_cleared:
            waiting.add(bleed.site)  # never history until a physician clears it (s6a)
    found: dict[str, Restriction] = {}
    for site in sorted(set(hours) | set(phases) | waiting | blood, key=SITES.index):
        since = hours.get(site)
        psoas = site in sites.PSOAS_SITES
        phase = phases.get(site, 2 if psoas and psoas_cleared else 1)
        if since is not None and since <= config.safety.bleed_pause_hours:
            phase = 1
        awaiting = psoas and not psoas_cleared
        source = "ultrasound" if site in blood and since is None else "bleed"
        found[site] = Restriction(site, phase, site, since, awaiting, source)
        if psoas and not awaiting:
            hip = f"{sites.site(site).side}_hip"
            if hip not in found or found[hip].phase > phase:
                found[hip] = Restriction(hip, phase, site, since)
    return found


def _joint_state(
    joint: str,
    problems: ProblemList,
    seen: ClinicalJudgements,
    target: bool,
    config: PlanSettings,
) -> JointState:
    value = problems.value
    safety = config.safety
    return JointState(
        swelling=_at_least(value(joint, "swelling"), safety.swelling_guard_min),
        synovitis=_synovitis(joint, problems, seen, safety.synovitis_guard_min),
        hemarthrosis=_hemarthrosis(joint, problems, seen),
        pain=_at_least(value(joint, "joint_pain"), safety.pain_grade_isometric_only),
        weak=_weakness(joint, problems, seen, config),
        end_feel=MappingProxyType(dict(seen.end_feel.get(joint, {}))),
        end_feel_needed=_end_feel_needed(joint, problems),
        target=target,
    )


def _at_least(value: object, threshold: int) -> int | str | None:
    """An HJHS grade at or above the guard's threshold, or "NE" (not ruled out); else None."""
    if value == "NE":
        return "NE"
    return value if isinstance(value, int) and value >= threshold else None


def _synovitis(
    joint: str, problems: ProblemList, seen: ClinicalJudgements, threshold: int
) -> tuple[str, int] | None:
    found: tuple[str, int] | None = None
    for item in SYNOVITIS_ITEMS:
        grade = problems.value(joint, f"us.{item}")
        if isinstance(grade, int) and grade >= threshold and (found is None or grade > found[1]):
            found = (item, grade)
    grade = seen.active_synovitis.get(joint)
    if grade is not None and (found is None or found[1] < grade):
        found = ("clinical", grade)
    return found


def _hemarthrosis(
    joint: str, problems: ProblemList, seen: ClinicalJudgements
) -> tuple[str, object] | None:
    judged = seen.effusion.get(joint)
    if judged is not None:
        return ("reading", judged)
    grade = problems.value(joint, "us.effusion")
    if isinstance(grade, int) and grade >= 1:
        return ("effusion", grade)
    return None


def _weakness(
    joint: str, problems: ProblemList, seen: ClinicalJudgements, config: PlanSettings
) -> tuple[str, object] | None:
    tests = seen.muscle_test.get(joint, {})
    weakest = min(tests.values()) if tests else None
    if weakest is not None and weakest < config.safety.resist_min_mmt:
        return ("mmt", weakest)
    strength = problems.value(joint, "strength")
    if isinstance(strength, int) and strength > config.safety.resist_max_hjhs_strength:
        return ("hjhs", strength)
    if strength == "NE" and weakest is None:
        return ("hjhs", "NE")
    return None


def _end_feel_needed(joint: str, problems: ProblemList) -> dict[str, tuple[str, object]]:
    """Direction -> why taking it toward the end of its range needs a recorded end-feel: ROM
    loss 2+ in that direction; crepitus 2 or ultrasound bone damage 1+ in every direction; an
    item not evaluable counts as not ruled out (NE)."""
    needed: dict[str, tuple[str, object]] = {}
    for item in _END_FEEL_ITEMS:
        grade = problems.value(joint, item)
        if grade == "NE" or (isinstance(grade, int) and grade >= 2):
            for direction in END_FEEL_ITEMS.get(item, DIRECTIONS):
                needed.setdefault(direction, (item, grade))
    bone = problems.value(joint, "us.bone")
    if isinstance(bone, int) and bone >= 1:
        for direction in DIRECTIONS:
            needed.setdefault(direction, ("bone", bone))
    return needed


def check_judgements(judgements: ClinicalJudgements) -> ClinicalJudgements:
    """Validate the clinical judgements (PlanInputError naming the place)."""
    for joint, grade in judgements.active_synovitis.items():
        _check_joint(joint, "active_synovitis")
        check_int(grade, f"active_synovitis.{joint}", 1, 2)
    for joint, word in judgements.effusion.items():
        _check_joint(joint, "effusion")
        if word not in EFFUSION_JUDGEMENTS:
            allowed = ", ".join(EFFUSION_JUDGEMENTS)
            raise PlanInputError(f"effusion.{joint}", f"{word!r} is not one of: {allowed}")
    for joint, feels in judgements.end_feel.items():
        _check_joint(joint, "end_feel")
        for direction, feel in _directions(feels, f"end_feel.{joint}").items():
            if feel not in END_FEELS:
                allowed = ", ".join(END_FEELS)
                raise PlanInputError(
                    f"end_feel.{joint}.{direction}", f"{feel!r} is not one of: {allowed}"
                )
    for joint, grades in judgements.muscle_test.items():
        _check_joint(joint, "muscle_test")
        for direction, mmt in _directions(grades, f"muscle_test.{joint}").items():
            check_int(mmt, f"muscle_test.{joint}.{direction}", 0, 5)
    return judgements


def _directions(value: object, path: str) -> Mapping[str, object]:
    if not isinstance(value, Mapping):
        raise PlanInputError(path, "expected an object of directions (flexion, extension)")
    for direction in value:
        if direction not in DIRECTIONS:
            allowed = ", ".join(DIRECTIONS)
            raise PlanInputError(f"{path}.{direction}", f"unknown direction; allowed: {allowed}")
    return value


def _check_phases(phases: Mapping[str, int]) -> dict[str, int]:
    for site, phase in phases.items():
        if site not in SITES:
            raise PlanInputError(f"return_phases.{site}", "unknown site; see clinical.sites")
        check_int(phase, f"return_phases.{site}", 1, 4)
    return dict(phases)


def _check_joint(joint: object, path: str) -> None:
    if joint not in JOINTS:
        raise PlanInputError(f"{path}.{joint}", f"unknown joint; allowed: {', '.join(JOINTS)}")
