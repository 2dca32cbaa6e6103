"""`hemorehab demo`: load the 59-child demo cohort that reproduces the seed paper's results."""

from __future__ import annotations

import datetime
import sys

from hemorehab.commands import _django


def _day(text: str) -> datetime.date:
    import argparse

    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2024-01-08") from None


def register(subparsers) -> None:
    parser = subparsers.add_parser("demo", help="load the demo cohort (59 synthetic children)")
    parser.add_argument("--center", default="DEMO", help="center code (created if missing)")
    parser.add_argument(
        "--start",
        type=_day,
        default=datetime.date(2024, 1, 8),
        help="first program start (children start over 26 weeks)",
    )
    parser.add_argument("--copies", type=int, default=1, help="load the cohort this many times")
    parser.add_argument(
        "--user", default="admin", help="the account recorded as having entered the demo records"
    )
    parser.add_argument(
        "--add", action="store_true", help="load into a center that already has children"
    )
    parser.set_defaults(handler=run)


def run(args) -> int:
    if not 1 <= args.copies <= 500:
        print(f"hemorehab: --copies: {args.copies} is outside 1-500", file=sys.stderr)
        return 2
    _django.setup()
    from hemorehab.accounts.models import Center, User
    from hemorehab.demo.load import load

    user = User.objects.filter(username=args.user).first()
    if user is None:
        print(
            f"hemorehab: --user: no account is called {args.user!r}; start the server once "
            "(it creates 'admin') or create one with `hemorehab createuser`",
            file=sys.stderr,
        )
        return 2
    center, _ = Center.objects.get_or_create(
        code=args.center, defaults={"name": f"{args.center} center"}
    )
    if center.patients.exists() and not args.add:
        print(
            f"hemorehab: --center: {center.code} already has children; give --add to load "
            "the demo cohort again beside them",
            file=sys.stderr,
        )
        return 2
    loaded = load(center, user, args.start, args.copies)
    print(
        f"Loaded {loaded.children} demo children into center {center.code}. Open the study "
        "report (Study report in the top bar) or run `hemorehab report --center "
        f"{center.code} --format json`."
    )
    return 0
