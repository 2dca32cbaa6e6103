import pytest


def pytest_configure(config):
    from django.conf import settings

    if not settings.configured and not config.pluginmanager.hasplugin("django"):
        return  # the pure core's tests also run without Django (-p no:django)

    # Argon2 is what production uses (tests/web/test_login.py checks it); tests hash faster.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def personas(db):
    from tests.personas import build

    return build()
