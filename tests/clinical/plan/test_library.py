"""The exercise library: content rules that the plan engine relies on."""

from __future__ import annotations

import copy

import pytest

from hemorehab.clinical.datafiles import load_packaged
from hemorehab.clinical.errors import DefinitionError
from hemorehab.clinical.exercises import builtin_library, parse_library
from hemorehab.clinical.exercises.vocabulary import (
    CATEGORIES,
    COLD_MAX_MINUTES,
    HJHS_JOINTS,
    JOINT_PARTS,
    MUSCLE_PARTS,
)

LIB = builtin_library()


def _raw() -> dict:
    data = load_packaged("exercises", "library.yaml")
    assert isinstance(data, dict)
    return copy.deepcopy(data)


def _entry(data: dict, exercise_id: str) -> dict:
    return next(e for e in data["exercises"] if e["id"] == exercise_id)


def test_library_has_a_version_and_says_in_both_languages_it_awaits_clinical_review() -> None:
    assert len(LIB.exercises) >= 90
    assert LIB.version
    assert not LIB.clinically_reviewed
    assert "pending clinical review" in LIB.status_text("en").lower()
    assert "待临床审核" in LIB.status_text("zh-hans")


def test_every_text_is_present_in_english_and_simplified_chinese() -> None:
    for exercise in LIB.exercises:
        texts = [exercise.name, exercise.instructions, *exercise.equipment]
        texts += [t for level in exercise.levels for t in (level.load, level.note)]
        if exercise.game:
            texts.append(exercise.game)
        for text in texts:
            assert text.en.strip() and text.zh_hans.strip(), exercise.id
            assert any("\u4e00" <= ch <= "\u9fff" for ch in text.zh_hans), exercise.id


def test_every_exercise_open_to_children_of_seven_or_under_has_a_game_variant() -> None:
    young = [e for e in LIB.exercises if e.min_age <= LIB.game_max_age]
    assert len(young) >= 60
    assert all(e.game is not None for e in young)


def test_every_exercise_has_at_least_two_progression_levels_with_a_dosage() -> None:
    for exercise in LIB.exercises:
        assert len(exercise.levels) >= 2
        assert all(level.reps or level.minutes for level in exercise.levels)


@pytest.mark.parametrize("part", JOINT_PARTS)
def test_every_isth_joint_has_protection_isometrics_and_pain_free_range(part: str) -> None:
    def works_on(exercise) -> bool:
        return part in exercise.loads or part in exercise.protects

    categories = {e.category for e in LIB.exercises if works_on(e)}
    assert {"isometric", "active_rom"} <= categories, part
    assert categories & {"protection", "swelling_management"}, part


@pytest.mark.parametrize("part", MUSCLE_PARTS)
def test_every_muscle_of_the_bleed_list_has_rest_isometrics_and_pain_free_range(part: str) -> None:
    protected = [e for e in LIB.exercises if part in e.protects]
    isometric = [e for e in LIB.exercises if "isometric" in e.loads.get(part, ())]
    moving = [e for e in LIB.exercises if "move" in e.loads.get(part, ())]
    assert protected and isometric and moving, part


def test_the_seed_techniques_are_all_in_the_library() -> None:
    assert {e.category for e in LIB.exercises} == set(CATEGORIES)
    for joint in HJHS_JOINTS:
        part = joint.split("_", 1)[1]
        assert sum(part in e.loads for e in LIB.exercises) >= 15, part


def test_closed_chain_body_weight_work_declares_closed_chain_loading() -> None:
    for exercise_id in (
        "knee_mini_squat",
        "knee_step_up",
        "knee_sit_to_stand",
        "ankle_standing_heel_raise",
        "gait_stairs",
    ):
        exercise = LIB.get(exercise_id)
        assert exercise is not None
        assert "closed_chain" in exercise.loads["knee"] + exercise.loads["ankle"], exercise_id
        assert "resisted" in exercise.all_flags and "weight_bearing" in exercise.all_flags


def test_prone_lying_declares_it_stretches_both_iliopsoas_and_both_hips() -> None:
    prone = LIB.get("knee_prone_lying_extension")
    assert prone is not None
    for site in ("left_iliopsoas", "left_hip", "right_iliopsoas", "right_hip"):
        assert (site, "stretch") in prone.site_loads("left"), site
    assert prone.directions_at("left_hip") == ("extension",)
    assert prone.directions_at("right_knee") == ("extension",)


def test_cold_never_lasts_more_than_fifteen_minutes() -> None:
    cold = [e for e in LIB.exercises if e.has("cold")]
    assert len(cold) >= 4
    for exercise in cold:
        assert all(level.minutes * level.sets <= COLD_MAX_MINUTES for level in exercise.levels)


