import argparse
import io
import json
import subprocess
import sys

import pytest

from hemorehab.commands import score
from tests.clinical.builders import hjhs_record


def run(capsys, monkeypatch, argv, stdin=None):
    parser = argparse.ArgumentParser(prog="hemorehab")
    score.register(parser.add_subparsers())
    args = parser.parse_args(["score", *argv])
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    status = args.handler(args)
    out, err = capsys.readouterr()
    return status, out, err


def test_hjhs_record_from_stdin_prints_the_contract(capsys, monkeypatch):
    record = hjhs_record(0, gait=2)
    record["joints"]["left_knee"].update(swelling=2, strength="NE")
    status, out, err = run(capsys, monkeypatch, ["hjhs", "-"], json.dumps(record))
    assert (status, err) == (0, "")
    assert json.loads(out) == {
        "instrument": "hjhs",
        "version": "2.1",
        "total": 4,
        "complete": False,
        "joints": {
            "left_elbow": 0,
            "right_elbow": 0,
            "left_knee": 2,
            "right_knee": 0,
            "left_ankle": 0,
            "right_ankle": 0,
        },
        "gait": 2,
        "components": {
            "swelling": 2,
            "muscle_strength_atrophy": 0,
            "flexion_extension": 0,
            "crepitus": 0,
            "pain": 0,
            "gait": 2,
        },
        "not_evaluable": ["left_knee.strength"],
    }


def test_file_argument_defaults_to_stdin(capsys, monkeypatch):
    status, out, _ = run(capsys, monkeypatch, ["hjhs"], json.dumps(hjhs_record(0, gait="NE")))
    assert status == 0
    assert json.loads(out)["gait"] is None


def test_out_of_range_item_exits_2_with_one_line_and_no_output(capsys, monkeypatch):
    record = hjhs_record(0)
    record["joints"]["left_knee"]["swelling"] = 4
    status, out, err = run(capsys, monkeypatch, ["hjhs"], json.dumps(record))
    assert status == 2
    assert out == ""
    assert err == "joints.left_knee.swelling: 4 is outside 0-3\n"


def test_batch_scores_each_element_and_prefixes_errors_with_the_index(
    capsys, monkeypatch, tmp_path
):
    records = [hjhs_record(0), hjhs_record(1)]
    path = tmp_path / "batch.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    status, out, _ = run(capsys, monkeypatch, ["hjhs", str(path)])
    assert status == 0
    assert [r["total"] for r in json.loads(out)] == [0, 48]

    records[1]["joints"]["right_ankle"]["crepitus"] = True
    path.write_text(json.dumps(records), encoding="utf-8")
    status, out, err = run(capsys, monkeypatch, ["hjhs", str(path)])
    assert (status, out) == (2, "")
    assert err == '[1].joints.right_ankle.crepitus: true is not an integer 0-2 or "NE"\n'


def test_head_us_examined_joints_only(capsys, monkeypatch):
    exam = {"joints": {"left_ankle": {"synovitis": 2, "cartilage": 3, "bone": 2}}}
    status, out, _ = run(capsys, monkeypatch, ["head-us"], json.dumps(exam))
    assert status == 0
    assert json.loads(out) == {
        "instrument": "head-us",
        "definition": "HEAD-US",
        "version": "2013",
        "total": 7,
        "joints": {"left_ankle": 7},
        "examined": ["left_ankle"],
        "domains": {"activity": 2, "damage": 5},
    }


def test_head_us_c_uses_its_own_items(capsys, monkeypatch):
    items = {
        "effusion": 1,
        "synovial_hyperplasia": 2,
        "synovial_vascularity": 1,
        "hemosiderin": 0,
        "fibrous_septa": 0,
        "cartilage": 0,
        "bone": 0,
    }
    status, out, _ = run(
        capsys, monkeypatch, ["head-us-c"], json.dumps({"joints": {"left_ankle": items}})
    )
    assert status == 0
    assert json.loads(out)["domains"] == {"activity": 4, "damage": 0}


CENTER_YAML = (
    "name: Center scale\nversion: '7'\nreference: local\njoints: [left_hip]\n"
    "items:\n  effusion:\n    label: {en: E, zh-hans: 积液}\n    domain: activity\n"
    "    provenance: center\n    confidence: V\n"
    "    levels: {0: {en: 'no', zh-hans: 无}, 1: {en: 'yes', zh-hans: 有}}\n"
)
EXAM = json.dumps({"joints": {"left_hip": {"effusion": 1}}})


def test_center_definition_replaces_the_built_in_one(capsys, monkeypatch, tmp_path):
    definition = tmp_path / "center.yaml"
    definition.write_text(CENTER_YAML, encoding="utf-8")
    argv = ["head-us-c", "--definition", str(definition)]
    status, out, _ = run(capsys, monkeypatch, argv, EXAM)
    assert status == 0
    assert json.loads(out)["version"] == "7"


