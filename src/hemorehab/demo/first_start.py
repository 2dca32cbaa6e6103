"""The first start of a development install: a demonstration center and one account to log in.

In production nothing is created; the operator makes the first center and administrator with
`hemorehab createcenter` and `hemorehab createuser`.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from hemorehab.accounts.models import Center, Membership, User
from hemorehab.accounts.roles import CENTER_ROLES, Role
from hemorehab.audit.context import Actor, acting_as

FIRST_LOGIN_FILE = "first-login.txt"
DEMO_USERNAME = "admin"


def first_login_hint() -> str:
    path = settings.VAR_DIR / FIRST_LOGIN_FILE
    if settings.PRODUCTION:
        if User.objects.exists():
            return "Log in with your hemorehab account."
        return (
            "No accounts yet. Create the first center and administrator:\n"
            "  hemorehab createcenter --code CODE --name NAME --time-zone Asia/Shanghai\n"
            "  hemorehab createuser --username NAME --center CODE --role center_admin"
        )
    if not User.objects.exists():
        _create_demo_login(path)
        return path.read_text(encoding="utf-8").strip()  # shown once, at the first start
    if not path.exists():
        return "Log in with your hemorehab account."
    if not User.objects.filter(username=DEMO_USERNAME, must_change_password=True).exists():
        path.unlink()  # the first password is changed: its note has served
        return "Log in with your hemorehab account."
    return f"The first login ({DEMO_USERNAME}) and its password are in {path}."


def _create_demo_login(path) -> None:
    from hemorehab.accounts.login import reset_password

    with acting_as(Actor(user_id=None, label="first start")), transaction.atomic():
        center = Center.objects.create(code="DEMO", name="Demonstration center")
        user = User.objects.create_user(DEMO_USERNAME, first_name="Demo", last_name="Admin")
        for role in sorted(CENTER_ROLES - {Role.RESEARCHER}):
            Membership.objects.create(user=user, center=center, role=role)
        password = reset_password(user, by=user)
        from hemorehab.demo.load import load

        # The demo cohort of 59 synthetic children, whose analysis reproduces the seed paper.
        load(center, user, timezone.localdate() - datetime.timedelta(weeks=52))
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.touch(mode=0o600)
    path.write_text(
        f"Log in as {DEMO_USERNAME} with password {password} "
        f"(all clinical roles and center administrator in center DEMO, which holds the 59 "
        f"synthetic children of the demo cohort).\n"
        f"This note is kept in {path}; delete it once you have changed the password.\n",
        encoding="utf-8",
    )
    path.chmod(0o600)
