"""The safety rules as one table: for a child's state, the modes of loading each site forbids.

Every rule is a function of (site, mode): an exercise declares the sites it loads and how
(exercises.Exercise.site_loads); the child's state forbids modes per site. `guard_table`
turns the state (rules.ChildContext) into {site: guards}; `rules.contraindications` matches an
exercise's loads against it. The draft (which excludes), the pause of an approved plan and the
validation of a therapist's edit all go through that one function, so they cannot disagree.

The rules (sources in catalogue.py; numbers in SafetySettings):
- CI-BLEED-PHASE: a site on its graded return after a recent bleed (or blood in a joint on
  ultrasound) allows only its phase's modes (phase 1 none, 2 isometric, 3 + pain-free and
  assisted range, 4 + weight-bearing, open-chain resistance and stretch; closed chain, balance
  and impact when cleared) [instruments.md s6, s6a]. A muscle's phase also binds the joints it
  crosses (clinical.sites.CROSSES): moving, stretching or loading them moves, stretches or
  loads the muscle, whatever an exercise declares for the muscle itself.
- CI-PSOAS: an iliopsoas bleed not yet cleared by a physician forbids every loading of that
  leg (sitting excepted), whatever its age; after clearance the muscle and the hip of that
  side follow the graded return [s6a].
- CI-LIMB-WEIGHT: a bleed in a joint or muscle of a leg (phase 1-3) forbids weight through
  that leg: bear, closed chain, balance, impact on all its sites (crutches) [s6, s6a].
- CI-HEMARTHROSIS: blood (effusion) in a joint on ultrasound forbids stretch, traction,
  weight-bearing, closed-chain, resisted, balance and impact work on it [s6, s6a].
- CI-SYNOVITIS, CI-SWELLING: active synovitis or HJHS swelling forbid resisted, closed-chain,
  balance and impact work on the joint [s6 engine suggestion and red flags; s6a]. Their
  thresholds are safety settings of their own, never the problem list's.
- CI-NOT-ASSESSED: HJHS swelling or joint pain not evaluable (NE) is not ruled out: the joint
  is guarded as for swelling or pain 2 [instruments.md s1: NE is never 0].
- CI-STRENGTH: resisted and closed-chain work only when the muscles complete their range
  against gravity (HJHS strength 0-2, manual muscle test 3 or more); not assessed = not
  allowed on an HJHS joint [s6a].
- CI-PAIN: HJHS joint pain 2 keeps the joint at pain-free isometrics and range [s6a].
- CI-HARD-END-FEEL: nothing taken toward the end of the range in a direction with a hard
  end-feel (a held stretch, a towel, strap, hand or parent helping), no traction [s6].
- CI-END-FEEL-MISSING: a stretch or assisted range in a direction needs a recorded soft or
  firm end-feel there when that direction's ROM loss is 2 or more (crepitus 2, ultrasound bone
  damage 1 or more or an item not evaluable: every direction); traction needs one in every
  direction that needs it [s6a].
- CI-TARGET-JOINT: no impact work on a target joint (extra care, s6 red flags).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Any

from hemorehab.clinical import sites
from hemorehab.clinical.exercises.vocabulary import (
    DIRECTIONS,
    END_RANGE_MODES,
    LOADING_MODES,
    RESISTED_MODES,
    WEIGHT_MODES,
)

HEMARTHROSIS_MODES = frozenset(LOADING_MODES - {"isometric", "move"})
ACTIVITY_MODES = RESISTED_MODES | frozenset({"balance", "impact"})
PAIN_MODES = frozenset(LOADING_MODES - {"isometric", "move"})
PSOAS_MODES = frozenset(LOADING_MODES - {"compress"})
"""An uncleared iliopsoas bleed forbids every loading of its leg; sitting on the buttock
(compress) loads neither the leg nor the psoas, which rests shortened with the hip bent."""
TEMPORARY_RULES = frozenset({"CI-BLEED-PHASE", "CI-PSOAS", "CI-LIMB-WEIGHT", "CI-HEMARTHROSIS"})
END_FEEL_ITEMS: dict[str, tuple[str, ...]] = {
    "flexion_loss": ("flexion",),
    "extension_loss": ("extension",),
}
"""Which direction an HJHS loss item is about; any other reason (crepitus 2, bone damage on
ultrasound, an item not evaluable) concerns every direction."""
"""Rules that pause an exercise while a bleed or blood in a joint lasts (not permanent)."""


@dataclass(frozen=True)
class Guard:
    """One rule forbidding some modes on one site, with the numbers that triggered it."""

    rule: str
    site: str
    modes: frozenset[str]
    params: Mapping[str, Any] = field(default_factory=dict)
    direction: str | None = None
    """For a held stretch: the direction the rule is about (None = every direction)."""

    @property
    def temporary(self) -> bool:
        return self.rule in TEMPORARY_RULES

    @cached_property
    def key(self) -> tuple[str, tuple[tuple[str, Any], ...]]:
        """The rule and its numbers: guards with the same key give one reason."""
        return (self.rule, tuple(sorted(self.params.items())))


@dataclass(frozen=True)
class Restriction:
    """A site on its graded return after a bleed (or waiting for a physician's clearance, or
    holding blood or fluid on ultrasound: `source` "ultrasound")."""

    site: str
    phase: int
    bled_site: str
    hours_since: float | None
    awaiting_clearance: bool = False
    source: str = "bleed"


@dataclass(frozen=True)
class JointState:
    """What the rules read about one joint (absent = nothing recorded)."""

    swelling: int | str | None = None
    """HJHS swelling at or above the guard threshold, or "NE" (not ruled out)."""
    synovitis: tuple[str, int] | None = None
    hemarthrosis: tuple[str, object] | None = None
    pain: int | str | None = None
    """HJHS joint pain at or above the isometric-only grade, or "NE" (not ruled out)."""
    weak: tuple[str, object] | None = None
    """The evidence that resistance is not allowed: (source, value), e.g. ("hjhs", 3),
    ("mmt", 2) or ("hjhs", "NE")."""
    end_feel: Mapping[str, str] = field(default_factory=dict)
    end_feel_needed: Mapping[str, tuple[str, object]] = field(default_factory=dict)
    """Direction -> why a stretch, assisted range or traction there needs a recorded
    end-feel: (item, value)."""
    target: bool = False


def guard_table(
    restrictions: Mapping[str, Restriction],
    joints: Mapping[str, JointState],
    phase_modes: Mapping[int, frozenset[str]],
    thresholds: Mapping[str, int],
) -> Mapping[str, tuple[Guard, ...]]:
    """{site: guards} for a child: every (site, mode) the state forbids, with the rule."""
    table: dict[str, list[Guard]] = {}
    for restriction in restrictions.values():
        for guard in _restriction_guards(restriction, phase_modes):
            table.setdefault(guard.site, []).append(guard)
    for joint, state in joints.items():
        table.setdefault(joint, []).extend(_joint_guards(joint, state, thresholds))
    return MappingProxyType({site: tuple(found) for site, found in table.items() if found})


def _restriction_guards(
    restriction: Restriction, phase_modes: Mapping[int, frozenset[str]]
) -> list[Guard]:
    place = sites.site(restriction.site)
    params: dict[str, Any]
    if restriction.awaiting_clearance:
        leg = sites.limb_sites(place.side, place.limb)
        params = {"bled_site": restriction.bled_site, "side": place.side}
        return [Guard("CI-PSOAS", s, PSOAS_MODES, params) for s in leg]
    allowed = phase_modes.get(restriction.phase, frozenset())
    params = {
        "bled_site": restriction.bled_site,
        "phase": restriction.phase,
        "hours": None if restriction.hours_since is None else round(restriction.hours_since, 1),
        "allowed": ", ".join(sorted(allowed)) or "none",
    }
    forbidden = LOADING_MODES - allowed
    found = [Guard("CI-BLEED-PHASE", restriction.site, forbidden, params)]
    if place.kind == "muscle":
        found += [
            Guard("CI-BLEED-PHASE", joint, forbidden, params)
            for joint in sites.crossed_joints(restriction.site)
        ]
    if place.limb == "lower" and restriction.phase < 4:
        found += [
            Guard("CI-LIMB-WEIGHT", other, WEIGHT_MODES, params)
            for other in sites.limb_sites(place.side, "lower")
        ]
    return found


def _joint_guards(joint: str, state: JointState, thresholds: Mapping[str, int]) -> list[Guard]:
    found: list[Guard] = []
    if state.hemarthrosis is not None:
        item, value = state.hemarthrosis
        params = {"item": item, "value": value}
        found.append(Guard("CI-HEMARTHROSIS", joint, HEMARTHROSIS_MODES, params))
    if state.synovitis is not None:
        item, value = state.synovitis
        params = {"item": item, "value": value, "threshold": thresholds["synovitis"]}
        found.append(Guard("CI-SYNOVITIS", joint, ACTIVITY_MODES, params))
    if state.swelling == "NE":
        params = {"item": "swelling", "value": "NE"}
        found.append(Guard("CI-NOT-ASSESSED", joint, ACTIVITY_MODES, params))
    elif state.swelling is not None:
        params = {"value": state.swelling, "threshold": thresholds["swelling"]}
        found.append(Guard("CI-SWELLING", joint, ACTIVITY_MODES, params))
    if state.weak is not None:
        source, value = state.weak
        params = {
            "source": source,
            "value": value,
            "hjhs_max": thresholds["hjhs_strength"],
            "mmt_min": thresholds["mmt"],
        }
        found.append(Guard("CI-STRENGTH", joint, RESISTED_MODES, params))
    if state.pain == "NE":
        params = {"item": "joint_pain", "value": "NE"}
        found.append(Guard("CI-NOT-ASSESSED", joint, PAIN_MODES, params))
    elif state.pain is not None:
        params = {"value": state.pain}
        found.append(Guard("CI-PAIN", joint, PAIN_MODES, params))
    found += _end_feel_guards(joint, state)
    if state.target:
        found.append(Guard("CI-TARGET-JOINT", joint, frozenset({"impact"}), {}))
    return found


def _end_feel_guards(joint: str, state: JointState) -> list[Guard]:
    found: list[Guard] = []
    params: dict[str, Any]
    hard = sorted(d for d, feel in state.end_feel.items() if feel == "hard")
    for direction in hard:
        params = {"direction": direction}
        found.append(Guard("CI-HARD-END-FEEL", joint, END_RANGE_MODES, params, direction))
    if hard:
        params = {"direction": ", ".join(hard)}
        found.append(Guard("CI-HARD-END-FEEL", joint, frozenset({"traction"}), params))
    recorded = {d for d, feel in state.end_feel.items() if feel in ("soft", "firm")}
    unrecorded = [
        d for d in DIRECTIONS if d in state.end_feel_needed and d not in recorded | set(hard)
    ]
    for direction in unrecorded:
        item, value = state.end_feel_needed[direction]
        params = {"direction": direction, "item": item, "value": value}
        found.append(Guard("CI-END-FEEL-MISSING", joint, END_RANGE_MODES, params, direction))
    if unrecorded and not hard:
        item, value = state.end_feel_needed[unrecorded[0]]
        params = {"direction": ", ".join(unrecorded), "item": item, "value": value}
        found.append(Guard("CI-END-FEEL-MISSING", joint, frozenset({"traction"}), params))
    return found
