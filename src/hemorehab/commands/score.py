"""`hemorehab score INSTRUMENT [FILE|-]`: score instrument records given as JSON.

A stable contract for scripts and other systems:
- INSTRUMENT is hjhs, head-us, head-us-c or cho-klat; JSON is read from FILE or stdin ("-");
  a JSON object is one record, a JSON list is a batch scored element by element;
- the result is printed as JSON on stdout (an object, or a list for a batch);
- bad input exits with status 2 and exactly one line on stderr naming the place and what is
  allowed, e.g. "joints.left_knee.swelling: 4 is outside 0-3" or, in a batch,
  "[12].joints.left_knee.swelling: 4 is outside 0-3"; nothing is printed on stdout;
- `--definition PATH` scores head-us / head-us-c with a center-supplied definition file.
The scoring itself is in hemorehab.clinical; this module only reads, dispatches and writes.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from hemorehab.clinical import cho_klat, hjhs, ultrasound
from hemorehab.clinical.errors import ClinicalInputError, ScoreInputError
from hemorehab.commands.jsonin import read_json

INSTRUMENTS = ("hjhs", "head-us", "head-us-c", "cho-klat")
EXIT_BAD_INPUT = 2

Scorer = Callable[[object], dict[str, object]]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `score` subcommand."""
    parser = subparsers.add_parser(
        "score",
        help="score instrument records given as JSON",
        description="Score HJHS 2.1, HEAD-US, HEAD-US-C or CHO-KLAT 2.0 records (JSON in, "
        "JSON out). A JSON list is scored element by element.",
    )
    parser.add_argument("instrument", choices=INSTRUMENTS)
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


def _scorer(instrument: str, definition: str | None) -> Scorer:
    if instrument in ultrasound.BUILT_IN:
        chosen = (
            ultrasound.load_definition(definition)
            if definition
            else ultrasound.builtin_definition(instrument)
        )
        return _ultrasound_scorer(instrument, chosen)
    if definition:
        raise ScoreInputError("--definition", "only used with head-us and head-us-c")
    if instrument == "hjhs":
        return _hjhs
    if instrument == "cho-klat":
        return _cho_klat
    raise ScoreInputError("instrument", f"unknown; allowed: {', '.join(INSTRUMENTS)}")


def _score_all(scorer: Scorer, data: object, source: str) -> object:
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


def _hjhs(record: object) -> dict[str, object]:
    result = hjhs.score_hjhs_record(record)
    return {
        "instrument": "hjhs",
        "version": result.version,
        "total": result.total,
        "complete": result.complete,
        "joints": result.joints,
        "gait": result.gait,
        "components": result.components,
        "not_evaluable": list(result.not_evaluable),
    }


def _ultrasound_scorer(instrument: str, definition: ultrasound.Definition) -> Scorer:
    def score(record: object) -> dict[str, object]:
        result = ultrasound.score_ultrasound_record(definition, record)
        return {
            "instrument": instrument,
            "definition": result.name,
            "version": result.version,
            "total": result.total,
            "joints": result.joints,
            "examined": list(result.examined),
            "domains": result.domains,
        }

    return score


def _cho_klat(record: object) -> dict[str, object]:
    result = cho_klat.score_cho_klat_record(record)
    return {
        "instrument": "cho-klat",
        "version": result.version,
        "form": result.form,
        "score": result.score,
        "answered": result.answered,
        "missing": result.missing,
    }
