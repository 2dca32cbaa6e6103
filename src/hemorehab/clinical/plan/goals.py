"""Short- and long-term goals per problem (seed paper s2.4.4: goals were set in hospital
from each child's joint condition).

Targets are our drafting rule, for the therapist to edit: an HJHS item (or gait) should fall
by `SHORT_REDUCTION` grade by the short-term horizon (4 weeks) and by `LONG_REDUCTION` by
week 12 (seed results: median HJHS 9 -> 2 over 12 weeks); a grade of 1 is held in the short
term and cleared by week 12, and a target of 0 says "to 0" (a grade cannot go lower).
Ultrasound synovitis should not worsen in the short term and fall one grade by week 12 (seed
fig 2: vascularity 2 -> 1).
Cartilage and bone damage did not reverse in the seed study (s3, fig 3), so their goal is to
protect the joint, never a lower score. A site recovering from a bleed aims to complete its
graded return by criteria (instruments.md s6), never by a date.
"""

from __future__ import annotations

from dataclasses import dataclass

from hemorehab.clinical.plan.explain import Explanation, explain
from hemorehab.clinical.plan.problems import Problem
from hemorehab.clinical.plan.settings import PlanSettings

SHORT_REDUCTION = 1
LONG_REDUCTION = 2
_DAMAGE = frozenset({"cartilage_damage", "bone_damage"})

_TEXT = {
    "reduce": "{where}{item} from {value} to {target} or lower within {weeks} weeks, pain-free",
    "clear": "{where}{item} from {value} to 0 within {weeks} weeks, pain-free",
    "hold": "{where}{item} not above {value} within {weeks} weeks, pain-free",
    "synovitis_hold": "{where}ultrasound {item} not above {value} and no new bleed "
    "within {weeks} weeks",
    "synovitis_reduce": "{where}ultrasound {item} from {value} to {target} or lower "
    "by week {weeks}",
    "protect": "{where}protect the joint ({item} {value}): no new bleed and function kept; "
    "damage is not expected to reverse",
    "recover": "{where}back to full activity through the phases of its return (no pain, "
    "swelling back, motion back to baseline), without a new bleed, within {weeks} weeks",
}


@dataclass(frozen=True)
class Goal:
    problem: str  # problem key, e.g. "left_ankle.swelling" or "gait"
    horizon: str  # "short" or "long"
    weeks: int
    target: int | None
    explanation: Explanation


def goals_for(problems: tuple[Problem, ...], settings: PlanSettings) -> tuple[Goal, ...]:
    """Two goals (short, long) for every problem, in problem order."""
    goals: list[Goal] = []
    for problem in problems:
        goals.append(_goal(problem, "short", settings.short_term_weeks))
        goals.append(_goal(problem, "long", settings.long_term_weeks))
    return tuple(goals)


def _goal(problem: Problem, horizon: str, weeks: int) -> Goal:
    top = max(problem.evidence, key=lambda e: e.value)
    kind, target = _kind_and_target(problem.name, horizon, top.value)
    params: dict[str, object] = {
        "joint": problem.joint or "",
        "where": f"{problem.joint}: " if problem.joint else "",
        "item": top.item,
        "value": top.value,
        "target": target,
        "weeks": weeks,
    }
    rule = "GOAL-SHORT" if horizon == "short" else "GOAL-LONG"
    text = _TEXT[kind].format(**params)
    why = explain(rule, key_suffix=f".{kind}", goal=text, **params)
    return Goal(problem.key, horizon, weeks, target, why)


def _kind_and_target(name: str, horizon: str, value: int) -> tuple[str, int | None]:
    if name == "bleed_recovery":
        return "recover", None
    if name in _DAMAGE:
        return "protect", None
    if name == "synovitis":
        if horizon == "short":
            return "synovitis_hold", value
        return "synovitis_reduce", max(value - 1, 0)
    step = SHORT_REDUCTION if horizon == "short" else LONG_REDUCTION
    if horizon == "short" and value <= SHORT_REDUCTION:
        return "hold", value  # the long-term goal clears it; the same goal twice says nothing
    target = max(value - step, 0)
    return ("clear" if target == 0 else "reduce"), target
