"""The child's current approved plan over the API, dosed for this program week.

The same week view as the web plan page (rehab.plans.week_view, rehab.week_display): every
item with this week's sets, repetitions, hold, minutes and level, the home intensity, the
exercises paused today (with the reason in plain words for a family, the rule with its
numbers for the care team) and the exercise library's review status.
"""

from __future__ import annotations

from django.http import Http404
from ninja import Router

from hemorehab import policy
from hemorehab.rehab import plans, week_display
from hemorehab.rehab.models import RehabPlan
from hemorehab.ui.api import answers

router = Router(tags=["plans"])


@router.get(
    "/patients/{patient_id}/plan",
    response=answers({200: dict}),
    summary="The current approved plan, dosed for this week (404 when none is approved)",
)
def current_plan(request, patient_id: int):
    patient = policy.get_patient(request.auth, patient_id)
    plan = RehabPlan.objects.current_for(patient)
    if plan is None:
        raise Http404
    family = not policy.allowed(request.auth, "plan.rules", patient)
    view = plans.week_view(plan, patient)
    return {
        "plan_id": plan.pk,
        "version": plan.number,
        "status": plan.status,
        "approved_at": plan.approved_at,
        "library_version": plan.engine_version,
        **week_display.week_payload(view, family),
        "paused": [
            {
                "exercise_id": item["exercise_id"],
                "side": item["side"],
                "reasons": [
                    (week_display.family_reason if family else week_display.clinician_reason)(r)
                    for r in item["reasons"]
                ],
            }
            for item in view.paused
        ],
    }
