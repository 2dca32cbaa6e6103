"""What follows a reported bleed: the joint is restricted, the care team is told.

Rules (shared/DESIGN.md safety rules; shared/domain/instruments.md section 6): a joint bleed
pauses every exercise that loads that joint and the joint returns through graded phases; an
iliopsoas bleed blocks all lower-limb loading until a physician clears it; the hematologist
and the therapist are notified. The exercises paused are derived from the current plan and
the active restrictions (see `plans.paused_exercises`), so nothing in the approved plan is
rewritten.
"""

from __future__ import annotations

from django.db import transaction

from hemorehab.accounts.roles import Role
from hemorehab.assessments.models import Bleed
from hemorehab.rehab.models import JointRestriction, Notification
from hemorehab.rehab.notifications import notify

NOTIFY_ROLES = (Role.HEMATOLOGIST, Role.THERAPIST)
PSOAS_SITES = frozenset({"left_iliopsoas", "right_iliopsoas"})  # assessments.MUSCLE_SITES
LOWER_LIMB = "lower_limb"


def respond_to_bleed(bleed: Bleed, paused_count: int | None = None) -> JointRestriction | None:
    """Restrict and notify for a newly reported bleed, in the caller's transaction."""
    onset = bleed.onset.isoformat(timespec="minutes")
    with transaction.atomic():
        if bleed.site_kind == "joint":
            open_one = JointRestriction.objects.filter(
                patient=bleed.patient, joint=bleed.site, cleared_at__isnull=True
            ).first()
            if open_one is not None:
                # A new bleed in a joint already restricted sends it back to phase 1.
                open_one.phase, open_one.bleed = 1, bleed
                open_one.save()
                restriction = open_one
            else:
                restriction = JointRestriction.objects.create(
                    patient=bleed.patient, joint=bleed.site, bleed=bleed, phase=1
                )
            from hemorehab.rehab.plans import paused_exercises

            count = len(paused_exercises(bleed.patient)) if paused_count is None else paused_count
            notify(
                bleed.patient,
                NOTIFY_ROLES,
                Notification.Kind.JOINT_BLEED,
                {"joint": bleed.site, "onset": onset, "paused": count},
            )
            return restriction
        if bleed.site_kind == "muscle" and bleed.site in PSOAS_SITES:
            restriction = JointRestriction.objects.create(
                patient=bleed.patient,
                joint=LOWER_LIMB,
                bleed=bleed,
                phase=1,
                needs_physician_clearance=True,
            )
            notify(bleed.patient, NOTIFY_ROLES, Notification.Kind.PSOAS_BLEED, {"onset": onset})
            return restriction
        if bleed.site_kind == "muscle":
            notify(
                bleed.patient,
                NOTIFY_ROLES,
                Notification.Kind.MUSCLE_BLEED,
                {"site": bleed.site, "onset": onset},
            )
    return None
