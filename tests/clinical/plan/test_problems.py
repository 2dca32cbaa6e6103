"""Problem list from HJHS 2.1 and ultrasound findings."""

from __future__ import annotations

import pytest

from hemorehab.clinical.errors import ScoreInputError
from hemorehab.clinical.plan import ProblemThresholds, derive_problems
from hemorehab.clinical.plan.settings import HJHS_PROBLEM_ITEMS
from tests.clinical.plan.builders import findings, us_joint


def test_healthy_joints_make_no_problems() -> None:
    problems = derive_problems(findings())
    assert problems.problems == ()
    assert problems.not_assessed == ()


@pytest.mark.parametrize(("item", "problem"), sorted(HJHS_PROBLEM_ITEMS.items()))
def test_each_hjhs_item_at_one_makes_its_problem_citing_the_value(item: str, problem: str) -> None:
    result = derive_problems(findings({"right_knee": {item: 1}}))
    assert [p.key for p in result.problems] == [f"right_knee.{problem}"]
    evidence = result.problems[0].evidence[0].as_dict()
    assert evidence == {"source": "hjhs", "joint": "right_knee", "item": item, "value": 1}
    assert result.problems[0].explanations[0].rule == "PROB-HJHS"


def test_swelling_duration_alone_makes_no_problem() -> None:
    found = derive_problems(findings({"left_knee": {"swelling": 1, "swelling_duration": 1}}))
    assert [p.key for p in found.problems] == ["left_knee.swelling"]
    assert found.problems[0].severity == 1


def test_gait_makes_a_global_problem_listed_last() -> None:
    result = derive_problems(findings({"left_elbow": {"crepitus": 1}}, gait=3))
    assert [p.key for p in result.problems] == ["left_elbow.crepitus", "gait"]
    assert result.problems[1].joint is None
    assert result.problems[1].severity == 3


def test_not_evaluable_items_make_no_problem_but_are_listed_as_not_assessed() -> None:
    result = derive_problems(findings({"left_ankle": {"strength": "NE", "swelling": 2}}, gait="NE"))
    assert [p.key for p in result.problems] == ["left_ankle.swelling"]
    assert [(n.joint, n.item) for n in result.not_assessed] == [
        ("left_ankle", "strength"),
        (None, "gait"),
    ]
    assert result.not_assessed[0].explanation.rule == "PROB-NE"


def test_ultrasound_synovial_items_make_one_synovitis_problem_with_all_evidence() -> None:
    scan = {"left_ankle": us_joint(synovial_hyperplasia=2, synovial_vascularity=1)}
    result = derive_problems(findings(ultrasound=scan))
    (synovitis,) = result.problems
    assert synovitis.key == "left_ankle.synovitis"
    assert [(e.item, e.value) for e in synovitis.evidence] == [
        ("synovial_hyperplasia", 2),
        ("synovial_vascularity", 1),
    ]
    assert synovitis.evidence[0].source == "head-us-c"


def test_ultrasound_damage_items_make_cartilage_and_bone_problems() -> None:
    scan = {"right_ankle": us_joint(cartilage=3, bone=2)}
    result = derive_problems(findings(ultrasound=scan))
    assert [(p.key, p.severity) for p in result.problems] == [
        ("right_ankle.cartilage_damage", 3),
        ("right_ankle.bone_damage", 2),
    ]


def test_hemosiderin_alone_is_not_synovitis() -> None:
    assert (
        derive_problems(findings(ultrasound={"left_knee": us_joint(hemosiderin=1)})).problems == ()
    )


def test_thresholds_are_configurable() -> None:
    strict = ProblemThresholds(hjhs={item: 2 for item in HJHS_PROBLEM_ITEMS}, gait=2)
    found = findings({"left_knee": {"swelling": 1, "joint_pain": 2}}, gait=1)
    assert [p.key for p in derive_problems(found, strict).problems] == ["left_knee.pain"]


def test_out_of_range_item_fails_with_the_calculators_named_error() -> None:
    with pytest.raises(ScoreInputError) as error:
        derive_problems(findings({"left_knee": {"swelling": 4}}))
    assert error.value.path == "joints.left_knee.swelling"


def test_out_of_range_ultrasound_item_fails_with_its_path() -> None:
    with pytest.raises(ScoreInputError) as error:
        derive_problems(findings(ultrasound={"left_knee": us_joint(synovial_hyperplasia=3)}))
    assert error.value.path == "joints.left_knee.synovial_hyperplasia"
