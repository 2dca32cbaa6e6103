"""Every role against every view and API endpoint: one table, deny by default."""

from __future__ import annotations

import re

import pytest
from django.test import Client, TestCase
from django.urls import reverse

from hemorehab.accounts.login import issue_token
from tests.personas import A1_RECORD, A1_VISIBLE, CLINIC_A, PERSONAS, build, identifiers

LOGIN = 302  # anonymous visitors of a page are sent to the login page


def expect(default: int, *layers: dict[str, int], anonymous: int = LOGIN, **overrides: int):
    """Every persona gets `default`; later layers and keywords override earlier ones."""
    table = {persona: default for persona in PERSONAS}
    table["anonymous"] = anonymous
    for layer in (*layers, overrides):
        table.update(layer)
    return table


def allow(personas, status=200):
    return dict.fromkeys(personas, status)


# (name, method, url(p) -> str, {persona: status})
PAGES = [
    ("home", "get", lambda p: reverse("patients:list"), expect(200)),
    ("profile", "get", lambda p: reverse("accounts:profile"), expect(200)),
    (
        "child A1 page",
        "get",
        lambda p: reverse("patients:detail", args=[p.a1.pk]),
        expect(404, researcher_a=403, **allow(A1_RECORD)),
    ),
    (
        "child A2 page",
        "get",
        lambda p: reverse("patients:detail", args=[p.a2.pk]),
        expect(404, researcher_a=403, **allow(CLINIC_A)),
    ),
    (
        "child B1 page",
        "get",
        lambda p: reverse("patients:detail", args=[p.b1.pk]),
        expect(404, therapist_b=200, guardian_b1=200),
    ),
    (
        "edit child A1",
        "get",
        lambda p: reverse("patients:edit", args=[p.a1.pk]),
        expect(
            404,
            **allow(
                ("therapist_a", "ultrasound_a", "researcher_a", "guardian_a1", "patient_a1"), 403
            ),
            **allow(("hematologist_a", "rehab_a", "nurse_a")),
        ),
    ),
    (
        "register a child",
        "get",
        lambda p: reverse("patients:create"),
        expect(404, **allow(("hematologist_a", "rehab_a", "nurse_a"))),
    ),
    (
        "record weight of A1",
        "get",
        lambda p: reverse("patients:record_new", args=[p.a1.pk, "weight"]),
        expect(
            404,
            **allow(("ultrasound_a", "researcher_a", "guardian_a1", "patient_a1"), 403),
            **allow(("therapist_a", "hematologist_a", "rehab_a", "nurse_a")),
        ),
    ),
    (
        "record inhibitor test of A1",
        "get",
        lambda p: reverse("patients:record_new", args=[p.a1.pk, "inhibitor"]),
        expect(
            404,
            **allow(("therapist_a", "rehab_a", "ultrasound_a", "researcher_a"), 403),
            **allow(("guardian_a1", "patient_a1"), 403),
            **allow(("hematologist_a", "nurse_a")),
        ),
    ),
    (
        "screen A1",
        "get",
        lambda p: reverse("patients:screening_new", args=[p.a1.pk]),
        expect(
            404,
            **allow(("therapist_a", "ultrasound_a", "nurse_a", "researcher_a"), 403),
            **allow(("guardian_a1", "patient_a1"), 403),
            **allow(("hematologist_a", "rehab_a")),
        ),
    ),
    (
        "change history of A1",
        "get",
        lambda p: reverse("patients:audit", args=[p.a1.pk]),
        expect(404, allow(("researcher_a", "guardian_a1", "patient_a1"), 403), allow(CLINIC_A)),
    ),
    (
        "screening log",
        "get",
        lambda p: reverse("patients:screening_log"),
        expect(404, therapist_b=200, **allow((*CLINIC_A, "researcher_a"))),
    ),
    (
        "assessments of A1",
        "get",
        lambda p: reverse("assessments:overview", args=[p.a1.pk]),
        expect(404, researcher_a=403, **allow(A1_RECORD)),
    ),
    (
        "new HJHS for A1",
        "get",
        lambda p: reverse("assessments:new", args=[p.a1.pk, "hjhs"]),
        expect(404, allow(A1_VISIBLE, 403), allow(("therapist_a", "rehab_a"))),
    ),
    (
        "new ultrasound for A1",
        "get",
        lambda p: reverse("assessments:new", args=[p.a1.pk, "ultrasound"]),
        expect(404, allow(A1_VISIBLE, 403), ultrasound_a=200),
    ),
    (
        "new CHO-KLAT for A1",
        "get",
        lambda p: reverse("assessments:new", args=[p.a1.pk, "cho-klat"]),
        expect(404, allow(A1_VISIBLE, 403), allow(("nurse_a", "guardian_a1", "patient_a1"))),
    ),
    (
        "report a bleed for A1",
        "get",
        lambda p: reverse("assessments:new", args=[p.a1.pk, "bleed"]),
        expect(
            404,
            **allow(("ultrasound_a", "researcher_a"), 403),
            **allow(("therapist_a", "hematologist_a", "rehab_a", "nurse_a")),
            **allow(("guardian_a1", "patient_a1")),
        ),
    ),
    (
        "prophylaxis of A1",
        "get",
        lambda p: reverse("care:prophylaxis", args=[p.a1.pk]),
        expect(404, allow(A1_RECORD), researcher_a=403),
    ),
    (
        "new prophylaxis version for A1",
        "get",
        lambda p: reverse("care:regimen_new", args=[p.a1.pk]),
        expect(404, allow(A1_VISIBLE, 403), hematologist_a=200),
    ),
    (
        "record an infusion for A1",
        "get",
        lambda p: reverse("care:infusion_new", args=[p.a1.pk]),
        expect(
            404,
            allow(A1_VISIBLE, 403),
            allow(("hematologist_a", "nurse_a", "guardian_a1", "patient_a1")),
        ),
    ),
    (
        "factor products of center A",
        "get",
        lambda p: reverse("care:products", args=[p.center_a.pk]),
        expect(404, hematologist_a=200),
    ),
    (
        "rehabilitation program of A1",
        "get",
        lambda p: reverse("rehab:program", args=[p.a1.pk]),
        expect(404, allow(A1_RECORD), researcher_a=403),
    ),
    (
        "session note for A1",
        "get",
        lambda p: reverse("rehab:record_new", args=[p.a1.pk, "session"]),
        expect(404, allow(A1_VISIBLE, 403), allow(("therapist_a", "rehab_a"))),
    ),
    (
        "home session of A1",
        "get",
        lambda p: reverse("rehab:record_new", args=[p.a1.pk, "home"]),
        expect(404, allow(A1_VISIBLE, 403), allow(("therapist_a", "guardian_a1", "patient_a1"))),
    ),
    (
        "adverse event of A1",
        "get",
        lambda p: reverse("rehab:record_new", args=[p.a1.pk, "adverse-event"]),
        expect(
            404,
            allow(A1_VISIBLE, 403),
            allow(("therapist_a", "hematologist_a", "rehab_a", "nurse_a")),
        ),
    ),
    (
        "study report",
        "get",
        lambda p: reverse("research:report"),
        expect(404, allow((*CLINIC_A, "researcher_a", "therapist_b"))),
    ),
    (
        "dataset export",
        "get",
        lambda p: reverse("research:export") + "?format=dictionary",
        expect(404, allow(("researcher_a", "hematologist_a", "rehab_a"))),
    ),
    (
        "settings of center A",
        "get",
        lambda p: reverse("centers:settings", args=[p.center_a.pk]),
        expect(404, allow(("admin_a", "hematologist_a", "rehab_a"))),
    ),
    (
        "accounts of center A",
        "get",
        lambda p: reverse("centers:users", args=[p.center_a.pk]),
        expect(404, admin_a=200),
    ),
    (
        "new account in center A",
        "get",
        lambda p: reverse("centers:user_create", args=[p.center_a.pk]),
        expect(404, admin_a=200),
    ),
]

