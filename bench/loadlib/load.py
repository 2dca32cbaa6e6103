"""Run N clients at once and summarize what they saw.

`run_load` starts one thread per session (in one process, or spread over several forked client
processes), releases them together, and lets each call `task(session, i)` for its share of the
iterations; a task makes one or more requests through the session, which records them. The
result keeps every sample, the wall time, and the CPU time used meanwhile by the clients, by
the server's processes, by the database's backends and by the whole machine, so a reader can
check that the clients were not the bottleneck: client CPU well under what the machine has
left while the server is busy means the server limits.
"""

from __future__ import annotations

import math
import multiprocessing
import queue
import statistics
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from loadlib.client import HttpSession, Sample
from loadlib.database import Database
from loadlib.server import Server, machine_busy_seconds


@dataclass(frozen=True)
class Summary:
    label: str
    requests: int
    errors: int
    seconds: float  # wall time of the run
    throughput: float  # requests answered (2xx/3xx) per second
    p50: float  # latencies in seconds, of the answered requests
    p95: float
    p99: float
    mean: float
    worst: float
    error_kinds: dict[str, int]


def percentile(ordered: Sequence[float], p: float) -> float:
    """Nearest-rank percentile of an already sorted list (p in 0-100)."""
    if not ordered:
        return math.nan
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def summarize(label: str, samples: Sequence[Sample], seconds: float) -> Summary:
    answered = sorted(s.seconds for s in samples if s.ok)
    failed = [s for s in samples if not s.ok]
    kinds: dict[str, int] = {}
    for sample in failed:
        kind = sample.error.split(":", 1)[0] if sample.status == 0 else f"HTTP {sample.status}"
        kinds[kind] = kinds.get(kind, 0) + 1
    return Summary(
        label=label,
        requests=len(samples),
        errors=len(failed),
        seconds=seconds,
        throughput=len(answered) / seconds if seconds > 0 else math.nan,
        p50=statistics.median(answered) if answered else math.nan,
        p95=percentile(answered, 95),
        p99=percentile(answered, 99),
        mean=statistics.fmean(answered) if answered else math.nan,
        worst=answered[-1] if answered else math.nan,
        error_kinds=kinds,
    )


@dataclass
class LoadRun:
    clients: int
    samples: list[Sample]
    seconds: float
    client_cpu: float  # CPU seconds of this process (all client threads)
    server_cpu: float  # CPU seconds of the server's processes
    machine_cpu: float  # busy CPU seconds of the whole machine (all cores, everyone's work)
    database_cpu: float = 0.0  # CPU seconds of the PostgreSQL backends of the bench database
    connections: int = 0  # connections the clients opened during the run (keep-alive: 0)

    def summary(self, label: str | None = None) -> Summary:
        chosen = [s for s in self.samples if label is None or s.label == label]
        return summarize(label or "all", chosen, self.seconds)

    def labels(self) -> list[str]:
        return list(dict.fromkeys(s.label for s in self.samples))

    def cpu_share(self) -> tuple[float, float, float, float]:
        """Client, server, database and machine CPU as a share of one core over the run (1.0 =
        one core busy all the time)."""
        if self.seconds <= 0:
            return (math.nan, math.nan, math.nan, math.nan)
        used = (self.client_cpu, self.server_cpu, self.database_cpu, self.machine_cpu)
        return tuple(seconds / self.seconds for seconds in used)  # type: ignore[return-value]


