"""Input that once crashed or slipped through, found in QA; each is now refused in words."""

import datetime

from django.test import Client
from django.urls import reverse

from hemorehab.accounts.login import issue_token
from hemorehab.assessments.models import Bleed, ChoKlatAssessment
from hemorehab.cli import main
from hemorehab.patients.models import Enrollment, Screening


def api(user):
    token, _ = issue_token(user)
    return Client(headers={"Authorization": f"Bearer {token}"})


def post(client, url, body):
    return client.post(url, body, content_type="application/json")


def test_enrollment_far_in_the_future_is_refused(client, personas):
    today = personas.center_a.today()
    screening = Screening.objects.create(
        patient=personas.a1,
        screened_on=today,
        recorded_by=personas.hematologist_a,
        hemophilia_confirmed=True,
        inhibitor_negative=True,
        prior_joint_bleed_confirmed=True,
        confirming_imaging="mri",
        joint_pain_or_restricted_motion=True,
        able_to_follow_program=True,
        active_bleeding_on_ultrasound=False,
        last_bleed_on=today - datetime.timedelta(days=60),
        significant_organ_disease=False,
        other_serious_condition=False,
    )
    client.force_login(personas.hematologist_a)
    response = client.post(
        reverse("patients:enroll", args=[personas.a1.pk, screening.pk]),
        {"start_date": "9999-12-31"},
    )
    assert "must start within 90 days of the screening" in response.content.decode()
    assert not Enrollment.objects.exists()


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


def test_usernames_differing_only_in_case_are_refused(client, personas):
    client.force_login(personas.admin_a)
    response = client.post(
        reverse("centers:user_create", args=[personas.center_a.pk]),
        {"username": "THERAPIST_A", "language": "en", "roles": ["nurse"]},
    )
    assert "This username is taken (letter case aside)." in response.content.decode()


def test_demo_twice_needs_add_and_cli_out_must_be_a_file(personas, capsys, tmp_path):
    assert main(["demo", "--center", "CTRA", "--user", "hematologist_a"]) == 2
    assert "already has children; give --add" in capsys.readouterr().err
    assert main(["report", "--format", "json", "--out", str(tmp_path)]) == 2
    assert "is a folder; give a file name" in capsys.readouterr().err
