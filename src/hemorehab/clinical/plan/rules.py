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
from hemorehab.clinical.exercises.vocabulary import DIRECTIONS, END_FEELS, JOINTS, SITES
from hemorehab.clinical.plan.errors import PlanInputError, check_int
from hemorehab.clinical.plan.explain import Explanation, explain
from hemorehab.clinical.plan.guards import Guard, JointState, Restriction, guard_table
from hemorehab.clinical.plan.problems import ProblemList
from hemorehab.clinical.plan.settings import PlanSettings
from hemorehab.clinical.target_joints import current_target_joints

EFFUSION_JUDGEMENTS = ("effusion", "hemarthrosis")
_END_FEEL_ITEMS = ("flexion_loss", "extension_loss", "crepitus")


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
    until `psoas_cleared` (a physician's clearance). Target joints are those of the ISTH rule
    on the bleeds given (clinical.target_joints) and those the team designated.
    """
    config = settings or PlanSettings()
    seen = check_judgements(judgements or ClinicalJudgements())
    age_years = check_int(age, "age", 0, 25)
    phases = _check_phases(return_phases or {})
    bleed_list = tuple(bleeds)
    cleared = dict(cleared_at or {})
    opening = tuple(b for b in bleed_list if b.site not in cleared or b.onset > cleared[b.site])
    restrictions = _restrictions(opening, as_of, psoas_cleared, phases, config)
    targets = set(current_target_joints(bleed_list, as_of)) if bleed_list and as_of else set()
    for joint in target_joints:
        _check_joint(joint, "target_joints")
        targets.add(joint)
    joints = {
        joint: _joint_state(joint, problems, seen, joint in targets, config) for joint in JOINTS
    }
    thresholds = {
        "synovitis": config.thresholds.ultrasound_synovitis,
        "swelling": config.thresholds.hjhs["swelling"],
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
    modes_by_site: dict[str, set[str]] = {}
    for site, mode in exercise.site_loads(side):
        modes_by_site.setdefault(site, set()).add(mode)
    # One reason per rule and numbers: a leg-wide rule names the leg's sites together.
    merged: dict[tuple[str, tuple[tuple[str, Any], ...]], tuple[Guard, list[str], set[str]]] = {}
    for site, modes in modes_by_site.items():
        for guard in ctx.guards.get(site, ()):
            hit = modes & guard.modes
            if guard.direction and exercise.stretch_direction != guard.direction:
                hit -= {"stretch"}
            if hit:
                key = (guard.rule, tuple(sorted(guard.params.items())))
                _guard, where, how = merged.setdefault(key, (guard, [], set()))
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
    return reason.rule in ("CI-BLEED-PHASE", "CI-PSOAS", "CI-LIMB-WEIGHT", "CI-HEMARTHROSIS")


def _reason(guard: Guard, exercise: Exercise, site: str, hit: set[str]) -> Explanation:
    return explain(
        guard.rule,
        exercise=exercise.id,
        category=exercise.category,
        site=site,
        modes=", ".join(sorted(hit)),
        **guard.params,
    )


def _within(bleed: BleedEvent, as_of: datetime | None, config: PlanSettings) -> bool:
    if as_of is None:
        raise PlanInputError("as_of", "required to judge how recent the bleeds are")
    hours = (as_of - bleed.onset).total_seconds() / 3600
    return 0 <= hours <= config.safety.recent_bleed_days * 24


def _restrictions(
    bleeds: tuple[BleedEvent, ...],
    as_of: datetime | None,
    psoas_cleared: bool,
    phases: Mapping[str, int],
    config: PlanSettings,
) -> dict[str, Restriction]:
    hours: dict[str, float] = {}
    for bleed in bleeds:
        if bleed.site_kind is SiteKind.OTHER or not _within(bleed, as_of, config):
            continue
        assert as_of is not None
        onset_hours = (as_of - bleed.onset).total_seconds() / 3600
        hours[bleed.site] = min(onset_hours, hours.get(bleed.site, onset_hours))
    found: dict[str, Restriction] = {}
    for site in sorted(set(hours) | set(phases), key=SITES.index):
        since = hours.get(site)
        psoas = site in sites.PSOAS_SITES
        phase = phases.get(site, 2 if psoas and psoas_cleared else 1)
        if since is not None and since <= config.safety.bleed_pause_hours:
            phase = 1
        awaiting = psoas and not psoas_cleared
        found[site] = Restriction(site, phase, site, since, awaiting)
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
    swelling = value(joint, "swelling")
    pain = value(joint, "joint_pain")
    return JointState(
        swelling=swelling
        if isinstance(swelling, int) and swelling >= config.thresholds.hjhs["swelling"]
        else None,
        synovitis=_synovitis(joint, problems, seen),
        hemarthrosis=_hemarthrosis(joint, problems, seen),
        pain=pain
        if isinstance(pain, int) and pain >= config.safety.pain_grade_isometric_only
        else None,
        weak=_weakness(joint, problems, seen, config),
        end_feel=MappingProxyType(dict(seen.end_feel.get(joint, {}))),
        end_feel_needed=_end_feel_needed(joint, problems),
        target=target,
    )


def _synovitis(
    joint: str, problems: ProblemList, seen: ClinicalJudgements
) -> tuple[str, int] | None:
    found: tuple[str, int] | None = None
    problem = problems.get(joint, "synovitis")
    if problem is not None:
        top = max(problem.evidence, key=lambda e: e.value)
        found = (top.item, top.value)
    grade = seen.active_synovitis.get(joint)
    if grade is not None and (found is None or found[1] < grade):
        found = ("clinical", grade)
    return found


def _hemarthrosis(
    joint: str, problems: ProblemList, seen: ClinicalJudgements
) -> tuple[str, object] | None:
    judged = seen.effusion.get(joint)
    if judged is not None:
        return (judged, "ultrasound")
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


def _end_feel_needed(joint: str, problems: ProblemList) -> tuple[str, object] | None:
    """ROM loss 2+, crepitus 2 or ultrasound bone damage 1+ (NE counts: not ruled out)."""
    for item in _END_FEEL_ITEMS:
        grade = problems.value(joint, item)
        limit = 2
        if grade == "NE" or (isinstance(grade, int) and grade >= limit):
            return (item, grade)
    bone = problems.value(joint, "us.bone")
    if isinstance(bone, int) and bone >= 1:
        return ("bone", bone)
    return None


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
