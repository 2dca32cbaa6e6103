"""Bearer tokens for the JSON API: the authentication every operation uses, and the
operations that issue, list and revoke a caller's own tokens."""

import datetime

from django.http import Http404
from ninja import Router, Schema
from ninja.responses import Status
from ninja.security import HttpBearer
from pydantic import Field

from hemorehab.accounts.login import (
    REFUSED,
    attempt_login,
    digest,
    issue_token,
    revoke_tokens,
    user_for_token,
)
from hemorehab.accounts.models import ApiToken
from hemorehab.audit.context import attribute_request_to
from hemorehab.audit.middleware import actor_for_request
from hemorehab.ui.api import StrictIn, answers

router = Router(tags=["auth"])


class BearerToken(HttpBearer):
    """`Authorization: Bearer <token>` from POST /api/v1/auth/token."""

    def authenticate(self, request, token):
        user = user_for_token(token)
        if user is None:
            return None
        request.user = user
        attribute_request_to(actor_for_request(request, user))
        return user


class TokenIn(StrictIn):
    username: str = Field(min_length=1, max_length=150)
    password: str = Field(min_length=1, max_length=1024)


class TokenOut(Schema):
    token: str
    expires_at: datetime.datetime
    token_type: str = "bearer"  # noqa: S105 (the scheme name, not a secret)


class TokenInfo(Schema):
    id: int
    created_at: datetime.datetime
    expires_at: datetime.datetime
    last_used_at: datetime.datetime | None
    current: bool = Field(description="the token this request was sent with")


@router.post("/auth/token", auth=None, response=answers({200: TokenOut}))
def token(request, credentials: TokenIn):
    """Exchange a username and password for a bearer token."""
    result = attempt_login(request, credentials.username, credentials.password)
    if not result.ok:  # one answer whatever the reason (accounts.login)
        return Status(401, {"detail": str(REFUSED)})
    if result.user.must_change_password:
        return Status(401, {"detail": "Change your password in the web application first."})
    value, record = issue_token(result.user, request.META.get("REMOTE_ADDR", ""))
    return Status(200, {"token": value, "expires_at": record.expires_at})


def _current_token(request):
    header = request.headers.get("Authorization", "")
    return digest(header[len("Bearer ") :].strip()) if header.startswith("Bearer ") else ""


@router.get(
    "/auth/tokens",
    response=answers({200: list[TokenInfo]}),
    summary="Your API tokens",
)
def list_tokens(request):
    current = _current_token(request)
    tokens = ApiToken.objects.filter(user=request.auth).order_by("-created_at")
    return [
        {
            "id": t.pk,
            "created_at": t.created_at,
            "expires_at": t.expires_at,
            "last_used_at": t.last_used_at,
            "current": t.digest == current,
        }
        for t in tokens
    ]


@router.delete(
    "/auth/tokens/{token_id}",
    response=answers({204: None}),
    summary="Revoke one of your API tokens",
)
def revoke_token(request, token_id: int):
    if not revoke_tokens(request.auth, request.auth, token_id):
        raise Http404
    return Status(204, None)


@router.post(
    "/auth/logout",
    response=answers({204: None}),
    summary="End the token this request was sent with",
)
def logout(request):
    ApiToken.objects.filter(user=request.auth, digest=_current_token(request)).delete()
    return Status(204, None)
