"""Anonymous visitors are sent to log in everywhere; undeclared views are closed."""

import pytest
from django.http import HttpResponse
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, path, reverse

SAMPLE_ARGS = {
    "product_id": 1,
    "plan_id": 1,
    "restriction_id": 1,
    "notification_id": 1,
    "patient_id": 1,
    "screening_id": 1,
    "record_id": 1,
    "center_id": 1,
    "user_id": 1,
    "token_id": 1,
    "link_id": 1,
    "kind": "weight",
}


def walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern


def concrete(route: str) -> str:
    for name, value in SAMPLE_ARGS.items():
        for pattern in (f"<int:{name}>", f"<str:{name}>", f"<{name}>"):
            route = route.replace(pattern, str(value))
    return "/" + route.replace("^", "").replace("$", "")


PUBLIC = {"/login/", "/language/", "/api/v1/"}  # the API root is an empty 404


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_login_from_every_page(client):
    checked = 0
    for route, _pattern in walk(get_resolver().url_patterns):
        url = concrete(route)
        if url in PUBLIC:
            continue
        response = client.get(url)
        if response.status_code == 405:  # a POST-only endpoint
            response = client.post(url, "{}", content_type="application/json")
        if url.startswith("/api/v1/"):
            if "openapi" in url or "auth/token" in url:
                continue
            assert response.status_code == 401, url
        else:
            assert response.status_code == 302, url
            assert response["Location"].startswith(reverse("accounts:login")), url
        checked += 1
    assert checked >= 15


def undeclared(request):
    return HttpResponse("should never be seen")


urlpatterns = [path("undeclared/", undeclared)]


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_a_view_without_an_access_rule_is_closed(admin_client):
    response = admin_client.get("/undeclared/")
    assert response.status_code == 403
    assert b"should never be seen" not in response.content
