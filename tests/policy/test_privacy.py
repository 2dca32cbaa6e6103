"""Free text and exact dates are decided by the policy, and families change only what is theirs."""

from __future__ import annotations

import datetime

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hemorehab.accounts.login import issue_token
from hemorehab.assessments.models import Bleed, ChoKlatAssessment
from hemorehab.patients.models import Enrollment, Screening
from hemorehab.rehab.models import HomeSession, SessionNote
from hemorehab.research.reports import shift_key
from hemorehab.stats.export.deidentify import date_shift_days

NOTE = "Mother LI Na (tel 13800138000) says the knee is warm"
DIARY = "Grandma WANG helped with the stretches"


def _api(user, path, method="get", **kwargs):
    headers = {"Authorization": f"Bearer {issue_token(user)[0]}"}
    return getattr(Client(), method)(path, headers=headers, **kwargs)


def _bleed(personas, author, notes=NOTE, **fields):
    values = {
        "patient": personas.a1,
        "onset": timezone.now() - datetime.timedelta(days=3),
        "site_kind": "joint",
        "site": "left_knee",
        "cause": "spontaneous",
        "treatment": "FVIII 1000 IU by Dr ZHANG",
        "recorded_by": author,
        "notes": notes,
    }
    return Bleed.objects.create(**{**values, **fields})


def _session_and_diary(personas):
    SessionNote.objects.create(
        patient=personas.a1,
        held_on=datetime.date.today(),
        kind="hospital",
        minutes=60,
        content=NOTE,
        tolerance="good",
        adjustments="Call LI Na on 13800138000",
        recorded_by=personas.therapist_a,
    )
    HomeSession.objects.create(
        patient=personas.a1,
        done_on=datetime.date.today(),
        minutes=45,
        completed=True,
        notes=DIARY,
        recorded_by=personas.guardian_a1,
    )


def test_researcher_reads_no_free_text_and_no_record_page(personas):
    _session_and_diary(personas)
    bleed = _bleed(personas, personas.nurse_a)
    client = Client()
    client.force_login(personas.researcher_a)
    for name in ("patients:detail", "rehab:program", "assessments:overview", "care:prophylaxis"):
        response = client.get(reverse(name, args=[personas.a1.pk]))
        assert response.status_code == 403, name
        assert NOTE not in response.content.decode()
    body = _api(personas.researcher_a, f"/api/v1/patients/{personas.a1.pk}/bleeds").json()
    assert body[0]["id"] == bleed.pk
    assert "notes" not in body[0]
    assert "treatment" not in body[0]


def test_families_do_not_read_the_teams_session_notes_but_read_their_diary(personas):
    _session_and_diary(personas)
    for persona in ("guardian_a1", "patient_a1"):
        client = Client()
        client.force_login(personas.users[persona])
        page = client.get(reverse("rehab:program", args=[personas.a1.pk])).content.decode()
        assert "LI Na" not in page, persona
        assert DIARY in page, persona
    client = Client()
    client.force_login(personas.therapist_a)
    page = client.get(reverse("rehab:program", args=[personas.a1.pk])).content.decode()
    assert NOTE in page and DIARY in page


def test_researcher_gets_the_exports_shifted_dates_in_the_api(personas):
    screening = Screening.objects.create(
        patient=personas.a1, screened_on=datetime.date.today(), recorded_by=personas.rehab_a
    )
    start = datetime.date.today()
    Enrollment.objects.create(
        patient=personas.a1, screening=screening, start_date=start, enrolled_by=personas.rehab_a
    )
    bleed = _bleed(personas, personas.nurse_a)
    shift = date_shift_days(shift_key(), personas.a1.study_id)
    assert shift != 0
    child = _api(personas.researcher_a, f"/api/v1/patients/{personas.a1.pk}").json()
    assert child["enrolled_on"] == (start + datetime.timedelta(days=shift)).isoformat()
    listed = _api(personas.researcher_a, "/api/v1/patients").json()["results"]
    assert {r["enrolled_on"] for r in listed if r["id"] == personas.a1.pk} == {child["enrolled_on"]}
    onset = _api(personas.researcher_a, f"/api/v1/patients/{personas.a1.pk}/bleeds").json()
    shown = datetime.datetime.fromisoformat(onset[0]["onset"])
    expected = bleed.onset + datetime.timedelta(days=shift)
    assert abs(shown - expected) < datetime.timedelta(seconds=1)  # JSON keeps milliseconds
    real = _api(personas.nurse_a, f"/api/v1/patients/{personas.a1.pk}").json()
    assert real["enrolled_on"] == start.isoformat()


def _cho_klat(personas, author, form="parent", **fields):
    record = ChoKlatAssessment(
        patient=personas.a1,
        recorded_by=author,
        assessed_on=datetime.date.today(),
        timepoint="baseline",
        form=form,
        answers={"1": 3, "2": 4},
        **fields,
    )

    record.calculate()
    record.save()
    return record


def test_a_guardian_cannot_change_the_teams_records(personas):
    staff_bleed = _bleed(personas, personas.nurse_a, onset=timezone.now())
    staff_form = _cho_klat(personas, personas.nurse_a)
    client = Client()
    client.force_login(personas.guardian_a1)
    for kind, record in (("bleed", staff_bleed), ("cho-klat", staff_form)):
        url = reverse("assessments:edit", args=[personas.a1.pk, kind, record.pk])
        assert client.get(url).status_code == 403
        assert client.post(url, {"notes": "changed"}).status_code == 403
    staff_bleed.refresh_from_db()
    assert staff_bleed.version == 1


def test_a_family_corrects_its_own_entry_only_for_a_while(personas, settings):
    own = _bleed(personas, personas.guardian_a1, notes="first")
    client = Client()
    client.force_login(personas.guardian_a1)
    url = reverse("assessments:edit", args=[personas.a1.pk, "bleed", own.pk])
    assert client.get(url).status_code == 200
    old = timezone.now() - datetime.timedelta(hours=settings.HEMOREHAB_FAMILY_CORRECTION_HOURS + 1)
    Bleed.objects.filter(pk=own.pk).update(created_at=old)
    assert client.get(url).status_code == 403
    nurse = Client()
    nurse.force_login(personas.nurse_a)
    assert nurse.get(url).status_code == 200  # the team corrects a family's report


def test_each_family_member_files_their_own_cho_klat_form(personas):
    body = {
        "assessed_on": datetime.date.today().isoformat(),
        "timepoint": "baseline",
        "answers": {"1": 3},
    }
    path = f"/api/v1/patients/{personas.a1.pk}/cho-klat"
    wrong = [
        ("guardian_a1", "child"),
        ("patient_a1", "parent"),
    ]
    for persona, form in wrong:
        response = _api(
            personas.users[persona],
            path,
            "post",
            data={**body, "form": form},
            content_type="application/json",
        )
        assert response.status_code == 403, persona
    assert not ChoKlatAssessment.objects.exists()
    for persona, form in (("guardian_a1", "parent"), ("patient_a1", "child")):
        response = _api(
            personas.users[persona],
            path,
            "post",
            data={**body, "form": form, "assessed_on": body["assessed_on"]},
            content_type="application/json",
        )
        assert response.status_code == 201, (persona, response.content)
    client = Client()
    client.force_login(personas.guardian_a1)
    url = reverse("assessments:new", args=[personas.a1.pk, "cho-klat"])
    response = client.post(
        url, {"assessed_on": body["assessed_on"], "timepoint": "week_12", "form": "child", "q1": 3}
    )
    assert response.status_code == 200
    assert "form" in response.context["form"].errors
    assert ChoKlatAssessment.objects.count() == 2
