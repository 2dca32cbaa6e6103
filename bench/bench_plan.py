"""Benchmark the plan engine: drafting per child and per 1,000-child center (findings only, and
with bleeds, a regimen and program weeks), and the estimated factor level over a week.

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

from hemorehab.clinical.bleeds import BleedEvent
from hemorehab.clinical.datafiles import load_packaged
from hemorehab.clinical.exercises import builtin_library, parse_library
from hemorehab.clinical.hjhs import ITEMS, JOINTS
from hemorehab.clinical.pk import Dose, FactorPK, level_at
from hemorehab.clinical.plan import (
    DraftInput,
    Findings,
    Prophylaxis,
    WeekReport,
    derive_problems,
    draft_plan,
)
from hemorehab.clinical.sites import JOINT_SITES, MUSCLE_SITES
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
        if joints[joint]["swelling"] == 0:  # duration is 0 without swelling (HJHS 2.1)
            joints[joint]["swelling_duration"] = 0
        if rng.random() < 0.5:
            scan[joint] = {item: rng.randint(0, top) for item, top in US_TOPS.items()}
    return Findings(joints, rng.randint(0, 4), scan)  # type: ignore[arg-type]


AS_OF = datetime(2025, 3, 10, 9, tzinfo=UTC)


def random_child(rng: random.Random) -> DraftInput:
    problems = derive_problems(random_findings(rng))
    return DraftInput(problems, rng.randint(4, 18), rng.choice("AB"))


def rich_child(rng: random.Random) -> DraftInput:
    """The same findings with 0-2 recent bleeds, a regimen and some program weeks."""
    base = random_child(rng)
    bleeds = tuple(
        BleedEvent(
            AS_OF - timedelta(hours=rng.uniform(0, 24 * 40)),
            kind,  # type: ignore[arg-type]
            rng.choice(JOINT_SITES if kind == "joint" else MUSCLE_SITES),
            "spontaneous",  # type: ignore[arg-type]
        )
        for kind in rng.sample(["joint", "muscle"], rng.randint(0, 2))
    )
    weeks = tuple(WeekReport(False, rng.random() < 0.1, 5, 5) for _ in range(rng.randint(0, 11)))
    days = (0, 2, 4) if base.hemophilia_type == "A" else (0, 3)
    regimen = Prophylaxis(len(days), days, 8.0, 25.0)
    return DraftInput(
        base.problems,
        base.age,
        base.hemophilia_type,
        bleeds=bleeds,
        as_of=AS_OF,
        history=weeks,
        prophylaxis=regimen,
    )


def infusion_history(weeks: int) -> list[datetime]:
    """Monday, Wednesday, Friday at 08:00 UTC for `weeks` weeks."""
    first = datetime(2023, 1, 2, 8, tzinfo=UTC)  # a Monday
    return [first + timedelta(weeks=w, days=d) for w in range(weeks) for d in (0, 2, 4)]


def level_chart(pk: FactorPK, history: list[datetime], start: datetime) -> list[float]:
    """Hourly estimated levels over the week after `start`, 25 IU/kg at each infusion."""
    doses = [Dose((at - start).total_seconds() / 3600, 25.0) for at in history]
    return [level_at(pk, doses, hour) for hour in range(169)]


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    rng = random.Random(20250310)
    children = [random_child(rng) for _ in range(count)]
    library = builtin_library()

    baseline = best_of(REPEATS, lambda: parse_library(load_packaged("exercises", "library.yaml")))
    one = best_of(REPEATS, lambda: draft_plan(children[0], library=library))
    center = best_of(REPEATS, lambda: [draft_plan(c, library=library) for c in children])
    per_child = center / count
    rich = [rich_child(rng) for _ in range(count)]
    rich_center = best_of(REPEATS, lambda: [draft_plan(c, library=library) for c in rich])

    history = infusion_history(104)
    end = history[-1] + timedelta(days=2)
    pk = FactorPK(half_life_h=12.0, ivr=2.0)
    chart = best_of(REPEATS, lambda: level_chart(pk, history, end - timedelta(days=7)))

    print(f"exercise library: {len(library.exercises)} exercises, version {library.version}")
    print(f"baseline, load + validate library once: {baseline * 1e3:9.2f} ms")
    print(f"draft, first child alone:               {one * 1e3:9.2f} ms")
    print(f"draft, per child over {count:,} children:  {per_child * 1e3:9.2f} ms")
    print(f"draft, {count:,}-child center:             {center:9.3f} s")
    print(f"draft with bleeds, regimen, weeks, per child: {rich_center / count * 1e3:9.2f} ms")
    print(f"PK chart, {len(history)} infusions, 169 hourly points: {chart * 1e3:9.2f} ms")
    print(f"ratio per-child draft / library load:   {per_child / baseline:9.2f}")
    print(f"ratio center / library load:            {center / baseline:9.1f}")
    print(f"ratio rich / findings-only draft:       {rich_center / center:9.2f}")
    print(f"ratio PK chart / per-child draft:       {chart / per_child:9.2f}")


if __name__ == "__main__":
    main()
