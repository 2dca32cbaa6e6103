"""Every change to clinical and identifying data lands in the append-only audit trail."""

from decimal import Decimal

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from hemorehab.audit.context import Actor, acting_as
from hemorehab.audit.models import AuditEvent
from hemorehab.patients.models import Patient, WeightMeasurement


def events(instance):
    return list(AuditEvent.objects.for_object(instance).order_by("id"))


def test_creating_a_child_records_who_and_what(personas):
    actor = Actor(user_id=personas.nurse_a.pk, label="nurse_a", method="POST", path="/x")
    with acting_as(actor):
        child = Patient.register(
            personas.center_a,
            hemophilia_type="B",
            baseline_factor_activity=Decimal("2.0"),
            prior_regimen="on_demand",
        )
    (event,) = events(child)
    assert (event.action, event.actor_id, event.actor_label) == (
        "create",
        personas.nurse_a.pk,
        "nurse_a",
    )
    assert event.before is None
    assert event.after["hemophilia_type"] == "B"
    assert event.patient_id == child.pk
    assert (event.method, event.path) == ("POST", "/x")


def test_saving_with_update_fields_is_audited_with_before_and_after(personas):
    child = personas.a1
    child.baseline_factor_activity = Decimal("3.00")
    child.save(update_fields=["baseline_factor_activity"])
    event = events(child)[-1]
    assert event.action == "update"
    assert event.before["baseline_factor_activity"] == "0.50"
    assert event.after["baseline_factor_activity"] == "3.00"
    assert "baseline_factor_activity" in event.changed


def test_bulk_update_paths_are_audited_row_by_row(personas):
    count = Patient.objects.filter(center=personas.center_a).update(prior_regimen="on_demand")
    assert count == 2
    for child in (personas.a1, personas.a2):
        last = events(child)[-1]
        assert (last.before["prior_regimen"], last.after["prior_regimen"]) == (
            "prophylaxis",
            "on_demand",
        )
    weights = WeightMeasurement.objects.bulk_create(
        [WeightMeasurement(patient=personas.a1, measured_on="2026-01-05", weight_kg=Decimal("25"))]
    )
    assert events(weights[0])[0].action == "create"
    weights[0].weight_kg = Decimal("26")
    WeightMeasurement.objects.bulk_update(weights, ["weight_kg"])
    assert events(weights[0])[-1].after["weight_kg"] == "26.00"


def test_deletes_are_audited(personas):
    weight = WeightMeasurement.objects.create(
        patient=personas.a1, measured_on="2026-01-05", weight_kg=Decimal("25")
    )
    pk = weight.pk
    weight.delete()
    event = AuditEvent.objects.filter(model="patients.WeightMeasurement", object_pk=str(pk)).first()
    assert event.action == "delete"
    assert event.before["weight_kg"] == "25.00"
    assert event.after is None
    WeightMeasurement.objects.create(patient=personas.a1, measured_on="2026-01-06", weight_kg=30)
    WeightMeasurement.objects.filter(patient=personas.a1).delete()
    assert (
        AuditEvent.objects.filter(model="patients.WeightMeasurement", action="delete").count() == 2
    )


def test_the_trail_cannot_be_changed_or_deleted_through_the_application(personas):
    event = AuditEvent.objects.first()
    event.actor_label = "someone else"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().update(actor_label="x")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()


def test_the_database_itself_refuses_to_rewrite_the_trail(personas):
    table = AuditEvent._meta.db_table
    with (
        pytest.raises(DatabaseError),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f"UPDATE {table} SET actor_label = 'forged'")  # noqa: S608
    assert not AuditEvent.objects.filter(actor_label="forged").exists()


def test_a_web_edit_is_shown_in_the_childs_change_history(client, personas):
    client.force_login(personas.hematologist_a)
    url = reverse("patients:edit", args=[personas.a1.pk])
    form = client.get(url).context
    data = {
        "patient-version": form["forms"][0].initial["version"],
        "patient-sex": "male",
        "patient-hemophilia_type": "A",
        "patient-baseline_factor_activity": "0.80",
        "patient-prior_regimen": "prophylaxis",
        "identity-version": form["forms"][1].initial["version"],
        "identity-family_name": "Wang",
        "identity-given_name": "Xiaoming",
        "identity-hospital_number": "H-CHANGED",
        "identity-date_of_birth": personas.a1.identity.date_of_birth.isoformat(),
    }
    assert client.post(url, data).status_code == 302
    page = client.get(reverse("patients:audit", args=[personas.a1.pk])).content.decode()
    assert "H-CHANGED" in page and "H-WANG-XIAOMING" in page
    event = AuditEvent.objects.filter(model="patients.PatientIdentity").first()
    assert event.actor_label == "hematologist_a"
    assert event.changed == ["hospital_number", "updated_at", "version"]
