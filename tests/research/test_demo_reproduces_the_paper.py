"""The demo cohort, loaded through the app and analysed from the database, reproduces the seed
paper's published Table 1 and group comparison (shared/data/seed-study-results.json)."""

import datetime
import json
from pathlib import Path

import pytest

from hemorehab.demo.load import load
from hemorehab.research import cohort as cohorts
from hemorehab.research import reports

# A copy of shared/data/seed-study-results.json (the published figures), kept with the tests so
# they run from a fresh clone.
SEED = json.loads(
    (Path(__file__).resolve().parents[1] / "data" / "seed-study-results.json").read_text()
)
MEASURE_IDS = {
    "HEAD-US-C total": "head_us_c_total",
    "HJHS 2.1 total": "hjhs_total",
    "HJHS muscle strength and atrophy": "hjhs_muscle_strength_atrophy",
    "HJHS flexion and extension sum": "hjhs_flexion_extension",
    "HJHS crepitus": "hjhs_crepitus",
    "HJHS gait": "hjhs_gait",
    "HJHS swelling": "hjhs_swelling",
    "CHO-KLAT": "cho_klat",
    "Joint bleeds in 12 weeks": "joint_bleeds_12w",
}
# CHO-KLAT scores lie on a grid (25/k steps), so 71.51 etc. can only be approached (notes of
# seed-study-results.json): within 0.4 points.
TOLERANCE = {"cho_klat": 0.4}


def demo_report() -> dict:
    from hemorehab.accounts.models import Center, User

    center = Center.objects.create(code="SEED", name="Seed cohort")
    user = User.objects.create_user("seed_loader")
    load(center, user, datetime.date(2024, 1, 8))
    return reports.report(cohorts.load(Center.objects.filter(pk=center.pk)), "en").to_json()


def table1_mismatches(report: dict) -> list[str]:
    wrong = []
    rows = {r["measure"]: r for r in report["table1"]}
    for published in SEED["paired_outcomes"]:
        measure = MEASURE_IDS[published["measure"]]
        row = rows[measure]
        tolerance = TOLERANCE.get(measure, 1e-9)
        for side in ("before", "after"):
            want = dict(zip(("median", "q1", "q3"), published[side], strict=True))
            for key, value in want.items():
                if abs(row[side][key] - value) > tolerance:
                    wrong.append(f"{measure} {side} {key}: {row[side][key]} != {value}")
            if row[side]["n"] != 59:
                wrong.append(f"{measure} {side} n: {row[side]['n']}")
        if abs(round(row["z"], 3) - published["z"]) > 0.0011:
            wrong.append(f"{measure} Z: {row['z']:.4f} != {published['z']}")
        if not row["p"] < 0.001:
            wrong.append(f"{measure} P: {row['p']}")
    return wrong


@pytest.mark.django_db
def test_demo_cohort_reproduces_the_published_results():
    report = demo_report()
    assert report["cohort"]["n"] == SEED["cohort"]["n"]
    flow = report["flow"]
    assert (flow["screened"], flow["eligible"], flow["not_eligible"], flow["enrolled"]) == (
        59,
        59,
        0,
        59,
    )
    assert table1_mismatches(report) == []
    group = report["group_comparison"]
    published = SEED["group_comparison"]
    assert group["groups"]["prophylaxis"]["n"] == published["groups"]["prophylaxis_before"]["n"]
    assert group["groups"]["on_demand"]["n"] == published["groups"]["on_demand_before"]["n"]
    assert group["groups"]["prophylaxis"]["median"] == 2.0
    assert group["groups"]["on_demand"]["median"] == 2.0
    assert round(group["mann_whitney"]["p"], 2) == published["p"]
