"""The three archetype children of the brief, pinned exactly."""

from __future__ import annotations

from hemorehab.clinical.exercises import builtin_library
from hemorehab.clinical.plan import draft_plan
from tests.clinical.plan.builders import archetype_a, archetype_b, archetype_c

LIB = builtin_library()


def _exercise(item_id: str):
    exercise = LIB.get(item_id)
    assert exercise is not None
    return exercise


def _main_ids(draft) -> list[tuple[str, str | None]]:
    main = next(b for b in draft.hospital_session.blocks if b.kind == "main")
    return [(item.exercise_id, item.side) for item in main.items]


# a) age 6, left ankle synovitis 2, swelling 2, strength 2, gait 2 ------------------------


def test_young_child_with_ankle_synovitis_gets_this_exact_hospital_session() -> None:
    draft = draft_plan(archetype_a())
    assert _main_ids(draft) == [
        ("ankle_elevation_cold", "left"),
        ("ankle_isometric_four_way", "left"),
        ("gait_heel_toe_walking", None),
        ("ankle_towel_scrunch", "left"),
        ("weight_shift_side_to_side", None),
        ("ankle_pumps", "left"),
        ("knee_mini_squat", None),
        ("posture_sitting", None),
        ("knee_crawl_tunnel", None),
    ]


def test_young_child_gets_game_based_ankle_rom_and_isometrics() -> None:
    draft = draft_plan(archetype_a())
    items = {(i.exercise_id, i.side): i for i in draft.hospital_session.items}
    assert all(item.game_based for item in items.values())
    rom = items[("ankle_pumps", "left")]
    assert rom.category == "active_rom"
    assert rom.instructions_en == _exercise("ankle_pumps").game.en  # type: ignore[union-attr]
    assert items[("ankle_isometric_four_way", "left")].category == "isometric"
    assert any(r.rule == "SEL-GAME" for r in rom.reasons)


def test_no_impact_or_proprioceptive_work_loads_the_synovitic_ankle() -> None:
    draft = draft_plan(archetype_a())
    for item in draft.hospital_session.items + draft.home_program.session.items:
        exercise = _exercise(item.exercise_id)
        if "left_ankle" in item.loaded_joints:
            assert not exercise.has("impact"), item.exercise_id
            assert not exercise.has("proprioceptive"), item.exercise_id


def test_proprioceptive_candidates_for_the_ankle_are_listed_as_excluded_with_numbers() -> None:
    draft = draft_plan(archetype_a())
    stance = next(e for e in draft.excluded if e.exercise_id == "knee_single_leg_stance")
    assert "left_ankle" in stance.loaded_joints
    assert stance.rules == ("CI-SYNOVITIS", "CI-SWELLING")
    synovitis = stance.reasons[0]
    assert synovitis.params["joint"] == "left_ankle"
    assert synovitis.params["item"] == "synovial_hyperplasia"
    assert synovitis.params["value"] == 2
    assert synovitis.params["threshold"] == 1


def test_ankle_swelling_is_managed() -> None:
    draft = draft_plan(archetype_a())
    swelling = [i for i in draft.hospital_session.items if i.category == "swelling_management"]
    assert [(i.exercise_id, i.side) for i in swelling] == [("ankle_elevation_cold", "left")]
    assert "left_ankle.swelling" in swelling[0].targets


def test_home_program_starts_at_a_quarter_of_the_hospital_level() -> None:
    draft = draft_plan(archetype_a())
    home = draft.home_program
    assert home.intensity_fraction == 0.25
    assert (home.sessions_per_week, home.minutes_per_session, home.max_sessions_per_day) == (
        5,
        45,
        2,
    )
    pumps = next(i for i in home.session.items if i.exercise_id == "ankle_pumps")
    assert pumps.dosage.reps == 4  # hospital level 1: 15 reps -> ceil(3.75)
    assert pumps.dosage.fraction == 0.25
    assert home.explanations[1].params["percent"] == 25.0
    assert home.split is None  # age 6 is not school age (setting: 8+)


def test_young_child_with_weak_swollen_ankle_gets_orthosis_and_compression_suggestions() -> None:
    draft = draft_plan(archetype_a())
    kinds = [(s.kind, s.joint) for s in draft.devices]
    assert kinds == [
        ("compression_sleeve", "left_ankle"),
        ("ankle_orthosis", "left_ankle"),
        ("supportive_footwear", None),
    ]
    assert "supervised_play" in [s.kind for s in draft.education]


