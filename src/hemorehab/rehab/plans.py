"""Individual plans: drafted by the engine from the child's latest findings, edited and
approved by a therapist, versioned. The family sees only the current approved version, with
the exercises that a joint restriction pauses marked as paused."""

from __future__ import annotations

import dataclasses
import datetime
import enum
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from hemorehab.assessments.models import Bleed, HjhsAssessment, UltrasoundExam
from hemorehab.assessments.scoring import core_bleed
from hemorehab.clinical import plan as engine
from hemorehab.clinical.exercises import builtin_library, loaded_joints
from hemorehab.rehab.center_settings import plan_settings_for
from hemorehab.rehab.models import JointRestriction, PlanStatus, RehabPlan
from hemorehab.rehab.notifications import notify

RECENT_BLEEDS = datetime.timedelta(days=28)


class NoFindings(ValueError):
    """A plan needs at least one HJHS assessment."""


def plain(value: Any) -> Any:
    """Engine dataclasses as JSON: tuples to lists, enums to values, times to ISO text."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return value


def findings_for(patient) -> engine.Findings:
    hjhs = HjhsAssessment.objects.for_patient(patient).order_by("-assessed_on", "-id").first()
    if hjhs is None:
        raise NoFindings("record an HJHS 2.1 before drafting a plan")
    scan = UltrasoundExam.objects.for_patient(patient).order_by("-assessed_on", "-id").first()
    return engine.Findings(
        hjhs_joints=hjhs.answers["joints"],
        gait=hjhs.answers["gait"],
        ultrasound=scan.answers if scan else {},
        instrument=scan.scale if scan else "head-us-c",
    )


def draft_input(patient, now: datetime.datetime | None = None) -> engine.DraftInput:
    now = now or timezone.now()
    today = patient.center.today()
    restrictions = list(JointRestriction.objects.filter(patient=patient).active())
    # Recent bleeds, and every bleed whose restriction is still open (a psoas bleed blocks
    # lower-limb loading however old, until a physician clears it).
    open_bleeds = [r.bleed_id for r in restrictions if r.bleed_id]
    bleeds = Bleed.objects.for_patient(patient).filter(
        Q(onset__gte=now - RECENT_BLEEDS) | Q(pk__in=open_bleeds)
    )
    return engine.DraftInput(
        problems=engine.derive_problems(findings_for(patient)),
        age=patient.identity.age_on(today),
        hemophilia_type=patient.hemophilia_type,
        bleeds=tuple(core_bleed(b) for b in bleeds),
        as_of=now,
        psoas_cleared=not any(r.needs_physician_clearance for r in restrictions),
        return_phases={r.joint: r.phase for r in restrictions if r.joint in _PLAN_JOINTS},
    )


_PLAN_JOINTS = frozenset(
    {"left_elbow", "right_elbow", "left_knee", "right_knee", "left_ankle", "right_ankle"}
)


def draft(patient, user) -> RehabPlan:
    """A new draft version from the latest findings; the care team is asked to approve it."""
    proposal = engine.draft_plan(draft_input(patient), plan_settings_for(patient.center))
    with transaction.atomic():
        number = (
            RehabPlan.objects.filter(patient=patient).aggregate(n=Max("number"))["n"] or 0
        ) + 1
        plan = RehabPlan.objects.create(
            patient=patient,
            number=number,
            content=plain(proposal),
            engine_version=proposal.library_version,
            drafted_by=user,
        )
        notify(patient, ("therapist", "rehab_physician"), "plan_to_approve", {"number": number})
    return plan


def remove_items(plan: RehabPlan, keep: set[tuple[str, str | None]]) -> None:
    """Keep only the chosen exercises in both sessions (the therapist's edit)."""
    content = plan.content
    for block in content["hospital_session"]["blocks"]:
        block["items"] = [i for i in block["items"] if (i["exercise_id"], i["side"]) in keep]
    for block in content["home_program"]["session"]["blocks"]:
        block["items"] = [i for i in block["items"] if (i["exercise_id"], i["side"]) in keep]


def add_item(plan: RehabPlan, patient, exercise_id: str, side: str | None) -> None:
    """Add a library exercise to the hospital session after checking every safety rule."""
    data = draft_input(patient)
    engine.validate_edited_plan(
        [engine.PlanEditItem(exercise_id, side)],
        engine.context_for(data, plan_settings_for(patient.center)),
    )
    exercise = builtin_library().get(exercise_id)
    main = next(b for b in plan.content["hospital_session"]["blocks"] if b["kind"] == "main")
    main["items"].append(
        {
            "exercise_id": exercise.id,
            "side": side,
            "category": exercise.category,
            "loaded_joints": list(loaded_joints(exercise, side)),
            "name_en": exercise.name.en,
            "name_zh": exercise.name.zh_hans,
            "added_by_therapist": True,
        }
    )


def planned_items(content: dict) -> list[dict]:
    seen, items = set(), []
    sessions = [content["hospital_session"], content["home_program"]["session"]]
    for session in sessions:
        for block in session["blocks"]:
            for item in block["items"]:
                key = (item["exercise_id"], item["side"])
                if key not in seen:
                    seen.add(key)
                    items.append(item)
    return items


def conflicts(plan: RehabPlan, patient) -> list[str]:
    """What the safety rules forbid in this plan today (a bleed since the draft, for example),
    one sentence each; empty when the plan may be approved."""
    context = engine.context_for(draft_input(patient), plan_settings_for(patient.center))
    found = []
    if not planned_items(plan.content):
        found.append(str(_("the plan has no exercise left; add at least one.")))
    for item in planned_items(plan.content):
        try:
            engine.validate_edited_plan(
                [engine.PlanEditItem(item["exercise_id"], item["side"])], context
            )
        except engine.ContraindicatedExerciseError as exc:
            found.append(exc.message)
    return found


def approve(plan: RehabPlan, user) -> RehabPlan:
    with transaction.atomic():
        RehabPlan.objects.filter(patient=plan.patient, status=PlanStatus.APPROVED).update(
            status=PlanStatus.SUPERSEDED
        )
        plan.status = PlanStatus.APPROVED
        plan.approved_by = user
        plan.approved_at = timezone.now()
        plan.save()
    return plan


def paused_exercises(patient) -> list[dict]:
    """Exercises of the current approved plan that the safety rules forbid today, each with
    the reasons (a recent joint bleed, the joint's return phase, a psoas block, synovitis...).
    The same `contraindications` rule set drafts, validates edits and pauses."""
    plan = RehabPlan.objects.current_for(patient)
    if plan is None:
        return []
    data = draft_input(patient)
    context = engine.context_for(data, plan_settings_for(patient.center))
    library = builtin_library()
    paused = []
    for item in planned_items(plan.content):
        exercise = library.get(item["exercise_id"])
        reasons = engine.contraindications(exercise, item["side"], context) if exercise else ()
        if reasons:
            paused.append({**item, "reasons": [plain(r) for r in reasons]})
    return paused
