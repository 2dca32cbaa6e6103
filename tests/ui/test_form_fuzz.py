"""A property-based fuzz of every web form: random, hostile and malformed values for the fields
each form really has. Never a server error; a refused form writes nothing.

Examples per form: HEMOREHAB_FUZZ_EXAMPLES (default 20), so CI's run stays bounded."""

from __future__ import annotations

import datetime
import os
import re

import pytest
from django.test import Client, TestCase
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hemorehab.audit.models import AuditEvent
from tests.personas import FVIII, build, eligible_screening, factor_product

EXAMPLES = int(os.environ.get("HEMOREHAB_FUZZ_EXAMPLES", "20"))
NAME = re.compile(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"', re.I)
SKIPPED = {"csrfmiddlewaretoken", "idempotency_key"}

HOSTILE = st.sampled_from(
    [
        "",
        " ",
        "0",
        "-1",
        "1e309",
        "NaN",
        "-0",
        "99999999999999999999999",
        "9999-12-31",
        "9999-12-31T23:59",
        "0001-01-01",
        "2026-02-30",
        "1900-01-01",
        "NE",
        "true",
        "on",
        "left_knee",
        "left_iliopsoas",
        "\x00",
        "<script>x</script>",
        "x" * 5000,
        "王小明",
        "1,2,3",
        "CTRA-0001",
    ]
)
VALUE = st.one_of(HOSTILE, st.text(max_size=40), st.integers().map(str))


def form_fields(html: str) -> list[str]:
    return sorted({n for n in NAME.findall(html) if n not in SKIPPED})


def posts(fields: list[str]):
    """A POST body over some of the form's fields (a missing field is also a case)."""
    return st.fixed_dictionaries({}, optional=dict.fromkeys(fields, VALUE))


class FormFuzz(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = p = build()
        cls.product = factor_product(p.center_a, "Octo SHL", FVIII)
        cls.screening = eligible_screening(p.a2, p.rehab_a, datetime.date.today())

    def forms(self):
        """(persona, url) of every web form."""
        p, a1, ca = self.p, self.p.a1.pk, self.p.center_a.pk
        return [
            (None, reverse("accounts:login")),
            ("nurse_a", reverse("accounts:profile")),
            ("nurse_a", reverse("accounts:password_change")),
            ("nurse_a", reverse("patients:create")),
            ("nurse_a", reverse("patients:edit", args=[a1])),
            *[
                ("hematologist_a", reverse("patients:record_new", args=[a1, kind]))
                for kind in ("weight", "inhibitor", "contact", "joint")
            ],
            ("rehab_a", reverse("patients:screening_new", args=[a1])),
            ("rehab_a", reverse("patients:enroll", args=[p.a2.pk, self.screening.pk])),
            ("therapist_a", reverse("assessments:new", args=[a1, "hjhs"])),
            ("ultrasound_a", reverse("assessments:new", args=[a1, "ultrasound"])),
            ("guardian_a1", reverse("assessments:new", args=[a1, "cho-klat"])),
            ("therapist_a", reverse("assessments:new", args=[a1, "measure"])),
            ("guardian_a1", reverse("assessments:new", args=[a1, "bleed"])),
            ("hematologist_a", reverse("care:regimen_new", args=[a1])),
            ("nurse_a", reverse("care:infusion_new", args=[a1])),
            ("hematologist_a", reverse("care:pk_new", args=[a1])),
            ("hematologist_a", reverse("care:product_new", args=[ca])),
            ("hematologist_a", reverse("care:product_edit", args=[ca, self.product.pk])),
            *[
                ("therapist_a", reverse("rehab:record_new", args=[a1, kind]))
                for kind in ("session", "home", "adverse-event")
            ],
            ("admin_a", reverse("centers:settings", args=[ca])),
            ("admin_a", reverse("centers:user_create", args=[ca])),
            ("researcher_a", reverse("research:report")),
        ]

    def client_for(self, persona):
        client = Client()
        if persona:
            client.force_login(self.p.users[persona])
        return client

    def test_every_form_is_fuzzed(self):
        """The list above holds every page with a POST form that the personas can open."""
        for persona, url in self.forms():
            page = self.client_for(persona).get(url)
            assert page.status_code == 200, url
            assert form_fields(page.content.decode()), url

    @pytest.mark.slow  # every web form with hypothesis: about 30 s
    def test_no_form_answers_500_or_writes_when_it_refuses(self):
        failures = []
        for persona, url in self.forms():
            fields = form_fields(self.client_for(persona).get(url).content.decode())
            self._fuzz(persona, url, fields, failures)
        assert failures == [], "\n".join(failures[:20])

    def _fuzz(self, persona, url, fields, failures):
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(posts(fields))
        def run(data):
            client = self.client_for(persona)
            before = AuditEvent.objects.count()
            method = client.get if url == reverse("research:report") else client.post
            response = method(url, data)
            if response.status_code >= 500:
                failures.append(f"{url} as {persona}: {response.status_code} for {data!r}")
            elif response.status_code != 302 and AuditEvent.objects.count() != before:
                failures.append(f"{url} as {persona}: refused ({response.status_code}) but wrote")

        run()
