"""Logging in, for the web form and the API alike: lockout after repeated failures, every
attempt recorded."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import authenticate
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hemorehab.accounts import throttle
from hemorehab.accounts.models import ApiToken, LoginEvent, User

# One answer for a wrong password, an unknown account and a locked or paused one, so that the
# page does not tell which usernames exist (accounts.throttle).
REFUSED = _(
    "The username or password is not right, or logging in is paused after repeated failures. "
    "Try again later, or ask your center's administrator."
)


USERNAME_LENGTH = User._meta.get_field("username").max_length


@dataclass(frozen=True)
class LoginResult:
    user: User | None
    locked_until: datetime.datetime | None = None

    @property
    def ok(self) -> bool:
        return self.user is not None


def attempt_login(request, username: str, password: str) -> LoginResult:
    """Check a login. The answer does not tell an unknown account from a locked one or a wrong
    password (no account enumeration); the reason is in LoginEvent for the security review."""
    ip = request.META.get("REMOTE_ADDR", "") if request is not None else ""
    if len(username) > USERNAME_LENGTH or "\x00" in username or "\x00" in password:
        # No account has such a name; it is not looked up (databases refuse NUL characters).
        username = username.replace("\x00", "")[:USERNAME_LENGTH]
        LoginEvent.objects.create(username=username, kind=LoginEvent.Kind.FAILURE, ip=ip)
        throttle.failed(username, ip)
        return LoginResult(None)
    if throttle.refused(username, ip):
        LoginEvent.objects.create(username=username, kind=LoginEvent.Kind.THROTTLED, ip=ip)
        return LoginResult(None)
    with transaction.atomic():
        known = User.objects.select_for_update().filter(username=username).first()
        if known is not None and known.is_locked():
            LoginEvent.objects.create(
                username=username, user=known, kind=LoginEvent.Kind.REFUSED_LOCKED, ip=ip
            )
            return LoginResult(None, known.locked_until)
        user = authenticate(request, username=username, password=password)
        if user is not None:
            User.objects.filter(pk=user.pk).update(failed_logins=0, locked_until=None)
            throttle.succeeded(username, ip)
            LoginEvent.objects.create(
                username=username, user=user, kind=LoginEvent.Kind.SUCCESS, ip=ip
            )
            return LoginResult(user)
        LoginEvent.objects.create(
            username=username, user=known, kind=LoginEvent.Kind.FAILURE, ip=ip
        )
        throttle.failed(username, ip)
        if known is None:
            return LoginResult(None)
        return LoginResult(None, _count_failure(known, ip))


def _count_failure(user: User, ip: str) -> datetime.datetime | None:
    """Failures from all addresses together lock the account for everyone."""
    user.failed_logins += 1
    if user.failed_logins >= settings.HEMOREHAB_LOGIN_MAX_FAILURES_PER_ACCOUNT:
        minutes = settings.HEMOREHAB_LOGIN_LOCK_MINUTES
        user.locked_until = timezone.now() + datetime.timedelta(minutes=minutes)
        user.failed_logins = 0
        LoginEvent.objects.create(
            username=user.username, user=user, kind=LoginEvent.Kind.LOCKED, ip=ip
        )
    User.objects.filter(pk=user.pk).update(
        failed_logins=user.failed_logins, locked_until=user.locked_until
    )
    return user.locked_until


def unlock(user: User, by: User) -> None:
    User.objects.filter(pk=user.pk).update(failed_logins=0, locked_until=None)
    used = LoginEvent.objects.filter(username=user.username).values_list("ip", flat=True)
    throttle.forget_account(user.username, set(used.distinct()))
    LoginEvent.objects.create(
        username=user.username, user=user, kind=LoginEvent.Kind.UNLOCKED, by=by.username
    )


def reset_password(user: User, by: User) -> str:
    """Set a new random password, unlock the account, and return the password to hand over."""
    password = secrets.token_urlsafe(12)
    with transaction.atomic():
        user.set_password(password)
        user.failed_logins = 0
        user.locked_until = None
        user.must_change_password = True
        user.save(
            update_fields=["password", "failed_logins", "locked_until", "must_change_password"]
        )
        ApiToken.objects.filter(user=user).delete()  # a reset ends every API session
        LoginEvent.objects.create(
            username=user.username, user=user, kind=LoginEvent.Kind.PASSWORD_RESET, by=by.username
        )
    return password


def change_password(user: User, password: str) -> None:
    """The user's own new password (already validated); the forced change is then done."""
    with transaction.atomic():
        user.set_password(password)
        user.must_change_password = False
        user.save(update_fields=["password", "must_change_password"])
        # A new password ends every API token; the other browser sessions end by themselves
        # (their stored password hash no longer matches), the current one is kept by the view.
        ApiToken.objects.filter(user=user).delete()
        LoginEvent.objects.create(
            username=user.username, user=user, kind=LoginEvent.Kind.PASSWORD_CHANGED
        )


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(user: User, ip: str = "") -> tuple[str, ApiToken]:
    token = secrets.token_urlsafe(32)
    hours = settings.HEMOREHAB_API_TOKEN_HOURS
    record = ApiToken.objects.create(
        user=user,
        digest=digest(token),
        expires_at=timezone.now() + datetime.timedelta(hours=hours),
    )
    LoginEvent.objects.create(username=user.username, user=user, kind=LoginEvent.Kind.TOKEN, ip=ip)
    return token, record


# `last_used_at` is written at most this often per token, not on every call.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=5)


def user_for_token(token: str, touch: bool = True) -> User | None:
    record = ApiToken.objects.select_related("user").filter(digest=digest(token)).first()
    if record is None or not record.is_valid():
        return None
    now = timezone.now()
    if touch and (record.last_used_at is None or now - record.last_used_at > LAST_USED_RESOLUTION):
        ApiToken.objects.filter(pk=record.pk).update(last_used_at=now)
    return record.user


def revoke_tokens(user: User, by: User, token_id: int | None = None) -> int:
    """End one of the user's API tokens (or all of them); the revocation is logged."""
    tokens = ApiToken.objects.filter(user=user)
    if token_id is not None:
        tokens = tokens.filter(pk=token_id)
    with transaction.atomic():
        count, _ = tokens.delete()
        if count:
            LoginEvent.objects.create(
                username=user.username,
                user=user,
                kind=LoginEvent.Kind.TOKEN_REVOKED,
                by=by.username if by.pk != user.pk else "",
            )
    return count