def test_a_cold_item_of_twenty_minutes_is_rejected() -> None:
    data = _raw()
    _entry(data, "knee_elevation_cold")["levels"][1]["minutes"] = 20
    with pytest.raises(DefinitionError, match="cold lasts at most 15 minutes"):
        parse_library(data)


def test_a_held_joint_stretch_without_its_direction_is_rejected() -> None:
    data = _raw()
    del _entry(data, "knee_parent_extension_stretch")["directions"]
    with pytest.raises(DefinitionError, match="knee is stretched or assisted: name its direction"):
        parse_library(data)


def test_an_unknown_part_or_mode_is_rejected_with_the_place() -> None:
    data = _raw()
    _entry(data, "knee_quad_set")["loads"]["kneecap"] = ["isometric"]
    with pytest.raises(DefinitionError, match="unknown part 'kneecap'"):
        parse_library(data)
    data = _raw()
    _entry(data, "knee_quad_set")["loads"]["knee"] = ["squeeze"]
    with pytest.raises(DefinitionError, match="unknown mode 'squeeze'"):
        parse_library(data)


def test_a_young_childs_exercise_without_a_game_variant_is_rejected() -> None:
    data = _raw()
    del data["exercises"][0]["game"]
    with pytest.raises(DefinitionError, match="game variant"):
        parse_library(data)


def test_a_missing_chinese_text_is_rejected() -> None:
    data = _raw()
    del data["exercises"][0]["name"]["zh-hans"]
    with pytest.raises(DefinitionError, match="name"):
        parse_library(data)


def test_duplicate_ids_are_rejected() -> None:
    data = _raw()
    data["exercises"].append(copy.deepcopy(data["exercises"][0]))
    with pytest.raises(DefinitionError, match="duplicate"):
        parse_library(data)


def test_sides_expand_at_use() -> None:
    squat = LIB.get("knee_mini_squat")
    slide = LIB.get("knee_heel_slide")
    stretch = LIB.get("ankle_standing_calf_stretch")
    cold = LIB.get("knee_elevation_cold")
    assert squat and slide and stretch and cold
    assert slide.loaded_sites("left") == ("left_knee", "left_hip", "left_hamstrings")
    assert {"left_knee", "right_knee", "left_calf", "right_calf"} <= set(squat.loaded_sites(None))
    # standing on one leg to stretch the other: the other leg bears weight
    assert ("right_knee", "bear") in stretch.site_loads("left")
    assert ("right_calf", "stretch") not in stretch.site_loads("left")
    assert cold.loaded_sites("left") == ()
    assert cold.cared_sites("left") == ("left_knee",)


@pytest.mark.parametrize(
    ("exercise_id", "loads", "other_side", "words"),
    [
        # review H1: a towel helping toward the end of the range, declared as plain motion
        (
            "knee_towel_assisted_flexion",
            {"knee": ["move"], "gluteal": ["compress"]},
            None,
            "end of the range",
        ),
        (
            "ankle_towel_dorsiflexion",
            {"ankle": ["move"], "calf": ["stretch"], "gluteal": ["compress"]},
            None,
            "end of the range",
        ),
        # review H2: prone lying stretches both hips and both iliopsoas
        ("knee_prone_lying_extension", None, {}, "lying prone"),
        # review H4: arm swing, air cycling, sitting
        ("warm_up_marching", {"hip": ["bear"], "knee": ["bear"], "ankle": ["bear"]}, None, "arms"),
        ("warm_up_supine_cycling", {"hip": ["move"], "knee": ["move"]}, None, "cycling"),
        ("posture_sitting", {}, None, "sitting"),
        (
            "elbow_ball_roll",
            {"elbow": ["bear"], "wrist": ["bear"], "shoulder": ["bear"]},
            None,
            "stand",
        ),
    ],
)
def test_loads_that_leave_out_what_the_exercise_is_are_refused(
    exercise_id: str, loads: dict | None, other_side: dict | None, words: str
) -> None:
    """The library's own check, which does not trust the declarations (implied.py): the
    declarations the review found incomplete are refused, naming the words that need them."""
    data = _raw()
    entry = _entry(data, exercise_id)
    if loads is not None:
        entry["loads"] = loads
    if other_side is not None:
        entry["other_side"] = other_side
    with pytest.raises(DefinitionError, match=words):
        parse_library(data)


def test_every_shipped_exercise_declares_what_its_words_and_category_require() -> None:
    from hemorehab.clinical.exercises.implied import requirements, unmet

    assert all(unmet(exercise) is None for exercise in LIB.exercises)
    standing = LIB.get("knee_single_leg_stance")
    assert standing is not None
    assert any("standing" in need.why for need in requirements(standing))
