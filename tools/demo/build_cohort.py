"""Generate the demo cohort: 59 synthetic children who reproduce the seed paper's results.

Run ``.venv/bin/python -m tools.demo.build_cohort`` from the repository to (re)write
``src/hemorehab/demo/data/seed_cohort.json``; the committed file is what the app loads
(``hemorehab.demo.cohort``). Deterministic: one seeded
``random.Random`` drives every choice, so a rerun writes the same bytes; `build` checks the
result with our own calculators and statistics before anything is written.

Source: the seed paper (shared/seed/000_bca2cafc0c7e9a2b.txt, sections 2-3) and
shared/data/seed-study-results.json. Nobody here is a real patient; the children have no
names or identifiers (the Django loader invents pseudonymous ones).

Method. For each outcome we first design the 59 before/after VALUES, then realise each
child's values as item-level answers that our calculators score back to them.
- Design: a seeded local search (`search`) over integers. With n = 59, SPSS's Q1, median and
  Q3 (weighted average at (n + 1)p) are exactly the 15th, 30th and 45th values; the SPSS
  Wilcoxon Z depends only on the signs, ties and zeros of the differences. The HJHS
  components are searched together, pain being the one without a published figure, so the
  five published components and the total hold at once. For bleeds the reductions are fixed
  first (they decide Z), then handed out by moves that keep Z, for the quartiles and the
  regimen groups. CHO-KLAT scores are built on the calculator's grid and paired so that every
  child improves by a different amount.
- Realise: HJHS component points fill a joint's items in a fixed order (so fewer points never
  mean a higher item) and are shared over the affected joints;
  HEAD-US-C points split into irreversible damage (cartilage, bone: the same before and after)
  and activity (synovium, effusion, vascularity, hemosiderin, septa); CHO-KLAT scores become
  35 responses around each respondent's own item leanings.

Interpretations (each is tested in tests/demo):
- Joints. The paper counts "a total of 70 affected joints" and lists 26 unilateral ankle,
  15 unilateral knee, 7 unilateral elbow and "22 cases of two or more joints"; 26+15+7+22 = 70
  counts joints, not children. Read as: 48 single-joint children (26 ankle, 15 knee, 7 elbow)
  and 11 children with two affected joints, whose 22 joints bring the total to 70 joints in
  59 children.
- HJHS and HEAD-US-C findings are confined to the affected joints; every other joint scores
  0. HEAD-US-C examines all six joints (HEAD-US scans both elbows, knees and ankles). Children
  with only an elbow affected walk normally (gait 0). Every child has joint pain or restricted
  motion at baseline (inclusion criterion).
- Bleeds are joint bleeds at the child's affected joints, as day offsets from the program
  start (day 0): "before" in [-84, -28] (12 weeks before; the protocol excludes any bleed in
  the 4 weeks before enrollment, 28 days counting as bleed-free), "during" in [1, 83], never
  on a hospital session day (day % 7 == 0); any two bleeds of a child are at least 6 days
  apart, so each is a new episode under the ISTH 72-hour rule.
- CHO-KLAT form follows the age at enrollment (parent proxy under 144 months, child
  self-report from 144); enrollment ages of 141-143 months are avoided so the same form is
  valid at the follow-up 12 weeks later. Option 6 ("not applicable" on Q22, 25, 30-33, 35,
  counted as missing) is used on at most MAX_NOT_APPLICABLE items of a form.
- Program infusions per week: hemophilia A 3, B 2, cases 8, 9, 28, 47, 49 once a week (paper,
  section 2.2); these five are among the 15 oldest children ("excessive body weight").

Exact versus approximate. Every integer outcome (HEAD-US-C, HJHS total and its five published
components, joint bleeds) has median, Q1 and Q3 exactly as published and Z equal to 3
decimals; the bleed reduction medians are 2.0 in both regimen groups with Mann-Whitney
P = 0.740. CHO-KLAT scores are 25 x the mean of the 0-4 recoded answered items, rounded to one
decimal by our calculator, so only grid values exist and 71.51, 60.46, 76.48, 79.15, 73.45 and
84.82 are not among them: each quartile is the nearest reachable score (`nearest_score`):
before 71.4 (60.5, 76.5), after 79.3 (73.5, 84.8), all within 0.15 points. Every child
improved and no two differences tie, so Z = -6.680 as published.

Layout: `facts` (published figures, the file's header text), `children` (who the children
are), `fast_stats` and `search` (the design search), `joint_design` (HJHS, HEAD-US-C),
`bleeds` (counts and events) and `cho_klat_scores` (each outcome's values), `answers`
(item-level answers), `verify`; this module assembles the cohort and writes the file.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tools.demo.answers import (
    HJHS_FILL,
    cho_klat_record,
    damage_points,
    head_us_c_record,
    hjhs_record,
    item_levels,
    respondent,
)
from tools.demo.bleeds import bleed_events, design_bleeds
from tools.demo.children import demographics, joint_count
from tools.demo.cho_klat_scores import (
    ChoKlatScore,
    design_cho_klat,
    grid_score,
    nearest_score,
)
from tools.demo.facts import CHO_KLAT, DESCRIPTION, MAX_NOT_APPLICABLE, NOTES, SEED, Child, N
from tools.demo.fast_stats import mann_whitney_p, order_penalty, spss_z
from tools.demo.joint_design import HJHS_START, design_head_us_c, design_hjhs
from tools.demo.search import Values, noisy_order, summed
from tools.demo.verify import verify

__all__ = [  # also the parts that tests/demo reach through this module
    "CHO_KLAT",
    "DATA_FILE",
    "HJHS_FILL",
    "MAX_NOT_APPLICABLE",
    "ChoKlatScore",
    "build",
    "cho_klat_record",
    "dumps",
    "grid_score",
    "hjhs_record",
    "item_levels",
    "main",
    "mann_whitney_p",
    "nearest_score",
    "order_penalty",
    "respondent",
    "spss_z",
    "verify",
]

DATA_FILE = Path(__file__).resolve().parents[2] / "src/hemorehab/demo/data/seed_cohort.json"


@dataclass(frozen=True)
class Design:
    """The designed per-child values of every outcome."""

    hjhs: Values
    head_us_c: tuple[list[int], list[int]]
    bleeds: tuple[list[int], list[int]]
    cho_klat: list[tuple[ChoKlatScore, ChoKlatScore]]


def design(children: Sequence[Child], rng: random.Random) -> Design:
    """Values for every child; joints, scans, bleeds and quality of life loosely agree."""
    severity = [
        rng.gauss(0, 1) + (joint_count(c) == 2) + 0.3 * (c["prior_regimen"] == "on_demand")
        for c in children
    ]
    hjhs_values = design_hjhs(children, severity, rng)
    hjhs_before = summed(hjhs_values, tuple(HJHS_START))[0]
    burden = [total + rng.gauss(0, 4) for total in hjhs_before]
    head_us_c = design_head_us_c(children, burden, rng)
    bleeds = design_bleeds(children, burden, rng)
    pairs = design_cho_klat(rng)
    worst_first = noisy_order([-total for total in hjhs_before], rng, 6.0)
    by_child = dict(zip(worst_first, pairs, strict=True))
    return Design(hjhs_values, head_us_c, bleeds, [by_child[i] for i in range(N)])


def realise(child: Child, i: int, plan: Design, rng: random.Random) -> None:
    """Add the item-level assessments, the bleeds and the (empty) adverse events."""
    joints = child["affected_joints"]
    who = respondent(child["age_months"], rng)
    damage = damage_points(plan.head_us_c[0][i], plan.head_us_c[1][i], len(joints))
    child["assessments"] = {}
    for side, when in enumerate(("before", "after")):
        components = {name: plan.hjhs[name][side][i] for name in HJHS_FILL}
        child["assessments"][when] = {
            "hjhs": hjhs_record(joints, components, plan.hjhs["gait"][side][i]),
            "head_us_c": head_us_c_record(joints, plan.head_us_c[side][i] - damage, damage),
            "cho_klat": cho_klat_record(who, plan.cho_klat[i][side]),
        }
    child["bleeds"] = bleed_events(rng, joints, plan.bleeds[0][i], plan.bleeds[1][i])
    child["adverse_events"] = []


def build(seed: int = SEED) -> dict[str, Any]:
    """The whole data file as a JSON-ready dict, verified against the published figures."""
    rng = random.Random(seed)  # noqa: S311 (synthetic data: reproducible, not secret)
    children = demographics(rng)
    plan = design(children, rng)
    for i, child in enumerate(children):
        realise(child, i, plan, rng)
    data = {"description": DESCRIPTION, "notes": list(NOTES), "seed": seed, "children": children}
    verify(data)
    return data


def dumps(value: Any, depth: int = 0) -> str:
    """JSON with one line per innermost object or list (an HJHS joint, a form's answers)."""
    flat = json.dumps(value, ensure_ascii=False)
    members = value.values() if isinstance(value, dict) else value
    if not isinstance(value, dict | list) or (
        len(flat) <= 400 and not any(isinstance(m, dict | list) for m in members)
    ):
        return flat
    pad, end = "  " * (depth + 1), "  " * depth
    if isinstance(value, dict):
        lines = [f"{pad}{json.dumps(k)}: {dumps(v, depth + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(lines) + "\n" + end + "}"
    return "[\n" + ",\n".join(pad + dumps(v, depth + 1) for v in value) + "\n" + end + "]"


def main() -> None:
    started = time.perf_counter()
    data = build()
    DATA_FILE.write_text(dumps(data) + "\n", encoding="utf-8")
    took = time.perf_counter() - started
    print(f"wrote {DATA_FILE} ({len(data['children'])} children) in {took:.1f} s")


if __name__ == "__main__":
    main()
