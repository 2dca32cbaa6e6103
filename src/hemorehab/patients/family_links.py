"""Family accounts reach a child only once a clinician of the child's center has confirmed it.

A center administrator creates the account and asks for the link; the account has no usable
password until then. The clinician who confirms (they know the family) gets the first password
to hand over in person, so nobody outside the care team ever holds a family's credential.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from hemorehab.accounts.login import reset_password
from hemorehab.patients.models import FamilyLinkRequest, Guardianship


def request_link(user, patient, kind: str, by, relationship: str = "") -> FamilyLinkRequest:
    return FamilyLinkRequest.objects.create(
        user=user, patient=patient, kind=kind, relationship=relationship, requested_by=by
    )


def pending_for(patient):
    return (
        FamilyLinkRequest.objects.filter(patient=patient, status=FamilyLinkRequest.Status.PENDING)
        .select_related("user", "requested_by")
        .order_by("id")
    )


def linked_accounts(patient) -> list:
    """The family accounts that reach this child: its guardians and its own."""
    accounts = [g.user for g in patient.guardianships.select_related("user").order_by("user_id")]
    if patient.account_id:
        accounts.append(patient.account)
    return accounts


def decide(link: FamilyLinkRequest, confirm: bool, by) -> str | None:
    """Confirm or decline; on a confirmation of an account that never had a password, its first
    password (to hand over in person)."""
    with transaction.atomic():
        link = FamilyLinkRequest.objects.select_for_update().get(pk=link.pk)
        if link.status != FamilyLinkRequest.Status.PENDING:
            return None
        link.status = (
            FamilyLinkRequest.Status.CONFIRMED if confirm else FamilyLinkRequest.Status.DECLINED
        )
        link.decided_by, link.decided_at = by, timezone.now()
        link.save()
        if not confirm:
            return None
        if link.kind == FamilyLinkRequest.Kind.GUARDIAN:
            Guardianship.objects.get_or_create(
                user=link.user, patient=link.patient, defaults={"relationship": link.relationship}
            )
        else:
            patient = type(link.patient).objects.select_for_update().get(pk=link.patient_id)
            patient.account = link.user
            patient.save()
        if not link.user.has_usable_password():
            return reset_password(link.user, by=by)
    return None
