"""The clinic's pages side by side with a minimal Django view, in one run (issue 15).

For each database (SQLite, and PostgreSQL when it answers): a fresh database with the demo
cohort (59 children) and one clinician account per client (the roles of the first-start demo
account); `hemorehab serve` (waitress) and the baseline, a Django view answering "ok" under the
same waitress from the same virtualenv (bench/minimal_site.py), both on loopback. Clients log
in through the real login form (CSRF) and the API token endpoint, then request each page, at
one client and at eight concurrent clients, in interleaved rounds so that other work on the
machine falls on every page alike. Printed per page: median and p95 latency, the median's ratio
to the minimal view's, throughput and its share of the minimal view's, errors, and the SQL
queries of one request (counted in-process afterwards, see bench/_querycount.py). The study
report is timed on its first visit after the server starts, on later visits, and on the first
visit after a new bleed is recorded (its cache, if any, must be rebuilt).

    .venv/bin/python bench/bench_pages.py [--db sqlite|postgresql|both] [--quick]
        [--requests N] [--rounds R] [--clients 8] [--processes 1] [--app-command CMD]
        [--client-processes 2] [--postgres-url URL] [--json PATH] [--explain]

It prints figures only and asserts nothing about time. The PostgreSQL database named by
--postgres-url (default $BENCH_DATABASE_URL or .../hemorehab_bench) is dropped and created
again, so its name must contain "bench".
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import json
import os
import shlex
import sys
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import NoReturn

from loadlib import database, load, server
from loadlib.client import HttpSession, Sample
from pages_output import (
    print_cpu,
    print_errors,
    print_other_work,
    print_repeated_queries,
    print_table,
)

REPORT_PATH = "/research/report/"
REPORT_MARKER = b'class="report-table"'  # present once the report itself is on the page
REPORT_POLL_SECONDS, REPORT_WAIT_SECONDS = 0.25, 600
MINIMAL_FACTOR = 10  # the minimal view is cheap: measure it with ten times the requests
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/hemorehab_bench"


@dataclass(frozen=True)
class Page:
    label: str
    path: str
    target: str = "app"  # "app" (hemorehab) or "minimal" (the baseline)
    api: bool = False


def pages(child: int) -> list[Page]:
    return [
        Page('minimal view ("ok")', "/", "minimal"),
        Page("children list /", "/"),
        Page("child page", f"/patients/{child}/"),
        Page("assessments", f"/patients/{child}/assessments/"),
        Page("program page", f"/patients/{child}/program/"),
        Page("prophylaxis page", f"/patients/{child}/prophylaxis/"),
        Page("API child list", "/api/v1/patients", api=True),
        Page("API child", f"/api/v1/patients/{child}", api=True),
        Page("API bleed list", f"/api/v1/patients/{child}/bleeds", api=True),
    ]


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument(
        "--postgres-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_POSTGRES)
    )
    parser.add_argument("--requests", type=int, help="per page and level (default 100; quick 24)")
    parser.add_argument("--rounds", type=int, help="interleaved rounds (default 3; quick 1)")
    parser.add_argument("--clients", default="8", help="levels besides one client, e.g. 8,16")
    parser.add_argument("--processes", type=int, default=1, help="server processes (1: serve)")
    parser.add_argument(
        "--app-command",
        help="serve hemorehab with this command instead, {port} marking the port "
        "(e.g. another WSGI server); the minimal view keeps --processes waitress processes",
    )
    parser.add_argument("--threads", type=int, default=8, help="waitress threads per process")
    parser.add_argument(
        "--client-processes", type=int, default=2, help="client processes sharing the clients"
    )
    parser.add_argument("--report-visits", type=int, help="later report visits (default 5)")
    parser.add_argument("--quick", action="store_true", help="fewer requests, no 8-client report")
    parser.add_argument("--json", type=Path, help="also write every summary to this file")
    parser.add_argument(
        "--explain", action="store_true", help="print the SQL that a page repeats (N+1 hunting)"
    )
    args = parser.parse_args(argv)
    args.levels = sorted({1, *(int(c) for c in args.clients.split(","))})  # 1: the targets
    args.requests = args.requests or (24 if args.quick else 100)
    args.rounds = args.rounds or (1 if args.quick else 3)
    args.report_visits = args.report_visits or (1 if args.quick else 5)
    return args


def log_in(app: server.Server, accounts: list[database.Account]) -> list[HttpSession]:
    """One browser-like session per clinician: the login form, then an API token too."""
    sessions = []
    for number, account in enumerate(accounts):
        session = HttpSession(app.port_for(number))
        session.login_form(account.username, account.password)
        session.login_token(account.username, account.password)
        sessions.append(session)
    return sessions


def first_child(session: HttpSession) -> int:
    answer = session.get("/api/v1/patients?limit=1")
    if answer is None or answer.status != 200:
        raise RuntimeError(f"the API child list did not answer: {answer}")
    return answer.json()["results"][0]["id"]


def open_report(session: HttpSession, label: str) -> Sample:
    """Time until the report is on the page. A server that answers first with a progress page
    is asked again every 0.25 s (as a refreshing browser would) until the report appears."""
    started, path, status, error = time.perf_counter(), REPORT_PATH, 0, ""
    session.recording = False
    try:
        while time.perf_counter() - started < REPORT_WAIT_SECONDS:
            answer = session.get(path)
            if answer is None:
                error = "connection failed"
                break
            status = answer.status
            if 300 <= status < 400 and answer.headers.get("Location"):
                path = answer.headers["Location"]
                continue
            if status != 200 or REPORT_MARKER in answer.body:
                break
            time.sleep(REPORT_POLL_SECONDS)
        else:
            status, error = 0, f"no report within {REPORT_WAIT_SECONDS} s"
    finally:
        session.recording = True
    sample = Sample(label, started, time.perf_counter() - started, status, error)
    session.samples.append(sample)
    return sample


@dataclass
class Rig:
    """The servers, the clients' sessions (for each server) and the database of one run."""

    db: database.Database
    args: argparse.Namespace
    servers: dict[str, server.Server]
    sessions: dict[str, list[HttpSession]]

    def run(self, target: str, level: int, count: int, task) -> load.LoadRun:
        sessions, processes = self.sessions[target][:level], self.args.client_processes
        return load.run_load(sessions, task, count, self.servers[target], self.db, processes)

    def open_report(self, label: str, level: int = 1, count: int = 1) -> load.LoadRun:
        return self.run("app", level, count, lambda s, i: open_report(s, label))


