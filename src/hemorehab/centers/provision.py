"""Creating an account with its roles and links, for the CLI (one transaction, all or nothing)."""

from __future__ import annotations

import secrets

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from hemorehab.accounts.models import Center, Membership, User
from hemorehab.audit.context import Actor, acting_as


class ProvisionError(ValueError):
    pass


def provision_user(
    *,
    username: str,
    center_code: str | None,
    roles: list[str],
    guardian_of: list[str],
    patient: str | None,
    language: str = "en",
    password: str | None = None,
) -> tuple[User, str]:
    from hemorehab.patients.models import Guardianship, Patient

    if User.objects.filter(username__iexact=username).exists():
        raise ProvisionError(f"--username: {username!r} is taken")
    center = Center.objects.filter(code=center_code).first() if center_code else None
    if center_code and center is None:
        raise ProvisionError(f"--center: no center has the code {center_code!r}")
    children = {sid: Patient.objects.filter(study_id=sid).first() for sid in guardian_of}
    own = Patient.objects.filter(study_id=patient).first() if patient else None
    for sid, child in [*children.items(), *([(patient, own)] if patient else [])]:
        if child is None:
            raise ProvisionError(f"no child has the study ID {sid!r}")
    if own is not None and own.account_id:
        raise ProvisionError(f"--patient: {patient} already has an account")
    generated = password is None
    password = password or secrets.token_urlsafe(12)
    user = User(username=username, language=language, must_change_password=generated)
    try:
        user.full_clean(exclude=["password"])
        validate_password(password, user)
    except ValidationError as exc:
        raise ProvisionError(f"{'; '.join(exc.messages)}") from exc
    with acting_as(Actor(user_id=None, label="cli")), transaction.atomic():
        user.set_password(password)
        user.save()
        for role in roles:
            Membership.objects.create(user=user, center=center, role=role)
        for child in children.values():
            Guardianship.objects.create(user=user, patient=child, relationship="guardian")
        if own is not None:
            own.account = user
            own.save()
    return user, password
