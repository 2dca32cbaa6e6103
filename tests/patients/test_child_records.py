"""The small records of a child's file (weights, inhibitor tests, joints, contacts) through the
one view that adds or corrects a record of a child: refusals in words, never an error."""

from decimal import Decimal

from django.urls import reverse

from hemorehab.patients.models import PatientJoint, WeightMeasurement


def test_duplicate_joint_and_bad_center_give_messages_not_errors(client, personas):
    PatientJoint.objects.create(patient=personas.a1, joint="left_knee")
    client.force_login(personas.therapist_a)
    response = client.post(
        reverse("patients:record_new", args=[personas.a1.pk, "joint"]), {"joint": "left_knee"}
    )
    assert "This joint is already recorded" in response.content.decode()
    client.force_login(personas.nurse_a)
    assert client.get(reverse("patients:create"), {"center": "abc"}).status_code == 404


def test_a_weight_is_recorded_and_corrected_with_the_version_opened(client, personas):
    client.force_login(personas.nurse_a)
    new = reverse("patients:record_new", args=[personas.a1.pk, "weight"])
    day = personas.center_a.today().isoformat()
    assert client.post(new, {"measured_on": day, "weight_kg": "31.5"}).status_code == 302
    weight = WeightMeasurement.objects.get()
    edit = reverse("patients:record_edit", args=[personas.a1.pk, "weight", weight.pk])
    stale = {"measured_on": day, "weight_kg": "32", "version": weight.version}
    assert client.post(edit, stale).status_code == 302
    again = client.post(edit, {**stale, "weight_kg": "33"})  # the version opened is gone
    assert "Someone else saved this record" in again.content.decode()
    weight.refresh_from_db()
    assert weight.weight_kg == Decimal("32.00")


def test_a_record_kind_that_does_not_exist_is_not_found(client, personas):
    client.force_login(personas.nurse_a)
    url = reverse("patients:record_new", args=[personas.a1.pk, "screening"])
    assert client.get(url).status_code == 404  # screening has its own page
