"""The JSON API under /api/v1/, with its OpenAPI schema at /api/v1/openapi.json."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import NinjaAPI, Status
from ninja.errors import AuthenticationError, ValidationError

from hemorehab.accounts.login import REFUSED, attempt_login, digest, issue_token, revoke_tokens
from hemorehab.accounts.models import ApiToken
from hemorehab.api.assessments import router as assessments_router
from hemorehab.api.auth import BearerToken
from hemorehab.api.patients import router as patients_router
from hemorehab.api.plans import router as plans_router
from hemorehab.api.schemas import TokenIn, TokenInfo, TokenOut, answers

api = NinjaAPI(
    title="hemorehab API",
    version="1",
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url=None,
    auth=BearerToken(),
)


def _field(loc) -> str:
    return ".".join(str(part) for part in loc if part not in ("body", "query", "path", "payload"))


@api.exception_handler(ValidationError)
def validation_error(request, exc):
    errors = [{"field": _field(e.get("loc", [])), "message": e.get("msg", "")} for e in exc.errors]
    detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
    return api.create_response(request, {"detail": detail, "errors": errors}, status=422)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return api.create_response(
        request, {"detail": "Send a valid bearer token (POST /api/v1/auth/token)."}, status=401
    )


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    return api.create_response(request, {"detail": "You may not do this."}, status=403)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": "Not found."}, status=404)


@api.post("/auth/token", auth=None, response=answers({200: TokenOut}), tags=["auth"])
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


@api.get(
    "/auth/tokens",
    response=answers({200: list[TokenInfo]}),
    tags=["auth"],
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


@api.delete(
    "/auth/tokens/{token_id}",
    response=answers({204: None}),
    tags=["auth"],
    summary="Revoke one of your API tokens",
)
def revoke_token(request, token_id: int):
    if not revoke_tokens(request.auth, request.auth, token_id):
        raise Http404
    return Status(204, None)


@api.post(
    "/auth/logout",
    response=answers({204: None}),
    tags=["auth"],
    summary="End the token this request was sent with",
)
def logout(request):
    ApiToken.objects.filter(user=request.auth, digest=_current_token(request)).delete()
    return Status(204, None)


api.add_router("/", patients_router)
api.add_router("/", assessments_router)
api.add_router("/", plans_router)
