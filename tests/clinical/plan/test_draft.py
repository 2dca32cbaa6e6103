"""General properties of a drafted plan."""

from __future__ import annotations

import dataclasses
import string

import pytest

from hemorehab.clinical.exercises.vocabulary import HJHS_JOINTS
from hemorehab.clinical.plan import (
    RULES,
    DraftInput,
    PlanInputError,
    WeekReport,
    derive_problems,
    draft_plan,
)
from tests.clinical.plan.builders import archetype_a, archetype_b, archetype_c, findings

ARCHETYPES = (archetype_a, archetype_b, archetype_c)


@pytest.mark.parametrize("archetype", ARCHETYPES)
def test_session_minutes_add_up_to_sixty_and_forty_five(archetype) -> None:
    draft = draft_plan(archetype())
    hospital, home = draft.hospital_session, draft.home_program.session
    for session, total in ((hospital, 60), (home, 45)):
        assert session.minutes == total
        assert sum(b.minutes for b in session.blocks) + session.unfilled_minutes == total
        for block in session.blocks:
            assert block.minutes == sum(i.minutes for i in block.items)
    warm, _main, cool = hospital.blocks
    assert warm.minutes <= 10 and cool.minutes <= 10


@pytest.mark.parametrize("archetype", ARCHETYPES)
def test_same_input_gives_the_same_draft(archetype) -> None:
    assert draft_plan(archetype()) == draft_plan(archetype())


@pytest.mark.parametrize("archetype", ARCHETYPES)
def test_every_decision_carries_an_explanation_with_a_known_rule(archetype) -> None:
    draft = draft_plan(archetype())
    explanations = [r for i in draft.items() for r in i.reasons]
    explanations += [r for e in draft.excluded for r in e.reasons]
    explanations += [g.explanation for g in draft.goals] + [s.explanation for s in draft.devices]
    explanations += [s.explanation for s in draft.education] + list(draft.warnings)
    assert explanations
    for why in explanations:
        assert why.rule in RULES
        assert why.text and why.message_key.startswith("plan.")
    assert all(i.reasons for i in draft.items())


def test_every_problem_gets_a_short_and_a_long_term_goal() -> None:
    draft = draft_plan(archetype_a())
    assert [(g.problem, g.horizon, g.weeks, g.target) for g in draft.goals] == [
        ("left_ankle.swelling", "short", 4, 1),
        ("left_ankle.swelling", "long", 12, 0),
        ("left_ankle.synovitis", "short", 4, 2),
        ("left_ankle.synovitis", "long", 12, 1),
        ("left_ankle.weakness", "short", 4, 1),
        ("left_ankle.weakness", "long", 12, 0),
        ("gait", "short", 4, 1),
        ("gait", "long", 12, 0),
    ]
    assert HJHS_JOINTS[4] == "left_ankle"
    assert draft.goals[0].explanation.message_key == "plan.goal.short.reduce"


def test_damage_goals_protect_the_joint_instead_of_promising_a_lower_score() -> None:
    from tests.clinical.plan.builders import us_joint

    found = findings(ultrasound={"right_ankle": us_joint(cartilage=3)})
    draft = draft_plan(DraftInput(derive_problems(found), 12, "A"))
    assert {(g.target, g.explanation.message_key) for g in draft.goals} == {
        (None, "plan.goal.short.protect"),
        (None, "plan.goal.long.protect"),
    }


def test_the_draft_always_needs_a_therapists_approval() -> None:
    draft = draft_plan(archetype_b())
    assert draft.status == "draft" and draft.requires_approval


def test_a_later_week_scales_the_home_dose() -> None:
    clean = WeekReport(False, False, 5, 5)
    draft = draft_plan(archetype_b(history=(clean, clean)))
    assert (draft.week.week, draft.week.fraction, draft.week.level_step) == (3, 0.5, 1)
    quad = next(i for i in draft.home_program.session.items if i.exercise_id == "knee_quad_set")
    # hospital level 2 is 3 x 10 with an 8 s hold; half of its 30 repetitions at home: 2 x 8
    assert (quad.dosage.level, quad.dosage.sets, quad.dosage.reps) == (2, 2, 8)
    assert (quad.dosage.hold_s, quad.dosage.fraction) == (8, 0.5)


@pytest.mark.parametrize(("field", "value"), [("hemophilia_type", "C"), ("age", -1)])
def test_invalid_draft_input_is_a_named_error(field: str, value: object) -> None:
    data = dataclasses.replace(archetype_b(), **{field: value})
    with pytest.raises(PlanInputError) as error:
        draft_plan(data)
    assert error.value.path == field


@pytest.mark.parametrize("rule", sorted(RULES))
def test_every_rule_template_fills_and_cites_a_source(rule: str) -> None:
    entry = RULES[rule]
    names = [name for _, name, _, _ in string.Formatter().parse(entry.template) if name]
    entry.template.format(**dict.fromkeys(names, 1))
    assert entry.source and entry.message_key.startswith("plan.")


def test_hospital_only_exercises_stay_out_of_the_home_program_with_the_reason() -> None:
    from hemorehab.clinical.exercises import parse_library
    from tests.clinical.plan.test_library import _raw

    data = _raw()
    data["exercises"] = [
        e for e in data["exercises"] if e["id"] not in ("gait_heel_toe_walking", "gait_stairs")
    ]
    library = parse_library(data)
    draft = draft_plan(DraftInput(derive_problems(findings(gait=1)), 12, "A"), library=library)
    assert "gait_treadmill_slow" in {i.exercise_id for i in draft.hospital_session.items}
    assert "gait_treadmill_slow" not in {i.exercise_id for i in draft.home_program.session.items}
    assert [h.params["exercise"] for h in draft.home_program.hospital_only] == [
        "gait_treadmill_slow"
    ]


def test_each_step_of_home_intensity_gives_a_different_dose_unless_the_floor_holds_it() -> None:
    """Review M3: only repetitions were scaled, and a floor of 5 made weeks 1-3 identical (2 x 10
    at 25%, 37.5% and 50% all gave 2 x 5). Now the volume (sets x repetitions) is scaled: a
    step gives a larger dose whenever its share is above the smallest home set."""
    from hemorehab.clinical.exercises import builtin_library
    from hemorehab.clinical.plan import PlanSettings
    from hemorehab.clinical.plan.sessions import UNSCALED, dosage

    settings = PlanSettings()
    steps = (0.25, 0.375, 0.5, 0.625, 0.75)
    checked = 0
    for exercise in builtin_library().exercises:
        if exercise.category in UNSCALED:
            continue
        for level in exercise.levels:
            if level.minutes is not None or level.reps is None:
                continue
            doses = [dosage(exercise, level, share, settings) for share in steps]
            volumes = [d.sets * d.reps for d in doses]
            hospital = level.sets * level.reps
            assert volumes == sorted(volumes), exercise.id
            assert all(v >= share * hospital for v, share in zip(volumes, steps, strict=True))
            assert all(d.reps <= level.reps and d.sets <= level.sets for d in doses)
            assert volumes[-1] <= hospital
            if hospital >= 16 and level.reps >= 8:  # 2 x 8 and more: every step differs
                assert len(set(volumes)) == len(steps), (exercise.id, level.level, volumes)
            checked += 1
    assert checked > 100
