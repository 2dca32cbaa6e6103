"""`hemorehab plan draft [FILE|-]`: the command-line contract of the plan engine."""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys

import pytest

from hemorehab.clinical.exercises import builtin_library
from hemorehab.clinical.exercises.vocabulary import CATEGORIES, FLAGS, SITES
from hemorehab.clinical.plan import draft_plan
from hemorehab.clinical.plan.child_json import parse_child
from hemorehab.commands import plan
from tests.clinical.builders import hjhs_record

CHILD = {
    "as_of": "2026-03-10T09:00:00+08:00",
    "age_years": 9,
    "hemophilia_type": "A",
    "weight_kg": 28,
    "hjhs": {
        **hjhs_record(0, gait=1),
        "joints": {
            **hjhs_record(0)["joints"],
            "left_ankle": {**hjhs_record(0)["joints"]["left_ankle"], "strength": 1, "swelling": 1},
        },
    },
    "ultrasound": {
        "instrument": "head-us-c",
        "joints": {
            "left_ankle": {
                "effusion": 0,
                "synovial_hyperplasia": 1,
                "synovial_vascularity": 0,
                "hemosiderin": 0,
                "fibrous_septa": 0,
                "cartilage": 0,
                "bone": 0,
            }
        },
    },
    "end_feel": {"left_ankle": {"extension": "firm"}},
    "muscle_test": {"left_ankle": {"flexion": 4}},
    "bleeds": [{"onset": "2026-03-08T09:00:00+08:00", "site_kind": "muscle", "site": "left_calf"}],
    "psoas_cleared_at": None,
    "prophylaxis": {"infusions_per_week": 3, "weekdays": ["mon", "wed", "fri"], "hour": 8},
    "history": [
        {"week": 1, "home_sessions_logged": 5, "max_pain": 0, "bleeds": 0},
        {"week": 2, "home_sessions_logged": 5, "max_pain": 0, "bleeds": 0},
    ],
}
ITEM_KEYS = {
    "exercise_id",
    "name",
    "category",
    "flags",
    "loads",
    "sets",
    "reps",
    "hold_seconds",
    "minutes",
    "level",
}


def run(capsys, monkeypatch, argv, stdin=None):
    parser = argparse.ArgumentParser(prog="hemorehab")
    plan.register(parser.add_subparsers())
    args = parser.parse_args(["plan", *argv])
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    status = args.handler(args)
    out, err = capsys.readouterr()
    return status, out, err


def test_a_child_in_prints_the_drafted_plan_in_the_contract_shape(capsys, monkeypatch):
    status, out, err = run(capsys, monkeypatch, ["draft", "-"], json.dumps(CHILD))
    assert (status, err) == (0, "")
    result = json.loads(out)
    assert {
        "status",
        "week",
        "hospital_session",
        "home_program",
        "paused",
        "restrictions",
        "warnings",
        "excluded",
        "problems",
    } <= set(result)
    assert (result["status"], result["week"]) == ("draft", 3)
    assert "pending clinical review" in result["library"]["status"].lower()
    assert result["hospital_session"]["minutes"] == 60
    home = result["home_program"]
    assert (home["sessions_per_week"], home["minutes"], home["max_per_day"]) == (5, 45, 2)
    # two clean weeks would give 50%; the calf bleed two days ago steps this week back now
    assert home["intensity"] == 0.375
    assert "PROG-BACK-NOW" not in {w["rule"] for w in result["warnings"]}
    for item in result["hospital_session"]["items"] + home["items"]:
        assert set(item) >= ITEM_KEYS
        assert item["category"] in CATEGORIES and set(item["flags"]) <= set(FLAGS)
        assert set(item["loads"]) <= set(SITES)
        assert "left_calf" not in item["loads"]
    assert result["restrictions"] == [
        {
            "site": "left_calf",
            "phase": 1,
            "awaiting_clearance": False,
            "reason": result["restrictions"][0]["reason"],
        }
    ]
    assert "left calf" in result["restrictions"][0]["reason"]
    assert all({"rule", "text"} == set(w) for w in result["warnings"])
    assert all({"exercise_id", "side", "rule"} <= set(e) for e in result["excluded"])
    assert all({"exercise_id", "side", "reason"} == set(p) for p in result["paused"])


def test_the_command_and_the_web_page_use_the_same_engine(capsys, monkeypatch):
    from hemorehab.clinical.plan.plan_json import plan_json

    _, out, _ = run(capsys, monkeypatch, ["draft", "-"], json.dumps(CHILD))
    assert json.loads(out) == json.loads(json.dumps(plan_json(draft_plan(parse_child(CHILD)))))


def test_chinese_output_names_exercises_sites_and_rules_in_chinese(capsys, monkeypatch):
    status, out, _ = run(
        capsys, monkeypatch, ["draft", "--language", "zh-hans", "-"], json.dumps(CHILD)
    )
    result = json.loads(out)
    assert status == 0
    assert result["restrictions"][0]["reason"].startswith("左侧小腿三头肌")
    assert "待临床审核" in result["library"]["status"]
    first = result["hospital_session"]["items"][0]
    assert first["name"] == builtin_library().get(first["exercise_id"]).name.zh_hans


