"""Subcommands of the `hemorehab` command line.

Each module here exposes `register(subparsers)`, which adds its parser and sets
`handler=run` as the default, and `run(args) -> int`, which returns the exit status.
`hemorehab.cli` lists the modules; a new subcommand is a new module plus one line there.
"""
