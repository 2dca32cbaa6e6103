"""Notifications to the care team, written in each reader's language when shown."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from hemorehab import policy
from hemorehab.clinical.sites import SITES
from hemorehab.patients.choices import site_label
from hemorehab.rehab.models import Notification, Relation, Seriousness

TEXT = {
    Notification.Kind.JOINT_BLEED: _(
        "%(study_id)s: %(joint)s bleed reported (onset %(onset)s). %(paused)s exercise(s) "
        "loading this joint are paused; the joint restarts at phase 1 (rest and protection)."
    ),
    Notification.Kind.MUSCLE_BLEED: _(
        "%(study_id)s: %(site)s bleed reported (onset %(onset)s). %(paused)s exercise(s) "
        "loading this muscle are paused; the muscle restarts at phase 1 (rest and protection)."
    ),
    Notification.Kind.PSOAS_BLEED: _(
        "%(study_id)s: %(site)s bleed reported (onset %(onset)s). All loading of that leg is "
        "blocked until a physician clears it."
    ),
    Notification.Kind.JOINT_BLOOD: _(
        "%(study_id)s: %(joint)s holds blood or fluid on ultrasound. It is treated as a bleed: "
        "%(paused)s exercise(s) loading this joint are paused, the joint starts at phase 1 (rest "
        "and protection, cold, no weight on a leg), and factor cover is for the hematologist "
        "to decide."
    ),
    Notification.Kind.PLAN_TO_APPROVE: _("%(study_id)s: plan version %(number)s awaits approval."),
    Notification.Kind.ADVERSE_EVENT: _(
        "%(study_id)s: adverse event reported (%(seriousness)s, relation %(relation)s)."
    ),
}


def text(notification: Notification) -> str:
    """The message in the reader's language: codes in the params become labels now."""
    params = {"paused": 0, "site": "", "joint": "", **notification.params}
    for key in ("joint", "site"):
        if params.get(key) in SITES:
            params[key] = str(site_label(params[key]))
    if params.get("relation") in RELATION_LABELS:
        params["relation"] = RELATION_LABELS[params["relation"]]
    if params.get("seriousness") in SERIOUSNESS_LABELS:
        params["seriousness"] = SERIOUSNESS_LABELS[params["seriousness"]]
    return str(TEXT[notification.kind]) % params


RELATION_LABELS = {choice.value: choice.label for choice in Relation}
SERIOUSNESS_LABELS = {choice.value: choice.label for choice in Seriousness}


def notify(patient, kind: str, params: dict) -> list[Notification]:
    """One notification for each member of the child's center the policy names for this kind
    (policy.permissions.NOTIFY)."""
    params = {"study_id": patient.study_id, **params}
    return Notification.objects.bulk_create(
        [
            Notification(recipient=user, patient=patient, kind=kind, params=params)
            for user in policy.notification_recipients(patient, kind)
        ]
    )


def unread_for(user, limit: int = 20):
    return (
        Notification.objects.filter(recipient=user, read_at__isnull=True)
        .select_related("patient")
        .order_by("-created_at")[:limit]
    )
