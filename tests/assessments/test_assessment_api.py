"""Assessments and bleeds through the API, validated by the same core as the forms."""

import datetime

from django.test import Client

from hemorehab.accounts.login import issue_token
from hemorehab.assessments.models import Bleed, ChoKlatAssessment, HjhsAssessment
from tests.assessments.helpers import hjhs_answers


def api(user):
    token, _ = issue_token(user)
    client = Client(headers={"Authorization": f"Bearer {token}"})
    return client


def post(client, url, body):
    return client.post(url, body, content_type="application/json")


def test_hjhs_is_created_and_scored(personas):
    body = {
        "assessed_on": "2026-01-10",
        "timepoint": "baseline",
        "answers": hjhs_answers({"left_ankle.swelling": 2, "left_ankle.strength": "NE"}),
        "ne_reasons": {"left_ankle.strength": "pain prevented testing"},
    }
    response = post(api(personas.therapist_a), f"/api/v1/patients/{personas.a1.pk}/hjhs", body)
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["total"], data["complete"], data["not_evaluable"]) == (
        4,
        False,
        ["left_ankle.strength"],
    )
    listing = api(personas.researcher_a).get(f"/api/v1/patients/{personas.a1.pk}/assessments/hjhs")
    assert [r["total"] for r in listing.json()] == [4]


def test_out_of_range_item_is_refused_with_its_place(personas):
    body = {
        "assessed_on": "2026-01-10",
        "timepoint": "baseline",
        "answers": hjhs_answers({"left_knee.swelling": 4}),
    }
    response = post(api(personas.therapist_a), f"/api/v1/patients/{personas.a1.pk}/hjhs", body)
    assert response.status_code == 422
    assert response.json()["detail"] == "joints.left_knee.swelling: 4 is outside 0-3"
    assert not HjhsAssessment.objects.exists()


def test_roles_and_centers_are_enforced(personas):
    body = {"assessed_on": "2026-01-10", "timepoint": "baseline", "answers": hjhs_answers()}
    url = f"/api/v1/patients/{personas.a1.pk}/hjhs"
    assert post(api(personas.guardian_a1), url, body).status_code == 403
    assert post(api(personas.therapist_b), url, body).status_code == 404
    assert post(api(personas.researcher_a), url, body).status_code == 403
    assert not HjhsAssessment.objects.exists()


def test_ultrasound_and_cho_klat(personas):
    exam = {
        "assessed_on": "2026-01-10",
        "timepoint": "baseline",
        "scale": "head-us",
        "answers": {"right_ankle": {"synovitis": 2, "cartilage": 3, "bone": 2}},
    }
    response = post(
        api(personas.ultrasound_a), f"/api/v1/patients/{personas.a1.pk}/ultrasound", exam
    )
    assert response.status_code == 201, response.content
    assert (response.json()["total"], response.json()["activity"], response.json()["damage"]) == (
        7,
        2,
        5,
    )
    answers = {str(n): 3 for n in range(1, 36)}
    questionnaire = {
        "assessed_on": "2026-01-10",
        "timepoint": "baseline",
        "form": "parent",
        "answers": answers,
    }
    response = post(
        api(personas.guardian_a1), f"/api/v1/patients/{personas.a1.pk}/cho-klat", questionnaire
    )
    assert response.status_code == 201, response.content
    assert response.json()["answered"] == 35


def test_bleed_report_checks_the_site(personas):
    url = f"/api/v1/patients/{personas.a1.pk}/bleeds"
    onset = (datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=1)).isoformat()
    bad = {"onset": onset, "site_kind": "joint", "site": "left_nose", "cause": "spontaneous"}
    response = post(api(personas.guardian_a1), url, bad)
    assert response.status_code == 422
    assert response.json()["detail"].startswith('site: "left_nose" is not a joint')
    good = {**bad, "site": "left_knee"}
    assert post(api(personas.guardian_a1), url, good).status_code == 201
    assert Bleed.objects.get().recorded_by == personas.guardian_a1


def test_api_refuses_out_of_range_offsets_nul_and_loose_types(personas):
    url = f"/api/v1/patients/{personas.a1.pk}/bleeds"
    extreme = {
        "onset": "9999-12-31T23:59:59-12:00",
        "site_kind": "joint",
        "site": "left_knee",
        "cause": "spontaneous",
    }
    assert post(api(personas.nurse_a), url, extreme).status_code == 422
    onset = (datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=1)).isoformat()
    nul = {
        "onset": onset,
        "site_kind": "joint",
        "site": "left_knee",
        "cause": "spontaneous",
        "notes": "a\x00b",
    }
    response = post(api(personas.nurse_a), url, nul)
    assert response.status_code == 422 and response.json()["detail"].startswith("notes:")
    loose = {
        "assessed_on": "2026-01-10",
        "timepoint": "baseline",
        "form": "parent",
        "answers": {"1": True},
    }
    assert (
        post(
            api(personas.nurse_a), f"/api/v1/patients/{personas.a1.pk}/cho-klat", loose
        ).status_code
        == 422
    )
    assert not Bleed.objects.exists() and not ChoKlatAssessment.objects.exists()


def test_muscle_sites_come_from_a_list_and_duplicates_are_refused(personas):
    url = f"/api/v1/patients/{personas.a1.pk}/bleeds"
    onset = (datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=1)).isoformat()
    body = {"onset": onset, "site_kind": "muscle", "site": "left psoas", "cause": "spontaneous"}
    response = post(api(personas.nurse_a), url, body)
    assert response.status_code == 422 and "left_iliopsoas" in response.json()["detail"]
    body["site"] = "left_iliopsoas"
    assert post(api(personas.nurse_a), url, body).status_code == 201
    again = post(api(personas.nurse_a), url, body)
    assert again.status_code == 409 and "already recorded" in again.json()["detail"]
    assert Bleed.objects.count() == 1
