"""Settings come only from the environment, parsed strictly, with safe development defaults."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from hemorehab import config

ENV_BASE = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SECRET_KEY")}


def test_booleans_are_true_or_false_and_nothing_else():
    assert config.env_bool("X", False, {"X": "true"}) is True
    with pytest.raises(config.ConfigError, match="X: 'yes' is not allowed; use true or false"):
        config.env_bool("X", False, {"X": "yes"})


def test_secrets_can_come_from_a_file(tmp_path):
    (tmp_path / "key").write_text("s3cret\n")
    assert (
        config.env_str("SECRET_KEY", None, {"SECRET_KEY_FILE": str(tmp_path / "key")}) == "s3cret"
    )
    with pytest.raises(config.ConfigError, match="SECRET_KEY_FILE: cannot read"):
        config.env_str("SECRET_KEY", None, {"SECRET_KEY_FILE": str(tmp_path / "missing")})


def test_database_urls():
    pg = config.parse_database_url("postgres://u:p%40ss@db.local:5433/hemo")
    assert (pg["NAME"], pg["USER"], pg["PASSWORD"], pg["HOST"], pg["PORT"]) == (
        "hemo",
        "u",
        "p@ss",
        "db.local",
        "5433",
    )
    assert config.parse_database_url("sqlite:////srv/h.db")["NAME"] == "/srv/h.db"
    with pytest.raises(config.ConfigError, match="scheme 'mysql' is not supported"):
        config.parse_database_url("mysql://x/y")


def test_sqlite_is_tuned_for_concurrent_clinic_use():
    options = config.sqlite_database(Path("var/x.db"))["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in options["init_command"]
    assert "foreign_keys=ON" in options["init_command"]
    assert options["timeout"] >= 5


def test_time_zone_and_numbers_are_validated():
    with pytest.raises(config.ConfigError, match="TIME_ZONE: 'Mars/Base' is not an IANA time zone"):
        config.env_time_zone("TIME_ZONE", "UTC", {"TIME_ZONE": "Mars/Base"})
    with pytest.raises(config.ConfigError, match="N: 0 is outside 1-9"):
        config.env_int("N", 2, 1, 9, {"N": "0"})


def test_production_names_every_missing_setting():
    problems = config.production_problems({"HEMOREHAB_ENV": "production"})
    assert [p.variable for p in problems] == ["DATABASE_URL", "SECRET_KEY", "ALLOWED_HOSTS"]


def run_cli(*args, env=None, stdin=None):
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "hemorehab", *args],
        capture_output=True,
        text=True,
        env={**ENV_BASE, **(env or {})},
        input=stdin,
        timeout=120,
        check=False,
    )


def test_production_server_refuses_to_start_and_says_what_is_missing(tmp_path):
    result = run_cli(
        "check", env={"HEMOREHAB_ENV": "production", "HEMOREHAB_VAR_DIR": str(tmp_path)}
    )
    assert result.returncode == 2
    assert "DATABASE_URL is not set" in result.stderr
    assert "ALLOWED_HOSTS is not set" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow  # a fresh database migrated in a process: about 10 s
def test_migrate_makes_a_wal_sqlite_database_and_check_is_clean(tmp_path):
    env = {"HEMOREHAB_VAR_DIR": str(tmp_path)}
    assert run_cli("migrate", env=env).returncode == 0
    database = tmp_path / "hemorehab.sqlite3"
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    checked = run_cli("check", env=env)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "No problems found." in checked.stdout
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600
