"""A therapist records an HJHS in the web form: totals computed, bad items refused, history kept."""

import datetime

from django.urls import reverse

from hemorehab.assessments.models import HjhsAssessment
from tests.assessments.helpers import hjhs_post


def yesterday(personas) -> str:
    return (personas.center_a.today() - datetime.timedelta(days=1)).isoformat()


def test_full_baseline_is_scored_by_the_server(client, personas):
    client.force_login(personas.therapist_a)
    data = hjhs_post(
        yesterday(personas),
        {"left_ankle__swelling": "2", "left_ankle__strength": "2", "right_knee__crepitus": "1"},
    )
    response = client.post(reverse("assessments:new", args=[personas.a1.pk, "hjhs"]), data)
    assert response.status_code == 302
    record = HjhsAssessment.objects.get(patient=personas.a1)
    assert (record.total, record.complete, record.gait) == (7, True, 2)
    assert record.joint_totals["left_ankle"] == 4
    assert record.components == {
        "swelling": 2,
        "muscle_strength_atrophy": 2,
        "flexion_extension": 0,
        "crepitus": 1,
        "pain": 0,
        "gait": 2,
    }
    assert record.instrument_version == "HJHS 2.1"
    assert record.recorded_by == personas.therapist_a


def test_out_of_range_item_is_refused_naming_the_item_and_nothing_is_saved(client, personas):
    client.force_login(personas.therapist_a)
    data = hjhs_post(yesterday(personas), {"left_knee__swelling": "4"})
    response = client.post(reverse("assessments:new", args=[personas.a1.pk, "hjhs"]), data)
    assert response.status_code == 200
    text = response.content.decode()
    assert (
        "Left knee: Swelling: Select a valid choice. 4 is not one of the available choices." in text
    )
    assert 'value="0" selected' in text  # every other answer typed is still in the form
    assert not HjhsAssessment.objects.exists()


def test_not_evaluable_needs_a_reason_and_is_never_counted_as_zero(client, personas):
    client.force_login(personas.therapist_a)
    url = reverse("assessments:new", args=[personas.a1.pk, "hjhs"])
    data = hjhs_post(yesterday(personas), {"left_knee__strength": "NE", "left_knee__swelling": "2"})
    refused = client.post(url, data)
    assert "Give the reason this item was not evaluable." in refused.content.decode()
    data["left_knee__ne_reason"] = "knee in a cast"
    assert client.post(url, data).status_code == 302
    record = HjhsAssessment.objects.get()
    assert (record.total, record.complete) == (4, False)
    assert record.not_evaluable == ["left_knee.strength"]
    assert record.ne_reasons == {"left_knee.strength": "knee in a cast"}
    overview = client.get(reverse("assessments:overview", args=[personas.a1.pk])).content.decode()
    assert "incomplete" in overview


def test_correcting_one_item_keeps_the_history_item_by_item(client, personas):
    client.force_login(personas.therapist_a)
    day = yesterday(personas)
    client.post(reverse("assessments:new", args=[personas.a1.pk, "hjhs"]), hjhs_post(day))
    record = HjhsAssessment.objects.get()
    edit_url = reverse("assessments:edit", args=[personas.a1.pk, "hjhs", record.pk])
    form = client.get(edit_url).context["form"]
    assert form.initial["left_ankle__swelling"] == "0"
    corrected = hjhs_post(day, {"left_ankle__swelling": "1", "version": str(record.version)})
    assert client.post(edit_url, corrected).status_code == 302
    record.refresh_from_db()
    assert record.total == 3
    history = client.get(
        reverse("assessments:history", args=[personas.a1.pk, "hjhs", record.pk])
    ).context["rows"]
    (created, _), (changed, diffs) = history
    assert created.action == "create" and changed.action == "update"
    keys = {key: (old, new) for key, old, new in diffs}
    assert keys["answers.joints.left_ankle.swelling"] == (0, 1)
    assert keys["total"] == (2, 3)


def test_future_date_is_refused(client, personas):
    client.force_login(personas.therapist_a)
    future = (personas.center_a.today() + datetime.timedelta(days=3)).isoformat()
    response = client.post(
        reverse("assessments:new", args=[personas.a1.pk, "hjhs"]), hjhs_post(future)
    )
    assert "The date cannot be in the future." in response.content.decode()
    assert not HjhsAssessment.objects.exists()


def test_licensed_cho_klat_wording_is_shown_when_the_center_supplies_it(
    client, personas, tmp_path, settings
):
    import json

    from hemorehab.assessments import forms

    # Synthetic placeholder wording made for this test; the real text is licensed to centers.
    texts = {
        "parent": {
            str(n): {"en": f"Parent item {n} text", "zh-hans": f"家长条目{n}"} for n in range(1, 36)
        }
    }
    path = tmp_path / "cho_klat_texts.json"
    path.write_text(json.dumps(texts), encoding="utf-8")
    settings.HEMOREHAB_CHO_KLAT_TEXTS = str(path)
    forms._texts_from.cache_clear()
    client.force_login(personas.nurse_a)
    page = client.get(reverse("assessments:new", args=[personas.a1.pk, "cho-klat"]))
    assert "Item 7: Parent item 7 text" in page.content.decode()
    path.write_text("{not json", encoding="utf-8")
    forms._texts_from.cache_clear()
    page = client.get(reverse("assessments:new", args=[personas.a1.pk, "cho-klat"]))
    assert page.status_code == 200 and "Parent item 7" not in page.content.decode()
    forms._texts_from.cache_clear()
