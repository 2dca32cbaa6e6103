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


def test_center_admin_resets_a_password_and_unlocks(client, personas):
    User.objects.filter(username="therapist_a").update(
        locked_until="2999-01-01T00:00:00Z", failed_logins=0
    )
    client.force_login(personas.admin_a)
    url = reverse(
        "centers:user_reset_password", args=[personas.center_a.pk, personas.therapist_a.pk]
    )
    response = client.post(url, follow=True)
    message = next(iter(response.context["messages"])).message
    new_password = message.rsplit(": ", 1)[1]
    assert not User.objects.get(username="therapist_a").is_locked()
    client.logout()
    assert login(client, "therapist_a", new_password).status_code == 302
    assert LoginEvent.objects.filter(kind="password_reset", by="admin_a").exists()


def test_center_admin_cannot_reset_a_password_in_another_center(client, personas):
    client.force_login(personas.admin_a)
    url = reverse(
        "centers:user_reset_password", args=[personas.center_a.pk, personas.therapist_b.pk]
    )
    assert client.post(url).status_code == 404


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


def test_a_family_account_reaches_a_child_only_once_a_clinician_confirms(client, personas):
    """Linking a family account gives it identifiers: the administrator asks, a clinician of
    the child's center confirms and hands over the first password; the administrator never
    holds a family's credential."""
    from hemorehab.patients.models import FamilyLinkRequest, Guardianship

    client.force_login(personas.admin_a)
    url = reverse("centers:user_create", args=[personas.center_a.pk])
    refused = client.post(url, {"username": "dad", "language": "en", "guardian_of": "CTRB-0001"})
    assert "CTRB-0001 is not a study ID of this center." in refused.content.decode()
    assert not User.objects.filter(username="dad").exists()
    created = client.post(
        url, {"username": "dad", "language": "zh-hans", "guardian_of": "CTRA-0002"}, follow=True
    )
    message = next(iter(created.context["messages"])).message
    assert "confirms the link" in message and "password" not in message.split("confirms")[0]
    dad = User.objects.get(username="dad")
    assert not dad.has_usable_password()
    assert not Guardianship.objects.filter(user=dad).exists()
    # The administrator can neither reset the family account's password nor reach the child.
    reset = reverse("centers:user_reset_password", args=[personas.center_a.pk, dad.pk])
    client.post(reset)
    assert not User.objects.get(pk=dad.pk).has_usable_password()
    # A clinician of the center sees the request on the child's page and confirms it.
    nurse = Client()
    nurse.force_login(personas.nurse_a)
    page = nurse.get(reverse("patients:detail", args=[personas.a2.pk])).content.decode()
    link = FamilyLinkRequest.objects.get(user=dad)
    decide = reverse("patients:family_link_decide", args=[personas.a2.pk, link.pk])
    assert decide in page
    assert client.post(decide, {"decision": "confirm"}).status_code in (403, 404)
    confirmed = nurse.post(decide, {"decision": "confirm"}, follow=True)
    password = next(iter(confirmed.context["messages"])).message.rsplit(": ", 1)[1]
    assert Guardianship.objects.filter(user=dad, patient=personas.a2).exists()
    family = Client()
    assert login(family, "dad", password).status_code == 302
    listing = client.get(reverse("centers:users", args=[personas.center_a.pk])).content.decode()
    assert "guardian of CTRA-0002" in listing
    # A forgotten password: the care team resets it, on the child's page.
    reset = reverse("patients:family_reset_password", args=[personas.a2.pk, dad.pk])
    assert reset in nurse.get(reverse("patients:detail", args=[personas.a2.pk])).content.decode()
    again = nurse.post(reset, follow=True)
    new_password = next(iter(again.context["messages"])).message.rsplit(": ", 1)[1]
    assert login(Client(), "dad", new_password).status_code == 302
