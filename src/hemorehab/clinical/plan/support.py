"""Assistive-device suggestions and home-safety education points, each from a named rule.

Seed paper s2.4: assistive devices were chosen per child; s4: hematology nurses gave home
safety education. Device rules and thresholds are our drafting choices (PlanSettings), the
team decides: crutches while a leg must not bear weight (instruments.md s6 acute phase [V]);
an ankle brace/orthosis for a weak, unstable ankle; a compression sleeve for marked swelling;
a resting extension splint for a knee extension deficit; supportive shoes for gait problems.
"""

from __future__ import annotations

from dataclasses import dataclass

from hemorehab.clinical import sites
from hemorehab.clinical.exercises.vocabulary import part_of
from hemorehab.clinical.plan.explain import Explanation, explain
from hemorehab.clinical.plan.guards import Restriction
from hemorehab.clinical.plan.problems import ProblemList
from hemorehab.clinical.plan.rules import ChildContext

ORDER = (*sites.JOINT_SITES, *sites.MUSCLE_SITES)


@dataclass(frozen=True)
class Suggestion:
    kind: str
    joint: str | None
    explanation: Explanation


_EDUCATION: tuple[tuple[str, str], ...] = (
    (
        "bleed_signs",
        "Know the signs of a joint bleed (tingling, warmth, swelling, pain, less motion): "
        "stop, protect the joint, give factor as agreed and call the team",
    ),
    ("pain_free", "Every exercise stays pain-free; pain means stop and tell the therapist"),
    (
        "infusion_timing",
        "Train when the factor level is highest: on infusion days after the infusion, and on "
        "other days at the times of the plan's schedule",
    ),
    (
        "first_aid",
        "First aid for a bleed: protect, rest, cold wrapped in a towel, compression, elevation",
    ),
    (
        "home_safety",
        "Safe space: clear floors, non-slip mats, soft play areas; avoid contact and "
        "collision games",
    ),
    (
        "psoas_signs",
        "Groin or hip pain, holding the hip bent, or numbness of the thigh is an "
        "emergency: no exercise, call the hematologist",
    ),
)


def devices(problems: ProblemList, ctx: ChildContext) -> tuple[Suggestion, ...]:
    found: list[Suggestion] = []
    found += _crutches(ctx)
    settings = ctx.settings
    for problem in problems.problems:
        joint, value = problem.joint, problem.severity
        if joint is None:
            continue
        kind = part_of(joint)
        if (
            problem.name == "weakness"
            and kind == "ankle"
            and value >= settings.ankle_orthosis_min_strength
        ):
            why = explain(
                "DEV-ANKLE-ORTHOSIS",
                joint=joint,
                value=value,
                threshold=settings.ankle_orthosis_min_strength,
            )
            found.append(Suggestion("ankle_orthosis", joint, why))
        if problem.name == "swelling" and value >= settings.compression_min_swelling:
            why = explain(
                "DEV-COMPRESSION",
                joint=joint,
                value=value,
                threshold=settings.compression_min_swelling,
            )
            found.append(Suggestion("compression_sleeve", joint, why))
        if (
            problem.name == "restricted_extension"
            and kind == "knee"
            and value >= settings.extension_splint_min_loss
        ):
            why = explain(
                "DEV-EXTENSION-SPLINT",
                joint=joint,
                value=value,
                threshold=settings.extension_splint_min_loss,
            )
            found.append(Suggestion("extension_splint", joint, why))
    found += _footwear(problems)
    return tuple(found)


def education(problems: ProblemList, ctx: ChildContext) -> tuple[Suggestion, ...]:
    points = [_point(key, text) for key, text in _EDUCATION]
    settings = ctx.settings
    if ctx.age <= settings.game_based_max_age:
        points.append(
            _point("supervised_play", "A parent leads and watches every game; no rough play")
        )
    points += [
        _point(
            "target_joint",
            f"{joint} is a target joint: no jumping or running games; report every bleed",
        )
        for joint in ctx.target_joints
    ]
    if ctx.synovitis:
        joints = ", ".join(sorted(ctx.synovitis))
        points.append(
            _point(
                "synovitis_activity",
                f"While synovitis is active ({joints}): no jumping, running or contact sport",
            )
        )
    if settings.school_split_offered and ctx.age >= settings.school_age_from:
        points.append(
            _point(
                "school_schedule",
                "On school days a home session may be done as shorter blocks; tell the "
                "school about hemophilia and agree safe PE activities",
            )
        )
    return tuple(points)


def _crutches(ctx: ChildContext) -> list[Suggestion]:
    """What keeps weight off a leg, one suggestion a leg naming all its restricted sites:
    crutches (non-weight-bearing) while a site of that leg is before phase 4 or an iliopsoas
    bleed waits for a physician's clearance; crutches for partial weight-bearing in phase 4
    (instruments.md s6: progressive weight-bearing and gait re-training); a wheelchair when
    neither leg may bear weight (crutches need one leg to stand on)."""
    legs: dict[str, list[Restriction]] = {}
    for restriction in ctx.restrictions.values():
        place = sites.site(restriction.site)
        if place.limb == "lower" and restriction.site == restriction.bled_site:
            legs.setdefault(place.side, []).append(restriction)
    reasons = {side: _leg_reason(legs[side]) for side in sorted(legs)}
    off = [reasons[side] for side in reasons if reasons[side][0] == "none"]
    if len(off) == 2:
        why = explain(
            "DEV-WHEELCHAIR",
            reason="; ".join(reason for _kind, reason, _site in off),
            joint=off[0][2],
        )
        return [Suggestion("wheelchair", off[0][2], why)]
    found: list[Suggestion] = []
    for kind, reason, first in reasons.values():
        rule, device = ("DEV-CRUTCHES", "crutches")
        if kind == "partial":
            rule, device = ("DEV-CRUTCHES-PARTIAL", "crutches_partial")
        why = explain(rule, reason=reason, joint=first, phase=None, hours=None)
        found.append(Suggestion(device, first, why))
    return found


def _leg_reason(restrictions: list[Restriction]) -> tuple[str, str, str]:
    """(kind, reason phrase, first site) for one leg's restrictions."""
    ordered = sorted(restrictions, key=lambda r: ORDER.index(r.site))
    where = ", ".join(r.site for r in ordered)
    if any(r.awaiting_clearance for r in ordered):
        return "none", f"the bleed in {where} until a physician clears it", ordered[0].site
    phase = min(r.phase for r in ordered)
    kind = "partial" if phase >= 4 else "none"
    return kind, f"the bleed in {where}, phase {phase} of 4", ordered[0].site


def _footwear(problems: ProblemList) -> list[Suggestion]:
    gait = problems.get(None, "gait")
    ankle_damage = [
        p
        for p in problems.problems
        if p.joint and part_of(p.joint) == "ankle" and p.name in ("cartilage_damage", "bone_damage")
    ]
    if gait is not None:
        reason = f"gait score {gait.severity}"
    elif ankle_damage:
        reason = f"{ankle_damage[0].name} in {ankle_damage[0].joint}"
    else:
        return []
    return [Suggestion("supportive_footwear", None, explain("DEV-FOOTWEAR", reason=reason))]


def _point(key: str, text: str) -> Suggestion:
    return Suggestion(key, None, explain("EDU", key_suffix=f".{key}", point=text))
