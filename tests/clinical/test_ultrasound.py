import json

import pytest
import yaml

from hemorehab.clinical.errors import DefinitionError, ScoreInputError
from hemorehab.clinical.ultrasound import (
    builtin_definition,
    load_definition,
    parse_definition,
    score_ultrasound,
    score_ultrasound_record,
)

HEAD_US = builtin_definition("head-us")
HEAD_US_C = builtin_definition("head-us-c")
SEED_FIG3_BEFORE = {
    "effusion": 0,
    "synovial_hyperplasia": 2,
    "synovial_vascularity": 2,
    "hemosiderin": 0,
    "fibrous_septa": 0,
    "cartilage": 3,
    "bone": 2,
}


def test_head_us_items_and_ranges_follow_martinoli_2013():
    maxima = {name: item.maximum for name, item in HEAD_US.items.items()}
    assert maxima == {"synovitis": 2, "cartilage": 4, "bone": 2}
    assert HEAD_US.joint_max == 8
    assert len(HEAD_US.joints) == 6


def test_head_us_healthy_joints_score_zero():
    exam = {joint: {"synovitis": 0, "cartilage": 0, "bone": 0} for joint in HEAD_US.joints}
    result = score_ultrasound(HEAD_US, exam)
    assert result.total == 0
    assert result.examined == tuple(HEAD_US.joints)
    assert result.domains == {"activity": 0, "damage": 0}


def test_head_us_worst_case_is_48_over_six_joints():
    exam = {joint: {"synovitis": 2, "cartilage": 4, "bone": 2} for joint in HEAD_US.joints}
    result = score_ultrasound(HEAD_US, exam)
    assert (result.total, result.max_total) == (48, 48)
    assert result.domains == {"activity": 12, "damage": 36}


def test_only_examined_joints_are_scored_and_listed_in_protocol_order():
    exam = {
        "right_ankle": {"synovitis": 1, "cartilage": 2, "bone": 0},
        "left_knee": {"synovitis": 2, "cartilage": 0, "bone": 1},
    }
    result = score_ultrasound(HEAD_US, exam)
    assert result.examined == ("left_knee", "right_ankle")
    assert result.joints == {"left_knee": 3, "right_ankle": 3}
    assert result.total == 6
    assert result.domains == {"activity": 3, "damage": 3}
    assert result.max_total == 16
    assert (result.name, result.version) == ("HEAD-US", "2013")


def test_head_us_c_reproduces_seed_paper_figure_3_points():
    before = score_ultrasound(HEAD_US_C, {"right_ankle": SEED_FIG3_BEFORE})
    after = score_ultrasound(
        HEAD_US_C, {"right_ankle": {**SEED_FIG3_BEFORE, "synovial_vascularity": 1}}
    )
    assert before.total == 9
    assert before.domains == {"activity": 4, "damage": 5}
    assert after.total == 8


def test_every_head_us_c_item_states_provenance_domain_and_both_languages():
    for item in HEAD_US_C.items.values():
        assert item.provenance
        assert item.confidence in {"V", "K", "U"}
        assert item.domain in {"activity", "damage"}
        assert all(level.en and level.zh_hans for level in item.levels.values())
    assert HEAD_US_C.items["cartilage"].levels[3].en.endswith("3/4")


@pytest.mark.parametrize(
    ("exam", "path", "message"),
    [
        (
            {"left_ankle": {"synovitis": 3, "cartilage": 0, "bone": 0}},
            "joints.left_ankle.synovitis",
            "3 is outside 0-2",
        ),
        (
            {"left_ankle": {"synovitis": 0, "cartilage": 0}},
            "joints.left_ankle.bone",
            "missing (expected 0-2)",
        ),
        (
            {"left_hip": {"synovitis": 0, "cartilage": 0, "bone": 0}},
            "joints.left_hip",
            "unknown joint",
        ),
        (
            {"left_ankle": {"synovitis": 0, "cartilage": 0, "bone": 0, "doppler": 1}},
            "joints.left_ankle.doppler",
            "unknown item",
        ),
        (
            {"left_ankle": {"synovitis": "NE", "cartilage": 0, "bone": 0}},
            "joints.left_ankle.synovitis",
            '"NE" is not an integer 0-2',
        ),
        ({}, "joints", "no joint examined"),
        ([], "joints", "[] is not an object of examined joints"),
    ],
)
def test_bad_examination_is_rejected_with_its_path(exam, path, message):
    with pytest.raises(ScoreInputError) as caught:
        score_ultrasound(HEAD_US, exam)
    assert caught.value.path == path
    assert caught.value.message.startswith(message)


def test_record_takes_only_joints():
    with pytest.raises(ScoreInputError, match=r"^date: unknown key"):
        score_ultrasound_record(HEAD_US, {"joints": {}, "date": "x"})


def _center_definition():
    return {
        "name": "HEAD-US-C (center X)",
        "version": "2025-1",
        "reference": "center protocol",
        "joints": ["left_knee", "right_knee", "left_hip"],
        "items": {
            "synovial_hyperplasia": {
                "label": {"en": "Synovium", "zh-hans": "滑膜"},
                "domain": "activity",
                "provenance": "center",
                "confidence": "V",
                "levels": {0: {"en": "no", "zh-hans": "无"}, 1: {"en": "yes", "zh-hans": "有"}},
            },
        },
    }


def test_center_definition_file_is_used_without_code_changes(tmp_path):
    path = tmp_path / "center.yaml"
    path.write_text(yaml.safe_dump(_center_definition(), allow_unicode=True), encoding="utf-8")
    definition = load_definition(path)
    result = score_ultrasound(definition, {"left_hip": {"synovial_hyperplasia": 1}})
    assert (result.total, result.examined, result.version) == (1, ("left_hip",), "2025-1")


def test_center_definition_in_json_with_string_level_keys_loads(tmp_path):
    path = tmp_path / "center.json"
    path.write_text(json.dumps(_center_definition()), encoding="utf-8")
    assert load_definition(path).items["synovial_hyperplasia"].maximum == 1


@pytest.mark.parametrize(
    ("change", "place"),
    [
        (
            lambda d: d["items"]["synovial_hyperplasia"].update(domain="activ"),
            "items.synovial_hyperplasia.domain",
        ),
        (
            lambda d: d["items"]["synovial_hyperplasia"].update(colour="red"),
            "items.synovial_hyperplasia.colour",
        ),
        (
            lambda d: d["items"]["synovial_hyperplasia"]["levels"].pop(0),
            "items.synovial_hyperplasia.levels",
        ),
        (
            lambda d: d["items"]["synovial_hyperplasia"]["levels"][1].pop("zh-hans"),
            "items.synovial_hyperplasia.levels.1.zh-hans",
        ),
        (lambda d: d.pop("version"), "version"),
    ],
)
def test_invalid_center_definition_names_the_bad_key(change, place):
    data = _center_definition()
    change(data)
    with pytest.raises(DefinitionError) as caught:
        parse_definition(data, "center.yaml")
    assert caught.value.path == "center.yaml"
    assert caught.value.message.startswith(f"{place}: ")


def test_malformed_definition_file_is_a_named_error(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("name: [unclosed\n", encoding="utf-8")
    with pytest.raises(DefinitionError) as caught:
        load_definition(path)
    assert caught.value.path == str(path)
