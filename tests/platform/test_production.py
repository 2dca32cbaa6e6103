"""Production posture: HTTPS and HSTS, Django's deployment checks in `hemorehab check`, a strict
CSP with no inline script, no-store on every answer with patient data, owner-only files."""

from __future__ import annotations

import re
import secrets
import stat
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from hemorehab.accounts.login import issue_token
from tests.platform.test_config import run_cli

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "hemorehab"


def _production(tmp_path, **extra):
    return {
        "HEMOREHAB_ENV": "production",
        "HEMOREHAB_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "hemorehab.example.org",
        **extra,
    }


@pytest.mark.slow  # Django's deployment checks in a process: about 10 s
def test_check_runs_the_deployment_checks_and_a_default_production_passes(tmp_path):
    env = _production(tmp_path)
    assert run_cli("migrate", env=env).returncode == 0
    clean = run_cli("check", env=env)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    weakened = run_cli("check", env={**env, "HEMOREHAB_SSL_REDIRECT": "false"})
    assert weakened.returncode == 1
    assert "security.W008" in weakened.stdout  # Django's deployment check, in words
    assert stat.S_IMODE((tmp_path / "db.sqlite3").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "media").stat().st_mode) == 0o700


def test_production_settings_are_https_only(tmp_path):
    code = (
        "from django.conf import settings as s;"
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE,"
        " s.CSRF_COOKIE_SECURE, s.SECURE_PROXY_SSL_HEADER)"
    )
    env = _production(tmp_path, HEMOREHAB_PROXY_SSL_HEADER="X-Forwarded-Proto")
    import subprocess
    import sys

    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", f"import django;django.setup();{code}"],
        capture_output=True,
        text=True,
        env={
            **run_cli.__globals__["ENV_BASE"],
            **env,
            "DJANGO_SETTINGS_MODULE": "hemorehab.settings",
        },
        check=True,
    ).stdout.split(None, 4)
    assert out[:4] == ["True", "31536000", "True", "True"]
    assert "HTTP_X_FORWARDED_PROTO" in out[4]


def test_no_template_holds_inline_script_or_style():
    inline = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+\s*=|\sstyle\s*=|<style", re.I)
    found = [
        f"{path.relative_to(TEMPLATES)}: {match.group(0)}"
        for path in TEMPLATES.rglob("templates/**/*.html")
        for match in inline.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_pages_and_api_answers_carry_csp_and_no_store(personas):
    client = Client()
    client.force_login(personas.nurse_a)
    page = client.get(reverse("patients:detail", args=[personas.a1.pk]))
    assert page.status_code == 200
    assert page["Cache-Control"] == "no-store"
    policy = page["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    token = issue_token(personas.nurse_a)[0]
    api = Client().get(
        f"/api/v1/patients/{personas.a1.pk}", headers={"Authorization": f"Bearer {token}"}
    )
    assert api.status_code == 200 and api["Cache-Control"] == "no-store"


def test_an_export_file_is_owner_only(personas, tmp_path):
    from hemorehab.cli import main
    from tests.research.cohort import build

    build(personas)
    out = tmp_path / "identified.csv"
    out.write_text("old")
    out.chmod(0o644)
    args = ["export", "--format", "csv", "--identified", "--user", "hematologist_a"]
    assert main([*args, "--out", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
