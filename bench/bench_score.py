"""Benchmark HJHS scoring: the pure calculator vs the `score` command end to end.

Run: .venv/bin/python bench/bench_score.py [N]   (default N = 100,000 records)
Prints records/second for each (best of 3) and their ratio. Not a test.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from hemorehab.clinical.hjhs import GAIT_MAX, ITEMS, JOINTS, score_hjhs_record

REPEATS = 3
FALLBACK = (
    "import argparse, sys\n"
    "from hemorehab.commands import score\n"
    "parser = argparse.ArgumentParser(prog='hemorehab')\n"
    "score.register(parser.add_subparsers())\n"
    "args = parser.parse_args(sys.argv[1:])\n"
    "sys.exit(args.handler(args))\n"
)


def random_level(rng: random.Random, top: int) -> int | str:
    return "NE" if rng.random() < 0.01 else rng.randint(0, top)


def random_record(rng: random.Random) -> dict[str, object]:
    joints = {
        joint: {item: random_level(rng, top) for item, top in ITEMS.items()} for joint in JOINTS
    }
    for items in joints.values():
        if items["swelling"] == 0:  # HJHS 2.1: duration is 0 without swelling
            items["swelling_duration"] = 0
    return {"joints": joints, "gait": random_level(rng, GAIT_MAX)}


def best_of(runs: int, action: object) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def command_prefix(sample: Path) -> list[str]:
    """`python -m hemorehab` if it works yet, else the score module driven by -c."""
    module = [sys.executable, "-m", "hemorehab"]
    probe = subprocess.run(  # noqa: S603
        [*module, "score", "hjhs", str(sample)], capture_output=True, check=False
    )
    if probe.returncode == 0:
        return module
    print("note: `python -m hemorehab` not usable yet; timing commands.score via -c")
    return [sys.executable, "-c", FALLBACK]


def run_command(prefix: list[str], path: Path) -> None:
    done = subprocess.run(  # noqa: S603
        [*prefix, "score", "hjhs", str(path)], stdout=subprocess.DEVNULL, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"score command failed with status {done.returncode}")


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    rng = random.Random(20250101)
    records = [random_record(rng) for _ in range(count)]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "hjhs.json"
        path.write_text(json.dumps(records), encoding="utf-8")
        sample = Path(folder) / "one.json"
        sample.write_text(json.dumps(records[0]), encoding="utf-8")
        pure = best_of(REPEATS, lambda: [score_hjhs_record(r) for r in records])
        prefix = command_prefix(sample)
        command = best_of(REPEATS, lambda: run_command(prefix, path))
    print(f"records: {count:,} (best of {REPEATS})")
    print(f"pure calculator : {count / pure:12,.0f} records/s ({pure:.2f} s)")
    print(f"score command   : {count / command:12,.0f} records/s ({command:.2f} s)")
    print(f"ratio pure/command: {command / pure:.2f}")


if __name__ == "__main__":
    main()
