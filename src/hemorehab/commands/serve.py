"""`hemorehab serve`: migrate, then serve the web app and API with waitress."""

from __future__ import annotations

import sys

from hemorehab.commands import _django


def register(subparsers) -> None:
    parser = subparsers.add_parser("serve", help="migrate the database, then serve")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on")
    parser.add_argument("--threads", type=int, default=8, help="worker threads")
    parser.set_defaults(handler=run)


def run(args) -> int:
    if not 0 < args.port < 65536:
        print(f"hemorehab: --port: {args.port} is outside 1-65535", file=sys.stderr)
        return 2
    _django.setup()
    _django.migrate(verbosity=0)
    from waitress import serve

    from hemorehab.demo.first_start import first_login_hint
    from hemorehab.wsgi import application

    print(f"hemorehab is running at http://{args.host}:{args.port}/")
    print(first_login_hint())
    print("Stop it with Ctrl+C.", flush=True)
    serve(application, host=args.host, port=args.port, threads=args.threads, ident="hemorehab")
    return 0
