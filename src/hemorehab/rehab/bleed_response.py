"""What follows a reported bleed: the site is restricted, the care team is told.

Rules (shared/DESIGN.md safety rules; shared/domain/instruments.md s6 and s6a): a bleed in any
joint (ISTH major joints) or any muscle of the fixed list opens the site's graded return at
phase 1, and every exercise loading it is paused (plans.paused_exercises asks the engine); an
iliopsoas bleed also blocks all loading of that leg until a physician clears it; the
hematologist and the therapist are notified. Only a recent bleed does this: one whose onset
lies within the center's `recent_bleed_days` (SafetySettings; default 28 days, the seed
protocol's bleed-free window). A bleed entered as old history is kept for the counts and the
target joints, and restricts nothing. Nothing in the approved plan is rewritten.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from hemorehab.accounts.center_settings import plan_settings_for
from hemorehab.assessments.models import Bleed
from hemorehab.clinical.sites import PSOAS_SITES
from hemorehab.rehab.models import JointRestriction, Notification
from hemorehab.rehab.notifications import notify


def is_recent(bleed: Bleed, now: datetime.datetime | None = None) -> bool:
    days = plan_settings_for(bleed.patient.center).safety.recent_bleed_days
    return (now or timezone.now()) - bleed.onset <= datetime.timedelta(days=days)


def bleed_recorded_received(sender, bleed: Bleed, **kwargs) -> None:
    """assessments.signals.bleed_recorded: a bleed was stored or moved to another site."""
    respond_to_bleed(bleed)


def respond_to_bleed(bleed: Bleed) -> JointRestriction | None:
    """Restrict and notify for a newly reported recent bleed, in the caller's transaction."""
    if bleed.site_kind not in ("joint", "muscle") or not is_recent(bleed):
        return None
    psoas = bleed.site in PSOAS_SITES
    with transaction.atomic():
        restriction = JointRestriction.objects.filter(
            patient=bleed.patient, joint=bleed.site, cleared_at__isnull=True
        ).first()
        if restriction is not None:
            # A new bleed in a site already restricted sends it back to phase 1.
            restriction.phase, restriction.bleed = 1, bleed
            restriction.needs_physician_clearance = restriction.needs_physician_clearance or psoas
            restriction.save()
        else:
            restriction = JointRestriction.objects.create(
                patient=bleed.patient,
                joint=bleed.site,
                bleed=bleed,
                phase=1,
                needs_physician_clearance=psoas,
            )
        _notify(bleed, psoas)
    return restriction


def _notify(bleed: Bleed, psoas: bool) -> None:
    from hemorehab.rehab.plans import paused_exercises

    onset = timezone.localtime(bleed.onset).isoformat(timespec="minutes")
    if psoas:
        kind = Notification.Kind.PSOAS_BLEED
    elif bleed.site_kind == "joint":
        kind = Notification.Kind.JOINT_BLEED
    else:
        kind = Notification.Kind.MUSCLE_BLEED
    count = len(paused_exercises(bleed.patient))
    params = {"joint": bleed.site, "site": bleed.site, "onset": onset, "paused": count}
    notify(bleed.patient, kind, params)
