"""The three archetype children of the first brief: what their plans must and must not hold
(safety properties and the seed protocol's shape, not an exact exercise list)."""

from __future__ import annotations

from hemorehab.clinical.exercises import builtin_library
from hemorehab.clinical.plan import ClinicalJudgements, Prophylaxis, draft_plan
from tests.clinical.plan.builders import archetype_a, archetype_b, archetype_c

LIB = builtin_library()


def _modes_on(item, site: str) -> set[str]:
    exercise = LIB.get(item.exercise_id)
    assert exercise is not None
    return {mode for s, mode in exercise.site_loads(item.side) if s == site}


def _all(draft):
    return draft.hospital_session.items + draft.home_program.session.items


# a) age 6, left ankle synovitis 2, swelling 2, strength 2, gait 2 ------------------------


def test_young_child_gets_game_based_ankle_work_and_swelling_care() -> None:
    draft = draft_plan(archetype_a())
    items = draft.hospital_session.items
    assert all(item.game_based for item in items if LIB.get(item.exercise_id).game)
    left = [i for i in items if i.side == "left"]
    assert {"active_rom", "isometric", "swelling_management"} <= {i.category for i in left}
    assert any("left_ankle.swelling" in i.targets for i in left)


def test_no_resisted_closed_chain_balance_or_impact_work_loads_the_synovitic_ankle() -> None:
    draft = draft_plan(archetype_a())
    for item in _all(draft):
        assert not _modes_on(item, "left_ankle") & {"resist", "closed_chain", "balance", "impact"}
    squat = next(e for e in draft.excluded if e.exercise_id == "knee_mini_squat")
    assert {"CI-SYNOVITIS", "CI-SWELLING"} <= set(squat.rules)
    synovitis = next(r for r in squat.reasons if r.rule == "CI-SYNOVITIS")
    assert (synovitis.params["site"], synovitis.params["item"]) == (
        "left_ankle",
        "synovial_hyperplasia",
    )
    assert (synovitis.params["value"], synovitis.params["threshold"]) == (2, 1)


def test_home_program_starts_at_a_quarter_with_a_meaningful_dose() -> None:
    draft = draft_plan(archetype_a())
    home = draft.home_program
    assert home.intensity_fraction == 0.25
    assert (home.sessions_per_week, home.minutes_per_session, home.max_sessions_per_day) == (
        5,
        45,
        2,
    )
    pumps = next(i for i in home.session.items if i.exercise_id == "ankle_pumps")
    # a quarter of the hospital's 2 x 15 = 30 repetitions is 7.5: one set of 8
    assert (pumps.dosage.sets, pumps.dosage.reps) == (1, 8)
    assert pumps.dosage.fraction == 0.25
    assert home.explanations[1].params["percent"] == 25.0
    assert home.split is None  # age 6 is not school age (setting: 8+)


def test_young_child_with_weak_swollen_ankle_gets_orthosis_and_compression_suggestions() -> None:
    draft = draft_plan(archetype_a())
    kinds = {(s.kind, s.joint) for s in draft.devices}
    assert {("compression_sleeve", "left_ankle"), ("ankle_orthosis", "left_ankle")} <= kinds
    assert "supervised_play" in [s.kind for s in draft.education]


# b) age 14, right knee extension loss 2, flexion loss 1 ----------------------------------


def test_knee_contracture_gets_range_work_quadriceps_and_gait_but_no_forced_stretch_blind() -> None:
    draft = draft_plan(archetype_b())
    categories = {i.category for i in draft.hospital_session.items if i.side == "right"}
    assert {"active_rom", "isometric"} <= categories
    for item in _all(draft):
        modes = _modes_on(item, "right_knee")
        assert "traction" not in modes
        if modes & {"stretch", "assist"}:  # only toward flexion, whose loss (1) needs none
            assert LIB.get(item.exercise_id).directions["knee"] == ("flexion",)
    prone = next(e for e in draft.excluded if e.exercise_id == "knee_prone_lying_extension")
    assert prone.rules == ("CI-END-FEEL-MISSING",)
    assert (prone.reasons[0].params["item"], prone.reasons[0].params["value"]) == (
        "extension_loss",
        2,
    )


