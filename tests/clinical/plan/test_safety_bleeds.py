"""Bleeds pause exercises, psoas bleeds block the legs, joints return by criteria."""

from __future__ import annotations

import pytest

from hemorehab.clinical.plan import (
    DraftInput,
    PlanInputError,
    block_for_psoas,
    derive_problems,
    draft_plan,
    next_phase,
    pause_for_bleed,
)
from hemorehab.clinical.plan.return_phases import PhaseObservation
from tests.clinical.plan.builders import AS_OF, findings, joint_bleed, psoas_bleed

BOTH_KNEES = findings({"left_knee": {"flexion_loss": 1}, "right_knee": {"flexion_loss": 1}}, gait=1)


def _knee_plan(**extra: object):
    return draft_plan(DraftInput(derive_problems(BOTH_KNEES), 10, "A", **extra))  # type: ignore[arg-type]


def test_left_knee_bleed_pauses_every_exercise_loading_the_left_knee() -> None:
    items = _knee_plan().items()
    pause = pause_for_bleed(items, joint_bleed("left_knee", 2))
    loading = {(i.exercise_id, i.side) for i in items if "left_knee" in i.loaded_joints}
    assert {(p.exercise_id, p.side) for p in pause.paused} == loading
    assert ("knee_heel_slide", "left") in loading
    assert ("warm_up_marching", None) in loading


def test_left_knee_bleed_leaves_right_knee_only_exercises_running() -> None:
    pause = pause_for_bleed(_knee_plan().items(), joint_bleed("left_knee", 2))
    assert ("knee_heel_slide", "right") not in {(p.exercise_id, p.side) for p in pause.paused}
    assert all("left_knee" in p.loaded_joints for p in pause.paused)


def test_bleed_notifies_hematologist_and_therapist_with_the_reason() -> None:
    pause = pause_for_bleed(_knee_plan().items(), joint_bleed("left_knee", 2))
    assert [n.role for n in pause.notifications] == ["hematologist", "therapist"]
    note = pause.notifications[0].explanation
    assert note.rule == "NOTIFY-BLEED"
    assert note.params["joint"] == "left_knee"
    assert pause.phase == 1
    assert pause.explanation.params["count"] == len(pause.paused)


def test_a_muscle_bleed_is_not_a_joint_pause() -> None:
    with pytest.raises(PlanInputError):
        pause_for_bleed(_knee_plan().items(), psoas_bleed())


def test_draft_within_72_hours_of_a_knee_bleed_excludes_its_loading_and_suggests_crutches() -> None:
    draft = _knee_plan(bleeds=(joint_bleed("left_knee", 30),), as_of=AS_OF)
    assert not any("left_knee" in i.loaded_joints for i in draft.items())
    slide = next(
        e for e in draft.excluded if (e.exercise_id, e.side) == ("knee_heel_slide", "left")
    )
    assert slide.rules == ("CI-BLEED",)
    assert (slide.reasons[0].params["hours"], slide.reasons[0].params["window_h"]) == (30.0, 72.0)
    assert [(d.kind, d.joint) for d in draft.devices if d.kind == "crutches"] == [
        ("crutches", "left_knee")
    ]


def test_bleed_older_than_the_pause_window_no_longer_excludes() -> None:
    draft = _knee_plan(bleeds=(joint_bleed("left_knee", 80),), as_of=AS_OF)
    assert ("knee_heel_slide", "left") in {(i.exercise_id, i.side) for i in draft.items()}


def test_draft_with_bleeds_needs_a_reference_time() -> None:
    with pytest.raises(PlanInputError) as error:
        _knee_plan(bleeds=(joint_bleed("left_knee", 30),))
    assert error.value.path == "as_of"


def test_uncleared_psoas_bleed_blocks_all_lower_limb_loading_in_the_draft() -> None:
    draft = _knee_plan(bleeds=(psoas_bleed(),), as_of=AS_OF)
    legs = {"left_knee", "right_knee", "left_ankle", "right_ankle"}
    assert not any(legs & set(i.loaded_joints) for i in draft.items())
    assert any("CI-PSOAS" in e.rules for e in draft.excluded)
    assert ("cool_down_breathing", None) in {(i.exercise_id, i.side) for i in draft.items()}
    assert ("crutches", None) in {(d.kind, d.joint) for d in draft.devices}


