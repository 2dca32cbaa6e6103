"""Chain the existing audit rows and refuse DELETE and TRUNCATE in the database.

Existing rows (before the chain existed) are linked in id order with the guard lifted for the
one backfill; then PostgreSQL refuses TRUNCATE (a statement trigger) and SQLite refuses DELETE
and UPDATE (its triggers are recreated: 0003 rebuilt the table on SQLite, dropping them).
"""

from django.db import migrations

from hemorehab.audit import chain, guards


def _backfill(apps, connection) -> None:
    AuditEvent = apps.get_model("audit", "AuditEvent")
    prev = chain.GENESIS
    for row in AuditEvent.objects.order_by("id").values("id", *chain.HASHED):
        value = chain.digest(prev, row)
        AuditEvent.objects.filter(pk=row["id"]).update(prev_hash=prev, hash=value)
        prev = value


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        schema_editor.execute(guards.PG_SUSPEND)
        _backfill(apps, connection)
        schema_editor.execute(guards.PG_RESUME)
        schema_editor.execute(guards.PG_TRUNCATE_UP)
    elif connection.vendor == "sqlite":
        for statement in guards.SQLITE_DROP:
            schema_editor.execute(statement)
        _backfill(apps, connection)
        for statement in guards.SQLITE_TRIGGERS:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        schema_editor.execute(guards.PG_TRUNCATE_DOWN)
    elif connection.vendor == "sqlite":
        schema_editor.execute(guards.SQLITE_DROP[1])


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_hash_chain")]
    operations = [migrations.RunPython(forwards, backwards)]
