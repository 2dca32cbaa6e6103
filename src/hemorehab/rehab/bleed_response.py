"""What follows a reported bleed: the site is restricted, the care team is told.

Rules (shared/DESIGN.md safety rules; shared/domain/instruments.md s6 and s6a): a bleed in any
joint (ISTH major joints) or any muscle of the fixed list opens the site's graded return at
phase 1, and every exercise loading it is paused (plans.paused_exercises asks the engine); an
iliopsoas bleed also blocks all loading of that leg until a physician clears it; the
hematologist and the therapist are notified. Only a recent bleed does this: one whose onset
lies within the center's `recent_bleed_days` (SafetySettings; default 28 days, the seed
protocol's bleed-free window before enrollment, used as the line between a bleed and
history). A bleed entered as old history is kept for the counts and the target joints, and
restricts nothing, except an iliopsoas bleed: it blocks its leg until a physician clears it,
whatever its age (instruments.md s6a). Blood or fluid in a joint on ultrasound is treated as
a bleed (s6a): the joint's return opens at phase 1 and the team is told (`respond_to_scan`).
Nothing in the approved plan is rewritten.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from hemorehab.accounts.center_settings import plan_settings_for
from hemorehab.assessments.models import Bleed, UltrasoundExam
from hemorehab.clinical.sites import PSOAS_SITES
from hemorehab.rehab.models import JointRestriction, Notification
from hemorehab.rehab.notifications import notify


def is_recent(bleed: Bleed, now: datetime.datetime | None = None) -> bool:
    days = plan_settings_for(bleed.patient.center).safety.recent_bleed_days
    return (now or timezone.now()) - bleed.onset <= datetime.timedelta(days=days)


def bleed_recorded_received(sender, bleed: Bleed, **kwargs) -> None:
    """assessments.signals.bleed_recorded: a bleed was stored or moved to another site."""
    respond_to_bleed(bleed)


def scan_recorded_received(sender, exam: UltrasoundExam, **kwargs) -> None:
    """assessments.signals.scan_recorded: an ultrasound examination was stored or corrected."""
    respond_to_scan(exam)


def respond_to_bleed(bleed: Bleed) -> JointRestriction | None:
    """Restrict and notify for a newly reported recent bleed (an iliopsoas bleed of any age),
    in the caller's transaction."""
    psoas = bleed.site in PSOAS_SITES
    if bleed.site_kind not in ("joint", "muscle") or not (psoas or is_recent(bleed)):
        return None
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


def respond_to_scan(exam: UltrasoundExam) -> list[JointRestriction]:
    """Blood or fluid in a joint on this scan: open the joint's return at phase 1 (unless a
    restriction is already open) and tell the hematologist and the therapist, in the caller's
    transaction. Only the latest scan of the child counts."""
    from hemorehab.rehab.plans import latest_records, paused_exercises

    _hjhs, latest = latest_records(exam.patient)
    if latest is None or latest.pk != exam.pk:
        return []
    opened = []
    for joint, item, value in blood_in_joints(exam):
        if JointRestriction.objects.filter(
            patient=exam.patient, joint=joint, cleared_at__isnull=True
        ).exists():
            continue
        opened.append(JointRestriction.objects.create(patient=exam.patient, joint=joint, phase=1))
        count = len(paused_exercises(exam.patient))
        params = {"joint": joint, "item": str(item), "value": str(value), "paused": count}
        notify(exam.patient, Notification.Kind.JOINT_BLOOD, params)
    return opened


def blood_in_joints(exam: UltrasoundExam) -> list[tuple[str, object, object]]:
    """(joint, item, value) of every joint the scan reads as holding blood or fluid: an
    effusion or hemarthrosis reading, or a HEAD-US-C effusion grade of 1 or more."""
    found = []
    for joint, word in sorted((exam.effusion or {}).items()):
        if word in ("effusion", "hemarthrosis"):
            found.append((joint, "reading", word))
    for joint, items in sorted((exam.answers or {}).items()):
        grade = items.get("effusion") if isinstance(items, dict) else None
        if isinstance(grade, int) and grade >= 1 and joint not in {j for j, *_ in found}:
            found.append((joint, "effusion", grade))
    return found


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
