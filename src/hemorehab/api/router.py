"""The JSON API under /api/v1/, with its OpenAPI schema at /api/v1/openapi.json."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import NinjaAPI, Status
from ninja.errors import AuthenticationError, ValidationError

from hemorehab.accounts.login import attempt_login, issue_token
from hemorehab.api.assessments import router as assessments_router
from hemorehab.api.auth import BearerToken
from hemorehab.api.patients import router as patients_router
from hemorehab.api.plans import router as plans_router
from hemorehab.api.schemas import ErrorOut, TokenIn, TokenOut

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


@api.post("/auth/token", auth=None, response={200: TokenOut, 401: ErrorOut}, tags=["auth"])
def token(request, credentials: TokenIn):
    """Exchange a username and password for a bearer token."""
    result = attempt_login(request, credentials.username, credentials.password)
    if not result.ok:
        if result.locked_until:
            until = result.locked_until.isoformat()
            return Status(401, {"detail": f"Account locked until {until}."})
        return Status(401, {"detail": "The username or password is not right."})
    if result.user.must_change_password:
        return Status(401, {"detail": "Change your password in the web application first."})
    value, record = issue_token(result.user, request.META.get("REMOTE_ADDR", ""))
    return Status(200, {"token": value, "expires_at": record.expires_at})


api.add_router("/", patients_router)
api.add_router("/", assessments_router)
api.add_router("/", plans_router)
