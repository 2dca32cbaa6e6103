"""Logging in: argon2, lockout after repeated failures, every attempt recorded, admin resets."""

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from hemorehab.accounts.models import LoginEvent, User
from tests.personas import PASSWORD


def login(client, username, password):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_production_hashes_passwords_with_argon2():
    from hemorehab import settings as project_settings

    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    with override_settings(PASSWORD_HASHERS=project_settings.PASSWORD_HASHERS):
        assert make_password("a long passphrase").startswith("argon2$")


def test_login_is_recorded_and_lands_on_the_list(client, personas):
    response = login(client, "therapist_a", PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("patients:list")
    assert LoginEvent.objects.filter(username="therapist_a", kind="success").count() == 1


def test_repeated_failures_pause_the_account_from_that_address_only(client, personas):
    for _ in range(settings.HEMOREHAB_LOGIN_MAX_FAILURES):
        response = login(client, "therapist_a", "wrong")
        assert response.status_code == 200
    refused = login(client, "therapist_a", PASSWORD)
    assert (
        refused.status_code == 200 and "paused after repeated failures" in refused.content.decode()
    )
    kinds = list(LoginEvent.objects.filter(username="therapist_a").values_list("kind", flat=True))
    assert kinds.count("failure") == settings.HEMOREHAB_LOGIN_MAX_FAILURES
    assert "throttled" in kinds
    # Someone else's failures do not lock the owner out: from another address they log in.
    elsewhere = Client(REMOTE_ADDR="10.1.2.3")
    assert login(elsewhere, "therapist_a", PASSWORD).status_code == 302


def test_unknown_wrong_and_locked_accounts_get_the_same_answer(client, personas):
    User.objects.filter(username="nurse_a").update(locked_until="2999-01-01T00:00:00Z")
    answers = {
        str(login(Client(REMOTE_ADDR=f"10.0.0.{n}"), username, password).context["error"])
        for n, (username, password) in enumerate(
            [("nobody", "x"), ("therapist_a", "wrong"), ("nurse_a", PASSWORD)]
        )
    }
    assert len(answers) == 1
    api = {
        Client(REMOTE_ADDR=f"10.0.1.{n}")
        .post(
            "/api/v1/auth/token",
            {"username": username, "password": password},
            content_type="application/json",
        )
        .json()["detail"]
        for n, (username, password) in enumerate(
            [("nobody", "x"), ("therapist_a", "wrong"), ("nurse_a", PASSWORD)]
        )
    }
    assert len(api) == 1


def test_one_address_guessing_across_accounts_is_paused(client, personas, settings):
    settings.HEMOREHAB_LOGIN_MAX_FAILURES_PER_ADDRESS = 6
    for n in range(6):
        login(client, f"guess{n}", "wrong")
    assert login(client, "therapist_a", PASSWORD).status_code == 200  # paused address
    assert login(Client(REMOTE_ADDR="10.9.9.9"), "therapist_a", PASSWORD).status_code == 302


def test_failures_from_many_addresses_lock_the_account(personas, settings):
    settings.HEMOREHAB_LOGIN_MAX_FAILURES_PER_ACCOUNT = 8
    for n in range(8):
        login(Client(REMOTE_ADDR=f"10.2.0.{n}"), "therapist_a", "wrong")
    assert User.objects.get(username="therapist_a").is_locked()
    assert login(Client(REMOTE_ADDR="10.3.0.1"), "therapist_a", PASSWORD).status_code == 200


def test_sessions_expire_when_idle():
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert 0 < settings.SESSION_COOKIE_AGE <= 24 * 3600


def test_user_language_choice_switches_the_pages_to_chinese(client, personas):
    client.force_login(personas.therapist_a)
    client.post(reverse("accounts:set_language"), {"language": "zh-hans", "next": "/"})
    assert User.objects.get(username="therapist_a").language == "zh-hans"
    page = client.get(reverse("patients:list")).content.decode()
    with translation.override("zh-hans"):
        children = translation.gettext("Children")
    assert children != "Children"
    assert f"<h1>{children}</h1>" in page and 'lang="zh-hans"' in page


def test_switching_the_language_never_leads_off_the_site(client, personas):
    response = client.post(
        reverse("accounts:set_language"), {"language": "en", "next": "https://evil.example/phish"}
    )
    assert response["Location"] == reverse("patients:list")
