import os
from pathlib import Path

import pytest


def pytest_configure(config):
    from django.conf import settings

    if not settings.configured and not config.pluginmanager.hasplugin("django"):
        return  # the pure core's tests also run without Django (-p no:django)

    # Argon2 is what production uses (tests/accounts/test_login.py checks it); tests hash faster.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    _let_the_test_flush_empty_the_audit_table()
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        # A file, as in production: concurrent writers then meet SQLite's real locking (WAL,
        # busy timeout, immediate transactions), not the shared-cache table locks of :memory:.
        var = Path(settings.VAR_DIR)
        var.mkdir(parents=True, exist_ok=True)
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        from django.db import connections

        name = str(var / f"test-{os.getpid()}-{worker}.sqlite3")
        connections["default"].settings_dict["TEST"]["NAME"] = name


def _let_the_test_flush_empty_the_audit_table():
    """Transactional tests end with a flush (DELETE on SQLite, TRUNCATE on PostgreSQL) that the
    audit table refuses. As its owner, the test run lifts the guard around that flush only."""
    from django.db.backends.postgresql.base import DatabaseOperations as Postgres
    from django.db.backends.sqlite3.base import DatabaseOperations as Sqlite

    from hemorehab.audit import guards

    def wrap(cls, before, after):
        original = cls.sql_flush

        def sql_flush(self, style, tables, **kwargs):
            statements = original(self, style, tables, **kwargs)
            if guards.TABLE not in tables or not statements:
                return statements
            return [*before, *statements, *after]

        cls.sql_flush = sql_flush

    wrap(Postgres, [guards.PG_SUSPEND], [guards.PG_RESUME])
    wrap(Sqlite, list(guards.SQLITE_DROP), list(guards.SQLITE_TRIGGERS))


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Login counters live in the cache (accounts.throttle): each test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def personas(db):
    from tests.personas import build

    return build()
