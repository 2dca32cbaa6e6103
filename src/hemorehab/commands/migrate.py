from hemorehab.commands import _django


def register(subparsers) -> None:
    parser = subparsers.add_parser("migrate", help="bring the database schema up to date")
    parser.set_defaults(handler=run)


def run(args) -> int:
    _django.setup()
    _django.migrate()
    return 0
