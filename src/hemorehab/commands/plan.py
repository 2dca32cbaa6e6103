"""`hemorehab plan draft [FILE|-]`: draft a plan for a child given as JSON, print it as JSON.

The same engine as the web page (hemorehab.clinical.plan): the input keys are read by
clinical.plan.child_json, the output is written by clinical.plan.plan_json (README, "Drafting
a plan from the command line"). No database is touched. Bad input exits with status 2 and one
line on stderr naming the place and what is allowed, e.g.
"bleeds[0].site: "left_calve" is not a muscle site; allowed: ..."; nothing goes to stdout.
`--language zh-hans` writes the texts in Simplified Chinese.
"""

from __future__ import annotations

import argparse
import json
import sys

from hemorehab.clinical.errors import ClinicalInputError
from hemorehab.clinical.plan import draft_plan
from hemorehab.clinical.plan.child_json import parse_child
from hemorehab.clinical.plan.plan_json import plan_json
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
    draft.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Draft the plan; 0 on success, 2 on bad input (one line on stderr)."""
    source = "<stdin>" if args.file == "-" else str(args.file)
    try:
        child = parse_child(read_json(args.file, source))
        output = plan_json(draft_plan(child), args.language)
    except ClinicalInputError as exc:
        sys.stderr.write(str(exc).replace("\n", " ") + "\n")
        return EXIT_BAD_INPUT
    sys.stdout.write(json.dumps(output, ensure_ascii=False) + "\n")
    return 0
