"""A new password made for someone else: set, shown once to the person who asked for it (an
administrator for their staff, the care team for a family), who hands it over in person."""

from __future__ import annotations

from django.contrib import messages
from django.utils.translation import gettext as _

from hemorehab.accounts.login import reset_password


def reset_and_show(request, account) -> None:
    """Reset the account's password (its API tokens end, it must choose its own at the next
    login) and show the new one to the person resetting it."""
    password = reset_password(account, by=request.user)
    messages.success(
        request,
        _("New password for %(username)s (give it to them in person): %(password)s")
        % {"username": account.username, "password": password},
    )
