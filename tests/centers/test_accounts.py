"""A center's administration: accounts created, reset, unlocked and their API tokens revoked
by the center's administrator, only for the staff of centers they administer; family accounts
reach a child only once a clinician of the child's center confirms the link."""

import datetime

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hemorehab.accounts.login import issue_token, user_for_token
from hemorehab.accounts.models import LoginEvent, Membership, User
from tests.personas import PASSWORD


def login(client, username, password):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


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


def test_center_admin_cannot_take_over_a_clinician_of_another_center(client, personas):
    Membership.objects.create(user=personas.therapist_b, center=personas.center_a, role="nurse")
    client.force_login(personas.admin_a)
    url = reverse(
        "centers:user_reset_password", args=[personas.center_a.pk, personas.therapist_b.pk]
    )
    assert client.post(url).status_code == 403
    assert User.objects.get(pk=personas.therapist_b.pk).check_password(PASSWORD)
    other_admin = User.objects.create_user("admin_a2")
    Membership.objects.create(user=other_admin, center=personas.center_a, role="center_admin")
    url = reverse("centers:user_reset_password", args=[personas.center_a.pk, other_admin.pk])
    assert client.post(url).status_code == 403


def test_reset_ends_api_sessions_and_forces_a_new_password(client, personas):
    token, _ = issue_token(personas.nurse_a)
    client.force_login(personas.admin_a)
    client.post(
        reverse("centers:user_reset_password", args=[personas.center_a.pk, personas.nurse_a.pk])
    )
    assert user_for_token(token) is None
    nurse = Client()
    nurse.force_login(User.objects.get(pk=personas.nurse_a.pk))
    assert nurse.get(reverse("patients:list"))["Location"] == reverse("accounts:password_change")
    response = nurse.post(
        reverse("accounts:password_change"),
        {"old_password": "wrong", "new_password1": "x", "new_password2": "x"},
    )
    assert response.status_code == 200 and not User.objects.get(
        pk=personas.nurse_a.pk
    ).check_password("x")


def test_usernames_differing_only_in_case_are_refused(client, personas):
    client.force_login(personas.admin_a)
    response = client.post(
        reverse("centers:user_create", args=[personas.center_a.pk]),
        {"username": "THERAPIST_A", "language": "en", "roles": ["nurse"]},
    )
    assert "This username is taken (letter case aside)." in response.content.decode()


def test_a_locked_account_is_unlocked_by_its_centers_administrator(personas, settings):
    settings.HEMOREHAB_LOGIN_MAX_FAILURES_PER_ACCOUNT = 4
    settings.HEMOREHAB_LOGIN_MAX_FAILURES = 2
    ward = Client(REMOTE_ADDR="10.4.0.1")
    for client in (ward, ward, Client(REMOTE_ADDR="10.4.0.2"), Client(REMOTE_ADDR="10.4.0.3")):
        login(client, "nurse_a", "wrong")
    assert User.objects.get(username="nurse_a").is_locked()
    assert login(ward, "nurse_a", PASSWORD).status_code == 200  # locked, and paused here
    admin = Client()
    admin.force_login(personas.admin_a)
    users = reverse("centers:users", args=[personas.center_a.pk])
    unlock = reverse("centers:user_unlock", args=[personas.center_a.pk, personas.nurse_a.pk])
    assert unlock in admin.get(users).content.decode()
    response = admin.post(unlock, follow=True)
    assert "nurse_a is unlocked." in response.content.decode()
    nurse = User.objects.get(username="nurse_a")
    assert not nurse.is_locked() and nurse.failed_logins == 0
    assert LoginEvent.objects.filter(username="nurse_a", kind="unlocked", by="admin_a").exists()
    # The pause at the ward's address is forgotten too: the nurse logs in from there.
    assert login(ward, "nurse_a", PASSWORD).status_code == 302
    assert unlock not in admin.get(users).content.decode()  # offered for locked accounts only


def test_unlocking_is_refused_outside_the_administrators_reach(client, personas):
    locked = timezone.now() + datetime.timedelta(hours=1)
    User.objects.filter(username__in=["therapist_b", "guardian_a1"]).update(locked_until=locked)
    client.force_login(personas.admin_a)
    other_center = reverse(
        "centers:user_unlock", args=[personas.center_a.pk, personas.therapist_b.pk]
    )
    assert client.post(other_center).status_code == 404
    family = reverse("centers:user_unlock", args=[personas.center_a.pk, personas.guardian_a1.pk])
    assert client.post(family).status_code == 403  # the care team's to manage
    client.force_login(personas.therapist_a)
    own_center = reverse("centers:user_unlock", args=[personas.center_a.pk, personas.nurse_a.pk])
    assert client.post(own_center).status_code == 404  # administrators only
    assert User.objects.get(username="therapist_b").is_locked()
    assert User.objects.get(username="guardian_a1").is_locked()
    assert not LoginEvent.objects.filter(kind="unlocked").exists()


def test_an_administrator_revokes_a_staff_members_api_tokens(client, personas):
    token, _ = issue_token(personas.nurse_a)
    client.force_login(personas.admin_a)
    url = reverse("centers:user_revoke_tokens", args=[personas.center_a.pk, personas.nurse_a.pk])
    response = client.post(url, follow=True)
    assert "1 API tokens of nurse_a are revoked." in response.content.decode()
    assert user_for_token(token) is None


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
