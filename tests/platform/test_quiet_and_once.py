"""A refusal is logged in one line; the first password is shown once, not at every start."""

import logging

from django.test import Client
from django.urls import reverse

from hemorehab.accounts.models import User
from hemorehab.demo import first_start as bootstrap


def test_a_403_is_logged_without_a_traceback(personas, caplog):
    client = Client()
    client.force_login(personas.researcher_a)
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get(reverse("patients:detail", args=[personas.a1.pk])).status_code == 403
    refusals = [r for r in caplog.records if r.name == "django.request"]
    assert refusals and all(r.exc_info is None for r in refusals)


def test_the_first_password_note_is_not_printed_again_and_goes_once_changed(db, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    user = User.objects.create_user(bootstrap.DEMO_USERNAME, password="x" * 12)
    User.objects.filter(pk=user.pk).update(must_change_password=True)
    note = tmp_path / bootstrap.FIRST_LOGIN_FILE
    note.write_text("Log in as admin with password SECRET-FIRST-PASSWORD\n")
    hint = bootstrap.first_login_hint()
    assert "SECRET-FIRST-PASSWORD" not in hint and str(note) in hint
    User.objects.filter(pk=user.pk).update(must_change_password=False)
    assert "SECRET" not in bootstrap.first_login_hint()
    assert not note.exists()
