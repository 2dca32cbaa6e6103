"""The exercise library: content rules that the plan engine relies on."""

from __future__ import annotations

import copy

import pytest

from hemorehab.clinical.datafiles import load_packaged
from hemorehab.clinical.errors import DefinitionError
from hemorehab.clinical.exercises import (
    builtin_library,
    loaded_joints,
    parse_library,
    required_contraindications,
)
from hemorehab.clinical.exercises.vocabulary import CATEGORIES, JOINT_TYPES

LIB = builtin_library()


def _raw() -> dict:
    data = load_packaged("exercises", "library.yaml")
    assert isinstance(data, dict)
    return copy.deepcopy(data)


def test_library_has_at_least_sixty_exercises_and_a_version() -> None:
    assert len(LIB.exercises) >= 60
    assert LIB.version
    assert "review" in LIB.status


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
    assert len(young) >= 50
    assert all(e.game is not None for e in young)


def test_every_exercise_has_at_least_two_progression_levels_with_a_dosage() -> None:
    for exercise in LIB.exercises:
        assert len(exercise.levels) >= 2
        assert all(level.reps or level.minutes for level in exercise.levels)


def test_library_covers_each_joint_whole_body_and_the_seed_techniques() -> None:
    joints = {j for e in LIB.exercises for j in e.joints}
    assert set(JOINT_TYPES) | {"lower_limb", "whole_body"} <= joints
    for kind in JOINT_TYPES:
        assert sum(kind in e.joints for e in LIB.exercises) >= 15, kind
    assert {e.category for e in LIB.exercises} == set(CATEGORIES)


def test_every_exercise_lists_the_contraindications_its_flags_require() -> None:
    for exercise in LIB.exercises:
        assert set(required_contraindications(exercise)) <= set(exercise.contraindications)


def test_a_proprioceptive_exercise_without_the_synovitis_contraindication_is_rejected() -> None:
    data = _raw()
    stance = next(e for e in data["exercises"] if e["id"] == "ankle_tandem_stance")
    stance["contraindications"].remove("active_synovitis")
    with pytest.raises(DefinitionError, match="active_synovitis"):
        parse_library(data)


def test_a_young_childs_exercise_without_a_game_variant_is_rejected() -> None:
    data = _raw()
    del data["exercises"][0]["game"]
    with pytest.raises(DefinitionError, match="game variant"):
        parse_library(data)


def test_a_missing_chinese_text_is_rejected() -> None:
    data = _raw()
    del data["exercises"][0]["name"]["zh-Hans"]
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
    walk = LIB.get("gait_heel_toe_walking")
    cold = LIB.get("knee_elevation_cold")
    assert squat and slide and walk and cold
    assert loaded_joints(slide, "left") == ("left_knee",)
    assert loaded_joints(squat, None) == ("left_knee", "right_knee", "left_ankle", "right_ankle")
    assert loaded_joints(walk, None) == loaded_joints(squat, None)
    assert loaded_joints(cold, "left") == ()
