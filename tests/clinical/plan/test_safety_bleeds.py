"""Bleeds restrict their site, psoas bleeds block the leg, sites return by criteria, and the
pause of an approved plan uses the same rule function as the draft."""

from __future__ import annotations

import pytest

from hemorehab.clinical.plan import (
    DraftInput,
    PlanEditItem,
    PlanInputError,
    PlanSettings,
    context_for,
    derive_problems,
    draft_plan,
    next_phase,
    pause_plan,
)
from hemorehab.clinical.plan.return_phases import PhaseObservation
from tests.clinical.plan.builders import AS_OF, findings, joint_bleed, psoas_bleed

BOTH_KNEES = findings({"left_knee": {"flexion_loss": 1}, "right_knee": {"flexion_loss": 1}}, gait=1)
SETTINGS = PlanSettings()


def _knees(**extra: object) -> DraftInput:
    return DraftInput(derive_problems(BOTH_KNEES), 10, "A", **extra)  # type: ignore[arg-type]


def _keys(items) -> set[tuple[str, str | None]]:
    return {(i.exercise_id, i.side) for i in items}


def _paused_after(**extra: object) -> set[tuple[str, str | None]]:
    items = draft_plan(_knees()).items()
    edits = [PlanEditItem(i.exercise_id, i.side) for i in items]
    return _keys(pause_plan(edits, context_for(_knees(**extra), SETTINGS)))


def test_a_left_knee_bleed_pauses_every_planned_exercise_that_loads_the_left_knee() -> None:
    items = draft_plan(_knees()).items()
    loading = _keys(i for i in items if "left_knee" in i.loads)
    paused = _paused_after(bleeds=(joint_bleed("left_knee", 2),), as_of=AS_OF)
    assert loading <= paused
    assert ("knee_heel_slide", "left") in paused


def test_a_knee_bleed_keeps_weight_off_the_whole_leg_but_not_the_other_arm() -> None:
    paused = _paused_after(bleeds=(joint_bleed("left_knee", 2),), as_of=AS_OF)
    assert ("knee_heel_slide", "right") not in paused
    items = draft_plan(_knees()).items()
    standing = _keys(
        i
        for i in items
        if "weight_bearing" in i.flags and {"left_ankle", "left_hip"} & set(i.loads)
    )
    assert standing <= paused


def test_the_pause_and_the_draft_agree() -> None:
    data = _knees(bleeds=(joint_bleed("left_knee", 30),), as_of=AS_OF)
    draft = draft_plan(data)
    ctx = context_for(data, SETTINGS)
    assert pause_plan([PlanEditItem(i.exercise_id, i.side) for i in draft.items()], ctx) == ()
    excluded = [PlanEditItem(e.exercise_id, e.side) for e in draft.excluded]
    assert _keys(pause_plan(excluded, ctx)) == _keys(excluded)


def test_a_knee_bleed_opens_phase_one_with_rest_cold_and_crutches() -> None:
    draft = draft_plan(_knees(bleeds=(joint_bleed("left_knee", 30),), as_of=AS_OF))
    assert [(r.site, r.phase) for r in draft.restrictions] == [("left_knee", 1)]
    assert not any("left_knee" in i.loads for i in draft.items())
    cared = {i.exercise_id for i in draft.items() if i.side == "left"}
    assert "knee_elevation_cold" in cared
    assert ("crutches", "left_knee") in {(d.kind, d.joint) for d in draft.devices}
    slide = next(
        e for e in draft.excluded if (e.exercise_id, e.side) == ("knee_heel_slide", "left")
    )
    assert "CI-BLEED-PHASE" in slide.rules
    assert slide.reasons[0].params["phase"] == 1
    assert ("knee_heel_slide", "left") in _keys(draft.paused)


def test_a_bleed_entered_as_old_history_restricts_nothing() -> None:
    draft = draft_plan(_knees(bleeds=(joint_bleed("left_knee", 24 * 60),), as_of=AS_OF))
    assert draft.restrictions == ()
    assert ("knee_heel_slide", "left") in _keys(draft.items())