def report_runs(rig: Rig) -> dict[int, dict[str, load.LoadRun]]:
    """The later visits at each level (the first is measured before any other page); at
    eight clients, each client opens the report once, all at the same time."""
    found: dict[int, dict[str, load.LoadRun]] = {level: {} for level in rig.args.levels}
    for level in rig.args.levels:
        if level > 1 and rig.args.quick:
            continue
        visits = rig.args.report_visits if level == 1 else level
        found[level]["study report, later visit"] = rig.open_report(
            "study report, later visit", level, visits
        )
    return found


def after_a_change(rig: Rig, child: int) -> load.LoadRun:
    """Record a bleed through the API, then open the report: a cache must not serve it stale."""
    onset = datetime.datetime.now(datetime.UTC) - datetime.timedelta(hours=1)
    bleed = {"onset": onset.isoformat(), "site_kind": "joint", "site": "left_knee"}
    answer = rig.sessions["app"][0].post_json(
        f"/api/v1/patients/{child}/bleeds", {**bleed, "cause": "traumatic"}, label="new bleed"
    )
    if answer is None or answer.status != 201:
        raise RuntimeError(f"the bleed was refused: {answer}")
    return rig.open_report("study report, after a new bleed")


def page_runs(rig: Rig, measured: list[Page], level: int) -> dict[str, load.LoadRun]:
    """Every page at one level, in interleaved rounds; a warm-up request per client first."""
    for page in measured:
        for session in rig.sessions[page.target][:level]:
            session.recording = False
            session.get(page.path)
            session.recording = True
    rounds: dict[str, list[load.LoadRun]] = {page.label: [] for page in measured}
    for number in range(rig.args.rounds):
        for page in measured:
            total = rig.args.requests * (MINIMAL_FACTOR if page.target == "minimal" else 1)
            share = max(level, load.shares(total, rig.args.rounds)[number])
            task = partial(_get, path=page.path, label=page.label)
            rounds[page.label].append(rig.run(page.target, level, share, task))
    return {label: load.merge(runs) for label, runs in rounds.items()}


def _get(session: HttpSession, i: int, path: str, label: str) -> None:
    session.get(path, label=label)


def count_queries(rig: Rig, account: database.Account, measured: list[Page]) -> dict:
    job = {
        "username": account.username,
        "token": rig.sessions["app"][0].headers["Authorization"].split()[1],
        "explain": rig.args.explain,
        "pages": [
            *({"label": p.label, "path": p.path, "api": p.api} for p in measured[1:]),
            {"label": "study report, first visit", "path": REPORT_PATH, "api": False},
            {"label": "study report, later visit", "path": REPORT_PATH, "api": False},
        ],
    }
    script = str(Path(__file__).resolve().parent / "_querycount.py")
    return json.loads(rig.db.run(script, stdin=json.dumps(job)))


