"""Who may change an existing record, and which questionnaire form a family member files.

Families create their own reports (bleeds, infusions, home sessions, their CHO-KLAT form) and
correct only what they entered themselves, within `HEMOREHAB_FAMILY_CORRECTION_HOURS` of entering
it; the team's records are the team's. The guardian files the parent (proxy) CHO-KLAT form, the
adolescent the child self-report; a nurse may enter either.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone

from hemorehab.clinical.roles import CLINICAL, GUARDIAN, NURSE, PATIENT

AUTHOR_FIELDS = ("recorded_by_id", "recorded_by_id", "therapist_id", "recorded_by_id")
CHO_KLAT_FORM_OF = {GUARDIAN: "parent", PATIENT: "child"}


def author_id(record) -> int | None:
    for name in AUTHOR_FIELDS:
        if hasattr(record, name):
            return getattr(record, name)
    return None


def family_may_correct(user, record, now: datetime.datetime | None = None) -> bool:
    """A family member corrects a record they entered, within the configured hours."""
    if author_id(record) != user.pk or record.created_at is None:
        return False
    hours = settings.HEMOREHAB_FAMILY_CORRECTION_HOURS
    return (now or timezone.now()) - record.created_at <= datetime.timedelta(hours=hours)


def may_change(roles: frozenset[str], granted: frozenset[str], user, record) -> bool:
    """`roles`: the user's roles for the child; `granted`: the roles the action allows."""
    if roles & granted & CLINICAL:
        return True
    if roles & granted & {GUARDIAN, PATIENT}:
        return family_may_correct(user, record)
    return False


def cho_klat_forms(roles: frozenset[str]) -> tuple[str, ...]:
    """The CHO-KLAT forms this person may file: both for the team, their own for a family."""
    if NURSE in roles:
        return ("child", "parent")
    return tuple(form for role, form in CHO_KLAT_FORM_OF.items() if role in roles)
