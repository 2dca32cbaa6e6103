"""Study report build time for 59, 1,000 and 10,000 children: should grow no faster than linearly.

Two measurements, each printed with the time per child and its ratio to the 59-child run:
- the analysis itself (Table 1, group comparison, models, subgroups, figures, HTML) on an
  analysis dataset of n children (tools.demo.frames.demo_frame);
- the whole path from the database (demo cohort loaded n/59 times into SQLite, read back into
  the analysis dataset, then the report) for 59 and 1,000 children; 10,000 with --full (slow:
  loading takes minutes).

    .venv/bin/python bench/bench_report.py [--full]
"""

from __future__ import annotations

import datetime
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HEMOREHAB_VAR_DIR", tempfile.mkdtemp(prefix="hemorehab-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hemorehab.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402

from hemorehab.accounts.models import Center, User  # noqa: E402
from hemorehab.demo.load import load  # noqa: E402
from hemorehab.research import cohort as cohorts  # noqa: E402
from hemorehab.research import reports  # noqa: E402
from hemorehab.stats.report.build import build_report  # noqa: E402
from hemorehab.stats.report.figures import build_figures  # noqa: E402
from hemorehab.stats.report.flow import StudyFlow  # noqa: E402
from hemorehab.stats.report.render import render_html  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository's tools/
from tools.demo.frames import demo_frame  # noqa: E402


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def analysis_only(n: int) -> float:
    frame = demo_frame(n=n, seed=1)
    flow = StudyFlow(screened=n, eligible=n, not_eligible=0, enrolled=n, completed=n, withdrawn=0)

    def build():
        report = build_report(frame, flow, title="bench", cohort_label=f"{n}")
        render_html(report, build_figures(frame))

    return min(timed(build) for _ in range(2))


def from_database(copies: int, user) -> tuple[int, float, float]:
    center = Center.objects.create(code=f"B{copies}", name=f"bench {copies}")
    load_time = timed(lambda: load(center, user, datetime.date(2024, 1, 8), copies))
    centers = Center.objects.filter(pk=center.pk)
    build = timed(lambda: reports.render(cohorts.load(centers), "html", "en"))
    return 59 * copies, load_time, build


def table(title: str, rows: list[tuple[int, float]]) -> None:
    base = rows[0][1] / rows[0][0]
    print(title)
    print(f"{'children':>9} {'seconds':>9} {'ms/child':>9} {'vs 59':>7}")
    for n, seconds in rows:
        per_child = seconds / n
        print(f"{n:>9,} {seconds:>9.2f} {per_child * 1000:>9.2f} {per_child / base:>7.2f}")


def main() -> int:
    full = "--full" in sys.argv
    table("analysis and rendering only", [(n, analysis_only(n)) for n in (59, 1_000, 10_000)])
    call_command("migrate", verbosity=0)
    user = User.objects.create_user("bench")
    runs = [from_database(copies, user) for copies in ((1, 17, 170) if full else (1, 17))]
    print()
    table("from the database (read the cohort, analyse, render)", [(n, b) for n, _, b in runs])
    print("loading the demo cohort took " + ", ".join(f"{t:.1f} s for {n:,}" for n, t, _ in runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
