"""The audit trail cannot be rewritten: refused by the database, tamper-evident by its hash
chain, and no manager or queryset of a clinical model writes without a record."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import DatabaseError, connection, models, transaction

from hemorehab.audit import chain
from hemorehab.audit.models import AuditEvent
from hemorehab.audit.trail import AuditedModel, AuditedQuerySet
from hemorehab.commands.check import audit_chain_problems
from hemorehab.patients.models import Patient

# Models that hold no clinical or identifying data of a child, each with its reason.
NOT_AUDITED = {
    "audit.AuditEvent": "the trail itself: append-only and hash-chained",
    "accounts.User": "staff and family accounts; their changes are in accounts.LoginEvent",
    "accounts.LoginEvent": "the security log of logins",
    "accounts.ApiToken": "credentials (digests only)",
    "accounts.IdempotencyKey": "a short-lived copy of a response, for retries",
    "rehab.Notification": "a message to the care team about an audited record",
}


def _project_models():
    return [m for m in apps.get_models() if m.__module__.startswith("hemorehab.")]


def test_every_project_model_is_audited_or_listed_with_its_reason():
    unlisted = [
        m._meta.label
        for m in _project_models()
        if not issubclass(m, AuditedModel) and m._meta.label not in NOT_AUDITED
    ]
    assert unlisted == []


def test_no_manager_of_an_audited_model_writes_without_a_record():
    plain = [
        f"{model._meta.label}.{manager.name}"
        for model in _project_models()
        if issubclass(model, AuditedModel)
        for manager in (model._base_manager, model._default_manager, *model._meta.managers)
        if not isinstance(manager.all(), AuditedQuerySet)
    ]
    assert plain == []


def test_no_cascade_deletes_an_audited_record_silently():
    """Django's delete collector removes cascaded rows without calling their delete()."""
    silent = [
        f"{model._meta.label}.{field.name}"
        for model in _project_models()
        if issubclass(model, AuditedModel)
        for field in model._meta.get_fields()
        if isinstance(field, models.ForeignKey)
        and field.remote_field.on_delete in (models.CASCADE, models.SET_NULL)
    ]
    assert silent == []


def test_the_base_manager_update_is_recorded(personas):
    before = AuditEvent.objects.for_object(personas.a1).count()
    Patient._base_manager.filter(pk=personas.a1.pk).update(prior_regimen="on_demand")
    events = AuditEvent.objects.for_object(personas.a1).order_by("id")
    assert events.count() == before + 1
    assert events.last().changed == ["prior_regimen", "version"]


def _refused(sql: str) -> bool:
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    except DatabaseError:
        return True
    return False


def test_the_database_refuses_update_delete_and_truncate(personas):
    assert AuditEvent.objects.exists()
    assert _refused("UPDATE audit_auditevent SET actor_label = 'someone else'")
    assert _refused("DELETE FROM audit_auditevent")
    if connection.vendor == "postgresql":
        assert _refused("TRUNCATE audit_auditevent")
    with pytest.raises(PermissionError):
        AuditEvent._base_manager.all().delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=AuditEvent.objects.first().pk).update(actor_label="x")


def test_the_chain_holds_after_ordinary_work_and_check_is_clean(personas):
    assert AuditEvent.objects.count() > 10
    assert chain.verify() == []
    assert audit_chain_problems() == []


def _forge(sql: str, params) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_a_forged_backdated_row_is_found(personas):
    last = AuditEvent.objects.order_by("-id").first()
    _forge(
        "INSERT INTO audit_auditevent (at, actor_label, request_id, method, path, ip, model, "
        "object_pk, action, changed, prev_hash, hash) VALUES "
        "(%s, 'nurse_a', 'x', 'POST', '/', '', 'patients.Patient', '1', 'update', '[]', %s, %s)",
        ["2020-01-01T00:00:00+00:00", last.hash, "f" * 64],
    )
    problems = audit_chain_problems()
    assert len(problems) == 1
    assert "content does not match its hash" in problems[0]


def test_a_row_changed_by_the_table_owner_is_found(personas):
    """The owner can lift the triggers (which is why production does not connect as the owner);
    the chain still shows the change."""
    victim = AuditEvent.objects.order_by("id")[3]
    if connection.vendor == "postgresql":
        _forge("SET CONSTRAINTS ALL IMMEDIATE", [])
        _forge("ALTER TABLE audit_auditevent DISABLE TRIGGER USER", [])
        _forge("UPDATE audit_auditevent SET actor_label = 'nobody' WHERE id = %s", [victim.pk])
        _forge("ALTER TABLE audit_auditevent ENABLE TRIGGER USER", [])
    else:
        _forge("DROP TRIGGER audit_event_no_delete", [])
        _forge("DELETE FROM audit_auditevent WHERE id = %s", [victim.pk])
    breaks = chain.verify()
    assert breaks
    assert breaks[0].event_id in (victim.pk, victim.pk + 1)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="roles exist on PostgreSQL only")
def test_the_documented_production_role_cannot_delete_or_truncate(personas):
    """The grants of the README's "The audit table in production", applied to a fresh role."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE ROLE hemorehab_app_probe NOLOGIN")
        cursor.execute("GRANT SELECT, INSERT ON audit_auditevent TO hemorehab_app_probe")
        cursor.execute("GRANT USAGE ON SEQUENCE audit_auditevent_id_seq TO hemorehab_app_probe")
        cursor.execute("SET ROLE hemorehab_app_probe")
    try:
        assert _refused("DELETE FROM audit_auditevent")
        assert _refused("TRUNCATE audit_auditevent")
        assert _refused("UPDATE audit_auditevent SET actor_label = 'x'")
        assert _refused("ALTER TABLE audit_auditevent DISABLE TRIGGER USER")
        assert _refused("DROP TRIGGER audit_event_no_truncate ON audit_auditevent")
        assert not _refused("SELECT count(*) FROM audit_auditevent")
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")
