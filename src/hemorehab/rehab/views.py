"""The child's program page, plan versions (draft, edit, approve), session notes, the home
diary, adverse events, joint restrictions, and the care team's notifications."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hemorehab import policy
from hemorehab.audit.trail import ConflictError
from hemorehab.clinical.errors import ClinicalInputError
from hemorehab.clinical.exercises import builtin_library
from hemorehab.policy.middleware import logged_in
from hemorehab.rehab import calendar, forms, plans, progress, restrictions, week_display
from hemorehab.rehab.models import (
    AdverseEvent,
    HomeSession,
    JointRestriction,
    Notification,
    PlanStatus,
    RehabPlan,
    SessionNote,
)
from hemorehab.ui.redirects import safe_next


@logged_in
def program(request, patient_id):
    patient = policy.get_patient(request.user, patient_id)
    can = policy.capabilities(request.user, patient)
    clinician = can["plan_rules"]  # the rules and numbers; a family reads plain words
    view = policy.view_for(request.user, patient)
    enrollment = getattr(patient, "enrollment", None)
    plan = RehabPlan.objects.current_for(patient)
    week = plans.week_view(plan, patient) if plan is not None else None
    context = {
        "patient": patient,
        "can": can,
        "view": view,
        "plan": plan,
        "week": week_display.week_payload(week, not clinician) if week else None,
        "versions": RehabPlan.objects.filter(patient=patient) if can["plan_versions"] else [],
        "paused": [
            {**item, "words": _reasons(item["reasons"], not clinician)}
            for item in (week.paused if week else [])
        ],
        "library_status": builtin_library().status_text(get_language() or "en"),
        "restrictions": JointRestriction.objects.filter(patient=patient).active(),
        "notes": SessionNote.objects.filter(patient=patient)[:20],
        "home": HomeSession.objects.filter(patient=patient)[:30],
        "events": AdverseEvent.objects.filter(patient=patient)
        if view.text("adverse_event")
        else [],
    }
    if enrollment is not None:
        context["calendar"], context["weeks"] = calendar.build(patient, enrollment.start_date)
        context["intensity"] = [
            (step, [plans.plain(w) for w in (step.explanation, step.level_explanation) if w])
            for step in progress.intensity_by_week(
                patient, enrollment.start_date, patient.center.today()
            )
            if step.week <= len(context["weeks"])
        ]
    return render(request, "rehab/program.html", context)


def _reasons(reasons: list[dict], family: bool) -> list[str]:
    return [week_display.joined_reasons(reasons, family)]


@logged_in
def plan_detail(request, patient_id, plan_id):
    patient = policy.get_patient(request.user, patient_id)
    plan = get_object_or_404(RehabPlan, pk=plan_id, patient=patient)
    if not policy.plan_visible(request.user, patient, plan):
        raise Http404
    can = policy.capabilities(request.user, patient)
    family = not can["plan_rules"]
    return render(
        request,
        "rehab/plan.html",
        {
            "patient": patient,
            "plan": plan,
            "can": can,
            "family": family,
            "week": week_display.week_payload(plans.week_view(plan, patient), family),
            "items": plans.planned_items(plan.content),
            "library": sorted(builtin_library().exercises, key=lambda e: e.id)
            if plan.status == PlanStatus.DRAFT
            else [],
        },
    )


@require_POST
@logged_in
def plan_draft(request, patient_id):
    patient = policy.get_patient(request.user, patient_id, "plan.draft")
    try:
        plan = plans.draft(patient, request.user)
    except plans.NoFindings:
        messages.error(request, _("Record an HJHS 2.1 assessment before drafting a plan."))
        return redirect("rehab:program", patient.pk)
    messages.success(
        request, _("Draft version %(n)s made. Review, edit and approve it.") % {"n": plan.number}
    )
    return redirect("rehab:plan", patient.pk, plan.pk)


@require_POST
@logged_in
def plan_edit(request, patient_id, plan_id):
    patient = policy.get_patient(request.user, patient_id, "plan.draft")
    plan = get_object_or_404(RehabPlan, pk=plan_id, patient=patient, status=PlanStatus.DRAFT)
    form = forms.PlanEditForm(request.POST, plan=plan)
    if not form.is_valid():
        for field, errors in form.errors.items():
            messages.error(request, f"{field}: {' '.join(errors)}")
        return redirect("rehab:plan", patient.pk, plan.pk)
    data = form.cleaned_data
    if data["action"] == "remove":
        plans.remove_items(plan, form.kept())
    if data["add_exercise"]:
        try:
            plans.add_item(plan, patient, data["add_exercise"], data["add_side"] or None)
        except ClinicalInputError as exc:
            messages.error(request, _("Not added: %(reason)s") % {"reason": exc.message})
            return redirect("rehab:plan", patient.pk, plan.pk)
    plan.version = data["version"]
    try:
        plan.save()
    except ConflictError:
        messages.error(
            request,
            _(
                "Someone else changed this draft; your edit was not applied. "
                "Review it and edit again."
            ),
        )
        return redirect("rehab:plan", patient.pk, plan.pk)
    messages.success(request, _("Saved."))
    return redirect("rehab:plan", patient.pk, plan.pk)


@require_POST
@logged_in
def plan_approve(request, patient_id, plan_id):
    patient = policy.get_patient(request.user, patient_id, "plan.approve")
    plan = get_object_or_404(RehabPlan, pk=plan_id, patient=patient, status=PlanStatus.DRAFT)
    conflicts = plans.conflicts(plan, patient)
    if conflicts:
        for text in conflicts:
            messages.error(request, _("Not approved: %(reason)s") % {"reason": text})
        return redirect("rehab:plan", patient.pk, plan.pk)
    plans.approve(plan, request.user)
    messages.success(
        request, _("Version %(n)s approved; the family now sees it.") % {"n": plan.number}
    )
    return redirect("rehab:program", patient.pk)


@logged_in
def restriction_review(request, patient_id, restriction_id):
    patient = policy.get_patient(request.user, patient_id, "restriction.review")
    restriction = get_object_or_404(
        JointRestriction, pk=restriction_id, patient=patient, cleared_at__isnull=True
    )
    form = restrictions.ReviewForm(request.POST or None, restriction=restriction)
    decision = None
    if request.method == "POST" and form.is_valid():
        if restriction.needs_physician_clearance and not policy.allowed(
            request.user, "restriction.clear_psoas", patient
        ):
            form.add_error(None, _("Only a physician can clear a psoas bleed."))
        else:
            decision = restrictions.review(restriction, form.cleaned_data, request.user)
            messages.success(request, decision)
            return redirect("rehab:program", patient.pk)
    return render(
        request,
        "rehab/restriction.html",
        {"patient": patient, "form": form, "restriction": restriction},
    )


@require_POST
@logged_in
def notification_read(request, notification_id):
    notification = get_object_or_404(Notification, pk=notification_id, recipient=request.user)
    notification.read_at = timezone.now()
    notification.save(update_fields=["read_at"])
    return redirect(safe_next(request))