# b) age 14, right knee extension loss 2, flexion loss 1 ----------------------------------


def test_adolescent_knee_contracture_gets_this_exact_hospital_session() -> None:
    draft = draft_plan(archetype_b())
    assert _main_ids(draft) == [
        ("knee_heel_slide", "right"),
        ("knee_prone_lying_extension", "right"),
        ("knee_towel_assisted_flexion", "right"),
        ("knee_quad_set", "right"),
        ("knee_parent_flexion_stretch", "right"),
        ("gait_heel_toe_walking", None),
    ]


def test_adolescent_gets_no_game_variants() -> None:
    draft = draft_plan(archetype_b())
    items = draft.hospital_session.items + draft.home_program.session.items
    assert not any(item.game_based for item in items)
    assert not any(r.rule == "SEL-GAME" for item in items for r in item.reasons)


def test_knee_contracture_plan_has_pain_free_rom_stretch_quadriceps_and_gait_work() -> None:
    draft = draft_plan(archetype_b())
    categories = {i.exercise_id: i.category for i in draft.hospital_session.items}
    assert categories["knee_heel_slide"] == "active_rom"
    assert categories["knee_prone_lying_extension"] == "parent_assisted_stretch"
    assert categories["knee_quad_set"] == "isometric"
    assert categories["gait_heel_toe_walking"] == "gait_training"
    stretch = _exercise("knee_prone_lying_extension")
    assert "hard_end_feel" in stretch.contraindications
    assert "never" in stretch.levels[0].note.en or "Stop" in stretch.levels[0].note.en


def test_adolescent_is_offered_a_school_day_split_of_three_fifteen_minute_blocks() -> None:
    draft = draft_plan(archetype_b())
    split = draft.home_program.split
    assert split is not None
    assert [block.minutes for block in split.blocks] == [15, 15, 15]
    assert split.explanation.rule == "HOME-SPLIT"
    home_main = [
        i.exercise_id
        for b in draft.home_program.session.blocks
        if b.kind == "main"
        for i in b.items
    ]
    split_main = [
        i.exercise_id for s in split.blocks for b in s.blocks if b.kind == "main" for i in b.items
    ]
    assert sorted(split_main) == sorted(home_main)
    assert "school_schedule" in [s.kind for s in draft.education]


def test_knee_extension_loss_suggests_a_resting_splint_for_the_team() -> None:
    draft = draft_plan(archetype_b())
    assert [(s.kind, s.joint) for s in draft.devices] == [("extension_splint", "right_knee")]


# c) age 9, both elbows swelling 1, flexion loss 1, strength 1 ----------------------------


def test_bilateral_elbows_get_exercises_on_both_sides() -> None:
    draft = draft_plan(archetype_c())
    sides = {(i.exercise_id, i.side) for i in draft.hospital_session.items}
    for exercise_id in (
        "elbow_elevation_cold",
        "elbow_isometric_flexion",
        "elbow_active_flex_ext",
        "elbow_active_curl",
        "elbow_table_slide",
    ):
        assert {(exercise_id, "left"), (exercise_id, "right")} <= sides


def test_bilateral_elbows_trigger_no_lower_limb_contraindication() -> None:
    draft = draft_plan(archetype_c())
    rules = {rule for excluded in draft.excluded for rule in excluded.rules}
    assert rules == {"CI-SWELLING"}  # only the elbow bands, because both elbows are swollen
    assert {e.exercise_id for e in draft.excluded} == {"elbow_band_curl", "elbow_band_press"}
    assert all(j.endswith("elbow") for e in draft.excluded for j in e.loaded_joints)


def test_bilateral_elbow_session_is_capped_and_the_rest_deferred_not_dropped() -> None:
    draft = draft_plan(archetype_c())
    main = next(b for b in draft.hospital_session.blocks if b.kind == "main")
    assert len(main.items) == 12
    assert [(d.exercise_id, d.side) for d in draft.deferred] == [
        ("elbow_parent_flexion_stretch", "right")
    ]
    assert draft.deferred[0].reasons[-1].rule == "SEL-CAPACITY"


def test_hemophilia_b_twice_weekly_prophylaxis_warns_that_five_sessions_do_not_fit() -> None:
    draft = draft_plan(archetype_c())
    assert [w.rule for w in draft.warnings] == ["HOME-INFUSION-FIT"]
    assert draft.warnings[0].params["fit"] == 4
