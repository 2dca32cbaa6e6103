"""`hemorehab plan draft [FILE|-]`: draft a plan for a child given as JSON, print it as JSON.

The same engine as the web page (hemorehab.clinical.plan): the input keys are read by
clinical.plan.child_json, the output is written by clinical.plan.plan_json (README, "Drafting
a plan from the command line"). No database is touched. Bad input exits with status 2 and one
line on stderr naming the place and what is allowed, e.g.
"bleeds[0].site: "left_calve" is not a muscle site; allowed: ..."; nothing goes to stdout.
`--language zh-hans` writes the texts in Simplified Chinese. `--session-threshold` is the
center's lowest estimated factor level for a session (IU/dL), the setting the web page reads
from the center; its default is the center setting's default (5 IU/dL), a setting, not a
guideline value.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys

from hemorehab.clinical.errors import ClinicalInputError
from hemorehab.clinical.plan import PlanSettings, SafetySettings, draft_plan
from hemorehab.clinical.plan.child_json import parse_child
from hemorehab.clinical.plan.plan_json import plan_json
from hemorehab.clinical.plan.settings import DEFAULT_SESSION_LEVEL_THRESHOLD
from hemorehab.commands.jsonin import read_json

EXIT_BAD_INPUT = 2


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `plan` subcommand (one action so far: draft)."""
    parser = subparsers.add_parser(
        "plan",
        help="draft a rehabilitation plan for a child given as JSON",
        description="Draft a 12-week plan (JSON in, JSON out) with the engine of the web page.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    draft = actions.add_parser("draft", help="draft a plan for one child")
    draft.add_argument("file", nargs="?", default="-", help='JSON file, or "-" for stdin')
    draft.add_argument("--language", choices=("en", "zh-hans"), default="en")
    draft.add_argument(
        "--session-threshold",
        type=_threshold,
        default=DEFAULT_SESSION_LEVEL_THRESHOLD,
        metavar="IU/dL",
        help="the center's lowest estimated factor level for a session, 0-100 "
        f"(default {DEFAULT_SESSION_LEVEL_THRESHOLD:g}, the center setting's default)",
    )
    draft.set_defaults(handler=run)


def _threshold(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of IU/dL") from None
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"{text} is outside 0-100 IU/dL")
    return value


def run(args: argparse.Namespace) -> int:
    """Draft the plan; 0 on success, 2 on bad input (one line on stderr)."""
    source = "<stdin>" if args.file == "-" else str(args.file)
    safety = dataclasses.replace(SafetySettings(), factor_threshold_iu_dl=args.session_threshold)
    settings = PlanSettings(safety=safety)
    try:
        child = parse_child(read_json(args.file, source), settings)
        output = plan_json(draft_plan(child, settings), args.language)
    except ClinicalInputError as exc:
        sys.stderr.write(str(exc).replace("\n", " ") + "\n")
        return EXIT_BAD_INPUT
    sys.stdout.write(json.dumps(output, ensure_ascii=False) + "\n")
    return 0
