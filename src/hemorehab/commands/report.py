"""`hemorehab report` and `hemorehab export`: the study report and the analysis dataset of a
cohort, from the database, for the operator of the server."""

from __future__ import annotations

import argparse
import datetime
import os
import sys
from pathlib import Path

from hemorehab.commands import _django

REPORT_FORMATS = ("html", "pdf", "json")
EXPORT_FORMATS = ("csv", "xlsx", "sav", "dictionary")


def _day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2025-01-31") from None


def _cohort_options(parser) -> None:
    parser.add_argument(
        "--center",
        action="append",
        default=[],
        metavar="CODE",
        help="center code (repeatable; default: every center)",
    )
    parser.add_argument(
        "--from",
        dest="started_from",
        type=_day,
        metavar="DATE",
        help="children enrolled on or after this date",
    )
    parser.add_argument(
        "--to",
        dest="started_to",
        type=_day,
        metavar="DATE",
        help="children enrolled on or before this date",
    )
    parser.add_argument("--language", choices=("en", "zh-hans"), default="en")
    parser.add_argument("--out", metavar="PATH", help="file to write (default: standard output)")


def register(subparsers) -> None:
    report = subparsers.add_parser("report", help="build the study report of a cohort")
    report.add_argument("--format", choices=REPORT_FORMATS, default="html")
    _cohort_options(report)
    report.set_defaults(handler=run_report)
    export = subparsers.add_parser("export", help="export the analysis dataset of a cohort")
    export.add_argument("--format", choices=EXPORT_FORMATS, required=True)
    export.add_argument(
        "--identified",
        action="store_true",
        help="include names, hospital numbers and birth dates (needs --user)",
    )
    export.add_argument(
        "--user",
        metavar="USERNAME",
        help="the person the export is for; their roles decide --identified",
    )
    _cohort_options(export)
    export.set_defaults(handler=run_export)


def fail(message: str) -> int:
    print(f"hemorehab: {message}", file=sys.stderr)
    return 2


def _load(args):
    from hemorehab.accounts.models import Center
    from hemorehab.research import cohort

    centers = Center.objects.all()
    if args.center:
        centers = centers.filter(code__in=args.center)
        missing = set(args.center) - set(centers.values_list("code", flat=True))
        if missing:
            raise LookupError(f"--center: no center has the code {sorted(missing)[0]!r}")
    if args.started_from and args.started_to and args.started_from > args.started_to:
        raise LookupError("--to: the end of the period is before --from")
    return cohort.load(centers, args.started_from, args.started_to)


def _check_out(out: str | None) -> str | None:
    """A problem with the output path, found before anything is built or recorded."""
    if out is None:
        return None
    if Path(out).is_dir():
        return f"--out: {out} is a folder; give a file name"
    folder = Path(out).resolve().parent
    if not folder.is_dir():
        return f"--out: the folder {folder} does not exist"
    if not os.access(folder, os.W_OK):
        return f"--out: the folder {folder} cannot be written"
    return None


def _write(data: bytes, out: str | None) -> None:
    if out:
        # Owner-only, like the database: an export holds the cohort's data (an identified one
        # names the children). An existing file is made owner-only before it is overwritten.
        fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        print(f"Wrote {out} ({len(data):,} bytes).", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()


def run_report(args) -> int:
    if args.format == "pdf" and not args.out and sys.stdout.isatty():
        return fail("--out: give a file for the PDF")
    if problem := _check_out(args.out):
        return fail(problem)
    _django.setup()
    from hemorehab.research import reports

    try:
        cohort = _load(args)
    except LookupError as exc:
        return fail(str(exc))
    if not len(cohort.frame):
        return fail("no enrolled children in this cohort")
    try:
        _write(reports.render(cohort, args.format, args.language), args.out)
    except OSError as exc:
        return fail(f"--out: cannot write {args.out}: {exc.strerror or exc}")
    return 0


def run_export(args) -> int:
    if args.identified and not args.user:
        return fail("--user: an identified export must name the person it is for")
    if problem := _check_out(args.out):
        return fail(problem)
    _django.setup()
    from django.db import transaction

    from hemorehab import policy
    from hemorehab.accounts.models import User
    from hemorehab.audit.context import Actor, acting_as
    from hemorehab.research import reports

    try:
        cohort = _load(args)
    except LookupError as exc:
        return fail(str(exc))
    user = User.objects.filter(username=args.user).first() if args.user else None
    if args.user and user is None:
        return fail(f"--user: no account is called {args.user!r}")
    if args.identified:
        allowed = set(
            policy.centers_for(user, "research.export_identified").values_list("code", flat=True)
        )
        needed = {e.patient.center.code for e in cohort.enrolled}
        if needed - allowed:
            return fail(
                f"--identified: {args.user} may not see identifiers of center "
                f"{sorted(needed - allowed)[0]}"
            )
    label = f"cli:{args.user}" if args.user else "cli"
    try:
        # The export is recorded only if its file is written: one transaction for both.
        with acting_as(Actor(user_id=user.pk if user else None, label=label)), transaction.atomic():
            data = reports.export(
                cohort,
                args.format,
                identified=args.identified,
                user_label=label,
                language=args.language,
            )
            _write(data, args.out)
    except OSError as exc:
        return fail(f"--out: cannot write {args.out}: {exc.strerror or exc}")
    return 0
