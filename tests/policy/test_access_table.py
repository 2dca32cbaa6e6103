"""The standing permission table: every URL name and every API operation, GET and POST, for
every persona. A route missing from the table fails the test, so a new page or endpoint cannot
ship without its access rule being written down here. A refused POST writes nothing.

Statuses: 200 allowed, 302 a redirect (anonymous visitors go to the login page; a saved form),
403 visible but not allowed, 404 not visible, 405 the wrong method (POST-only actions)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.test import Client, TestCase
from django.urls import get_resolver, reverse
from django.utils import timezone

from hemorehab.accounts.login import issue_token
from hemorehab.api.router import api
from hemorehab.assessments.models import Bleed, HjhsAssessment
from hemorehab.audit.models import AuditEvent
from hemorehab.patients.family_links import request_link
from hemorehab.patients.models import Guardianship, WeightMeasurement
from hemorehab.rehab import plans
from hemorehab.rehab.bleed_response import respond_to_bleed
from hemorehab.rehab.models import JointRestriction, Notification
from tests.assessments.helpers import hjhs_answers
from tests.personas import (
    A1_RECORD,
    A1_VISIBLE,
    CLINIC_A,
    FAMILY_A1,
    FVIII,
    PERSONAS,
    build,
    eligible_screening,
    factor_product,
    make_user,
)

LOGGED_IN = PERSONAS[1:]
OK = frozenset({200, 302})  # a form shown again with its errors, or saved and redirected


def table(allowed, visible=(), get=200, post=OK, anonymous=302):
    """{persona: (GET status, allowed POST statuses)}: allowed personas get `get` and `post`,
    those who see the object but may not act 403, everyone else 404."""
    rows = {}
    for persona in PERSONAS:
        if persona == "anonymous":
            rows[persona] = (anonymous, frozenset({anonymous}))
        elif persona in allowed:
            rows[persona] = (get, post)
        elif persona in visible:
            rows[persona] = (403, frozenset({403}))
        else:
            rows[persona] = (404, frozenset({404}))
    return rows


def post_only(allowed, visible=(), post=frozenset({302})):
    """A POST-only action: GET is 405 for anyone logged in."""
    rows = table(allowed, visible, post=post)
    return {p: (302 if p == "anonymous" else 405, statuses) for p, (_g, statuses) in rows.items()}


def child(allowed, get=200, post=OK):
    return table(allowed, A1_VISIBLE, get=get, post=post)


EVERYONE = table(LOGGED_IN)


class World:
    """One object of each kind in center A, for the routes that name an object."""

    def __init__(self, p):
        a1 = p.a1
        self.weight = WeightMeasurement.objects.create(
            patient=a1, measured_on=datetime.date.today(), weight_kg=Decimal("30")
        )
        hjhs = HjhsAssessment(
            patient=a1,
            recorded_by=p.therapist_a,
            assessed_on=datetime.date.today(),
            timepoint="baseline",
            answers=hjhs_answers({"left_knee.swelling": 2}),
        )
        hjhs.calculate()
        hjhs.save()
        self.hjhs = hjhs
        self.screening = eligible_screening(a1, p.rehab_a, datetime.date.today())
        self.bleed = Bleed.objects.create(
            patient=a1,
            onset=timezone.now() - datetime.timedelta(days=2),
            site_kind="joint",
            site="left_knee",
            cause="spontaneous",
            recorded_by=p.nurse_a,
        )
        respond_to_bleed(self.bleed)
        self.restriction = JointRestriction.objects.get(bleed=self.bleed)
        self.notification = Notification.objects.filter(recipient=p.therapist_a).first()
        self.plan = plans.draft(a1, p.therapist_a)
        self.product = factor_product(p.center_a, "Octo SHL", FVIII)
        self.token = issue_token(p.nurse_a)[1]
        from hemorehab.accounts.models import User

        family = User.objects.create_user("new_parent")
        self.link = request_link(family, p.a2, "guardian", p.admin_a)
        # The administrator's actions act on this account, so that they lock nobody else out.
        self.staff = make_user("staff_a", p.center_a, "nurse")
        self.grandma = make_user("grandma_a1")
        Guardianship.objects.create(user=self.grandma, patient=a1, relationship="grandmother")


def routes(p, w):
    """url name -> (url, {persona: (GET, POST statuses)})."""
    a1, ca = p.a1.pk, p.center_a.pk
    hjhs, plan = w.hjhs.pk, w.plan.pk
    clinic_no_us = ("therapist_a", "hematologist_a", "rehab_a", "nurse_a")
    return {
        "patients:list": ("/", EVERYONE),
        "accounts:login": ("/login/", {q: (200, OK) for q in PERSONAS}),
        "accounts:logout": ("/logout/", post_only(LOGGED_IN)),
        "accounts:set_language": (
            "/language/",
            {q: (405, frozenset({302})) for q in PERSONAS},
        ),
        "accounts:profile": ("/profile/", EVERYONE),
        "accounts:password_change": ("/profile/password/", EVERYONE),
        "accounts:token_revoke": (
            reverse("accounts:token_revoke", args=[w.token.pk]),
            post_only(("nurse_a",)),
        ),
        "patients:create": (
            "/patients/new/",
            table(("hematologist_a", "rehab_a", "nurse_a")),
        ),
        "patients:detail": (reverse("patients:detail", args=[a1]), child(A1_RECORD)),
        "patients:edit": (
            reverse("patients:edit", args=[a1]),
            child(("hematologist_a", "rehab_a", "nurse_a")),
        ),
        "patients:audit": (reverse("patients:audit", args=[a1]), child(CLINIC_A)),
        "patients:family_link_decide": (
            reverse("patients:family_link_decide", args=[p.a2.pk, w.link.pk]),
            post_only(CLINIC_A, ("researcher_a",)),
        ),
        "patients:family_reset_password": (
            reverse("patients:family_reset_password", args=[a1, w.grandma.pk]),
            post_only(CLINIC_A, ("researcher_a", *FAMILY_A1)),
        ),
        "patients:screening_new": (
            reverse("patients:screening_new", args=[a1]),
            child(("hematologist_a", "rehab_a")),
        ),
        "patients:screening": (
            reverse("patients:screening", args=[a1, w.screening.pk]),
            child(A1_RECORD),
        ),
        "patients:enroll": (
            reverse("patients:enroll", args=[a1, w.screening.pk]),
            child(("hematologist_a", "rehab_a")),
        ),
        "patients:record_new": (
            reverse("patients:record_new", args=[a1, "weight"]),
            child(clinic_no_us),
        ),
        "patients:record_edit": (
            reverse("patients:record_edit", args=[a1, "weight", w.weight.pk]),
            child(clinic_no_us),
        ),
        "assessments:overview": (reverse("assessments:overview", args=[a1]), child(A1_RECORD)),
        "assessments:new": (
            reverse("assessments:new", args=[a1, "hjhs"]),
            child(("therapist_a", "rehab_a")),
        ),
        "assessments:edit": (
            reverse("assessments:edit", args=[a1, "bleed", w.bleed.pk]),
            # The nurse's report: the team corrects it, the family (not its author) may not.
            child(clinic_no_us),
        ),
        "assessments:history": (
            reverse("assessments:history", args=[a1, "hjhs", hjhs]),
            child(CLINIC_A),
        ),
        "care:prophylaxis": (reverse("care:prophylaxis", args=[a1]), child(A1_RECORD)),
        "care:regimen_new": (reverse("care:regimen_new", args=[a1]), child(("hematologist_a",))),
        "care:infusion_new": (
            reverse("care:infusion_new", args=[a1]),
            child(("hematologist_a", "nurse_a", *FAMILY_A1)),
        ),
        "care:pk_new": (reverse("care:pk_new", args=[a1]), child(("hematologist_a",))),
        "care:products": (reverse("care:products", args=[ca]), table(("hematologist_a",))),
        "care:product_new": (reverse("care:product_new", args=[ca]), table(("hematologist_a",))),
        "care:product_edit": (
            reverse("care:product_edit", args=[ca, w.product.pk]),
            table(("hematologist_a",)),
        ),
        "rehab:program": (reverse("rehab:program", args=[a1]), child(A1_RECORD)),
        "rehab:plan_draft": (
            reverse("rehab:plan_draft", args=[a1]),
            {**post_only(("therapist_a", "rehab_a"), A1_VISIBLE)},
        ),
        "rehab:plan": (
            reverse("rehab:plan", args=[a1, plan]),
            # A draft reaches nobody but the therapists before approval.
            {
                **child(("therapist_a", "rehab_a")),
                **{
                    q: (404, frozenset({404}))
                    for q in A1_VISIBLE
                    if q not in ("therapist_a", "rehab_a", "researcher_a")
                },
                "researcher_a": (403, frozenset({403})),
            },
        ),
        "rehab:plan_edit": (
            reverse("rehab:plan_edit", args=[a1, plan]),
            post_only(("therapist_a", "rehab_a"), A1_VISIBLE),
        ),
        "rehab:plan_approve": (
            reverse("rehab:plan_approve", args=[a1, plan]),
            # The first approval ends the draft: the second therapist then finds none (404).
            post_only(("therapist_a", "rehab_a"), A1_VISIBLE, post=frozenset({302, 404})),
        ),
        "rehab:record_new": (
            reverse("rehab:record_new", args=[a1, "home"]),
            child(("therapist_a", *FAMILY_A1)),
        ),
        "rehab:restriction_review": (
            reverse("rehab:restriction_review", args=[a1, w.restriction.pk]),
            child(("therapist_a", "rehab_a", "hematologist_a")),
        ),
        "rehab:notification_read": (
            reverse("rehab:notification_read", args=[w.notification.pk]),
            post_only(("therapist_a",)),
        ),
        "research:report": (
            reverse("research:report"),
            table((*CLINIC_A, "researcher_a", "therapist_b")),
        ),
        "research:export": (
            reverse("research:export") + "?format=dictionary",
            # POST is the identified export: hematologists and rehabilitation physicians.
            {
                **table(("researcher_a", "hematologist_a", "rehab_a")),
                "researcher_a": (200, frozenset({403})),
            },
        ),
        "patients:screening_log": (
            reverse("patients:screening_log"),
            table((*CLINIC_A, "researcher_a", "therapist_b")),
        ),
        "centers:users": (reverse("centers:users", args=[ca]), table(("admin_a",))),
        "centers:settings": (
            reverse("centers:settings", args=[ca]),
            table(("admin_a", "hematologist_a", "rehab_a")),
        ),
        "centers:user_create": (reverse("centers:user_create", args=[ca]), table(("admin_a",))),
        "centers:user_reset_password": (
            reverse("centers:user_reset_password", args=[ca, w.staff.pk]),
            post_only(("admin_a",)),
        ),
        "centers:user_revoke_tokens": (
            reverse("centers:user_revoke_tokens", args=[ca, w.staff.pk]),
            post_only(("admin_a",)),
        ),
        "centers:user_unlock": (
            reverse("centers:user_unlock", args=[ca, w.staff.pk]),
            post_only(("admin_a",)),
        ),
    }


def api_bodies(p):
    """A valid body for each write, so that the policy, not the validation, answers."""
    today = datetime.date.today().isoformat()
    onset = (timezone.now() - datetime.timedelta(hours=5)).isoformat()
    meta = {"assessed_on": today, "timepoint": "other"}
    return {
        "/api/v1/auth/token": {"username": "nobody", "password": "wrong"},
        f"/api/v1/patients/{p.a1.pk}/hjhs": {**meta, "answers": hjhs_answers()},
        f"/api/v1/patients/{p.a1.pk}/ultrasound": {
            **meta,
            "scale": "head-us",
            "answers": {"left_knee": {"synovitis": 1, "cartilage": 0, "bone": 0}},
        },
        f"/api/v1/patients/{p.a1.pk}/cho-klat": {**meta, "form": "parent", "answers": {"1": 3}},
        f"/api/v1/patients/{p.a1.pk}/bleeds": {
            "onset": onset,
            "site_kind": "joint",
            "site": "right_ankle",
            "cause": "traumatic",
        },
    }


def api_routes(p):
    """(method, path template) -> (url, {persona: statuses})."""
    a1 = p.a1.pk
    visible = {q: 200 for q in A1_VISIBLE}

    def rows(default, **statuses):
        return {"anonymous": 401, **{q: default for q in LOGGED_IN}, **statuses}

    stored = frozenset({201, 409})  # stored, or the same record already stored (409)
    writer = {"anonymous": 401, **{q: 404 for q in LOGGED_IN}, **{q: 403 for q in A1_VISIBLE}}
    return {
        ("post", "/api/v1/auth/token"): ("/api/v1/auth/token", {q: 401 for q in PERSONAS}),
        ("get", "/api/v1/auth/tokens"): ("/api/v1/auth/tokens", rows(200)),
        ("delete", "/api/v1/auth/tokens/{token_id}"): ("/api/v1/auth/tokens/999999", rows(404)),
        ("post", "/api/v1/auth/logout"): ("/api/v1/auth/logout", rows(204)),
        ("get", "/api/v1/patients"): ("/api/v1/patients", rows(200)),
        ("get", "/api/v1/patients/{patient_id}"): (
            f"/api/v1/patients/{a1}",
            rows(404, **visible),
        ),
        ("post", "/api/v1/patients/{patient_id}/hjhs"): (
            f"/api/v1/patients/{a1}/hjhs",
            {**writer, **{q: stored for q in ("therapist_a", "rehab_a")}},
        ),
        ("post", "/api/v1/patients/{patient_id}/ultrasound"): (
            f"/api/v1/patients/{a1}/ultrasound",
            {**writer, "ultrasound_a": stored},
        ),
        ("post", "/api/v1/patients/{patient_id}/cho-klat"): (
            f"/api/v1/patients/{a1}/cho-klat",
            # The parent form: the nurse and the guardian; the adolescent files the child form.
            {**writer, **{q: stored for q in ("nurse_a", "guardian_a1")}},
        ),
        ("post", "/api/v1/patients/{patient_id}/bleeds"): (
            f"/api/v1/patients/{a1}/bleeds",
            {
                **writer,
                **{q: stored for q in (*FAMILY_A1, *CLINIC_A) if q != "ultrasound_a"},
            },
        ),
        ("get", "/api/v1/patients/{patient_id}/bleeds"): (
            f"/api/v1/patients/{a1}/bleeds",
            rows(404, **visible),
        ),
        ("get", "/api/v1/patients/{patient_id}/plan"): (
            # The world's plan is a draft: nobody finds an approved plan (404); researchers
            # may see the child but not its plan (403). Contents: tests/rehab.
            f"/api/v1/patients/{a1}/plan",
            rows(404, researcher_a=403),
        ),
        ("get", "/api/v1/patients/{patient_id}/assessments/{kind}"): (
            f"/api/v1/patients/{a1}/assessments/hjhs",
            rows(404, **visible),
        ),
    }


def url_names(resolver, prefix: str = "") -> set[str]:
    """Every URL name with its namespace ("patients:detail"), however deep the includes."""
    names = {prefix + n for n in resolver.reverse_dict if isinstance(n, str)}
    for namespace, (_prefix, inner) in resolver.namespace_dict.items():
        names |= url_names(inner, f"{prefix}{namespace}:")
    return names


class AccessTable(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.p = build()
        cls.w = World(cls.p)

    def setUp(self):
        self.clients = {}

    def client_for(self, persona):
        """One logged-in client per persona for the whole table (logging in for each request
        made the table the slowest test); logging out drops it."""
        if persona not in self.clients:
            client = Client()
            if persona != "anonymous":
                client.force_login(self.p.users[persona])
            self.clients[persona] = client
        return self.clients[persona]

    def test_every_url_name_is_in_the_table(self):
        names = {n for n in url_names(get_resolver()) if not n.startswith("api:")}
        assert names - set(routes(self.p, self.w)) == set()

    def test_every_api_operation_is_in_the_table(self):
        schema = api.get_openapi_schema()
        operations = {(method, path) for path, ops in schema["paths"].items() for method in ops}
        assert operations - set(api_routes(self.p)) == set()

    @pytest.mark.slow  # 1,200 requests: about 20 s
    def test_every_persona_against_every_route_with_get_and_post(self):
        wrong = []
        for name, (url, rows) in routes(self.p, self.w).items():
            for persona in PERSONAS:
                get_status, post_statuses = rows[persona]
                got = self.client_for(persona).get(url).status_code
                if got != get_status:
                    wrong.append(f"GET {name} as {persona}: {got}, want {get_status}")
                before = AuditEvent.objects.count()
                got = self.client_for(persona).post(url).status_code
                if name == "accounts:logout":
                    self.clients.pop(persona, None)
                if got not in post_statuses:
                    wrong.append(f"POST {name} as {persona}: {got}, want {sorted(post_statuses)}")
                if got in (403, 404, 405) and AuditEvent.objects.count() != before:
                    wrong.append(f"POST {name} as {persona}: refused but wrote")
        assert wrong == [], "\n".join(wrong)

    def test_every_persona_against_every_api_operation(self):
        tokens = {q: issue_token(u)[0] for q, u in self.p.users.items()}
        bodies = api_bodies(self.p)
        wrong = []
        for (method, _path), (url, rows) in api_routes(self.p).items():
            for persona in PERSONAS:
                headers = {}
                if persona != "anonymous":
                    headers["Authorization"] = f"Bearer {tokens[persona]}"
                before = AuditEvent.objects.count()
                body = bodies.get(url) if method == "post" else None
                kwargs = {"content_type": "application/json"} if method != "get" else {}
                if body is not None:
                    kwargs["data"] = body
                response = getattr(Client(), method)(url, headers=headers, **kwargs)
                want = rows[persona]
                want = want if isinstance(want, frozenset) else frozenset({want})
                if response.status_code not in want:
                    wrong.append(
                        f"{method.upper()} {url} as {persona}: {response.status_code}, "
                        f"want {sorted(want)}"
                    )
                if response.status_code in (401, 403, 404) and AuditEvent.objects.count() != before:
                    wrong.append(f"{method.upper()} {url} as {persona}: refused but wrote")
                if persona != "anonymous" and method == "post" and "logout" in url:
                    tokens[persona] = issue_token(self.p.users[persona])[0]
        assert wrong == [], "\n".join(wrong)


TEXTS = {
    # marker -> (where it is written, who reads it)
    "SESSION-NOTE-LI-NA": ("program", CLINIC_A),
    "HOME-DIARY-GRANDMA": ("program", A1_RECORD),
    "AE-TEXT-WARD-7": ("program", CLINIC_A),
    "BLEED-TREATMENT-DR-ZHANG": ("assessments", A1_RECORD),
}


class TextAndDateTable(TestCase):
    """Free text and dates, persona by persona, on the web pages and in the API."""

    @classmethod
    def setUpTestData(cls):
        from hemorehab.rehab.models import AdverseEvent, HomeSession, SessionNote

        cls.p = p = build()
        today = datetime.date.today()
        SessionNote.objects.create(
            patient=p.a1,
            held_on=today,
            kind="hospital",
            minutes=60,
            content="SESSION-NOTE-LI-NA",
            tolerance="good",
            recorded_by=p.therapist_a,
        )
        HomeSession.objects.create(
            patient=p.a1,
            done_on=today,
            minutes=45,
            notes="HOME-DIARY-GRANDMA",
            recorded_by=p.guardian_a1,
        )
        AdverseEvent.objects.create(
            patient=p.a1,
            onset=today,
            description="AE-TEXT-WARD-7",
            relation="unrelated",
            seriousness="non_serious",
            recorded_by=p.nurse_a,
        )
        cls.bleed = Bleed.objects.create(
            patient=p.a1,
            onset=timezone.now() - datetime.timedelta(days=1),
            site_kind="joint",
            site="left_elbow",
            cause="traumatic",
            treatment="BLEED-TREATMENT-DR-ZHANG",
            notes="BLEED-NOTE",
            recorded_by=p.guardian_a1,
        )

    def test_each_persona_reads_exactly_the_free_text_the_policy_allows(self):
        wrong = []
        pages = {
            "program": reverse("rehab:program", args=[self.p.a1.pk]),
            "assessments": reverse("assessments:overview", args=[self.p.a1.pk]),
        }
        for persona in LOGGED_IN:
            client = Client()
            client.force_login(self.p.users[persona])
            text = {name: client.get(url).content.decode() for name, url in pages.items()}
            for marker, (page, readers) in TEXTS.items():
                if (marker in text[page]) != (persona in readers):
                    wrong.append(f"{marker} on {page} as {persona}: {marker in text[page]}")
        assert wrong == [], "\n".join(wrong)

    def test_each_persona_gets_real_or_shifted_dates_and_text_in_the_api(self):
        from hemorehab.policy.privacy import shift_days

        shift = datetime.timedelta(days=shift_days(self.p.a1.study_id))
        wrong = []
        for persona in A1_VISIBLE:
            token = issue_token(self.p.users[persona])[0]
            rows = (
                Client()
                .get(
                    f"/api/v1/patients/{self.p.a1.pk}/bleeds",
                    headers={"Authorization": f"Bearer {token}"},
                )
                .json()
            )
            onset = datetime.datetime.fromisoformat(rows[0]["onset"])
            real = persona in A1_RECORD
            expected = self.bleed.onset + (datetime.timedelta(0) if real else shift)
            if abs(onset - expected) > datetime.timedelta(seconds=1):
                wrong.append(f"onset as {persona}: {onset}, want {expected}")
            if ("notes" in rows[0]) != real or ("treatment" in rows[0]) != real:
                wrong.append(f"bleed text as {persona}: {sorted(rows[0])}")
        assert wrong == [], "\n".join(wrong)
