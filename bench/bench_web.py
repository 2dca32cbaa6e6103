"""Patient list and patient page with 100 and with 10,000 children in the database.

Prints requests per second and SQL queries per page for both sizes, and their ratio: the
number of queries must not grow with the number of children. Runs on a throwaway SQLite
database (or on DATABASE_URL if set). Not a test: it prints figures only.

    .venv/bin/python bench/bench_web.py
"""

from __future__ import annotations

import datetime
import os
import sys
import tempfile
import time
from decimal import Decimal

os.environ.setdefault("HEMOREHAB_VAR_DIR", tempfile.mkdtemp(prefix="hemorehab-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hemorehab.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.core.signals import request_started  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from hemorehab.accounts.models import Center, Membership, User  # noqa: E402
from hemorehab.patients.models import Patient, PatientIdentity  # noqa: E402

REPEAT = 30


def populate(center: Center, count: int) -> None:
    start = Patient.objects.filter(center=center).count()
    patients = [
        Patient(
            center=center,
            study_id=f"{center.code}-{n:05d}",
            hemophilia_type="A" if n % 7 else "B",
            baseline_factor_activity=Decimal("0.5") if n % 3 else Decimal("2"),
            prior_regimen="prophylaxis",
        )
        for n in range(start + 1, count + 1)
    ]
    created = Patient.objects.bulk_create(patients, batch_size=500)
    PatientIdentity.objects.bulk_create(
        [
            PatientIdentity(
                patient=p,
                family_name=f"F{p.pk}",
                given_name="G",
                hospital_number=f"H{p.pk}",
                date_of_birth=datetime.date(2016, 1, 1),
            )
            for p in created
        ],
        batch_size=500,
    )


def measure(client: Client, url: str) -> tuple[float, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    started = time.perf_counter()
    for _ in range(REPEAT):
        client.get(url)
    return REPEAT / (time.perf_counter() - started), len(queries)


def run_size(client: Client, center: Center, size: int) -> dict[str, tuple[float, int]]:
    populate(center, size)
    middle = Patient.objects.filter(center=center).order_by("study_id")[size // 2]
    pages = {
        "list, first page": "/",
        "list, middle page": f"/?page={size // 100}",
        "patient page": f"/patients/{middle.pk}/",
    }
    return {name: measure(client, url) for name, url in pages.items()}


def main() -> int:
    # Django clears the query log when a request starts; keep it so the count covers the page.
    request_started.disconnect(reset_queries)
    call_command("migrate", verbosity=0)
    center = Center.objects.create(code="BENCH", name="Bench")
    user = User.objects.create_user("bench")
    Membership.objects.create(user=user, center=center, role="therapist")
    client = Client()
    client.force_login(user)
    small = run_size(client, center, 100)
    large = run_size(client, center, 10_000)
    print(f"database: {connection.vendor}; {REPEAT} requests per page, after one warm-up")
    columns = ("req/s @100", "req/s @10k", "ratio", "SQL @100", "SQL @10k")
    widths = (12, 12, 8, 10, 10)
    print(f"{'page':<20}" + "".join(f"{c:>{w}}" for c, w in zip(columns, widths, strict=True)))
    for name in small:
        (rps_s, q_s), (rps_l, q_l) = small[name], large[name]
        print(f"{name:<20}{rps_s:>12.1f}{rps_l:>12.1f}{rps_l / rps_s:>8.2f}{q_s:>10}{q_l:>10}")
    grew = [name for name in small if large[name][1] > small[name][1]]
    print("queries per page grow with the number of children: " + (", ".join(grew) or "no"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
