"""The JSON API under /api/v1/, with its OpenAPI schema at /api/v1/openapi.json: the apps'
routers assembled, the errors every operation answers in the same shape, and operation ids
that name the operation (`create_hjhs`), not the module it happens to be written in."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from hemorehab.accounts import api as accounts_api
from hemorehab.assessments import api as assessments_api
from hemorehab.patients import api as patients_api
from hemorehab.rehab import api as rehab_api


class HemorehabAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation) -> str:
        return operation.view_func.__name__


api = HemorehabAPI(
    title="hemorehab API",
    version="1",
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url=None,
    auth=accounts_api.BearerToken(),
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


api.add_router("/", accounts_api.router)
api.add_router("/", patients_api.router)
api.add_router("/", assessments_api.router)
api.add_router("/", rehab_api.router)