API = [
    ("api patients", lambda p: "/api/v1/patients", expect(200, anonymous=401)),
    (
        "api child A1",
        lambda p: f"/api/v1/patients/{p.a1.pk}",
        expect(
            404, anonymous=401, **allow((*CLINIC_A, "researcher_a", "guardian_a1", "patient_a1"))
        ),
    ),
    (
        "api child A2",
        lambda p: f"/api/v1/patients/{p.a2.pk}",
        expect(404, anonymous=401, **allow((*CLINIC_A, "researcher_a"))),
    ),
    (
        "api HJHS of A1",
        lambda p: f"/api/v1/patients/{p.a1.pk}/assessments/hjhs",
        expect(404, anonymous=401, **allow(A1_VISIBLE)),
    ),
    (
        "api bleeds of A1",
        lambda p: f"/api/v1/patients/{p.a1.pk}/bleeds",
        expect(404, anonymous=401, **allow(A1_VISIBLE)),
    ),
    (
        "api child B1",
        lambda p: f"/api/v1/patients/{p.b1.pk}",
        expect(404, anonymous=401, therapist_b=200, guardian_b1=200),
    ),
]


class PermissionTable(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = build()
        cls.tokens = {name: issue_token(user)[0] for name, user in cls.p.users.items()}

    def setUp(self):
        self.clients: dict[str, Client] = {}

    def client_for(self, persona: str) -> Client:
        """One logged-in client per persona (the table only reads)."""
        if persona not in self.clients:
            client = Client()
            if persona != "anonymous":
                client.force_login(self.p.users[persona])
            self.clients[persona] = client
        return self.clients[persona]

    @pytest.mark.slow  # 500 page views: about 10 s
    def test_every_role_against_every_page(self):
        wrong = []
        for name, method, url, table in PAGES:
            for persona in PERSONAS:
                response = getattr(self.client_for(persona), method)(url(self.p))
                if response.status_code != table[persona]:
                    wrong.append(
                        f"{name} as {persona}: {response.status_code}, want {table[persona]}"
                    )
        assert wrong == [], "\n".join(wrong)

    def test_every_role_against_every_api_endpoint(self):
        wrong = []
        for name, url, table in API:
            for persona in PERSONAS:
                headers = {}
                if persona != "anonymous":
                    headers["Authorization"] = f"Bearer {self.tokens[persona]}"
                response = Client().get(url(self.p), headers=headers)
                if response.status_code != table[persona]:
                    wrong.append(
                        f"{name} as {persona}: {response.status_code}, want {table[persona]}"
                    )
        assert wrong == [], "\n".join(wrong)

    def test_api_list_holds_only_visible_children(self):
        expected = {
            "therapist_a": {"CTRA-0001", "CTRA-0002"},
            "therapist_b": {"CTRB-0001"},
            "guardian_a1": {"CTRA-0001"},
            "guardian_b1": {"CTRB-0001"},
            "patient_a1": {"CTRA-0001"},
            "admin_a": set(),
        }
        for persona, ids in expected.items():
            headers = {"Authorization": f"Bearer {self.tokens[persona]}"}
            body = Client().get("/api/v1/patients", headers=headers).json()
            assert {r["study_id"] for r in body["results"]} == ids, persona
            assert body["count"] == len(ids)

    def test_researcher_never_receives_a_direct_identifier(self):
        client = self.client_for("researcher_a")
        headers = {"Authorization": f"Bearer {self.tokens['researcher_a']}"}
        responses = [
            client.get(reverse("patients:list")),
            client.get(reverse("patients:screening_log")),
            Client().get("/api/v1/patients", headers=headers),
            Client().get(f"/api/v1/patients/{self.p.a1.pk}", headers=headers),
        ]
        secrets = identifiers(self.p.a1) + identifiers(self.p.a2)
        for response in responses:
            # Hidden form keys are random text that may contain a short name such as "Li".
            text = re.sub(r'<input type="hidden"[^>]*>', "", response.content.decode())
            assert response.status_code == 200
            leaked = [s for s in secrets if s in text]
            assert leaked == [], f"{response.request['PATH_INFO']} leaks {leaked}"
        record = Client().get(f"/api/v1/patients/{self.p.a1.pk}", headers=headers).json()
        assert record["identity"] is None
        assert record["age_months"] is not None

    def test_clinician_and_guardian_see_identifiers_of_their_children(self):
        for persona in ("therapist_a", "guardian_a1"):
            text = self.client_for(persona).get(reverse("patients:detail", args=[self.p.a1.pk]))
            assert self.p.a1.identity.hospital_number in text.content.decode(), persona


def test_child_page_offers_only_the_actions_the_role_allows(client, personas):
    page = reverse("patients:detail", args=[personas.a1.pk])
    edit = reverse("patients:edit", args=[personas.a1.pk])
    inhibitor = reverse("patients:record_new", args=[personas.a1.pk, "inhibitor"])
    history = reverse("patients:audit", args=[personas.a1.pk])
    offered = {}
    for persona in ("hematologist_a", "therapist_a", "researcher_a", "guardian_a1"):
        client.force_login(personas.users[persona])
        text = client.get(page).content.decode()
        offered[persona] = {
            name
            for name, url in (("edit", edit), ("inhibitor", inhibitor), ("history", history))
            if f'href="{url}"' in text
        }
    assert offered == {
        "hematologist_a": {"edit", "inhibitor", "history"},
        "therapist_a": {"history"},
        "researcher_a": set(),
        "guardian_a1": set(),
    }
