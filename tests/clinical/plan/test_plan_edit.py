"""A therapist's edit that adds a forbidden exercise is refused with the rule named."""

from __future__ import annotations

import pytest

from hemorehab.clinical.plan import (
    ClinicalJudgements,
    ContraindicatedExerciseError,
    PlanEditItem,
    PlanInputError,
    PlanSettings,
    UnknownExerciseError,
    context_for,
    validate_edited_plan,
)
from tests.clinical.plan.builders import AS_OF, archetype_a, archetype_b, joint_bleed, psoas_bleed

SETTINGS = PlanSettings()


def test_adding_a_proprioceptive_ankle_exercise_during_synovitis_is_refused_naming_the_rule() -> (
    None
):
    context = context_for(archetype_a(), SETTINGS)
    edit = [PlanEditItem("ankle_pumps", "left"), PlanEditItem("ankle_tandem_stance")]
    with pytest.raises(ContraindicatedExerciseError) as error:
        validate_edited_plan(edit, context)
    refused = error.value
    assert (refused.rule, refused.exercise_id, refused.path) == (
        "CI-SYNOVITIS",
        "ankle_tandem_stance",
        "[1]",
    )
    assert refused.explanation is not None
    assert refused.explanation.params["site"] == "left_ankle"
    assert "ankle_tandem_stance" in str(refused) and "CI-SYNOVITIS" in str(refused)
    assert refused.explanation is not None
    assert refused.explanation.params["value"] == 2


def test_the_refusal_lists_every_rule_that_forbids_the_exercise() -> None:
    context = context_for(archetype_a(), SETTINGS)
    with pytest.raises(ContraindicatedExerciseError, match="CI-SYNOVITIS, CI-SWELLING"):
        validate_edited_plan([PlanEditItem("ankle_cushion_balance")], context)


def test_an_allowed_edit_is_returned_unchanged() -> None:
    context = context_for(archetype_a(), SETTINGS)
    edit = (PlanEditItem("ankle_pumps", "left"), PlanEditItem("ankle_isometric_four_way", "right"))
    assert validate_edited_plan(edit, context) == edit


def test_proprioceptive_work_on_the_healthy_side_only_is_allowed() -> None:
    context = context_for(archetype_b(), SETTINGS)
    assert validate_edited_plan([PlanEditItem("knee_single_leg_stance", "left")], context)


def test_an_exercise_above_the_childs_age_is_refused() -> None:
    context = context_for(archetype_a(), SETTINGS)
    with pytest.raises(ContraindicatedExerciseError) as error:
        validate_edited_plan([PlanEditItem("knee_sandbag_extension", "right")], context)
    assert error.value.rule == "CI-MIN-AGE"


def test_stretching_a_joint_with_a_hard_end_feel_is_refused() -> None:
    hard = ClinicalJudgements(end_feel={"right_knee": {"extension": "hard", "flexion": "soft"}})
    context = context_for(archetype_b(judgements=hard), SETTINGS)
    with pytest.raises(ContraindicatedExerciseError) as error:
        validate_edited_plan([PlanEditItem("knee_parent_extension_stretch", "right")], context)
    assert error.value.rule == "CI-HARD-END-FEEL"
    assert error.value.explanation.params["direction"] == "extension"
    assert validate_edited_plan([PlanEditItem("knee_quad_set", "right")], context)
    # the flexion stretch has a soft end-feel recorded: allowed; traction never is
    assert validate_edited_plan([PlanEditItem("knee_parent_flexion_stretch", "right")], context)
    with pytest.raises(ContraindicatedExerciseError, match="CI-HARD-END-FEEL"):
        validate_edited_plan([PlanEditItem("knee_gentle_traction", "right")], context)


def test_loading_a_recently_bled_joint_is_refused() -> None:
    data = archetype_b(bleeds=(joint_bleed("right_knee", 5),), as_of=AS_OF)
    with pytest.raises(ContraindicatedExerciseError) as error:
        validate_edited_plan([PlanEditItem("knee_quad_set", "right")], context_for(data, SETTINGS))
    assert error.value.rule == "CI-BLEED-PHASE"


def test_leg_exercise_during_an_uncleared_psoas_bleed_is_refused() -> None:
    data = archetype_b(bleeds=(psoas_bleed(side="left"),), as_of=AS_OF)
    with pytest.raises(ContraindicatedExerciseError) as error:
        validate_edited_plan([PlanEditItem("ankle_pumps", "left")], context_for(data, SETTINGS))
    assert error.value.rule == "CI-PSOAS"
    assert validate_edited_plan([PlanEditItem("ankle_pumps", "right")], context_for(data, SETTINGS))
    assert validate_edited_plan(
        [PlanEditItem("elbow_active_flex_ext", "left")], context_for(data, SETTINGS)
    )


def test_unknown_exercise_is_a_named_error() -> None:
    context = context_for(archetype_b(), SETTINGS)
    with pytest.raises(UnknownExerciseError) as error:
        validate_edited_plan([PlanEditItem("moon_walk")], context)
    assert error.value.path == "[0].exercise_id"


def test_a_side_on_a_two_sided_exercise_is_refused() -> None:
    context = context_for(archetype_b(), SETTINGS)
    with pytest.raises(PlanInputError) as error:
        validate_edited_plan([PlanEditItem("knee_mini_squat", "left")], context)
    assert error.value.path == "[0].side"
