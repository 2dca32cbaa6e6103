"""The `hemorehab` command: serve, migrate, createcenter, createuser, check, score, plan, analyze.

Each subcommand is a module in `hemorehab.commands` with `register(subparsers)` and
`run(args) -> int`. Subcommands that need the database set Django up themselves, so the pure
ones (score, analyze) start fast and never touch a database.
"""

from __future__ import annotations

import argparse
import importlib
import sys

COMMANDS = (
    "serve",
    "migrate",
    "accounts",
    "check",
    "score",
    "plan",
    "analyze",
    "report",
    "demo",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hemorehab",
        description="Clinical platform for the rehabilitation of children with hemophilia.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        importlib.import_module(f"hemorehab.commands.{name}").register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