@pytest.mark.parametrize(
    ("change", "line"),
    [
        ({"colour": "blue"}, "colour: unknown key; allowed: as_of, age_years, hemophilia_type"),
        ({"as_of": "2026-03-10T09:00"}, 'as_of: "2026-03-10T09:00" has no time zone'),
        ({"hemophilia_type": "C"}, 'hemophilia_type: "C" is not one of: A, B'),
        ({"age_years": "nine"}, 'age_years: "nine" is not an integer 0-25'),
        (
            {
                "bleeds": [
                    {
                        "onset": "2026-03-08T09:00:00+08:00",
                        "site_kind": "muscle",
                        "site": "left_calve",
                    }
                ]
            },
            'bleeds[0].site: "left_calve" is not a muscle site; allowed: left_iliopsoas',
        ),
        (
            {
                "bleeds": [
                    {
                        "onset": "2026-03-08T09:00:00+08:00",
                        "site_kind": "joint",
                        "site": "left_knee",
                        "size": 3,
                    }
                ]
            },
            "bleeds[0].size: unknown key; allowed: onset, site_kind, site, cause, treatment_end",
        ),
        (
            {"end_feel": {"left_knee": {"flexion": "mushy"}}},
            "end_feel.left_knee.flexion: 'mushy' is not one of: soft, firm, hard",
        ),
        ({"end_feel": {"left_nose": {"flexion": "soft"}}}, "end_feel.left_nose: unknown joint"),
        (
            {"muscle_test": {"left_knee": {"extension": 7}}},
            "muscle_test.left_knee.extension: 7 is outside 0-5",
        ),
        (
            {"prophylaxis": {"infusions_per_week": 3, "weekdays": ["mon", "funday"]}},
            'prophylaxis.weekdays[1]: "funday" is not one of: mon',
        ),
        (
            {"prophylaxis": {"infusions_per_week": 2, "weekdays": ["mon", "wed", "fri"]}},
            "prophylaxis.infusions_per_week: 2 does not match 3 weekdays",
        ),
        (
            {"history": [{"week": 2, "home_sessions_logged": 5, "max_pain": 0, "bleeds": 0}]},
            "history[0].week: 2 is out of order; expected 1",
        ),
        (
            {"history": [{"week": 1, "home_sessions_logged": 5, "max_pain": 11, "bleeds": 0}]},
            "history[0].max_pain: 11 is outside 0-10",
        ),
        (
            {"ultrasound": {"instrument": "mri", "joints": {}}},
            'ultrasound.instrument: "mri" is not one of: head-us, head-us-c',
        ),
        ({"return_phases": {"left_knee": 5}}, "return_phases.left_knee: 5 is outside 1-4"),
    ],
)
def test_bad_input_exits_2_with_one_line_naming_the_place(capsys, monkeypatch, change, line):
    status, out, err = run(capsys, monkeypatch, ["draft", "-"], json.dumps({**CHILD, **change}))
    assert (status, out) == (2, "")
    assert err.count("\n") == 1 and err.startswith(line), err


def test_an_hjhs_item_out_of_range_is_named_inside_hjhs(capsys, monkeypatch):
    child = json.loads(json.dumps(CHILD))
    child["hjhs"]["joints"]["left_knee"]["swelling"] = 4
    status, _, err = run(capsys, monkeypatch, ["draft", "-"], json.dumps(child))
    assert (status, err) == (2, "hjhs.joints.left_knee.swelling: 4 is outside 0-3\n")


def test_only_as_of_age_and_type_are_required(capsys, monkeypatch):
    minimal = {"as_of": "2026-03-10T09:00:00Z", "age_years": 6, "hemophilia_type": "B"}
    status, out, _ = run(capsys, monkeypatch, ["draft", "-"], json.dumps(minimal))
    result = json.loads(out)
    # no HJHS and no ultrasound: not assessed, never "no problem" (and no plan)
    assert (status, result["indication"], result["week"]) == (0, "not_assessed", 1)
    assert result["hospital_session"]["items"] == [] == result["home_program"]["items"]
    assert "not assessed" in result["indication_note"]
    assert [w["rule"] for w in result["warnings"]] == ["NOT-ASSESSED", "PROPH-MISSING"]
    for key in ("as_of", "age_years", "hemophilia_type"):
        partial = {k: v for k, v in minimal.items() if k != key}
        status, _, err = run(capsys, monkeypatch, ["draft", "-"], json.dumps(partial))
        assert (status, err) == (2, f"{key}: missing (required)\n")


def test_the_installed_command_reads_a_file(tmp_path):
    path = tmp_path / "child.json"
    path.write_text(json.dumps(CHILD), encoding="utf-8")
    done = subprocess.run(  # noqa: S603 (our own interpreter and module)
        [sys.executable, "-m", "hemorehab", "plan", "draft", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["status"] == "draft"
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    done = subprocess.run(  # noqa: S603 (our own interpreter and module)
        [sys.executable, "-m", "hemorehab", "plan", "draft", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith(f"{bad}: invalid JSON at line 1")
