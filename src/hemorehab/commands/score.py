"""`hemorehab score INSTRUMENT [FILE|-]`: score instrument records given as JSON.

A stable contract for scripts and other systems:
- INSTRUMENT is a name of the instrument registry (assessments.instruments.SCORERS: hjhs,
  head-us, head-us-c, cho-klat); JSON is read from FILE or stdin ("-");
  a JSON object is one record, a JSON list is a batch scored element by element;
- the result is printed as JSON on stdout (an object, or a list for a batch);
- bad input exits with status 2 and exactly one line on stderr naming the place and what is
  allowed, e.g. "joints.left_knee.swelling: 4 is outside 0-3" or, in a batch,
  "[12].joints.left_knee.swelling: 4 is outside 0-3"; nothing is printed on stdout;
- `--definition PATH` scores head-us / head-us-c with a center-supplied definition file.
The scoring itself is in hemorehab.clinical, each instrument's JSON in
assessments.instrument_cli; this module only reads, dispatches and writes.
"""

from __future__ import annotations

import argparse
import json
import sys

from hemorehab.assessments.instrument_cli import Score
from hemorehab.assessments.instruments import SCORERS
from hemorehab.clinical.errors import ClinicalInputError, ScoreInputError
from hemorehab.commands.jsonin import read_json

EXIT_BAD_INPUT = 2


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `score` subcommand."""
    parser = subparsers.add_parser(
        "score",
        help="score instrument records given as JSON",
        description=f"Score instrument records ({', '.join(SCORERS)}) given as JSON; the result "
        "is JSON. A JSON list is scored element by element.",
    )
    parser.add_argument("instrument", choices=list(SCORERS))
    parser.add_argument("file", nargs="?", default="-", help='JSON file, or "-" for stdin')
    parser.add_argument(
        "--definition",
        metavar="PATH",
        help="a center's ultrasound definition file (YAML/JSON) for head-us or head-us-c",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Score the input; 0 on success, 2 on bad input (one line on stderr)."""
    source = "<stdin>" if args.file == "-" else str(args.file)
    try:
        scorer = _scorer(args.instrument, getattr(args, "definition", None))
        output = _score_all(scorer, read_json(args.file, source), source)
    except ClinicalInputError as exc:
        sys.stderr.write(str(exc).replace("\n", " ") + "\n")
        return EXIT_BAD_INPUT
    sys.stdout.write(json.dumps(output, ensure_ascii=False) + "\n")
    return 0


def _scorer(name: str, definition: str | None) -> Score:
    if name not in SCORERS:
        raise ScoreInputError("instrument", f"unknown; allowed: {', '.join(SCORERS)}")
    scorer = SCORERS[name]
    if definition and not scorer.takes_definition:
        takers = [n for n, s in SCORERS.items() if s.takes_definition]
        raise ScoreInputError("--definition", f"only used with {' and '.join(takers)}")
    return scorer.build(definition)


def _score_all(scorer: Score, data: object, source: str) -> object:
    if not isinstance(data, list):
        try:
            return scorer(data)
        except ClinicalInputError as exc:
            raise exc if exc.path else exc.with_prefix(source) from None
    results = []
    for index, record in enumerate(data):
        try:
            results.append(scorer(record))
        except ClinicalInputError as exc:
            raise exc.with_prefix(f"[{index}]") from None
    return results