def servers_for(db: database.Database, args) -> dict[str, server.Server]:
    if args.app_command:
        app_command: server.Command | list[str] = shlex.split(args.app_command)
    elif args.processes == 1:
        app_command = server.hemorehab_serve(args.threads)
    else:
        app_command = server.prefork_serve(threads=args.threads, processes=args.processes)
    minimal_command = server.minimal_serve(args.threads, args.processes)
    return {
        "app": server.Server("hemorehab", app_command, db.env, db.var_dir, "/login/"),
        "minimal": server.Server("minimal", minimal_command, db.env, db.var_dir, "/"),
    }


def measure(rig: Rig) -> dict:
    """Everything measured against running servers, in an order that keeps the first report
    visit first and the change (a new bleed) last."""
    child = first_child(rig.sessions["app"][0])
    first = rig.open_report("study report, first visit")
    measured = pages(child)
    runs = {level: page_runs(rig, measured, level) for level in rig.args.levels}
    for level, found in report_runs(rig).items():
        runs[level].update(found)
    runs[1]["study report, first visit"] = first
    runs[1]["study report, after a new bleed"] = after_a_change(rig, child)
    return {"child": child, "runs": runs, "measured": measured}


def bench_database(db: database.Database, args) -> dict:
    began = time.perf_counter()
    accounts = database.clinicians(max(args.levels))
    database.prepare_demo(db, accounts)
    prepared = time.perf_counter() - began
    servers = servers_for(db, args)
    with servers["app"], servers["minimal"]:
        sessions = {
            "app": log_in(servers["app"], accounts),
            "minimal": [HttpSession(servers["minimal"].port_for(n)) for n in range(len(accounts))],
        }
        rig = Rig(db, args, servers, sessions)
        found = measure(rig)
    found["queries"] = count_queries(rig, accounts[0], found.pop("measured"))
    return found | {"prepared": prepared}


def describe(db: database.Database, found: dict, args, seconds: float) -> None:
    shape = "`hemorehab serve`" if args.processes == 1 else f"{args.processes} processes"
    shape = f"`{args.app_command}`" if args.app_command else shape
    print(
        f"\n== {db.label}: {shape}, {args.threads} waitress threads a process; demo cohort of "
        f"59 children; child page of child id {found['child']}; database ready in "
        f"{found['prepared']:.0f} s, measured in {seconds:.0f} s"
    )
    print(
        f"{args.requests} requests a page and level ({args.requests * MINIMAL_FACTOR} for the "
        f"minimal view) in {args.rounds} interleaved rounds; latency in ms; x min = median / "
        "the minimal view's median at the same level; % min = throughput / the minimal view's"
    )
    print_table(found["runs"], found["queries"], args.levels)
    print_cpu(found["runs"], args.levels)
    print_other_work(found["runs"])
    print_errors(found["runs"])
    if args.explain:
        print_repeated_queries(found["queries"])


def summaries(found: dict) -> dict:
    return {
        str(level): {
            label: {**dataclasses.asdict(run.summary(label)), "cpu": run.cpu_share()}
            for label, run in runs.items()
        }
        for level, runs in found["runs"].items()
    } | {"queries": found["queries"], "child": found["child"]}


def fail(message: str) -> NoReturn:
    print(f"bench_pages: {message}", file=sys.stderr)
    raise SystemExit(2)


def chosen_databases(args) -> list[str]:
    if args.db == "sqlite":
        return ["sqlite"]
    try:
        database.bench_database_name(args.postgres_url)
    except database.BenchSetupError as exc:
        fail(f"--postgres-url: {exc}")
    reason = database.postgres_reachable(args.postgres_url)
    if reason and args.db == "postgresql":
        fail(f"--postgres-url: {args.postgres_url} does not answer ({reason})")
    if reason:
        print(f"PostgreSQL skipped: {args.postgres_url} does not answer ({reason})")
        return ["sqlite"]
    return ["sqlite", "postgresql"] if args.db == "both" else ["postgresql"]


def main(argv: list[str]) -> int:
    args = parse(argv)
    began = time.perf_counter()
    written = {}
    for vendor in chosen_databases(args):
        if vendor == "sqlite":
            db = database.sqlite_database()
        else:
            db = database.postgres_database(args.postgres_url)
        try:
            started = time.perf_counter()
            found = bench_database(db, args)
            describe(db, found, args, time.perf_counter() - started - found["prepared"])
            written[vendor] = summaries(found)
        finally:
            db.close()
    print(f"\nwhole run: {time.perf_counter() - began:.0f} s")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(written, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