def test_psoas_bleed_cleared_by_a_physician_allows_lower_limb_work_again() -> None:
    draft = _knee_plan(bleeds=(psoas_bleed(),), as_of=AS_OF, psoas_cleared=True)
    assert ("knee_heel_slide", "left") in {(i.exercise_id, i.side) for i in draft.items()}


def test_block_for_psoas_pauses_every_leg_exercise_until_cleared() -> None:
    items = _knee_plan().items()
    blocked = block_for_psoas(items, psoas_bleed(), cleared=False)
    legs = {"left_knee", "right_knee", "left_ankle", "right_ankle"}
    expected = {(i.exercise_id, i.side) for i in items if legs & set(i.loaded_joints)}
    assert {(p.exercise_id, p.side) for p in blocked.paused} == expected
    assert [n.role for n in blocked.notifications] == ["hematologist", "therapist"]
    assert block_for_psoas(items, psoas_bleed(), cleared=True).paused == ()


# graded return ----------------------------------------------------------------------------

CLEAR = PhaseObservation(
    pain_at_rest=False,
    pain_on_motion=False,
    swelling=0,
    rom_deg=128,
    baseline_rom_deg=130,
    strength_at_baseline=True,
    function_normal=True,
)


def test_phase_one_advances_when_pain_at_rest_has_settled() -> None:
    decision = next_phase(1, PhaseObservation(pain_at_rest=False))
    assert (decision.phase, decision.name) == (2, "isometric_and_pain_free_motion")
    assert decision.explanation.rule == "PHASE-ADVANCE"


def test_phase_one_holds_while_there_is_pain_at_rest() -> None:
    decision = next_phase(1, PhaseObservation(pain_at_rest=True))
    assert decision.phase == 1
    assert decision.explanation.params["unmet"] == "no_pain_at_rest"


def test_phase_two_holds_until_swelling_resolves_and_motion_is_back() -> None:
    swollen = PhaseObservation(
        pain_at_rest=False, pain_on_motion=False, swelling=1, rom_deg=110, baseline_rom_deg=130
    )
    decision = next_phase(2, swollen)
    assert decision.phase == 2
    assert decision.explanation.params["unmet"] == "swelling_resolved, rom_at_baseline"
    assert decision.explanation.params["rom_deg"] == 110


def test_rom_within_the_tolerance_counts_as_back_to_baseline() -> None:
    assert next_phase(2, CLEAR).phase == 3
    stiff = PhaseObservation(
        pain_at_rest=False, pain_on_motion=False, swelling=0, rom_deg=124, baseline_rom_deg=130
    )
    assert next_phase(2, stiff).phase == 2


def test_phase_three_needs_strength_back_and_phase_four_normal_function() -> None:
    weak = PhaseObservation(
        pain_at_rest=False, pain_on_motion=False, swelling=0, rom_deg=130, baseline_rom_deg=130
    )
    assert next_phase(3, weak).phase == 3
    assert next_phase(3, CLEAR).phase == 4
    final = next_phase(4, CLEAR)
    assert (final.phase, final.cleared, final.explanation.rule) == (4, True, "PHASE-CLEARED")


def test_unobserved_criteria_are_not_met() -> None:
    decision = next_phase(2, PhaseObservation(pain_at_rest=False))
    assert decision.phase == 2
    assert "no_pain_on_motion" in decision.explanation.params["unmet"]


def test_a_new_bleed_restarts_the_return_at_phase_one() -> None:
    decision = next_phase(3, PhaseObservation(pain_at_rest=False, new_bleed=True))
    assert (decision.phase, decision.explanation.rule) == (1, "PHASE-RESTART")


def test_phase_outside_one_to_four_is_refused() -> None:
    with pytest.raises(PlanInputError):
        next_phase(5, CLEAR)


def test_a_joint_in_return_phase_two_gets_only_isometrics_and_pain_free_motion() -> None:
    draft = _knee_plan(return_phases={"left_knee": 2})
    left = [i for i in draft.items() if "left_knee" in i.loaded_joints]
    assert left and {i.category for i in left} <= {"isometric", "active_rom", "active_assisted_rom"}
    assert any("CI-RETURN-PHASE" in e.rules for e in draft.excluded)
