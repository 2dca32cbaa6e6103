"""`hemorehab createcenter` and `hemorehab createuser`."""

from __future__ import annotations

import getpass
import sys

from hemorehab.clinical.roles import CENTER_ROLE_NAMES
from hemorehab.commands import _django


def register(subparsers) -> None:
    center = subparsers.add_parser("createcenter", help="create a center (hospital)")
    center.add_argument("--code", required=True, help="2-8 capital letters or digits, e.g. NJCH")
    center.add_argument("--name", required=True)
    center.add_argument("--time-zone", default="Asia/Shanghai")
    center.set_defaults(handler=run_createcenter)

    user = subparsers.add_parser("createuser", help="create an account with roles")
    user.add_argument("--username", required=True)
    user.add_argument("--center", help="center code, for the center roles")
    user.add_argument(
        "--role", action="append", default=[], help=f"repeatable: {', '.join(CENTER_ROLE_NAMES)}"
    )
    user.add_argument("--guardian-of", action="append", default=[], metavar="STUDY_ID")
    user.add_argument("--patient", metavar="STUDY_ID", help="the child's own account")
    user.add_argument("--language", default="en", choices=["en", "zh-hans"])
    user.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    user.set_defaults(handler=run_createuser)


def fail(message: str) -> int:
    print(f"hemorehab: {message}", file=sys.stderr)
    return 2


def run_createcenter(args) -> int:
    _django.setup()
    from django.core.exceptions import ValidationError

    from hemorehab.accounts.models import Center
    from hemorehab.audit.context import Actor, acting_as

    center = Center(code=args.code, name=args.name, time_zone=args.time_zone)
    try:
        center.full_clean()
    except ValidationError as exc:
        field, errors = next(iter(exc.message_dict.items()))
        return fail(f"--{field.replace('_', '-')}: {errors[0]}")
    with acting_as(Actor(user_id=None, label="cli")):
        center.save()
    print(f"Created center {center.code} ({center.name}, {center.time_zone}).")
    return 0


def _check_user_args(args) -> str | None:
    bad = [r for r in args.role if r not in CENTER_ROLE_NAMES]
    if bad:
        return f"--role: {bad[0]!r} is not a role; use one of {', '.join(CENTER_ROLE_NAMES)}"
    if args.role and not args.center:
        return "--center: the roles given need a center code"
    if not (args.role or args.guardian_of or args.patient):
        return "--role, --guardian-of or --patient: an account needs at least one role"
    return None


def run_createuser(args) -> int:
    problem = _check_user_args(args)
    if problem:
        return fail(problem)
    _django.setup()
    from hemorehab.centers.provision import ProvisionError, provision_user

    password = sys.stdin.readline().rstrip("\n") if args.password_stdin else None
    if password is None and sys.stdin.isatty():
        password = getpass.getpass("Password (empty: generate one): ") or None
    try:
        user, password = provision_user(
            username=args.username,
            center_code=args.center,
            roles=args.role,
            guardian_of=args.guardian_of,
            patient=args.patient,
            language=args.language,
            password=password,
        )
    except ProvisionError as exc:
        return fail(str(exc))
    if args.password_stdin:
        print(f"Created {user.username} with the password given.")
    else:
        print(f"Created {user.username}. First password (they must change it): {password}")
    return 0
