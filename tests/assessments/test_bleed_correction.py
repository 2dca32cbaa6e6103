"""Correcting a bleed report on the web: the family corrects what it entered, for a while; the
care team corrects any report; a bleed moved to another site restricts the new site and tells
the team again; every version stays in the record's history."""

import datetime

from django.urls import reverse
from django.utils import timezone

from hemorehab.assessments.models import Bleed
from hemorehab.audit.models import AuditEvent
from hemorehab.rehab.models import JointRestriction, Notification


def when(hours_ago: int) -> str:
    moment = timezone.localtime(timezone.now() - datetime.timedelta(hours=hours_ago))
    return moment.strftime("%Y-%m-%dT%H:%M")


def report(client, personas, site="left_knee"):
    data = {
        "onset": when(3),
        "site_kind": "joint",
        "site": site,
        "cause": "spontaneous",
        "treatment": "1000 IU at home",
        "notes": "",
    }
    return client.post(reverse("assessments:new", args=[personas.a1.pk, "bleed"]), data)


def correct(client, personas, bleed, **fields):
    data = {
        "onset": timezone.localtime(bleed.onset).strftime("%Y-%m-%dT%H:%M"),
        "site_kind": bleed.site_kind,
        "site": bleed.site,
        "cause": bleed.cause,
        "treatment": bleed.treatment,
        "notes": bleed.notes,
        "version": bleed.version,
        **fields,
    }
    url = reverse("assessments:edit", args=[personas.a1.pk, "bleed", bleed.pk])
    return client.post(url, data)


def test_a_guardian_moves_their_report_to_the_right_site_and_the_team_is_told(client, personas):
    client.force_login(personas.guardian_a1)
    assert report(client, personas).status_code == 302
    bleed = Bleed.objects.get()
    assert bleed.recorded_by == personas.guardian_a1
    told_before = Notification.objects.count()
    assert correct(client, personas, bleed, site="right_knee").status_code == 302
    bleed.refresh_from_db()
    assert bleed.site == "right_knee"
    assert JointRestriction.objects.filter(joint="right_knee", cleared_at__isnull=True).exists()
    assert Notification.objects.count() > told_before  # the new site is news for the team
    versions = AuditEvent.objects.for_object(bleed).order_by("at", "id")
    assert [e.after["site"] for e in versions] == ["left_knee", "right_knee"]


def test_a_correction_of_the_notes_alone_tells_nobody_again(client, personas):
    client.force_login(personas.guardian_a1)
    report(client, personas)
    bleed = Bleed.objects.get()
    told = Notification.objects.count()
    assert correct(client, personas, bleed, notes="he fell on the stairs").status_code == 302
    assert Notification.objects.count() == told
    assert JointRestriction.objects.count() == 1


def test_the_family_corrects_only_its_own_report_and_only_for_a_while(client, personas, settings):
    client.force_login(personas.nurse_a)
    report(client, personas)
    nurses = Bleed.objects.get()
    client.force_login(personas.guardian_a1)
    assert correct(client, personas, nurses, notes="x").status_code == 403
    report(client, personas, site="left_ankle")
    own = Bleed.objects.get(site="left_ankle")
    Bleed.objects.filter(pk=own.pk).update(
        created_at=timezone.now()
        - datetime.timedelta(hours=settings.HEMOREHAB_FAMILY_CORRECTION_HOURS + 1)
    )
    own.refresh_from_db()
    assert correct(client, personas, own, notes="late").status_code == 403
    own.refresh_from_db()
    assert own.notes == ""


def test_the_care_team_corrects_a_familys_report(client, personas):
    client.force_login(personas.guardian_a1)
    report(client, personas)
    bleed = Bleed.objects.get()
    client.force_login(personas.hematologist_a)
    assert correct(client, personas, bleed, cause="traumatic").status_code == 302
    bleed.refresh_from_db()
    assert bleed.cause == "traumatic" and bleed.recorded_by == personas.guardian_a1


def test_a_correction_to_an_impossible_site_is_refused_and_keeps_the_report(client, personas):
    client.force_login(personas.therapist_a)
    report(client, personas)
    bleed = Bleed.objects.get()
    page = correct(client, personas, bleed, site_kind="muscle", site="left_knee")
    assert "Choose the muscle from the list." in page.content.decode()
    bleed.refresh_from_db()
    assert (bleed.site_kind, bleed.site) == ("joint", "left_knee")
