"""Screening against the seed protocol, enrollment, the calendar and the study flow."""

import datetime

from django.urls import reverse

from hemorehab.patients.models import Enrollment
from tests.personas import eligible_screening

YES = "true"


def answers(day: datetime.date, **changes):
    data = {
        "screened_on": day.isoformat(),
        "hemophilia_confirmed": YES,
        "inhibitor_negative": YES,
        "prior_joint_bleed_confirmed": YES,
        "confirming_imaging": "ultrasound",
        "joint_pain_or_restricted_motion": YES,
        "able_to_follow_program": YES,
        "active_bleeding_on_ultrasound": "false",
        "last_bleed_on": (day - datetime.timedelta(days=40)).isoformat(),
        "significant_organ_disease": "false",
        "other_serious_condition": "false",
        "notes": "",
    }
    data.update(changes)
    return data


def test_eligible_child_is_enrolled_and_gets_a_12_week_calendar(client, personas):
    today = personas.center_a.today()
    client.force_login(personas.hematologist_a)
    response = client.post(reverse("patients:screening_new", args=[personas.a1.pk]), answers(today))
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.context["verdict"].status == "eligible"
    enroll_url = reverse("patients:enroll", args=[personas.a1.pk, page.context["screening"].pk])
    child_page = reverse("patients:detail", args=[personas.a1.pk])
    assert f'href="{child_page}">Cancel' in client.get(enroll_url).content.decode()
    assert client.post(enroll_url, {"start_date": today.isoformat()}).status_code == 302
    enrollment = Enrollment.objects.get(patient=personas.a1)
    detail = client.get(reverse("patients:detail", args=[personas.a1.pk]))
    calendar = detail.context["calendar"]
    assert len(calendar.weeks) == 12
    assert calendar.weeks[11].ends == enrollment.start_date + datetime.timedelta(days=83)
    assert sum(w.mdt_discussion for w in calendar.weeks) == 6


def test_recent_bleed_excludes_with_the_numbers_shown(client, personas):
    today = personas.center_a.today()
    client.force_login(personas.hematologist_a)
    recent = (today - datetime.timedelta(days=10)).isoformat()
    response = client.post(
        reverse("patients:screening_new", args=[personas.a1.pk]),
        answers(today, last_bleed_on=recent),
    )
    page = client.get(response["Location"])
    assert page.context["verdict"].status == "not_eligible"
    text = page.content.decode()
    assert "A bleed in the 4 weeks before screening" in text
    assert "10 days since the last bleed (at least 28 needed)" in text
    assert not page.context["can_enroll"]
    refused = client.post(
        reverse("patients:enroll", args=[personas.a1.pk, page.context["screening"].pk]),
        {"start_date": today.isoformat()},
    )
    assert refused.status_code == 302
    assert not Enrollment.objects.filter(patient=personas.a1).exists()


def test_bad_screening_input_names_the_field_and_writes_nothing(client, personas):
    today = personas.center_a.today()
    client.force_login(personas.hematologist_a)
    response = client.post(
        reverse("patients:screening_new", args=[personas.a1.pk]),
        answers(today, confirming_imaging="", screened_on="2999-01-01"),
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Say whether MRI or ultrasound confirmed" in text
    assert "The date cannot be in the future." in text
    assert not personas.a1.screenings.exists()


def test_screening_log_counts_the_study_flow(client, personas):
    today = personas.center_a.today()
    client.force_login(personas.hematologist_a)
    client.post(reverse("patients:screening_new", args=[personas.a1.pk]), answers(today))
    client.post(
        reverse("patients:screening_new", args=[personas.a2.pk]),
        answers(today, inhibitor_negative="false"),
    )
    flow = client.get(reverse("patients:screening_log")).context["flow"]
    assert (flow["screened"], flow["eligible"], flow["not_eligible"]) == (2, 1, 1)
    assert [(str(text), n) for text, n in flow["reasons"]] == [("Inhibitor negative", 1)]


def test_enrollment_far_in_the_future_is_refused(client, personas):
    today = personas.center_a.today()
    screening = eligible_screening(
        personas.a1, personas.hematologist_a, today, confirming_imaging="mri"
    )
    client.force_login(personas.hematologist_a)
    response = client.post(
        reverse("patients:enroll", args=[personas.a1.pk, screening.pk]),
        {"start_date": "9999-12-31"},
    )
    assert "must start within 90 days of the screening" in response.content.decode()
    assert not Enrollment.objects.exists()
