"""Setting Django up for the subcommands that use the database."""

from __future__ import annotations

import os
import sys


class SetupFailed(SystemExit):
    pass


def setup() -> None:
    """Configure Django, or exit with status 2 and the configuration problem in words."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hemorehab.settings")
    from hemorehab.config import ConfigError

    try:
        import django

        django.setup()
    except ConfigError as exc:
        print(f"hemorehab: configuration problem: {exc}", file=sys.stderr)
        raise SetupFailed(2) from exc


def migrate(verbosity: int = 1) -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=verbosity)
