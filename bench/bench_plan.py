"""Benchmark the plan engine: drafting per child and per 1,000-child center, and a PK chart.

Run: .venv/bin/python bench/bench_plan.py [N]   (default N = 1,000 children)
Prints best-of-3 timings and ratios against a baseline measured in the same run: loading
and validating the exercise library once (what a process pays at start-up). Not a test.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from hemorehab.clinical.datafiles import load_packaged
from hemorehab.clinical.exercises import builtin_library, parse_library
from hemorehab.clinical.hjhs import ITEMS, JOINTS
from hemorehab.clinical.pk import FactorPK
from hemorehab.clinical.plan import DraftInput, Findings, derive_problems, draft_plan
from hemorehab.clinical.plan.safety import Infusion, factor_level_chart
from hemorehab.clinical.ultrasound import builtin_definition

REPEATS = 3
US_TOPS = {name: item.maximum for name, item in builtin_definition("head-us-c").items.items()}


def best_of(runs: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def random_findings(rng: random.Random) -> Findings:
    """1-3 affected joints with random item levels; the rest healthy; sometimes a scan."""
    joints = {joint: dict.fromkeys(ITEMS, 0) for joint in JOINTS}
    scan: dict[str, dict[str, object]] = {}
    for joint in rng.sample(JOINTS, rng.randint(1, 3)):
        joints[joint] = {item: rng.randint(0, top) for item, top in ITEMS.items()}
        if rng.random() < 0.5:
            scan[joint] = {item: rng.randint(0, top) for item, top in US_TOPS.items()}
    return Findings(joints, rng.randint(0, 4), scan)  # type: ignore[arg-type]


def random_child(rng: random.Random) -> DraftInput:
    problems = derive_problems(random_findings(rng))
    return DraftInput(problems, rng.randint(4, 18), rng.choice("AB"))


def infusion_history(weeks: int) -> list[Infusion]:
    """Monday, Wednesday, Friday at 08:00 UTC, 25 IU/kg, for `weeks` weeks."""
    first = datetime(2023, 1, 2, 8, tzinfo=UTC)  # a Monday
    return [
        Infusion(first + timedelta(weeks=w, days=d), 25.0) for w in range(weeks) for d in (0, 2, 4)
    ]


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    rng = random.Random(20250310)
    children = [random_child(rng) for _ in range(count)]
    library = builtin_library()

    baseline = best_of(REPEATS, lambda: parse_library(load_packaged("exercises", "library.yaml")))
    one = best_of(REPEATS, lambda: draft_plan(children[0], library=library))
    center = best_of(REPEATS, lambda: [draft_plan(c, library=library) for c in children])
    per_child = center / count

    history = infusion_history(104)
    end = history[-1].at + timedelta(days=2)
    pk = FactorPK(half_life_h=12.0, ivr=2.0)
    chart = best_of(REPEATS, lambda: factor_level_chart(pk, history, end - timedelta(days=7), end))

    print(f"exercise library: {len(library.exercises)} exercises, version {library.version}")
    print(f"baseline, load + validate library once: {baseline * 1e3:9.2f} ms")
    print(f"draft, first child alone:               {one * 1e3:9.2f} ms")
    print(f"draft, per child over {count:,} children:  {per_child * 1e3:9.2f} ms")
    print(f"draft, {count:,}-child center:             {center:9.3f} s")
    print(f"PK chart, {len(history)} infusions, 169 hourly points: {chart * 1e3:9.2f} ms")
    print(f"ratio per-child draft / library load:   {per_child / baseline:9.2f}")
    print(f"ratio center / library load:            {center / baseline:9.1f}")
    print(f"ratio PK chart / per-child draft:       {chart / per_child:9.2f}")


if __name__ == "__main__":
    main()