def shares(total: int, parts: int) -> list[int]:
    return [total // parts + (1 if n < total % parts else 0) for n in range(parts)]


@dataclass
class _Part:
    """What the clients of one process saw (sent back through a queue from a forked one)."""

    samples: list[Sample]
    started: float  # time.perf_counter(): the same clock in every process on Linux
    ended: float
    cpu: float
    connections: int
    failure: str = ""


def _drive(pairs: list[tuple[HttpSession, int]], task, go: Callable[[], object]) -> _Part:
    """One thread per (session, count); `go()` is called once all are ready to start."""
    barrier = threading.Barrier(len(pairs) + 1)
    failures: list[str] = []

    def client(session: HttpSession, count: int) -> None:
        barrier.wait()
        try:
            for i in range(count):
                task(session, i)
        except BaseException as exc:  # a bug in a task: report it, do not hide it
            failures.append("".join(traceback.format_exception(exc)))

    threads = [threading.Thread(target=client, args=pair, daemon=True) for pair in pairs]
    for session, _ in pairs:
        session.samples = []
    for thread in threads:
        thread.start()
    opened = sum(session.connections for session, _ in pairs)
    go()
    cpu, started = time.process_time(), time.perf_counter()
    barrier.wait()
    for thread in threads:
        thread.join()
    ended, cpu = time.perf_counter(), time.process_time() - cpu
    samples = [sample for session, _ in pairs for sample in session.samples]
    connections = sum(session.connections for session, _ in pairs) - opened
    return _Part(samples, started, ended, cpu, connections, failures[0] if failures else "")


def _forked(groups: list[list[tuple[HttpSession, int]]], task, go: Callable[[], object]):
    """Each group's clients in a forked process of its own (sessions, open connections and the
    task are inherited), all released together once every process is ready."""
    context = multiprocessing.get_context("fork")
    ready, results, start = context.Queue(), context.Queue(), context.Event()

    def child(pairs) -> None:
        try:
            part = _drive(pairs, task, lambda: (ready.put(True), start.wait()))
        except BaseException as exc:
            ready.put(False)  # never leave the parent waiting
            part = _Part([], 0.0, 0.0, 0.0, 0, "".join(traceback.format_exception(exc)))
        results.put(part)

    processes = [context.Process(target=child, args=(group,), daemon=True) for group in groups]
    for process in processes:
        process.start()
    for _ in processes:
        ready.get()
    go()
    start.set()
    parts = [_result(results, processes) for _ in processes]
    for process in processes:
        process.join()
    return parts


def _result(results, processes) -> _Part:
    """The next client process's report; an error if one died without sending it."""
    while True:
        try:
            return results.get(timeout=1)
        except queue.Empty:
            dead = [p.exitcode for p in processes if p.exitcode not in (None, 0)]
            if dead:
                raise RuntimeError(f"a client process died (exit code {dead[0]})") from None


class _Meter:
    """CPU of the server's processes, the database's backends and the machine over a run."""

    def __init__(self, server: Server | None, database: Database | None):
        self.server, self.database = server, database

    def read(self) -> tuple[float, dict[int, float], float]:
        server = self.server.cpu_seconds() if self.server else 0.0
        backends = self.database.backend_cpu() if self.database else {}
        return server, backends, machine_busy_seconds()[0]

    def start(self) -> None:
        self.before = self.read()

    def stop(self) -> tuple[float, float, float]:
        (server0, backends0, busy0), (server1, backends1, busy1) = self.before, self.read()
        backends = sum(cpu - backends0.get(pid, 0.0) for pid, cpu in backends1.items())
        return server1 - server0, backends, busy1 - busy0


def run_load(
    sessions: Sequence[HttpSession],
    task: Callable[[HttpSession, int], object],
    iterations: int,
    server: Server | None = None,
    database: Database | None = None,
    processes: int = 1,
) -> LoadRun:
    """Share `iterations` calls of `task` among the sessions, one thread each, all at once,
    spread over `processes` client processes (so that one interpreter's lock does not limit
    the clients); the CPU of the server's processes and of the database's backends is
    measured meanwhile."""
    pairs = list(zip(sessions, shares(iterations, len(sessions)), strict=True))
    groups = [pairs[n :: min(processes, len(pairs))] for n in range(min(processes, len(pairs)))]
    meter = _Meter(server, database)
    if len(groups) == 1:
        parts = [_drive(groups[0], task, meter.start)]
    else:
        parts = _forked(groups, task, meter.start)
    server_cpu, database_cpu, machine_cpu = meter.stop()
    for part in parts:
        if part.failure:
            raise RuntimeError(f"a load task failed:\n{part.failure}")
    return LoadRun(
        clients=len(sessions),
        samples=[sample for part in parts for sample in part.samples],
        seconds=max(p.ended for p in parts) - min(p.started for p in parts),
        client_cpu=sum(part.cpu for part in parts),
        server_cpu=server_cpu,
        machine_cpu=machine_cpu,
        database_cpu=database_cpu,
        connections=sum(part.connections for part in parts),
    )


def merge(runs: Sequence[LoadRun]) -> LoadRun:
    """Several runs of the same measurement (rounds interleaved with other pages) as one."""
    return LoadRun(
        clients=max(run.clients for run in runs),
        samples=[sample for run in runs for sample in run.samples],
        seconds=sum(run.seconds for run in runs),
        client_cpu=sum(run.client_cpu for run in runs),
        server_cpu=sum(run.server_cpu for run in runs),
        machine_cpu=sum(run.machine_cpu for run in runs),
        database_cpu=sum(run.database_cpu for run in runs),
        connections=sum(run.connections for run in runs),
    )
