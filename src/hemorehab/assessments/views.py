"""A child's assessments page and each record's change history (entry: assessments.records)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from hemorehab import policy
from hemorehab.assessments import history
from hemorehab.assessments.records import KINDS
from hemorehab.audit.models import AuditEvent
from hemorehab.policy.middleware import logged_in


@logged_in
def overview(request, patient_id):
    """Every instrument's history over time (chart and table), per-joint view, bleeds."""
    patient = policy.get_patient(request.user, patient_id)
    can = policy.capabilities(request.user, patient)
    context = history.patient_history(patient, can)
    context["can"] = {kind: can[spec.action.replace(".", "_")] for kind, spec in KINDS.items()}
    context["patient"] = patient
    context["view"] = policy.view_for(request.user, patient)
    return render(request, "assessments/overview.html", context)


@logged_in
def record_history(request, patient_id, kind, record_id):
    """The change history of one assessment: every version of every item."""
    spec = KINDS.get(kind)
    if spec is None:
        raise Http404
    patient = policy.get_patient(request.user, patient_id, "audit.view")
    record = get_object_or_404(spec.model, pk=record_id, patient=patient)
    events = AuditEvent.objects.for_object(record).order_by("at", "id")
    rows = [(event, changes(event.before or {}, event.after or {})) for event in events]
    return render(
        request,
        "assessments/record_history.html",
        {"patient": patient, "record": record, "rows": rows, "title": spec.title},
    )


HIDDEN = {"updated_at", "version", "created_at"}


def flatten(value, prefix=""):
    """Nested JSON to dotted keys: {"a": {"b": 2}} -> {"a.b": 2}."""
    if not isinstance(value, dict):
        return {prefix: value}
    flat = {}
    for key, inner in value.items():
        flat.update(flatten(inner, f"{prefix}.{key}" if prefix else str(key)))
    return flat


def changes(before: dict, after: dict) -> list[tuple[str, object, object]]:
    """Every leaf value that differs, item by item (so one corrected HJHS item shows as one row)."""
    old, new = flatten(before), flatten(after)
    return [
        (key, old.get(key), new.get(key))
        for key in sorted(set(old) | set(new))
        if old.get(key) != new.get(key) and key.split(".")[0] not in HIDDEN
    ]
