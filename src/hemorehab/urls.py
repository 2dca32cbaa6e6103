"""The project's addresses: each app's pages under its own namespace (`patients:detail`,
`rehab:plan`, ...) and the JSON API under /api/v1/. Paths stay as they were; names carry the
app that owns the page."""

from django.urls import include, path

from hemorehab.api.router import api
from hemorehab.policy.middleware import RULE_ATTRIBUTE


def _api_urls():
    """The API answers 401 itself; mark its views so the deny-by-default gate lets them through."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        setattr(pattern.callback, RULE_ATTRIBUTE, "api")
    return include((patterns, app_name), namespace=namespace)


urlpatterns = [
    path("", include("hemorehab.patients.urls")),
    path("", include("hemorehab.accounts.urls")),
    path("", include("hemorehab.assessments.urls")),
    path("", include("hemorehab.care.urls")),
    path("", include("hemorehab.rehab.urls")),
    path("", include("hemorehab.research.urls")),
    path("", include("hemorehab.centers.urls")),
    path("api/v1/", _api_urls()),
]
