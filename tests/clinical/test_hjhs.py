import pytest

from hemorehab.clinical.errors import NE, ScoreInputError
from hemorehab.clinical.hjhs import ITEMS, JOINTS, TOTAL_MAX, score_hjhs, score_hjhs_record
from tests.clinical.builders import hjhs_joints, hjhs_record


def test_healthy_joints_score_zero_and_complete():
    result = score_hjhs(hjhs_joints(0), 0)
    assert result.total == 0
    assert result.complete
    assert result.not_evaluable == ()
    assert result.joints == dict.fromkeys(JOINTS, 0)
    assert result.version == "2.1"


def test_worst_case_scores_124_with_joint_totals_of_20():
    result = score_hjhs(hjhs_joints(4), 4)
    assert TOTAL_MAX == 124
    assert result.total == 124
    assert result.joints == dict.fromkeys(JOINTS, 20)
    assert result.components == {
        "swelling": 24,
        "muscle_strength_atrophy": 36,
        "flexion_extension": 36,
        "crepitus": 12,
        "pain": 12,
        "gait": 4,
    }


def test_mixed_case_sums_items_into_joints_components_and_total():
    joints = hjhs_joints(0)
    joints["left_knee"].update(swelling=2, swelling_duration=1, strength=3, flexion_loss=1)
    joints["right_ankle"].update(crepitus=1, joint_pain=2, extension_loss=2, muscle_atrophy=1)
    result = score_hjhs(joints, 2)
    assert result.joints["left_knee"] == 7
    assert result.joints["right_ankle"] == 6
    assert result.total == 15
    assert result.components == {
        "swelling": 3,
        "muscle_strength_atrophy": 4,
        "flexion_extension": 3,
        "crepitus": 1,
        "pain": 2,
        "gait": 2,
    }


def test_not_evaluable_item_is_not_counted_as_zero():
    joints = hjhs_joints(1)
    joints["left_knee"]["strength"] = NE
    result = score_hjhs(joints, "NE")
    assert not result.complete
    assert result.not_evaluable == ("left_knee.strength", "gait")
    assert result.joints["left_knee"] == 7
    assert result.gait is None
    assert result.total == 47
    assert result.evaluable_max == 124 - 4 - 4


def test_string_ne_is_the_same_as_the_sentinel():
    joints = hjhs_joints(0)
    joints["right_elbow"]["crepitus"] = "NE"
    assert score_hjhs(joints, 0).not_evaluable == ("right_elbow.crepitus",)


def test_prorated_total_is_separate_from_the_total():
    joints = hjhs_joints(1)
    joints["left_knee"]["strength"] = NE
    result = score_hjhs(joints, 1)
    assert result.total == 48
    assert result.prorated_total() == pytest.approx(48 * 124 / 120)


def test_prorated_total_is_none_when_nothing_was_evaluable():
    assert score_hjhs(hjhs_joints("NE"), "NE").prorated_total() is None


@pytest.mark.parametrize(
    ("item", "value", "message"),
    [
        ("swelling", 4, "4 is outside 0-3"),
        ("swelling_duration", 2, "2 is outside 0-1"),
        ("strength", -1, "-1 is outside 0-4"),
        ("joint_pain", True, 'true is not an integer 0-2 or "NE"'),
        ("crepitus", 1.0, '1.0 is not an integer 0-2 or "NE"'),
        ("crepitus", "1", '"1" is not an integer 0-2 or "NE"'),
        ("crepitus", None, 'null is not an integer 0-2 or "NE"'),
        ("crepitus", "ne", '"ne" is not an integer 0-2 or "NE"'),
    ],
)
def test_bad_item_value_is_rejected_with_its_path(item, value, message):
    joints = hjhs_joints(0)
    joints["left_knee"][item] = value
    with pytest.raises(ScoreInputError) as caught:
        score_hjhs(joints, 0)
    assert caught.value.path == f"joints.left_knee.{item}"
    assert caught.value.message == message
    assert str(caught.value) == f"joints.left_knee.{item}: {message}"


def test_missing_item_is_an_error_not_ne():
    joints = hjhs_joints(0)
    del joints["right_ankle"]["swelling"]
    with pytest.raises(ScoreInputError, match=r"^joints\.right_ankle\.swelling: missing"):
        score_hjhs(joints, 0)


def test_missing_joint_is_an_error():
    joints = hjhs_joints(0)
    del joints["left_elbow"]
    with pytest.raises(ScoreInputError) as caught:
        score_hjhs(joints, 0)
    assert caught.value.path == "joints.left_elbow"


def test_unknown_joint_and_item_are_named():
    joints = hjhs_joints(0)
    joints["left_hip"] = joints["left_knee"]
    with pytest.raises(ScoreInputError) as caught:
        score_hjhs(joints, 0)
    assert caught.value.path == "joints.left_hip"
    assert "allowed: left_elbow" in caught.value.message
    joints = hjhs_joints(0)
    joints["left_knee"]["effusion"] = 1
    with pytest.raises(ScoreInputError) as caught:
        score_hjhs(joints, 0)
    assert caught.value.path == "joints.left_knee.effusion"


@pytest.mark.parametrize(("gait", "message"), [(5, "5 is outside 0-4"), (False, "false")])
def test_bad_gait_is_rejected(gait, message):
    with pytest.raises(ScoreInputError) as caught:
        score_hjhs(hjhs_joints(0), gait)
    assert caught.value.path == "gait"
    assert caught.value.message.startswith(message)


def test_record_requires_joints_and_gait_and_nothing_else():
    record = hjhs_record(0)
    del record["gait"]
    with pytest.raises(ScoreInputError, match=r"^gait: missing"):
        score_hjhs_record(record)
    with pytest.raises(ScoreInputError, match=r"^note: unknown key"):
        score_hjhs_record({**hjhs_record(0), "note": "x"})
    with pytest.raises(ScoreInputError, match="is not an object"):
        score_hjhs_record([1])


def test_items_table_is_what_other_layers_build_forms_from():
    assert JOINTS == (
        "left_elbow",
        "right_elbow",
        "left_knee",
        "right_knee",
        "left_ankle",
        "right_ankle",
    )
    assert dict(ITEMS) == {
        "swelling": 3,
        "swelling_duration": 1,
        "muscle_atrophy": 2,
        "crepitus": 2,
        "flexion_loss": 3,
        "extension_loss": 3,
        "joint_pain": 2,
        "strength": 4,
    }
