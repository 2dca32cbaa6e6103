"""Throwaway databases for load tests: a SQLite file in a temporary HEMOREHAB_VAR_DIR, or a
PostgreSQL database (dropped and created again) named by a URL, filled with the demo cohort and
accounts through hemorehab's own commands.

Every subprocess of a run (the preparation, the servers, the query counter) gets `db.env`, so
they all use the same database and the same var folder (secret key, logs).
"""

from __future__ import annotations

import datetime
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

BENCH_DIR = Path(__file__).resolve().parent.parent
DEMO_CENTER = "DEMO"
# The roles of the first-start demo account: every clinical role and center administrator.
CLINICIAN_ROLES = (
    "hematologist",
    "rehab_physician",
    "therapist",
    "ultrasound_physician",
    "nurse",
    "center_admin",
)


class BenchSetupError(RuntimeError):
    """A step of the preparation failed; the message holds the command and its output."""


@dataclass
class Account:
    """An account to create; the password is generated (long and random) unless given."""

    username: str
    roles: tuple[str, ...] = ()
    center: str | None = DEMO_CENTER
    guardian_of: tuple[str, ...] = ()
    patient: str | None = None
    password: str = field(default_factory=lambda: secrets.token_urlsafe(18))

    def as_json(self) -> dict:
        return {
            "username": self.username,
            "password": self.password,
            "center": self.center if self.roles else None,
            "roles": list(self.roles),
            "guardian_of": list(self.guardian_of),
            "patient": self.patient,
        }


def clinicians(count: int, roles: tuple[str, ...] = CLINICIAN_ROLES) -> list[Account]:
    return [Account(f"bench-clinician-{n}", roles) for n in range(1, count + 1)]


@dataclass
class Database:
    """One prepared database and the environment that points a hemorehab process at it."""

    vendor: str  # "sqlite" or "postgresql"
    env: dict[str, str]
    var_dir: Path
    url: str | None = None

    @property
    def label(self) -> str:
        return "SQLite" if self.vendor == "sqlite" else "PostgreSQL"

    def run(self, *args: str, stdin: str | None = None) -> str:
        """Run a Python command (`-m hemorehab ...` or a bench script) against this database."""
        command = [sys.executable, *args]
        done = subprocess.run(  # noqa: S603 (our own interpreter and arguments)
            command, env=self.env, input=stdin, capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            raise BenchSetupError(
                f"{' '.join(args)} failed ({done.returncode}):\n{done.stdout}{done.stderr}"
            )
        return done.stdout

    def hemorehab(self, *args: str, stdin: str | None = None) -> str:
        return self.run("-m", "hemorehab", *args, stdin=stdin)

    def backend_cpu(self) -> dict[int, float]:
        """CPU seconds so far of each PostgreSQL backend connected to this database (empty for
        SQLite, whose work is done inside the server's own processes)."""
        if self.vendor != "postgresql" or not self.url:
            return {}
        from loadlib.server import process_cpu_seconds

        with _admin_connection(self.url) as connection:
            rows = connection.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s",
                (bench_database_name(self.url),),
            ).fetchall()
        return {pid: process_cpu_seconds(pid) for (pid,) in rows}

    def close(self) -> None:
        if self.vendor == "postgresql" and self.url:
            _drop(self.url)
        shutil.rmtree(self.var_dir, ignore_errors=True)


def _base_env(var_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DATABASE_URL_FILE")}
    env.update(
        HEMOREHAB_VAR_DIR=str(var_dir),
        DJANGO_SETTINGS_MODULE="hemorehab.settings",
        HEMOREHAB_LOG_LEVEL=env.get("HEMOREHAB_LOG_LEVEL", "WARNING"),
        PYTHONUNBUFFERED="1",
    )
    env.pop("HEMOREHAB_ENV", None)  # development defaults: the bench runs on loopback only
    return env


def sqlite_database() -> Database:
    var_dir = Path(tempfile.mkdtemp(prefix="hemorehab-bench-"))
    return Database("sqlite", _base_env(var_dir), var_dir)


def bench_database_name(url: str) -> str:
    """The database's name, refused unless it contains 'bench'."""
    name = unquote(urlsplit(url).path.strip("/"))
    if "bench" not in name:
        # The database is dropped and created again: never one that could hold real data.
        raise BenchSetupError(f"{url}: the database name must contain 'bench' (it is dropped)")
    return name


def _admin_connection(url: str):
    import psycopg

    parts = urlsplit(url)
    return psycopg.connect(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        user=unquote(parts.username or "postgres"),
        password=unquote(parts.password or "") or None,
        dbname="postgres",
        autocommit=True,
        connect_timeout=3,
    )


def postgres_reachable(url: str) -> str | None:
    """None when the server answers, otherwise the reason in words."""
    try:
        with _admin_connection(url):
            return None
    except Exception as exc:
        return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _drop(url: str) -> None:
    name = bench_database_name(url)
    with _admin_connection(url) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def postgres_database(url: str) -> Database:
    name = bench_database_name(url)
    _drop(url)
    with _admin_connection(url) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    var_dir = Path(tempfile.mkdtemp(prefix="hemorehab-bench-"))
    env = _base_env(var_dir)
    env["DATABASE_URL"] = url
    return Database("postgresql", env, var_dir, url)


def provision(db: Database, accounts: list[Account]) -> None:
    """Create the accounts in one process (bench/_provision.py, through hemorehab's own
    account provisioning: the passwords are hashed as in production)."""
    if accounts:
        payload = json.dumps([a.as_json() for a in accounts])
        db.run(str(BENCH_DIR / "_provision.py"), stdin=payload)


def prepare_demo(db: Database, accounts: list[Account], copies: int = 1) -> None:
    """Migrate, create the demo center, the staff accounts, the demo cohort (`hemorehab demo`,
    recorded as the first account's work), then the family accounts (who need study IDs).

    The program starts one year ago, as on a development install's first start, so that every
    child has finished the 12 weeks and the study report covers the whole cohort."""
    staff = [a for a in accounts if not (a.guardian_of or a.patient)]
    if not staff:
        raise BenchSetupError("prepare_demo needs at least one staff account (the assessor)")
    db.hemorehab("migrate")
    db.hemorehab("createcenter", "--code", DEMO_CENTER, "--name", "Demonstration center")
    provision(db, staff)
    start = datetime.date.today() - datetime.timedelta(weeks=52)  # noqa: DTZ011 (as first start)
    db.hemorehab(
        "demo",
        "--center",
        DEMO_CENTER,
        "--user",
        staff[0].username,
        "--start",
        start.isoformat(),
        "--copies",
        str(copies),
    )
    provision(db, [a for a in accounts if a.guardian_of or a.patient])
