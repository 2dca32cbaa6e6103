"""The care team's notifications: who is told of an adverse event, in their own language, and
marking one read (only your own, and the page you go back to stays on the site)."""

import datetime

from django.urls import reverse
from django.utils import timezone

from hemorehab.accounts.models import Membership
from hemorehab.rehab.models import Notification


def record_adverse_event(client, personas, seriousness="serious", relation="possible"):
    client.force_login(personas.nurse_a)
    return client.post(
        reverse("rehab:record_new", args=[personas.a1.pk, "adverse-event"]),
        {
            "onset": personas.center_a.today().isoformat(),
            "description": "Knee swollen after the hospital session",
            "relation": relation,
            "seriousness": seriousness,
            "outcome": "",
        },
    )


def test_an_adverse_event_tells_the_hematologist_therapist_and_rehab_physician(client, personas):
    Membership.objects.create(user=personas.therapist_b, center=personas.center_b, role="nurse")
    assert record_adverse_event(client, personas).status_code == 302
    told = set(Notification.objects.values_list("recipient__username", flat=True))
    assert told == {"hematologist_a", "therapist_a", "rehab_a"}
    notice = Notification.objects.get(recipient=personas.hematologist_a)
    assert notice.kind == "adverse_event" and notice.patient == personas.a1
    assert notice.params == {
        "study_id": personas.a1.study_id,
        "seriousness": "serious",
        "relation": "possible",
    }


def test_the_notification_reads_in_each_readers_language(client, personas):
    record_adverse_event(client, personas)
    personas.therapist_a.language = "zh-hans"
    personas.therapist_a.save()
    client.force_login(personas.hematologist_a)
    english = client.get(reverse("patients:list")).content.decode()
    assert (
        f"{personas.a1.study_id}: adverse event reported (Serious, relation Possible)." in english
    )
    client.force_login(personas.therapist_a)
    chinese = client.get(reverse("patients:list")).content.decode()
    assert "不良事件" in chinese and "Possible" not in chinese


def test_each_adverse_event_is_its_own_notice(client, personas):
    record_adverse_event(client, personas)
    assert Notification.objects.count() == 3
    record_adverse_event(client, personas, seriousness="non_serious", relation="unlikely")
    assert Notification.objects.count() == 6


def test_marking_a_notification_read_removes_it_from_the_list(client, personas):
    record_adverse_event(client, personas)
    notice = Notification.objects.get(recipient=personas.therapist_a)
    client.force_login(personas.therapist_a)
    home = reverse("patients:list")
    assert reverse("rehab:notification_read", args=[notice.pk]) in client.get(home).content.decode()
    response = client.post(reverse("rehab:notification_read", args=[notice.pk]), {"next": home})
    assert response.status_code == 302 and response["Location"] == home
    notice.refresh_from_db()
    assert notice.read_at is not None and notice.read_at <= timezone.now()
    assert (
        reverse("rehab:notification_read", args=[notice.pk])
        not in client.get(home).content.decode()
    )


def test_nobody_marks_another_persons_notification_read(client, personas):
    record_adverse_event(client, personas)
    notice = Notification.objects.get(recipient=personas.therapist_a)
    client.force_login(personas.hematologist_a)
    url = reverse("rehab:notification_read", args=[notice.pk])
    assert client.post(url).status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None


def test_after_marking_read_the_user_stays_on_the_site(client, personas):
    record_adverse_event(client, personas)
    notice = Notification.objects.get(recipient=personas.therapist_a)
    client.force_login(personas.therapist_a)
    url = reverse("rehab:notification_read", args=[notice.pk])
    response = client.post(url, {"next": "https://evil.example/phish"})
    assert response["Location"] == reverse("patients:list")


def test_the_list_shows_only_this_users_unread_notices(client, personas):
    record_adverse_event(client, personas)
    Notification.objects.filter(recipient=personas.therapist_a).update(
        read_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    client.force_login(personas.therapist_a)
    page = client.get(reverse("patients:list")).content.decode()
    assert "adverse event reported" not in page
    client.force_login(personas.nurse_a)  # recorded it; not among those told
    assert "adverse event reported" not in client.get(reverse("patients:list")).content.decode()
