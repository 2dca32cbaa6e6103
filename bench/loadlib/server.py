"""Servers on free loopback ports, as subprocesses: `hemorehab serve` (waitress), the minimal
Django site of bench/minimal_site.py, several waitress processes (bench/prefork_serve.py), or
any other command given with `{port}` (or `{ports}`) in its arguments.

A server is ready when a GET of its ready path answers (any status below 500) on each of its
ports; it is stopped with SIGTERM (then SIGKILL after a grace period) with its whole process
group, and its output is kept in a log file.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent.parent
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


class ServerFailed(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass(frozen=True)
class Command:
    """A server's command line, with `{port}` (the first port) or `{ports}` (all, comma
    separated) where the ports go, and how many ports it listens on."""

    argv: tuple[str, ...]
    ports: int = 1


def hemorehab_serve(threads: int = 8) -> Command:
    """The production command of a single-machine install."""
    argv = ("-m", "hemorehab", "serve", "--port", "{port}", "--threads", str(threads))
    return Command((sys.executable, *argv))


def minimal_serve(threads: int = 8, processes: int = 1) -> Command:
    """The baseline: one Django view answering "ok", no middleware, no database."""
    return prefork_serve("minimal_site:application", threads, processes, "minimal_site")


def prefork_serve(
    app: str = "hemorehab.wsgi:application",
    threads: int = 8,
    processes: int = 2,
    settings: str = "hemorehab.settings",
) -> Command:
    """`processes` waitress processes, each on its own port (see bench/prefork_serve.py); the
    clients spread their connections over the ports (Server.port_for)."""
    script = str(BENCH_DIR / "prefork_serve.py")
    options = ("--ports", "{ports}", "--threads", str(threads), "--settings", settings)
    return Command((sys.executable, script, app, *options), ports=processes)


class Server:
    """A server subprocess; use as a context manager (`with Server(...) as server:`)."""

    def __init__(
        self,
        name: str,
        command: Command | Sequence[str],
        env: dict[str, str],
        log_dir: Path,
        ready_path: str = "/",
        timeout: float = 120.0,
    ):
        self.name = name
        if not isinstance(command, Command):
            command = Command(tuple(command))
        self.ports = [free_port() for _ in range(command.ports)]
        self.port = self.ports[0]
        listed = ",".join(map(str, self.ports))
        self.command = [
            part.replace("{ports}", listed).replace("{port}", str(self.port))
            for part in command.argv
        ]
        self.env = env
        self.log_path = log_dir / f"server-{name}-{self.port}.log"
        self.ready_path = ready_path
        self.timeout = timeout
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> Server:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
                self.command,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=BENCH_DIR,
                start_new_session=True,  # its own process group, stopped as one
            )
        self._wait_ready()

    def port_for(self, client: int) -> int:
        """The port the client-th client connects to: spread evenly over the ports."""
        return self.ports[client % len(self.ports)]

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + self.timeout
        waiting = list(self.ports)
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise ServerFailed(f"{self.name} exited ({self.process.returncode}):\n{self.log()}")
            waiting = [port for port in waiting if not self._answers(port)]
            if not waiting:
                return
            time.sleep(0.1)
        self.stop()
        raise ServerFailed(f"{self.name} did not answer within {self.timeout:.0f} s:\n{self.log()}")

    def _answers(self, port: int) -> bool:
        with contextlib.suppress(OSError, http.client.HTTPException):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", self.ready_path)
            status = connection.getresponse().status
            connection.close()
            return status < 500
        return False

    def log(self, tail: int = 3000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-tail:]
        except OSError:
            return ""

    def stop(self, grace: float = 10.0) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(grace)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(grace)

    def pids(self) -> list[int]:
        """The server process and its descendants (the workers of a prefork server)."""
        if self.process is None:
            return []
        found, queue = [], [self.process.pid]
        while queue:
            pid = queue.pop()
            found.append(pid)
            for task in Path(f"/proc/{pid}/task").glob("*/children"):
                with contextlib.suppress(OSError):
                    queue.extend(int(child) for child in task.read_text().split())
        return found

    def cpu_seconds(self) -> float:
        """User and system CPU time used so far by the server's processes (all threads)."""
        return sum(process_cpu_seconds(pid) for pid in self.pids())


def process_cpu_seconds(pid: int) -> float:
    """User and system CPU time of one process so far (0 once it has gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime
    except (OSError, IndexError, ValueError):
        return 0.0


def machine_busy_seconds() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine so far, all cores, from /proc/stat."""
    line = Path("/proc/stat").read_text().split("\n", 1)[0]
    values = [int(v) for v in line.split()[1:9]]  # user .. steal (guest time is in user)
    idle = values[3] + values[4]  # idle, iowait
    return (sum(values) - idle) / CLOCK_TICKS, sum(values) / CLOCK_TICKS