def test_a_recorded_soft_end_feel_lets_the_gentle_stretch_in() -> None:
    soft = ClinicalJudgements(end_feel={"right_knee": {"extension": "soft", "flexion": "firm"}})
    draft = draft_plan(archetype_b(judgements=soft))
    stretched = [i for i in draft.hospital_session.items if "stretch" in i.flags]
    assert any(_modes_on(i, "right_knee") == {"stretch"} for i in stretched)


def test_adolescent_gets_no_game_variants_and_a_school_day_split() -> None:
    draft = draft_plan(archetype_b())
    assert not any(item.game_based for item in _all(draft))
    split = draft.home_program.split
    assert split is not None
    assert [block.minutes for block in split.blocks] == [15, 15, 15]
    for part in split.blocks:
        assert sum(b.minutes for b in part.blocks) + part.unfilled_minutes == 15
    home_main = sorted(
        i.exercise_id
        for b in draft.home_program.session.blocks
        if b.kind == "main"
        for i in b.items
    )
    split_main = sorted(
        i.exercise_id for s in split.blocks for b in s.blocks if b.kind == "main" for i in b.items
    )
    assert split_main == home_main
    assert "school_schedule" in [s.kind for s in draft.education]


def test_knee_extension_loss_suggests_a_resting_splint_for_the_team() -> None:
    draft = draft_plan(archetype_b())
    assert ("extension_splint", "right_knee") in {(s.kind, s.joint) for s in draft.devices}


# c) age 9, both elbows swelling 1, flexion loss 1, strength 1 ----------------------------


def test_bilateral_elbows_get_exercises_on_both_sides_and_no_resistance() -> None:
    draft = draft_plan(archetype_c())
    sides = {(i.exercise_id, i.side) for i in draft.hospital_session.items}
    for exercise_id in ("elbow_isometric_flexion", "elbow_active_flex_ext"):
        assert {(exercise_id, "left"), (exercise_id, "right")} <= sides
    # one cold application a session: the other elbow is cooled in the same one, if asked
    assert [i.side for i in draft.hospital_session.items if "cold" in i.flags] == ["left"]
    (once,) = [w for w in draft.hospital_session.left_out if w.rule == "SEL-COLD-ONCE"]
    assert once.params["site"] == "right_elbow"
    for item in _all(draft):
        for elbow in ("left_elbow", "right_elbow"):
            assert not _modes_on(item, elbow) & {"resist", "closed_chain", "balance", "impact"}
    rules = {rule for excluded in draft.excluded for rule in excluded.rules}
    assert rules == {"CI-SWELLING"}


def test_bilateral_elbow_session_is_capped_and_the_rest_deferred_not_dropped() -> None:
    draft = draft_plan(archetype_c())
    main = next(b for b in draft.hospital_session.blocks if b.kind == "main")
    assert len(main.items) <= 12
    placed = {(i.exercise_id, i.side) for i in draft.hospital_session.items}
    for item in draft.deferred:
        assert (item.exercise_id, item.side) not in placed
        assert item.reasons[-1].rule == "SEL-CAPACITY"


def test_hemophilia_b_twice_weekly_prophylaxis_warns_that_five_sessions_do_not_fit() -> None:
    draft = draft_plan(archetype_c(prophylaxis=Prophylaxis(2, (0, 3), 8.0, 40.0)))
    fit = next(w for w in draft.warnings if w.rule == "HOME-INFUSION-FIT")
    assert (fit.params["infusions"], fit.params["fit"]) == (2, 3)
    off_days = [s for s in draft.schedule.sessions if not s.infusion_day]
    assert len(off_days) == 2
    assert all(s.kind == "home" for s in off_days)
