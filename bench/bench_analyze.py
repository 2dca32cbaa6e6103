"""Benchmark: `hemorehab analyze` versus calling scipy directly on the same CSV.

Generates a 100,000-row wide CSV with six PRE:POST pairs and a two-level group column in a
temporary directory, then times (best of 3, wall clock, including interpreter start-up):
(a) `python -m hemorehab analyze FILE --pair ... --compare ... --by ... --json` (or the
    `commands.analyze` module through `-c` when `-m hemorehab` is not wired yet), and
(b) a minimal script: pandas.read_csv + scipy.stats.wilcoxon / ttest_rel / mannwhitneyu.
Prints both times and the ratio (target < 1.5x). Not a test.

    .venv/bin/python bench/bench_analyze.py [--rows 100000]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

PAIRS = ["headus", "hjhs", "muscle", "gait", "bleeds", "choklat"]

CLI_FALLBACK = (
    "import argparse, sys\n"
    "from hemorehab.commands import analyze\n"
    "p = argparse.ArgumentParser(prog='hemorehab'); analyze.register(p.add_subparsers())\n"
    "a = p.parse_args(sys.argv[1:]); sys.exit(a.handler(a))\n"
)

BASELINE = """
import sys
import pandas as pd
from scipy import stats
frame = pd.read_csv(sys.argv[1])
for name in {pairs!r}:
    both = frame[[name + "_pre", name + "_post"]].dropna()
    pre, post = both.iloc[:, 0].to_numpy(), both.iloc[:, 1].to_numpy()
    print(stats.wilcoxon(post, pre, correction=False, method="approx").pvalue)
    print(stats.ttest_rel(post, pre).pvalue)
groups = frame[["bleed_reduction", "regimen"]].dropna()
a = groups.loc[groups.regimen == "prophylaxis", "bleed_reduction"]
b = groups.loc[groups.regimen == "on_demand", "bleed_reduction"]
print(stats.mannwhitneyu(a, b, method="asymptotic", use_continuity=False).pvalue)
"""


def make_frame(rows: int, seed: int = 2024) -> pd.DataFrame:
    """Scores shaped like the seed study: integer totals and CHO-KLAT on a 25/35 grid."""
    rng = np.random.default_rng(seed)
    tops = {"headus": 20, "hjhs": 40, "muscle": 8, "gait": 4, "bleeds": 8}
    data: dict[str, object] = {"child": np.arange(rows)}
    for name, top in tops.items():
        pre = rng.integers(0, top + 1, rows)
        data[f"{name}_pre"] = pre
        data[f"{name}_post"] = np.clip(pre - rng.integers(-1, top // 2 + 2, rows), 0, top)
    grid = 25 / 35
    pre = np.round(rng.normal(70, 10, rows) / grid) * grid
    data["choklat_pre"] = np.round(pre, 2)
    data["choklat_post"] = np.round(pre + np.round(rng.normal(7, 5, rows) / grid) * grid, 2)
    frame = pd.DataFrame(data)
    frame.loc[rng.random(rows) < 0.02, "hjhs_post"] = np.nan
    frame["regimen"] = np.where(rng.random(rows) < 0.73, "prophylaxis", "on_demand")
    frame["bleed_reduction"] = frame["bleeds_pre"] - frame["bleeds_post"]
    return frame


def cli_command(path: Path) -> list[str]:
    args = ["analyze", str(path)]
    for name in PAIRS:
        args += ["--pair", f"{name}_pre:{name}_post"]
    args += ["--compare", "bleed_reduction", "--by", "regimen", "--json"]
    probe = subprocess.run(
        [sys.executable, "-m", "hemorehab", "analyze", "--help"],
        capture_output=True,
        check=False,
    )
    if probe.returncode == 0:
        return [sys.executable, "-m", "hemorehab", *args]
    print("note: `-m hemorehab analyze` not wired yet; using commands.analyze via -c")
    return [sys.executable, "-c", CLI_FALLBACK, *args]


def best_of(command: list[str], repeats: int = 3) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)  # noqa: S603
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    rows = parser.parse_args().rows
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "wide.csv"
        make_frame(rows).to_csv(path, index=False)
        ours = best_of(cli_command(path))
        baseline = best_of([sys.executable, "-c", BASELINE.format(pairs=PAIRS), str(path)])
    print(f"rows: {rows}, pairs: {len(PAIRS)}, one two-group comparison; best of 3")
    print(f"hemorehab analyze --json : {ours:7.3f} s")
    print(f"pandas + scipy directly  : {baseline:7.3f} s")
    print(f"ratio                    : {ours / baseline:7.2f}x (target < 1.5x)")


if __name__ == "__main__":
    main()
