"""The problem list: per-joint problems derived from the latest HJHS 2.1 and ultrasound.

HJHS 2.1 items (instruments.md s1 [K]) map to problems one to one (settings.HJHS_PROBLEM_ITEMS):
swelling, muscle_atrophy, weakness (strength), restricted_flexion / restricted_extension,
pain, crepitus; the global gait item gives the gait problem. Ultrasound activity items
(synovitis, synovial hyperplasia, vascularity) give synovitis; fluid in the joint (HEAD-US-C
effusion) gives `effusion` (fluid or blood: never called synovitis); the damage items
(cartilage, bone) give cartilage_damage and bone_damage (instruments.md s2 [K/U]). A problem
exists when an item reaches its threshold (ProblemThresholds, default 1). "NE" makes no
problem: it is listed as not assessed (instruments.md s1: NE is never 0).

Inputs are validated with the instrument calculators (hjhs.score_hjhs, ultrasound.score_ultrasound),
so an out-of-range item fails here with the same ScoreInputError and path.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from hemorehab.clinical.errors import NE
from hemorehab.clinical.exercises.vocabulary import HJHS_JOINTS, JOINTS, PROBLEMS
from hemorehab.clinical.hjhs import score_hjhs
from hemorehab.clinical.plan.explain import Explanation, explain
from hemorehab.clinical.plan.settings import (
    HJHS_PROBLEM_ITEMS,
    ULTRASOUND_DAMAGE_ITEMS,
    ULTRASOUND_EFFUSION_ITEMS,
    ProblemThresholds,
)
from hemorehab.clinical.ultrasound import builtin_definition, score_ultrasound


@dataclass(frozen=True)
class Findings:
    """The latest assessments: HJHS items per joint (ints or "NE"), gait, ultrasound items.

    `hjhs_joints` None = no HJHS recorded (no HJHS problem, no HJHS-based rule); `ultrasound`
    maps each examined joint to its items ({} when no scan); `instrument` is the ultrasound
    scale ("head-us-c" or "head-us").
    """

    hjhs_joints: Mapping[str, Mapping[str, object]] | None
    gait: object
    ultrasound: Mapping[str, Mapping[str, object]] = field(default_factory=dict)
    instrument: str = "head-us-c"


@dataclass(frozen=True)
class Evidence:
    """One item value a problem came from."""

    source: str  # "hjhs" or the ultrasound instrument
    joint: str | None
    item: str
    value: int

    def as_dict(self) -> dict[str, object]:
        return {"source": self.source, "joint": self.joint, "item": self.item, "value": self.value}


@dataclass(frozen=True)
class Problem:
    """A problem of one joint (or the global gait problem, joint None)."""

    joint: str | None
    name: str
    evidence: tuple[Evidence, ...]
    explanations: tuple[Explanation, ...]

    @property
    def key(self) -> str:
        return f"{self.joint}.{self.name}" if self.joint else self.name

    @property
    def severity(self) -> int:
        return max(e.value for e in self.evidence)


@dataclass(frozen=True)
class NotAssessed:
    source: str
    joint: str | None
    item: str
    explanation: Explanation


@dataclass(frozen=True)
class ProblemList:
    problems: tuple[Problem, ...]
    not_assessed: tuple[NotAssessed, ...]
    values: Mapping[tuple[str | None, str], object] = field(default_factory=dict)
    """Every item value read, by (joint, item): HJHS items (ints or "NE"), gait under
    (None, "gait"), ultrasound items under (joint, "us." + item). The safety rules read the
    raw grades here, whatever the problem thresholds of the center."""
    assessed: bool = True
    """False when neither an HJHS nor an ultrasound was given: no finding means not assessed,
    never "no problem"."""

    def value(self, joint: str | None, item: str) -> object:
        """The recorded value of an item (None when not recorded)."""
        return self.values.get((joint, item))

    def for_joint(self, joint: str) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.joint == joint)

    def get(self, joint: str | None, name: str) -> Problem | None:
        return next((p for p in self.problems if p.joint == joint and p.name == name), None)


def derive_problems(findings: Findings, thresholds: ProblemThresholds | None = None) -> ProblemList:
    """The problem list of one child, in plan order (joint, then problem; gait last)."""
    limits = thresholds or ProblemThresholds()
    if findings.hjhs_joints is not None:
        score_hjhs(findings.hjhs_joints, findings.gait)  # validates every item (ScoreInputError)
    scale_items: tuple[str, ...] = ()
    if findings.ultrasound:
        definition = builtin_definition(findings.instrument)
        score_ultrasound(definition, findings.ultrasound)
        scale_items = tuple(definition.items)
    found: dict[tuple[str | None, str], list[tuple[Evidence, Explanation]]] = {}
    not_assessed: list[NotAssessed] = []
    _hjhs_problems(findings, limits, found, not_assessed)
    _ultrasound_problems(findings, scale_items, limits, found)
    problems = [
        Problem(joint, name, tuple(e for e, _ in pairs), tuple(x for _, x in pairs))
        for (joint, name), pairs in found.items()
    ]
    problems.sort(key=_plan_order)
    assessed = findings.hjhs_joints is not None or bool(findings.ultrasound)
    return ProblemList(
        tuple(problems), tuple(not_assessed), MappingProxyType(_values(findings)), assessed
    )


def _values(findings: Findings) -> dict[tuple[str | None, str], object]:
    values: dict[tuple[str | None, str], object] = {(None, "gait"): _plain(findings.gait)}
    for joint, items in (findings.hjhs_joints or {}).items():
        for item, value in items.items():
            values[(joint, item)] = _plain(value)
    for joint, items in findings.ultrasound.items():
        for item, value in items.items():
            values[(joint, f"us.{item}")] = value
    return values


def _plain(value: object) -> object:
    return "NE" if _is_ne(value) else value


def _hjhs_problems(
    findings: Findings,
    limits: ProblemThresholds,
    found: dict[tuple[str | None, str], list[tuple[Evidence, Explanation]]],
    not_assessed: list[NotAssessed],
) -> None:
    if findings.hjhs_joints is None:
        return
    for joint in HJHS_JOINTS:
        items = findings.hjhs_joints[joint]
        for item, problem in HJHS_PROBLEM_ITEMS.items():
            value = items[item]
            if _is_ne(value):
                why = explain("PROB-NE", joint=joint, item=item)
                not_assessed.append(NotAssessed("hjhs", joint, item, why))
                continue
            assert isinstance(value, int)
            threshold = limits.hjhs[item]
            if value >= threshold:
                why = explain(
                    "PROB-HJHS",
                    joint=joint,
                    item=item,
                    value=value,
                    threshold=threshold,
                    problem=problem,
                )
                found.setdefault((joint, problem), []).append(
                    (Evidence("hjhs", joint, item, value), why)
                )
    gait = findings.gait
    if _is_ne(gait):
        why = explain("PROB-NE", joint="global", item="gait")
        not_assessed.append(NotAssessed("hjhs", None, "gait", why))
    elif isinstance(gait, int) and gait >= limits.gait:
        why = explain("PROB-GAIT", value=gait, threshold=limits.gait)
        found[(None, "gait")] = [(Evidence("hjhs", None, "gait", gait), why)]


def _ultrasound_problems(
    findings: Findings,
    scale_items: tuple[str, ...],
    limits: ProblemThresholds,
    found: dict[tuple[str | None, str], list[tuple[Evidence, Explanation]]],
) -> None:
    for joint in HJHS_JOINTS:
        items = findings.ultrasound.get(joint)
        if not items:
            continue
        for item in scale_items:
            value = items[item]
            problem, threshold = _ultrasound_problem(item, limits)
            if problem is None or not isinstance(value, int) or value < threshold:
                continue
            evidence = Evidence(findings.instrument, joint, item, value)
            why = explain(
                "PROB-US", joint=joint, item=item, value=value, threshold=threshold, problem=problem
            )
            found.setdefault((joint, problem), []).append((evidence, why))


def _ultrasound_problem(item: str, limits: ProblemThresholds) -> tuple[str | None, int]:
    if item in limits.synovitis_items:
        return "synovitis", limits.ultrasound_synovitis
    if item in ULTRASOUND_EFFUSION_ITEMS:
        return "effusion", 1
    if item in ULTRASOUND_DAMAGE_ITEMS:
        return ULTRASOUND_DAMAGE_ITEMS[item], limits.ultrasound_damage
    return None, 0


def _is_ne(value: object) -> bool:
    return value is NE or value == "NE"


def _plan_order(problem: Problem) -> tuple[int, int]:
    joint = JOINTS.index(problem.joint) if problem.joint else len(JOINTS)
    return joint, PROBLEMS.index(problem.name)