def test_unquoted_yaml_yes_no_in_a_definition_is_reported_by_place(capsys, monkeypatch, tmp_path):
    definition = tmp_path / "center.yaml"
    definition.write_text(CENTER_YAML.replace("'no'", "no"), encoding="utf-8")
    argv = ["head-us-c", "--definition", str(definition)]
    status, _, err = run(capsys, monkeypatch, argv, EXAM)
    assert status == 2
    assert err.startswith(f"{definition}: items.effusion.levels.0.en: ")


def test_broken_center_definition_exits_2_naming_the_key(capsys, monkeypatch, tmp_path):
    definition = tmp_path / "center.yaml"
    definition.write_text("name: x\nversion: '1'\nreference: r\njoints: [a]\nitems: {}\n")
    status, out, err = run(
        capsys, monkeypatch, ["head-us-c", "--definition", str(definition)], "{}"
    )
    assert (status, out) == (2, "")
    assert err.startswith(f"{definition}: items: ")
    assert err.count("\n") == 1


def test_definition_option_is_refused_for_other_instruments(capsys, monkeypatch):
    status, _, err = run(capsys, monkeypatch, ["hjhs", "--definition", "x.yaml"], "{}")
    assert status == 2
    assert err == "--definition: only used with head-us and head-us-c\n"


def test_cho_klat_record(capsys, monkeypatch):
    record = {"form": "parent", "answers": {str(i): 3 for i in range(1, 36)}}
    status, out, _ = run(capsys, monkeypatch, ["cho-klat"], json.dumps(record))
    assert status == 0
    assert json.loads(out) == {
        "instrument": "cho-klat",
        "version": "2.0",
        "form": "parent",
        "score": 50.0,
        "answered": 35,
        "missing": 0,
    }


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        ('{"form": "child",', "<stdin>: invalid JSON at line 1 column 18: Expecting property name"),
        ('{"form": "child", "answers": {"1": NaN}}', "<stdin>: NaN is not allowed in JSON input"),
        ('{"form": "child", "form": "parent", "answers": {}}', '<stdin>: duplicate key "form"'),
        ("[1]", "[0]: 1 is not an object with form and answers"),
        ("7", "<stdin>: 7 is not an object with form and answers"),
        ('{"form": "child", "answers": {"40": 1}}', "answers.40: unknown item; allowed: 1-35"),
    ],
)
def test_malformed_input_exits_2_with_one_line(capsys, monkeypatch, stdin, message):
    status, out, err = run(capsys, monkeypatch, ["cho-klat"], stdin)
    assert (status, out) == (2, "")
    assert err.startswith(message)
    assert err.count("\n") == 1


def test_unreadable_file_exits_2(capsys, monkeypatch, tmp_path):
    missing = tmp_path / "absent.json"
    status, out, err = run(capsys, monkeypatch, ["hjhs", str(missing)])
    assert (status, out) == (2, "")
    assert err == f"{missing}: cannot read: No such file or directory\n"


def test_non_utf8_file_exits_2(capsys, monkeypatch, tmp_path):
    path = tmp_path / "latin1.json"
    path.write_bytes(b'{"form": "\xe9"}')
    status, _, err = run(capsys, monkeypatch, ["cho-klat", str(path)])
    assert status == 2
    assert err == f"{path}: cannot read: not UTF-8 text\n"


def test_empty_batch_prints_an_empty_list(capsys, monkeypatch):
    assert run(capsys, monkeypatch, ["hjhs"], "[]")[1] == "[]\n"


def test_run_accepts_a_plain_namespace(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(hjhs_record(1, gait=1))))
    status = score.run(argparse.Namespace(instrument="hjhs", file="-", definition=None))
    assert status == 0
    assert json.loads(capsys.readouterr().out)["total"] == 49


SUBPROCESS = """
import argparse, sys
from hemorehab.commands import score
parser = argparse.ArgumentParser(prog="hemorehab")
score.register(parser.add_subparsers())
args = parser.parse_args(sys.argv[1:])
sys.exit(args.handler(args))
"""


def test_command_in_a_real_process_exits_2_without_traceback():
    record = hjhs_record(0)
    record["joints"]["left_knee"]["swelling"] = 4
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", SUBPROCESS, "score", "hjhs", "-"],
        input=json.dumps(record),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == "joints.left_knee.swelling: 4 is outside 0-3\n"

    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", SUBPROCESS, "score", "hjhs", "-"],
        input=json.dumps(hjhs_record(0)),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0
    assert json.loads(done.stdout)["complete"] is True
