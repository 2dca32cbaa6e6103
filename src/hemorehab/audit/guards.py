"""The database's own refusals for the audit table, beside the application's.

PostgreSQL: a row trigger refuses UPDATE and DELETE (migration 0002) and a statement trigger
refuses TRUNCATE, which row triggers do not see. SQLite: triggers refuse UPDATE and DELETE
(SQLite has no TRUNCATE). The owner of the table can still drop a trigger, which is why the
application connects in production as a role that does not own it (README: "The audit table in
production") and why the rows form a hash chain (audit.chain) that `hemorehab check` verifies.
"""

TABLE = "audit_auditevent"

PG_TRUNCATE_UP = f"""
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON {TABLE}
FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();
"""
PG_TRUNCATE_DOWN = f"DROP TRIGGER IF EXISTS audit_event_no_truncate ON {TABLE};"

SQLITE_TRIGGERS = (
    f"""CREATE TRIGGER IF NOT EXISTS audit_event_no_update BEFORE UPDATE ON {TABLE}
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;""",
    f"""CREATE TRIGGER IF NOT EXISTS audit_event_no_delete BEFORE DELETE ON {TABLE}
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;""",
)
SQLITE_DROP = (
    "DROP TRIGGER IF EXISTS audit_event_no_update;",
    "DROP TRIGGER IF EXISTS audit_event_no_delete;",
)
# For the test suite's flush between transactional tests only (tests/conftest.py): the owner
# lifts the guard around the flush, as only an owner can.
PG_SUSPEND = f"ALTER TABLE {TABLE} DISABLE TRIGGER USER;"
PG_RESUME = f"ALTER TABLE {TABLE} ENABLE TRIGGER USER;"
