"""`hemorehab check`: configuration, database and schema problems, in words."""

from __future__ import annotations

import sys

from hemorehab.commands import _django


def register(subparsers) -> None:
    parser = subparsers.add_parser("check", help="report configuration problems in words")
    parser.set_defaults(handler=run)


def problems() -> list[str]:
    from django.core import checks
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from hemorehab import config

    found = [p.message for p in config.production_problems()] if _production() else []
    found += _licensed_texts_problem()
    # In production Django's deployment checks run too (HTTPS, HSTS, secure cookies, ...).
    messages = checks.run_checks(include_deployment_checks=_production())
    found += [
        f"{m.id}: {m.msg}" for m in messages if m.level >= checks.WARNING and not m.is_silenced()
    ]
    try:
        connection.ensure_connection()
    except Exception as exc:  # any driver error is reported, not raised
        return [*found, f"the database cannot be reached: {exc}"]
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        found.append(f"{len(pending)} database migrations are not applied: run `hemorehab migrate`")
        return found
    found += audit_chain_problems()
    return found


def audit_chain_problems() -> list[str]:
    """Where the audit trail's hash chain does not hold: a row changed, removed or forged."""
    from hemorehab.audit.chain import verify

    breaks = verify()
    if not breaks:
        return []
    return [
        "the audit trail has been altered outside hemorehab: "
        + "; ".join(str(b) for b in breaks)
        + " (restore the audit table from a backup and find out who had write access)"
    ]


def _licensed_texts_problem() -> list[str]:
    from django.conf import settings

    from hemorehab.clinical.cho_klat import load_item_texts
    from hemorehab.clinical.errors import ClinicalInputError

    path = settings.HEMOREHAB_CHO_KLAT_TEXTS
    if not path:
        return []
    try:
        load_item_texts(path)
    except (ClinicalInputError, OSError) as exc:
        return [f"HEMOREHAB_CHO_KLAT_TEXTS: {exc}"]
    return []


def _production() -> bool:
    from django.conf import settings

    return settings.PRODUCTION


def run(args) -> int:
    _django.setup()
    found = problems()
    for problem in found:
        print(f"- {problem}")
    if found:
        print(f"{len(found)} problem(s) found.", file=sys.stderr)
        return 1
    print("No problems found.")
    return 0
