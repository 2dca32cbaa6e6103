"""Several waitress processes, for load tests: the shape of a multi-process WSGI server built
from the parts already installed.

    .venv/bin/python bench/prefork_serve.py hemorehab.wsgi:application --port 8001 --processes 2
    .venv/bin/python bench/prefork_serve.py hemorehab.wsgi:application --ports 8001,8002

With --port, every process accepts on one shared listening socket (as gunicorn's workers do);
the kernel then hands each new connection to whichever process accepts first, which with a few
long-lived keep-alive connections can leave one process with all of them. With --ports, each
process listens on its own port and the clients spread their connections over the ports, as a
front proxy would: the load tests use this, so that "two processes" means two busy processes.

The parent binds the sockets and starts the workers, each a fresh interpreter that sets Django
up on its own (no database connection crosses a fork). SIGTERM or SIGINT stops them all. Not a
benchmark itself.
"""

from __future__ import annotations

import argparse
import importlib
import os
import signal
import socket
import subprocess
import sys


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("app", help="module:attribute of the WSGI application")
    parser.add_argument("--host", default="127.0.0.1")
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--port", type=int, help="one port shared by --processes processes")
    where.add_argument("--ports", help="comma-separated ports, one process each")
    parser.add_argument("--processes", type=int, default=2, help="with --port")
    parser.add_argument("--threads", type=int, default=8, help="waitress threads per process")
    parser.add_argument("--settings", default="hemorehab.settings", help="Django settings module")
    parser.add_argument("--worker-fd", type=int, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def serve_worker(args: argparse.Namespace) -> int:
    os.environ["DJANGO_SETTINGS_MODULE"] = args.settings
    module, _, attribute = args.app.partition(":")
    application = getattr(importlib.import_module(module), attribute or "application")
    from waitress import serve

    listener = socket.socket(fileno=args.worker_fd)
    serve(application, sockets=[listener], threads=args.threads, ident="hemorehab")
    return 0


def listeners(args: argparse.Namespace) -> list[socket.socket]:
    """One socket per worker (shared: the same socket for all)."""
    if args.port is not None:
        shared = socket.create_server((args.host, args.port), backlog=1024)
        return [shared] * args.processes
    ports = [int(port) for port in args.ports.split(",")]
    return [socket.create_server((args.host, port), backlog=1024) for port in ports]


def main(argv: list[str]) -> int:
    args = parse(argv)
    if args.worker_fd is not None:
        return serve_worker(args)
    workers = []
    for listener in listeners(args):
        fd = listener.fileno()
        command = [sys.executable, os.path.abspath(__file__), *argv, "--worker-fd", str(fd)]
        workers.append(subprocess.Popen(command, pass_fds=(fd,)))  # noqa: S603 (our script)
    where = args.ports or args.port
    print(f"{len(workers)} processes at {args.host}:{where}", flush=True)

    def stop(signum, frame):
        for process in workers:
            process.terminate()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    codes = [process.wait() for process in workers]
    return next((code for code in codes if code > 0), 0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
