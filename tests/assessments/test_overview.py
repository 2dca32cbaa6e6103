"""The child's assessments page: history charts and tables, bleeds with target joints."""

import datetime

from django.urls import reverse
from django.utils import timezone

from hemorehab.assessments.models import Bleed
from tests.assessments.helpers import hjhs_post


def test_three_spontaneous_bleeds_in_six_months_mark_a_target_joint(client, personas):
    now = timezone.now()
    for days in (100, 60, 20):
        Bleed.objects.create(
            patient=personas.a1,
            onset=now - datetime.timedelta(days=days),
            site_kind="joint",
            site="left_knee",
            cause="spontaneous",
            recorded_by=personas.hematologist_a,
        )
    Bleed.objects.create(
        patient=personas.a1,
        onset=now - datetime.timedelta(days=30),
        site_kind="joint",
        site="right_ankle",
        cause="traumatic",
        recorded_by=personas.hematologist_a,
    )
    client.force_login(personas.therapist_a)
    context = client.get(reverse("assessments:overview", args=[personas.a1.pk])).context
    assert context["current_targets"] == ["left_knee"]
    flagged = {b.site for b, target in context["bleeds"] if target}
    assert flagged == {"left_knee"}
    (window,) = context["bleed_windows"]
    assert (window[1].total, window[1].joint, window[1].spontaneous) == (4, 4, 3)


def test_page_shows_an_svg_chart_and_no_external_asset(client, personas):
    client.force_login(personas.therapist_a)
    client.post(
        reverse("assessments:new", args=[personas.a1.pk, "hjhs"]),
        hjhs_post(personas.center_a.today().isoformat(), {"right_knee__swelling": "3"}),
    )
    page = client.get(reverse("assessments:overview", args=[personas.a1.pk])).content.decode()
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in page
    assert '<svg class="chart"' in page and ">5</text>" in page  # total 3 + gait 2
