"""API tokens end with a password change and can be listed and revoked by their owner and by
the administrator of the owner's center."""

from django.test import Client
from django.urls import reverse

from hemorehab.accounts.login import change_password, issue_token
from hemorehab.accounts.models import ApiToken


def _get(token, path="/api/v1/patients"):
    return Client().get(path, headers={"Authorization": f"Bearer {token}"})


def test_a_password_change_ends_tokens_and_other_sessions(personas):
    token = issue_token(personas.nurse_a)[0]
    other = Client()
    other.force_login(personas.nurse_a)
    assert other.get(reverse("patients:list")).status_code == 200
    me = Client()
    me.force_login(personas.nurse_a)
    response = me.post(
        reverse("accounts:password_change"),
        {
            "old_password": "correct horse battery staple",
            "new_password1": "a brand new long passphrase",
            "new_password2": "a brand new long passphrase",
        },
    )
    assert response.status_code == 302
    assert _get(token).status_code == 401
    assert other.get(reverse("patients:list")).status_code == 302  # sent to the login page
    assert me.get(reverse("patients:list")).status_code == 200


def test_owner_lists_and_revokes_tokens_over_the_api(personas):
    first = issue_token(personas.therapist_a)[0]
    second = issue_token(personas.therapist_a)[0]
    listed = _get(first, "/api/v1/auth/tokens").json()
    assert len(listed) == 2 and sum(t["current"] for t in listed) == 1
    other_id = next(t["id"] for t in listed if not t["current"])
    headers = {"Authorization": f"Bearer {first}"}
    assert Client().delete(f"/api/v1/auth/tokens/{other_id}", headers=headers).status_code == 204
    assert _get(second).status_code == 401
    stranger = issue_token(personas.nurse_a)[0]
    assert (
        Client()
        .delete(f"/api/v1/auth/tokens/{other_id}", headers={"Authorization": f"Bearer {stranger}"})
        .status_code
        == 404
    )
    assert Client().post("/api/v1/auth/logout", headers=headers).status_code == 204
    assert _get(first).status_code == 401


def test_owner_revokes_on_the_profile_and_an_administrator_revokes_all(personas):
    issue_token(personas.nurse_a)
    client = Client()
    client.force_login(personas.nurse_a)
    page = client.get(reverse("accounts:profile")).content.decode()
    token = ApiToken.objects.get(user=personas.nurse_a)
    assert reverse("accounts:token_revoke", args=[token.pk]) in page
    assert client.post(reverse("accounts:token_revoke", args=[token.pk])).status_code == 302
    assert not ApiToken.objects.filter(user=personas.nurse_a).exists()
    issue_token(personas.nurse_a)
    issue_token(personas.nurse_a)
    admin = Client()
    admin.force_login(personas.admin_a)
    url = reverse("centers:user_revoke_tokens", args=[personas.center_a.pk, personas.nurse_a.pk])
    assert admin.post(url).status_code == 302
    assert not ApiToken.objects.filter(user=personas.nurse_a).exists()
    # Not an administrator of the user's center: 404.
    issue_token(personas.therapist_b)
    url = reverse(
        "centers:user_revoke_tokens", args=[personas.center_a.pk, personas.therapist_b.pk]
    )
    assert admin.post(url).status_code == 404
    assert ApiToken.objects.filter(user=personas.therapist_b).exists()


def test_change_password_service_ends_tokens(personas):
    token = issue_token(personas.hematologist_a)[0]
    change_password(personas.hematologist_a, "another long passphrase")
    assert _get(token).status_code == 401


def test_the_token_list_and_the_login_refusal_read_in_chinese(personas):
    from hemorehab.accounts.models import User

    User.objects.filter(pk=personas.nurse_a.pk).update(language="zh-hans")
    issue_token(personas.nurse_a)
    client = Client()
    client.force_login(personas.nurse_a)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "API 令牌" in page and "撤销" in page and "Revoke" not in page
    anonymous = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    anonymous.cookies["django_language"] = "zh-hans"
    refused = anonymous.post(reverse("accounts:login"), {"username": "nobody", "password": "x"})
    assert "用户名或密码不正确" in refused.content.decode()


def test_last_use_is_written_at_most_every_few_minutes(personas):
    token, record = issue_token(personas.nurse_a)
    assert _get(token).status_code == 200
    first = ApiToken.objects.get(pk=record.pk).last_used_at
    assert first is not None
    assert _get(token).status_code == 200
    assert ApiToken.objects.get(pk=record.pk).last_used_at == first  # not rewritten per call
