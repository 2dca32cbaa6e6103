"""What an exercise must declare, derived without trusting its declarations.

The safety rules of the plan engine are only as good as each exercise's `loads`: a rule
protects a site against the exercises that say they load it. This module states, from what
the exercise IS (its category, the words of its name, instructions and game, the anatomy of
clinical.sites), the loads it must declare at least; the library refuses an entry that
declares less (exercises.Exercise, on load), so a towel-assisted pull declared as plain
motion, a standing exercise that does not say it bears weight or a muscle stretch without the
joint it stretches can never reach a child, in the shipped library or a center's own file.

Rules (each a Requirement with the words or category that triggered it):
- posture words, clause by clause, a clause with a negation ("do not stand", "no kicking",
  "avoid sitting") left out:
  - standing, walking, marching, steps, stairs, jogging, squats: weight through hip, knee and
    ankle of both legs (for a one-sided exercise its `other_side` too: even the lifted foot of
    a single-leg stance comes down between holds);
  - hands and knees, crawling, kneeling: weight through knees, wrists, elbows and shoulders;
  - sitting: the buttocks bear the body (gluteal `compress`, or closed chain when the child
    stands up from the seat);
  - prone lying (on the tummy): both hips and both iliopsoas are stretched toward extension
    (instruments.md s6a: prone lying is a psoas stretch position);
  - cycling or pedalling, in the air or on a bike: hips, knees and ankles move, and every leg
    muscle of the list that crosses them (calf, gluteal, iliopsoas, thigh muscles);
  - swinging the arms: both shoulders and deltoids move;
  - curling or gripping with the toes: the calf works (the long toe flexors lie in it);
  - a helping towel, strap, hand or the weight of the limb, or the word "stretch": a joint
    is taken toward the end of its range (stretch or assist);
- categories: a parent-assisted stretch stretches a joint, an active-assisted exercise
  assists one, traction tractions one, band and sandbag work resists, closed-chain work is
  closed chain, balance work balances, gait training and weight shifting bear weight through
  both legs, an isometric holds, active range moves a joint, protection and swelling
  management name what they protect;
- anatomy: a stretched muscle stretches a joint it crosses (a calf stretch takes the ankle
  toward dorsiflexion); every joint stretched or assisted names its direction, so that the
  end-feel rules (instruments.md s6, s6a) can read it.

Sources: instruments.md s6 and s6a (acute phase: no weight-bearing on a bled leg; no forcing
against a hard end-feel; prone lying stretches the psoas; rest the bled muscle); the seed
paper's techniques (s2.4.4). The words are English: the library's instructions are written in
English first and translated, and the Chinese must say the same (clinical review).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hemorehab.clinical import sites
from hemorehab.clinical.exercises.vocabulary import (
    END_RANGE_MODES,
    JOINT_PARTS,
    WEIGHT_MODES,
)

if TYPE_CHECKING:
    from hemorehab.clinical.exercises import Exercise

LEG_JOINTS = ("hip", "knee", "ankle")
ARM_JOINTS = ("shoulder", "elbow", "wrist")
LEG_MUSCLES = ("iliopsoas", "quadriceps", "hamstrings", "calf", "gluteal", "adductors")

_NEGATION = re.compile(r"\b(do not|don't|never|no|avoid|not)\b")
_CLAUSE = re.compile(r"[.;,:!?()]")


@dataclass(frozen=True)
class Requirement:
    """`parts` must each carry one of `modes` (`any_part`: at least one of them does), on
    the exercised side (`both_sides`: also on the other side of a one-sided exercise)."""

    why: str
    parts: tuple[str, ...]
    modes: frozenset[str]
    both_sides: bool = False
    any_part: bool = False


@dataclass(frozen=True)
class _Words:
    pattern: re.Pattern[str]
    why: str
    parts: tuple[str, ...]
    modes: frozenset[str]
    both_sides: bool = True
    any_part: bool = False


_STAND = re.compile(
    r"\b(stand|standing|walk\w*|march\w*|step|steps|stairs?|jog\w*|treadmill|squat\w*|"
    r"on the spot)\b"
)
_WORDS: tuple[_Words, ...] = (
    _Words(_STAND, "standing or walking", LEG_JOINTS, WEIGHT_MODES),
    _Words(
        re.compile(r"hands and knees|\bcrawl\w*|\bkneel\w*"),
        "on hands and knees",
        ("knee", "wrist", "elbow", "shoulder"),
        WEIGHT_MODES,
    ),
    _Words(
        re.compile(r"\b(sit|sits|sitting|seated|on a chair|on the throne)\b"),
        "sitting",
        ("gluteal",),
        frozenset({"compress", "closed_chain"}),
    ),
    _Words(
        re.compile(r"\bprone\b|on the tummy|on the stomach"),
        "lying prone",
        ("hip", "iliopsoas"),
        frozenset({"stretch"}),
    ),
    _Words(
        re.compile(r"\bcycl\w*|\bbike\b|\bpedal (slowly in the air|at|along|the bike)"),
        "cycling",
        (*LEG_JOINTS, "calf", "gluteal", "iliopsoas", "quadriceps", "hamstrings"),
        frozenset({"move", "resist"}),
    ),
    _Words(
        re.compile(r"swing\w* the arms|arms? swing"),
        "swinging the arms",
        ("shoulder", "deltoid"),
        frozenset({"move"}),
    ),
    _Words(
        re.compile(
            r"curl the toes|pick \w+ .* with the toes|using only your toes|and toes|\bscrunch"
        ),
        "working the toes",
        ("calf",),
        frozenset({"move", "isometric", "resist"}),
        both_sides=False,
    ),
    _Words(
        re.compile(
            r"help a little more|towel to help|towel help|may help|helping with a towel|"
            r"rope helps|weight of the (leg|arm)|\bguides?\b|\bstretch\w*"
        ),
        "help toward the end of the range",
        JOINT_PARTS,
        END_RANGE_MODES,
        both_sides=False,
        any_part=True,
    ),
)

_CATEGORIES: dict[str, tuple[str, tuple[str, ...], frozenset[str], bool]] = {
    "parent_assisted_stretch": ("a held stretch", JOINT_PARTS, frozenset({"stretch"}), True),
    "active_assisted_rom": ("assisted range", JOINT_PARTS, END_RANGE_MODES, True),
    "traction": ("traction", JOINT_PARTS, frozenset({"traction"}), True),
    "resistance_band": ("band resistance", sites.JOINT_PARTS, frozenset({"resist"}), True),
    "sandbag": ("sandbag resistance", sites.JOINT_PARTS, frozenset({"resist"}), True),
    "closed_chain": ("closed-chain work", JOINT_PARTS, frozenset({"closed_chain"}), True),
    "proprioception_balance": ("balance work", JOINT_PARTS, frozenset({"balance"}), True),
    "isometric": ("an isometric hold", JOINT_PARTS, frozenset({"isometric"}), True),
    "active_rom": ("active range", JOINT_PARTS, frozenset({"move"}), True),
    "gait_training": ("gait training", LEG_JOINTS, WEIGHT_MODES, False),
    "weight_shifting": ("weight shifting", JOINT_PARTS, WEIGHT_MODES, True),
}
"""category -> (what it is, parts, modes, any part suffices)."""


def requirements(exercise: Exercise) -> tuple[Requirement, ...]:
    """Every load the exercise must declare, with the words or category that require it."""
    found: list[Requirement] = []
    for clause in _clauses(exercise):
        for words in _WORDS:
            match = words.pattern.search(clause)
            if match is None:
                continue
            why = f'{words.why} ("{match.group(0)}")'
            found.append(
                Requirement(why, words.parts, words.modes, words.both_sides, words.any_part)
            )
    entry = _CATEGORIES.get(exercise.category)
    if entry is not None:
        what, parts, modes, any_part = entry
        both = exercise.category == "gait_training"
        found.append(
            Requirement(f"category {exercise.category}: {what}", parts, modes, both, any_part)
        )
    return tuple(found)


def unmet(exercise: Exercise) -> str | None:
    """The first thing the exercise fails to declare, in words; None when it declares it all."""
    for need in requirements(exercise):
        problem = _check(exercise, need)
        if problem is not None:
            return problem
    if exercise.category in ("protection", "swelling_management") and not exercise.parts:
        return f"category {exercise.category}: name the parts it protects or loads"
    for part, modes in exercise.loads.items():
        if "stretch" in modes and part in sites.CROSSES:
            crossed = sites.CROSSES[part]
            if not any(set(exercise.loads.get(j, ())) & END_RANGE_MODES for j in crossed):
                joints = ", ".join(crossed)
                return (
                    f"a stretch of the {part} stretches a joint it crosses ({joints}): declare it"
                )
    for source in (exercise.loads, exercise.other_side):
        for part, modes in source.items():
            if (
                part in JOINT_PARTS
                and set(modes) & END_RANGE_MODES
                and part not in exercise.directions
            ):
                return f"{part} is stretched or assisted: name its direction in `directions`"
    return None


def _check(exercise: Exercise, need: Requirement) -> str | None:
    scopes = [exercise.loads]
    if need.both_sides and exercise.sided:
        scopes.append(exercise.other_side)
    for scope in scopes:
        has = [part for part in need.parts if set(scope.get(part, ())) & need.modes]
        if (need.any_part and not has) or (not need.any_part and len(has) < len(need.parts)):
            missing = ", ".join(p for p in need.parts if p not in has)
            where = "loads" if scope is exercise.loads else "other_side"
            modes = " or ".join(sorted(need.modes))
            which = "one of " if need.any_part else ""
            return f"{need.why}: {where} must give {which}{missing} {modes}"
    return None


def _clauses(exercise: Exercise) -> list[str]:
    texts = [exercise.name.en, exercise.instructions.en]
    if exercise.game is not None:
        texts.append(exercise.game.en)
    clauses = [c.strip() for text in texts for c in _CLAUSE.split(text.lower())]
    return [c for c in clauses if c and not _NEGATION.search(c)]
