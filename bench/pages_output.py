"""The tables bench_pages.py prints: latency and throughput against the minimal view, the SQL
queries of each page, the CPU each side used, and the errors. Not a benchmark itself."""

from __future__ import annotations

import math
import re
from collections import Counter

from loadlib.load import LoadRun

MINIMAL = 'minimal view ("ok")'
REPORT_ROWS = (
    "study report, first visit",
    "study report, later visit",
    "study report, after a new bleed",
)
LABEL_WIDTH = 32


def _ms(seconds: float) -> str:
    if math.isnan(seconds):
        return "-"
    ms = seconds * 1000
    return f"{ms:.1f}" if ms < 10 else f"{ms:,.0f}"


def _ratio(value: float) -> str:
    if math.isnan(value):
        return "-"
    return f"{value:.1f}" if value < 100 else f"{value:,.0f}"


def _labels(runs: dict[int, dict[str, LoadRun]]) -> list[str]:
    seen = [label for found in runs.values() for label in found if label not in REPORT_ROWS]
    return [*dict.fromkeys(seen), *(r for r in REPORT_ROWS if any(r in f for f in runs.values()))]


def _cells(runs: dict[str, LoadRun], label: str) -> str:
    run = runs.get(label)
    if run is None:
        return f"{'-':>8}{'-':>8}{'-':>7}{'-':>8}{'-':>7}"
    page, base = run.summary(label), runs[MINIMAL].summary(MINIMAL)
    ratio = page.p50 / base.p50 if base.p50 else math.nan
    share = 100 * page.throughput / base.throughput if base.throughput else math.nan
    return (
        f"{_ms(page.p50):>8}{_ms(page.p95):>8}{_ratio(ratio):>7}"
        f"{page.throughput:>8.1f}{share:>6.1f}%"
    )


def print_table(runs: dict[int, dict[str, LoadRun]], queries: dict, levels: list[int]) -> None:
    heads = "".join(f"|{f' {n} client' + ('s' if n > 1 else ''):<38}" for n in levels)
    print(f"{'':<{LABEL_WIDTH}}{heads}|")
    columns = f"|{'median':>8}{'p95':>8}{'x min':>7}{'req/s':>8}{'% min':>7} " * len(levels)
    print(f"{'page':<{LABEL_WIDTH}}{columns}|{'errors':>7}{'SQL':>6}")
    for label in _labels(runs):
        cells = "".join(f"|{_cells(runs[level], label)} " for level in levels)
        errors = sum(runs[n][label].summary(label).errors for n in levels if label in runs[n])
        sql = queries.get(label, {}).get("queries", "-")
        print(f"{label:<{LABEL_WIDTH}}{cells}|{errors:>7}{sql!s:>6}")


def print_cpu(runs: dict[int, dict[str, LoadRun]], levels: list[int]) -> None:
    """Evidence that the clients were not the bottleneck: their CPU beside the server's."""
    print(
        "CPU during each measurement, in cores (1.0 = one core busy): cli = the clients (this "
        "process), srv = the server's processes, db = the PostgreSQL backends, all = the whole "
        "machine (other users' work included); ms/r = the clients' CPU per request"
    )
    heads = "".join(f"|{f' {n} client' + ('s' if n > 1 else ''):<30}" for n in levels)
    print(f"{'':<{LABEL_WIDTH}}{heads}|")
    columns = f"|{'cli':>6}{'srv':>6}{'db':>6}{'all':>6}{'ms/r':>6}" * len(levels)
    print(f"{'page':<{LABEL_WIDTH}}{columns}|")
    for label in _labels(runs):
        cells = ""
        for level in levels:
            run = runs[level].get(label)
            if run is None:
                cells += "|" + f"{'-':>6}" * 5
                continue
            shares = "".join(f"{share:>6.2f}" for share in run.cpu_share())
            per_request = 1000 * run.client_cpu / max(1, len(run.samples))
            cells += f"|{shares}{per_request:>6.2f}"
        print(f"{label:<{LABEL_WIDTH}}{cells}|")


def print_other_work(runs: dict[int, dict[str, LoadRun]]) -> None:
    """How much CPU other work on the machine took meanwhile (the machine's busy time less the
    clients', the server's and the database's): figures taken beside it are slower."""
    other = {
        (label, level): max(0.0, share[3] - share[0] - share[1] - share[2])
        for level, by_label in runs.items()
        for label, run in by_label.items()
        if not math.isnan((share := run.cpu_share())[3])
    }
    seconds = sum(run.seconds for by_label in runs.values() for run in by_label.values())
    mean = sum(
        other[(label, level)] * run.seconds
        for level, by_label in runs.items()
        for label, run in by_label.items()
        if (label, level) in other
    ) / max(seconds, 1e-9)
    (label, level), most = max(other.items(), key=lambda item: item[1])
    print(
        f"other work on the machine: {mean:.2f} cores on average while measuring, at most "
        f"{most:.2f} ({label}, {level} client(s)); on 2 cores, more than about 0.3 makes the "
        "pages slower and their ratios larger (the minimal view suffers less): compare quiet runs"
    )


def print_errors(runs: dict[int, dict[str, LoadRun]]) -> None:
    found = []
    for level, by_label in runs.items():
        for label, run in by_label.items():
            kinds = run.summary(label).error_kinds
            if kinds:
                listed = ", ".join(f"{kind} x{count}" for kind, count in kinds.items())
                found.append(f"  {label} at {level} client(s): {listed}")
    print("errors: " + ("none" if not found else "\n" + "\n".join(found)))
    reopened = [
        f"{label} at {level} client(s): {run.connections}"
        for level, by_label in runs.items()
        for label, run in by_label.items()
        if run.connections
    ]
    # Each client keeps one connection open; a new one means the server closed the last.
    print("connections reopened while measuring: " + ("; ".join(reopened) or "none"))


def _shape(sql: str) -> str:
    """A statement with its values taken out, so that one query run per row looks the same."""
    sql = re.sub(r"'(?:[^']|'')*'", "?", sql)
    sql = re.sub(r"\b\d+(\.\d+)?\b", "?", sql)
    return re.sub(r"\((?:\?, )+\?\)", "(...)", sql)


def print_repeated_queries(queries: dict) -> None:
    """Per page, the statements it runs more than once (same shape, other values)."""
    print("statements run more than once in one request (count, shape):")
    for label, found in queries.items():
        repeated = [(n, s) for s, n in Counter(map(_shape, found.get("sql", []))).items() if n > 1]
        for count, shape in sorted(repeated, reverse=True):
            print(f"  {label}: {count}x {shape[:300]}")
