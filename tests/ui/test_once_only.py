"""Every write once and only once: the same submission sent ten times at once is stored once,
with and without an idempotency key, on SQLite and on PostgreSQL, through the API and the web."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hemorehab.accounts.login import issue_token
from hemorehab.assessments.models import Bleed
from hemorehab.audit import chain
from hemorehab.rehab.models import HomeSession

pytestmark = pytest.mark.django_db(transaction=True)


def _at_once(send, times=10):
    """Run `send` in `times` threads released together; their answers."""
    barrier = threading.Barrier(times)
    answers = [None] * times

    def run(i):
        try:
            barrier.wait()
            answers[i] = send()
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(times)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return answers


def _bleed_body():
    onset = (timezone.now() - datetime.timedelta(hours=2)).replace(microsecond=0)
    return {
        "onset": onset.isoformat(),
        "site_kind": "joint",
        "site": "left_knee",
        "cause": "spontaneous",
    }


@pytest.mark.parametrize("keyed", [True, False], ids=["same key", "no key"])
def test_ten_identical_api_bleeds_store_one(personas, keyed):
    token = issue_token(personas.guardian_a1)[0]
    body = _bleed_body()
    headers = {"Authorization": f"Bearer {token}"}
    if keyed:
        headers["Idempotency-Key"] = "bleed-of-a1-0001"
    path = f"/api/v1/patients/{personas.a1.pk}/bleeds"

    def send():
        return Client().post(path, body, content_type="application/json", headers=headers)

    answers = _at_once(send)
    statuses = sorted(a.status_code for a in answers)
    assert Bleed.objects.count() == 1
    assert 500 not in statuses
    if keyed:
        assert statuses == [201] * 10  # the first answer, given again
        assert len({a.json()["id"] for a in answers}) == 1
        assert sum(a.get("Idempotent-Replayed") == "true" for a in answers) == 9
    else:
        assert statuses == [201] + [409] * 9
        refused = next(a for a in answers if a.status_code == 409)
        assert "already recorded" in refused.json()["detail"]


def test_ten_bleeds_on_one_joint_at_once_never_fail(personas):
    """Different onsets, same child and joint: each is stored, none answers 500 (the joint's
    restriction is updated one writer at a time)."""
    token = issue_token(personas.nurse_a)[0]
    start = timezone.now().replace(microsecond=0) - datetime.timedelta(hours=20)
    counter = iter(range(10))
    lock = threading.Lock()

    def send():
        with lock:
            n = next(counter)
        body = {**_bleed_body(), "onset": (start + datetime.timedelta(hours=n)).isoformat()}
        return Client().post(
            f"/api/v1/patients/{personas.a1.pk}/bleeds",
            body,
            content_type="application/json",
            headers={"Authorization": f"Bearer {token}"},
        )

    answers = _at_once(send)
    assert sorted(a.status_code for a in answers) == [201] * 10
    assert Bleed.objects.count() == 10
    assert chain.verify() == []  # concurrent writers still make one unbroken audit chain


def test_a_web_form_sent_ten_times_at_once_stores_once(personas):
    url = reverse("rehab:record_new", args=[personas.a1.pk, "home"])
    opener = Client()
    opener.force_login(personas.guardian_a1)
    page = opener.get(url).content.decode()
    key = page.split('name="idempotency_key" value="', 1)[1].split('"', 1)[0]
    data = {
        "idempotency_key": key,
        "done_on": datetime.date.today().isoformat(),
        "minutes": "45",
        "completed": "on",
        "notes": "all done",
    }

    def send():
        client = Client()
        client.force_login(personas.guardian_a1)
        return client.post(url, data)

    answers = _at_once(send)
    assert HomeSession.objects.count() == 1
    assert sorted(a.status_code for a in answers) == [302] * 10
    # A later retry of the same submission (an offline replay) still stores nothing new.
    assert send().status_code == 302
    assert HomeSession.objects.count() == 1
