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
from hemorehab.rehab.center_settings import ADJUSTABLE, CenterSettingsForm
from hemorehab.rehab.models import (
    AdverseEvent,
    HomeSession,
    JointRestriction,
    Notification,
    PlanStatus,
    RehabPlan,
    SessionNote,
)
from hemorehab.rehab.notifications import notify, text
from hemorehab.web.views.auth import safe_next
from hemorehab.web.views.common import save_forms

RECORDS = {
    "session": (forms.SessionNoteForm, SessionNote, "session.note", "therapist", _("Session note")),
    "home": (
        forms.HomeSessionForm,
        HomeSession,
        "home_session.record",
        "reported_by",
        _("Home session"),
    ),
    "adverse-event": (
        forms.AdverseEventForm,
        AdverseEvent,
        "adverse_event.record",
        "reported_by",
        _("Adverse event"),
    ),
}


@logged_in
def program(request, patient_id):
    patient = policy.get_patient(request.user, patient_id)
    can = policy.capabilities(request.user, patient)
    clinician = can["clinician"]
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
        "versions": RehabPlan.objects.filter(patient=patient) if clinician else [],
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
    can = policy.capabilities(request.user, patient)
    if plan.status == PlanStatus.DRAFT and not can["plan_draft"]:
        raise Http404  # nothing reaches the family before a therapist approves
    if plan.status == PlanStatus.SUPERSEDED and not can["clinician"]:
        raise Http404  # a family follows the current version only
    family = not can["clinician"]
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
        return redirect("program", patient.pk)
    messages.success(
        request, _("Draft version %(n)s made. Review, edit and approve it.") % {"n": plan.number}
    )
    return redirect("plan", patient.pk, plan.pk)


@require_POST
@logged_in
def plan_edit(request, patient_id, plan_id):
    patient = policy.get_patient(request.user, patient_id, "plan.draft")
    plan = get_object_or_404(RehabPlan, pk=plan_id, patient=patient, status=PlanStatus.DRAFT)
    form = forms.PlanEditForm(request.POST, plan=plan)
    if not form.is_valid():
        for field, errors in form.errors.items():
            messages.error(request, f"{field}: {' '.join(errors)}")
        return redirect("plan", patient.pk, plan.pk)
    data = form.cleaned_data
    if data["action"] == "remove":
        plans.remove_items(plan, form.kept())
    if data["add_exercise"]:
        try:
            plans.add_item(plan, patient, data["add_exercise"], data["add_side"] or None)
        except ClinicalInputError as exc:
            messages.error(request, _("Not added: %(reason)s") % {"reason": exc.message})
            return redirect("plan", patient.pk, plan.pk)
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
        return redirect("plan", patient.pk, plan.pk)
    messages.success(request, _("Saved."))
    return redirect("plan", patient.pk, plan.pk)


@require_POST
@logged_in
def plan_approve(request, patient_id, plan_id):
    patient = policy.get_patient(request.user, patient_id, "plan.approve")
    plan = get_object_or_404(RehabPlan, pk=plan_id, patient=patient, status=PlanStatus.DRAFT)
    conflicts = plans.conflicts(plan, patient)
    if conflicts:
        for text in conflicts:
            messages.error(request, _("Not approved: %(reason)s") % {"reason": text})
        return redirect("plan", patient.pk, plan.pk)
    plans.approve(plan, request.user)
    messages.success(
        request, _("Version %(n)s approved; the family now sees it.") % {"n": plan.number}
    )
    return redirect("program", patient.pk)


@logged_in
def record_new(request, patient_id, kind):
    if kind not in RECORDS:
        raise Http404
    form_class, _model, action, who, title = RECORDS[kind]
    patient = policy.get_patient(request.user, patient_id, action)
    form = form_class(request.POST or None, patient=patient)
    if request.method == "POST":
        form.instance.patient = patient
        setattr(form.instance, who, request.user)
        if save_forms(request, form):
            if kind == "adverse-event":
                notify(
                    patient,
                    ("hematologist", "therapist", "rehab_physician"),
                    "adverse_event",
                    {"seriousness": form.instance.seriousness, "relation": form.instance.relation},
                )
            messages.success(request, _("Saved."))
            return redirect("program", patient.pk)
    return render(
        request, "web/record_form.html", {"form": form, "patient": patient, "title": title}
    )


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
            return redirect("program", patient.pk)
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


__all__ = ["text"]


@logged_in
def center_settings(request, center_id):
    """The center's plan-engine settings and session threshold (one audited change)."""
    center = policy.get_center(request.user, center_id, "center.settings")
    form = CenterSettingsForm(request.POST or None, center=center)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        center.session_level_threshold = data["session_level_threshold"]
        center.plan_settings = {key: data[key] for key in ADJUSTABLE}
        center.save()
        messages.success(request, _("Saved."))
        return redirect("center_settings", center.pk)
    return render(request, "rehab/center_settings.html", {"form": form, "center": center})
