"""`hemorehab analyze FILE.csv --pair PRE:POST ... [--compare COL --by GROUP ...] [--json]`

Analyses a wide CSV (one row per child) without a database, with the SPSS conventions of
`hemorehab.stats`. Bad input exits with status 2 and one line on stderr, nothing on stdout.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

# pandas, scipy and the stats core are imported when `analyze` runs, not when the `hemorehab`
# command starts: every other subcommand (score in batch especially) would pay ~0.7 s for them.

EXIT_BAD_INPUT = 2
HEADER_ROWS = 1


class UsageError(Exception):
    """Bad command-line input, reported as one line."""


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "analyze",
        help="analyse before/after pairs and group differences in a wide CSV",
        description=__doc__.splitlines()[0] if __doc__ else None,
    )
    parser.add_argument("file", metavar="FILE.csv", help="one row per child, header row first")
    parser.add_argument(
        "--pair",
        action="append",
        default=[],
        metavar="PRE:POST",
        help="before and after columns (repeatable)",
    )
    parser.add_argument(
        "--compare",
        action="append",
        default=[],
        metavar="COL",
        help="numeric column to compare between groups (repeatable)",
    )
    parser.add_argument(
        "--by",
        action="append",
        default=[],
        metavar="GROUP",
        help="two-level group column, matched in order with --compare",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    parser.add_argument(
        "--quantile-method",
        default="spss",
        help="quartile definition: spss (R type 6, default), excel, 1-9",
    )
    parser.set_defaults(handler=run)
    return parser


def parse_pairs(raw: list[str]) -> list[tuple[str, str]]:
    pairs = []
    for text in raw:
        parts = text.split(":")
        if len(parts) != 2 or not parts[0] or not parts[1]:
            raise UsageError(
                f"--pair must be PRE:POST (two column names and one ':'), got {text!r}"
            )
        pairs.append((parts[0], parts[1]))
    return pairs


def parse_comparisons(compare: list[str], by: list[str]) -> list[tuple[str, str]]:
    if len(compare) != len(by):
        raise UsageError(
            f"--compare and --by come in pairs; got {len(compare)} --compare and {len(by)} --by"
        )
    return list(zip(compare, by, strict=True))


def read_wide_csv(path: str) -> pd.DataFrame:
    """The CSV as read by pandas; wholly empty lines are dropped but keep row numbering."""
    import pandas as pd

    try:
        frame = pd.read_csv(
            path, skip_blank_lines=False, skipinitialspace=True, encoding="utf-8-sig"
        )
    except FileNotFoundError:
        raise UsageError(f"file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read {path}: {one_line(str(exc))}") from None
    except pd.errors.EmptyDataError:
        raise UsageError(f"{path} is empty (no header row)") from None
    except pd.errors.ParserError as exc:
        raise UsageError(f"{path} is not a valid CSV: {one_line(str(exc))}") from None
    return frame.dropna(how="all")


def one_line(text: str) -> str:
    return " ".join(text.split())


def describe_error(exc: Exception, path: str) -> str:
    from hemorehab.stats.errors import NonNumericValueError

    if isinstance(exc, NonNumericValueError):
        row = exc.position + HEADER_ROWS + 1
        return (
            f"column '{exc.column}' has a non-numeric or infinite value {exc.value!r} "
            f"at CSV row {row} of {path} (header = row 1)"
        )
    return str(exc)


def analyse(args: argparse.Namespace) -> dict[str, Any]:
    from hemorehab.stats.descriptives import resolve_quantile_method
    from hemorehab.stats.wide import analyze_wide

    pairs = parse_pairs(args.pair)
    comparisons = parse_comparisons(args.compare, args.by)
    if not pairs and not comparisons:
        raise UsageError("nothing to analyse: give --pair PRE:POST and/or --compare COL --by GROUP")
    try:
        method = resolve_quantile_method(getattr(args, "quantile_method", "spss"))
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    frame = read_wide_csv(args.file)
    return analyze_wide(frame, pairs, comparisons, method).to_dict()


def run(args: argparse.Namespace) -> int:
    """Print the analysis; 0 on success, 2 on bad input (one line on stderr)."""
    from hemorehab.stats.errors import StatsError
    from hemorehab.stats.text import render

    try:
        result = analyse(args)
    except (UsageError, StatsError) as exc:
        sys.stderr.write(f"hemorehab analyze: error: {one_line(describe_error(exc, args.file))}\n")
        return EXIT_BAD_INPUT
    if args.json:
        sys.stdout.write(json.dumps(result, allow_nan=False, indent=2) + "\n")
    else:
        sys.stdout.write(render(result))
    return 0
