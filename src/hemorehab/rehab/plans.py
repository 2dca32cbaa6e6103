"""Individual plans: drafted by the engine from the child's latest findings, edited and
approved by a therapist, versioned. The family sees only the current approved version, dosed
for the current program week, with the exercises that the safety rules pause today marked.

Everything the engine needs comes from the records here (`draft_input`): the latest HJHS and
its synovitis judgements, the latest ultrasound and its effusion reading, the end-feel and
muscle tests of the physical measures, the bleeds, the open restrictions and their phases,
the program weeks reported and what was reported so far this week, and the child's current
prophylaxis regimen. The draft, the pause, the validation of an edit and the week's dose all
call the engine's functions through it (one rule, one place).
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from hemorehab.accounts.center_settings import plan_settings_for
from hemorehab.assessments.models import Bleed, HjhsAssessment, PhysicalMeasure, UltrasoundExam
from hemorehab.care.services import prophylaxis_for
from hemorehab.clinical import plan as engine
from hemorehab.clinical.exercises import builtin_library
from hemorehab.clinical.plan.selection import choice_for
from hemorehab.clinical.plan.sessions import Blocks, home_program, hospital_session
from hemorehab.clinical.sites import PSOAS_SITES
from hemorehab.rehab import progress
from hemorehab.rehab.models import JointRestriction, PlanStatus, RehabPlan
from hemorehab.rehab.notifications import notify

BLEED_HISTORY = datetime.timedelta(days=366)
"""Bleeds read for target joints (ISTH: 3 in 6 months make one, 12 months to resolve)."""


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


def latest_records(patient):
    hjhs = HjhsAssessment.objects.for_patient(patient).order_by("-assessed_on", "-id").first()
    scan = UltrasoundExam.objects.for_patient(patient).order_by("-assessed_on", "-id").first()
    return hjhs, scan


def findings_for(patient) -> engine.Findings:
    hjhs, scan = latest_records(patient)
    if hjhs is None:
        raise NoFindings("record an HJHS 2.1 before drafting a plan")
    return engine.Findings(
        hjhs_joints=hjhs.answers["joints"],
        gait=hjhs.answers["gait"],
        ultrasound=scan.answers if scan else {},
        instrument=scan.scale if scan else "head-us-c",
    )


def judgements_for(patient) -> engine.ClinicalJudgements:
    """What clinicians recorded beside the instruments, latest first."""
    hjhs, scan = latest_records(patient)
    activity = (hjhs.synovitis_activity or {}) if hjhs else {}
    effusion = (scan.effusion or {}) if scan else {}
    end_feel: dict[str, dict[str, str]] = {}
    muscle_test: dict[str, dict[str, int]] = {}
    measures = PhysicalMeasure.objects.for_patient(patient).filter(
        kind__in=("goniometry", "muscle_test")
    )
    for measure in measures.order_by("-measured_on", "-id"):
        if not measure.detail:
            continue
        if measure.kind == "goniometry" and measure.end_feel:
            end_feel.setdefault(measure.site, {}).setdefault(measure.detail, measure.end_feel)
        if measure.kind == "muscle_test":
            grade = int(measure.value)
            muscle_test.setdefault(measure.site, {}).setdefault(measure.detail, grade)
    return engine.ClinicalJudgements(
        active_synovitis={j: 1 for j, word in activity.items() if word == "active"},
        effusion={j: word for j, word in effusion.items() if word != "none"},
        end_feel=end_feel,
        muscle_test=muscle_test,
    )


def draft_input(patient, now: datetime.datetime | None = None) -> engine.DraftInput:
    now = now or timezone.now()
    today = patient.center.today()
    restrictions = list(JointRestriction.objects.filter(patient=patient))
    open_ones = [r for r in restrictions if r.cleared_at is None]
    cleared: dict[str, datetime.datetime] = {}
    for r in restrictions:
        if r.cleared_at is not None and (r.joint not in cleared or cleared[r.joint] < r.cleared_at):
            cleared[r.joint] = r.cleared_at
    bleeds = Bleed.objects.for_patient(patient).filter(
        Q(onset__gte=now - BLEED_HISTORY) | Q(pk__in=[r.bleed_id for r in open_ones if r.bleed_id])
    )
    enrollment = getattr(patient, "enrollment", None)
    settings = plan_settings_for(patient.center)
    history: list[engine.WeekReport] = []
    current = None
    if enrollment is not None:
        planned = settings.home_sessions_per_week
        history = progress.week_reports(patient, enrollment.start_date, today, planned)
        current = progress.current_week_report(patient, enrollment.start_date, today, planned)
    bleeds = list(bleeds)
    return engine.DraftInput(
        problems=engine.derive_problems(findings_for(patient), settings.thresholds),
        age=patient.identity.age_on(today),
        hemophilia_type=patient.hemophilia_type,
        bleeds=tuple(b.core() for b in bleeds),
        as_of=now,
        psoas_cleared=_psoas_cleared(bleeds, open_ones, cleared),
        judgements=judgements_for(patient),
        return_phases={r.joint: r.phase for r in open_ones},
        cleared_at={site: when for site, when in cleared.items()},
        target_joints=tuple(patient.joints.filter(is_target=True).values_list("joint", flat=True)),
        history=tuple(history),
        current_week=current,
        prophylaxis=prophylaxis_for(patient, today),
        baseline_factor_iu_dl=float(patient.baseline_factor_activity),
    )


def _psoas_cleared(bleeds, open_ones, cleared: dict[str, datetime.datetime]) -> bool:
    """A physician cleared every iliopsoas bleed that still counts (after the site's last
    completed return): its open restriction no longer waits for the clearance. A psoas bleed
    without an open restriction is NOT taken as cleared, whatever its age (s6a)."""
    waiting = {r.joint: r.needs_physician_clearance for r in open_ones if r.joint in PSOAS_SITES}
    for bleed in bleeds:
        if bleed.site not in PSOAS_SITES:
            continue
        if bleed.site in cleared and bleed.onset <= cleared[bleed.site]:
            continue
        if waiting.get(bleed.site, True):
            return False
    return not any(waiting.values())


def context(patient) -> engine.ChildContext:
    return engine.context_for(draft_input(patient), plan_settings_for(patient.center))


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
        notify(patient, "plan_to_approve", {"number": number})
    return plan


def _sessions(content: dict) -> list[dict]:
    return [content["hospital_session"], content["home_program"]["session"]]


def remove_items(plan: RehabPlan, keep: set[tuple[str, str | None]]) -> None:
    """Keep only the chosen exercises in both sessions (the therapist's edit)."""
    for session in _sessions(plan.content):
        for block in session["blocks"]:
            block["items"] = [i for i in block["items"] if (i["exercise_id"], i["side"]) in keep]


def add_item(plan: RehabPlan, patient, exercise_id: str, side: str | None) -> None:
    """Add a library exercise to the main block of the hospital session (and of the home
    program when it can be done at home) after checking every safety rule."""
    engine.validate_edited_plan([engine.PlanEditItem(exercise_id, side)], context(patient))
    exercise = builtin_library().get(exercise_id)
    entry = {
        "exercise_id": exercise.id,
        "side": side,
        "category": exercise.category,
        "loads": list(exercise.loaded_sites(side)),
        "targets": [],
        "name_en": exercise.name.en,
        "name_zh": exercise.name.zh_hans,
        "added_by_therapist": True,
    }
    sessions = _sessions(plan.content)
    if "home" not in exercise.settings:
        sessions = sessions[:1]
    for session in sessions:
        main = next(b for b in session["blocks"] if b["kind"] == "main")
        main["items"].append(dict(entry))


def planned_items(content: dict) -> list[dict]:
    seen, items = set(), []
    for session in _sessions(content):
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
    from django.utils.translation import gettext as _

    found = []
    items = planned_items(plan.content)
    if not items:
        found.append(str(_("the plan has no exercise left; add at least one.")))
    ctx = context(patient)
    for item in items:
        try:
            engine.validate_edited_plan(
                [engine.PlanEditItem(item["exercise_id"], item["side"])], ctx
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


def paused_exercises(patient, plan: RehabPlan | None = None, ctx=None) -> list[dict]:
    """Exercises of the current approved plan that the safety rules forbid today, each with
    the reasons (a recent bleed, the site's return phase, a psoas block, blood in a joint...).
    The engine's `pause_plan` uses the rule function that drafts and validates edits."""
    plan = plan or RehabPlan.objects.current_for(patient)
    if plan is None:
        return []
    ctx = ctx or context(patient)
    items = planned_items(plan.content)
    by_key = {(i["exercise_id"], i["side"]): i for i in items}
    paused = engine.pause_plan(
        [engine.PlanEditItem(i["exercise_id"], i["side"]) for i in items], ctx
    )
    return [
        {**by_key[(p.exercise_id, p.side)], "reasons": [plain(r) for r in p.reasons]}
        for p in paused
    ]


@dataclasses.dataclass(frozen=True)
class WeekView:
    """A plan as dosed for the current program week."""

    week: engine.WeekIntensity
    program_over: bool
    schedule: engine.Schedule
    """The week's sessions on the child's current regimen, each with its estimated level."""
    hospital: Any
    home: Any
    paused: list[dict]
    library_status_en: str
    library_status_zh: str


def week_view(plan: RehabPlan, patient) -> WeekView:
    """The plan's items dosed for this week (home intensity and hospital level from the weeks
    reported so far), the exercises paused today, and the library's review status."""
    data = draft_input(patient)
    settings = plan_settings_for(patient.center)
    ctx = engine.context_for(data, settings)
    week = engine.week_dose(data.history, settings, data.current_week)
    enrollment = getattr(patient, "enrollment", None)
    over = enrollment is not None and progress.program_over(
        enrollment.start_date, patient.center.today()
    )
    hospital = hospital_session(
        _blocks(plan.content["hospital_session"], ctx), data.age, week, settings
    )
    home = home_program(
        _blocks(plan.content["home_program"]["session"], ctx), data.age, week, settings
    )
    library = builtin_library()
    schedule = engine.weekly_schedule(
        data.prophylaxis, data.hemophilia_type, settings, data.baseline_factor_iu_dl
    )
    return WeekView(
        week=week,
        program_over=over,
        schedule=schedule,
        hospital=hospital,
        home=home,
        paused=paused_exercises(patient, plan, ctx),
        library_status_en=library.status.en,
        library_status_zh=library.status.zh_hans,
    )


def _blocks(session: dict, ctx: engine.ChildContext) -> Blocks:
    library = builtin_library()
    found: dict[str, tuple] = {}
    for block in session["blocks"]:
        choices = []
        for item in block["items"]:
            exercise = library.get(item["exercise_id"])
            if exercise is None:
                continue
            targets = tuple(item.get("targets") or ())
            choices.append(choice_for(exercise, item["side"], targets, (), ctx))
        found[block["kind"]] = tuple(choices)
    return Blocks(found.get("warm_up", ()), found.get("main", ()), found.get("cool_down", ()))