def test_a_site_whose_return_was_completed_is_not_reopened_by_the_same_bleed() -> None:
    bleed = joint_bleed("left_knee", 24 * 10)
    cleared = _knees(bleeds=(bleed,), as_of=AS_OF, cleared_at={"left_knee": AS_OF})
    assert draft_plan(cleared).restrictions == ()


def test_draft_with_bleeds_needs_a_reference_time() -> None:
    with pytest.raises(PlanInputError) as error:
        draft_plan(_knees(bleeds=(joint_bleed("left_knee", 30),)))
    assert error.value.path == "as_of"


def test_an_uncleared_psoas_bleed_blocks_that_leg_not_the_other() -> None:
    draft = draft_plan(_knees(bleeds=(psoas_bleed(side="left"),), as_of=AS_OF))
    left_leg = {"left_hip", "left_knee", "left_ankle", "left_iliopsoas", "left_calf"}
    assert not any(left_leg & set(i.loads) for i in draft.items())
    assert any("CI-PSOAS" in e.rules for e in draft.excluded)
    assert ("knee_heel_slide", "right") in _keys(draft.items())
    assert ("crutches", "left_iliopsoas") in {(d.kind, d.joint) for d in draft.devices}
    (restriction,) = draft.restrictions
    assert (restriction.site, restriction.awaiting_clearance) == ("left_iliopsoas", True)


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


def test_phase_one_advances_to_pain_free_isometrics_when_pain_at_rest_settles() -> None:
    decision = next_phase(1, PhaseObservation(pain_at_rest=False))
    assert (decision.phase, decision.name) == (2, "pain_free_isometrics")
    assert decision.explanation.rule == "PHASE-ADVANCE"


def test_phase_one_holds_while_there_is_pain_at_rest() -> None:
    decision = next_phase(1, PhaseObservation(pain_at_rest=True))
    assert decision.phase == 1
    assert decision.explanation.params["unmet"] == "no_pain_at_rest"


def test_phase_two_moves_to_pain_free_range_when_motion_is_pain_free() -> None:
    decision = next_phase(2, PhaseObservation(pain_at_rest=False, pain_on_motion=False))
    assert (decision.phase, decision.name) == (3, "pain_free_range")


def test_phase_three_holds_until_swelling_resolves_and_motion_is_back() -> None:
    swollen = PhaseObservation(
        pain_at_rest=False, pain_on_motion=False, swelling=1, rom_deg=110, baseline_rom_deg=130
    )
    decision = next_phase(3, swollen)
    assert decision.phase == 3
    assert decision.explanation.params["unmet"] == "swelling_resolved, rom_at_baseline"
    assert decision.explanation.params["rom_deg"] == 110


def test_rom_within_the_tolerance_counts_as_back_to_baseline() -> None:
    assert next_phase(3, CLEAR).phase == 4
    stiff = PhaseObservation(
        pain_at_rest=False, pain_on_motion=False, swelling=0, rom_deg=124, baseline_rom_deg=130
    )
    assert next_phase(3, stiff).phase == 3


def test_phase_four_clears_with_strength_and_normal_function() -> None:
    weak = PhaseObservation(
        pain_at_rest=False, pain_on_motion=False, swelling=0, rom_deg=130, baseline_rom_deg=130
    )
    assert next_phase(4, weak).cleared is False
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


@pytest.mark.parametrize(
    ("phase", "allowed"),
    [
        (2, {"isometric"}),
        (3, {"isometric", "move", "assist"}),
        (4, {"isometric", "move", "assist", "bear", "compress", "resist", "stretch", "traction"}),
    ],
)
def test_a_site_in_a_return_phase_is_loaded_only_in_that_phases_modes(
    phase: int, allowed: set[str]
) -> None:
    from hemorehab.clinical.exercises import builtin_library

    draft = draft_plan(_knees(return_phases={"left_knee": phase}))
    library = builtin_library()
    for item in draft.items():
        exercise = library.get(item.exercise_id)
        assert exercise is not None
        modes = {m for s, m in exercise.site_loads(item.side) if s == "left_knee"}
        assert modes <= allowed, item.exercise_id
