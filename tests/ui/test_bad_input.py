"""Inputs that once answered 500, and the one date rule of forms and API."""

import datetime

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hemorehab.accounts.login import issue_token
from hemorehab.assessments.models import Bleed


def _api(user):
    return {"Authorization": f"Bearer {issue_token(user)[0]}"}


def _bleed(**fields):
    onset = timezone.now() - datetime.timedelta(hours=3)
    return {
        "onset": onset.isoformat(),
        "site_kind": "joint",
        "site": "left_knee",
        "cause": "spontaneous",
        **fields,
    }


def test_a_huge_offset_is_refused_with_the_field(personas):
    response = Client().get(
        "/api/v1/patients?offset=9223372036854775808", headers=_api(personas.nurse_a)
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "offset"


def test_treatment_end_is_checked_like_the_form_does(personas):
    url = f"/api/v1/patients/{personas.a1.pk}/bleeds"
    headers = _api(personas.nurse_a)
    for end in ("9999-12-31T23:59:59-14:00", (timezone.now() + datetime.timedelta(days=3))):
        value = end if isinstance(end, str) else end.isoformat()
        response = Client().post(
            url, _bleed(treatment_end=value), content_type="application/json", headers=headers
        )
        assert response.status_code == 422, value
        assert response.json()["errors"][0]["field"] == "treatment_end"
    assert not Bleed.objects.exists()
    client = Client()
    client.force_login(personas.nurse_a)
    future = (timezone.localtime() + datetime.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    onset = (timezone.localtime() - datetime.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("assessments:new", args=[personas.a1.pk, "bleed"]),
        {
            "onset": onset,
            "site_kind": "joint",
            "site": "left_knee",
            "cause": "spontaneous",
            "treatment_end": future,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["treatment_end"] == ["The date cannot be in the future."]
    assert not Bleed.objects.exists()


def test_unknown_body_fields_are_refused_by_name(personas):
    response = Client().post(
        f"/api/v1/patients/{personas.a1.pk}/bleeds",
        _bleed(severity="major"),
        content_type="application/json",
        headers=_api(personas.nurse_a),
    )
    assert response.status_code == 422
    assert "severity" in response.json()["detail"]
    assert not Bleed.objects.exists()


def test_a_very_long_search_finds_nothing_and_does_not_fail(personas):
    client = Client()
    client.force_login(personas.nurse_a)
    response = client.get(reverse("patients:list"), {"q": "x" * 100_000})
    assert response.status_code == 200
    assert response.context["rows"] == []
