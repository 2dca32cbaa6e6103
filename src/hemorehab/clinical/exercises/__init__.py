"""The exercise library: content as data (library.yaml), validated on load.

Every exercise carries names, instructions and (for children aged 7 and under, seed paper
section 2.4) a game-based variant in English and Simplified Chinese, its category, the
problems it targets, the joints it loads, its risk flags and contraindications, a minimum age,
equipment, and at least two progression levels with a dosage each.

Validation ties the data to the safety rules so they cannot drift apart (instruments.md
section 6): every loading exercise lists `joint_bleed_within_72h`; impact, proprioceptive and
resisted work list `active_synovitis` and `joint_swelling`; lower-limb loading lists
`psoas_bleed`; parent-assisted stretching and traction list `hard_end_feel`.

The content was written for this project and has not yet been reviewed by a physiotherapist;
the file's `status` says so. A center can load its own file with `load_library`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
    model_validator,
)

from hemorehab.clinical.datafiles import load_file, load_packaged
from hemorehab.clinical.errors import DefinitionError
from hemorehab.clinical.exercises.vocabulary import (
    CATEGORIES,
    CONTRAINDICATIONS,
    FLAGS,
    FORCED_STRETCH_CATEGORIES,
    JOINT_TYPES,
    LOWER_LIMB_TYPES,
    PROBLEMS,
    REGIONS,
    SETTINGS,
    SIDES,
)

MIN_EXERCISES = 60
_ID_PATTERN = r"^[a-z][a-z0-9_]*$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Texts(_Strict):
    """A text in both shipped languages."""

    en: str = Field(min_length=1)
    zh_hans: str = Field(alias="zh-Hans", min_length=1)


class Level(_Strict):
    """One progression level and its hospital dosage (home dosage is scaled from it)."""

    level: int = Field(ge=1)
    sets: int = Field(ge=1, le=10)
    reps: int | None = Field(default=None, ge=1, le=50)
    hold_s: int | None = Field(default=None, ge=1, le=900)
    minutes: int | None = Field(default=None, ge=1, le=30)
    load: Texts
    note: Texts

    @model_validator(mode="after")
    def _has_amount(self) -> Level:
        if self.reps is None and self.minutes is None:
            raise ValueError("a level needs reps or minutes")
        return self


class Exercise(_Strict):
    id: str = Field(pattern=_ID_PATTERN)
    name: Texts
    instructions: Texts
    category: str
    targets: tuple[str, ...] = Field(min_length=1)
    joints: tuple[str, ...] = ()
    sided: bool = False
    loading: bool = True
    flags: tuple[str, ...] = ()
    contraindications: tuple[str, ...] = ()
    min_age: int = Field(ge=4, le=18)
    game: Texts | None = None
    equipment: tuple[Texts, ...] = ()
    settings: tuple[str, ...] = SETTINGS
    levels: tuple[Level, ...] = Field(min_length=2)

    @field_validator("category")
    @classmethod
    def _known_category(cls, value: str) -> str:
        return _one_of(value, CATEGORIES, "category")

    @field_validator("targets")
    @classmethod
    def _known_targets(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_one_of(v, PROBLEMS, "problem") for v in value)

    @field_validator("joints")
    @classmethod
    def _known_joints(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_one_of(v, JOINT_TYPES + REGIONS, "joint") for v in value)

    @field_validator("flags")
    @classmethod
    def _known_flags(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_one_of(v, FLAGS, "flag") for v in value)

    @field_validator("contraindications")
    @classmethod
    def _known_contraindications(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_one_of(v, CONTRAINDICATIONS, "contraindication") for v in value)

    @field_validator("settings")
    @classmethod
    def _known_settings(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_one_of(v, SETTINGS, "setting") for v in value)

    @model_validator(mode="after")
    def _consistent(self) -> Exercise:
        if [lv.level for lv in self.levels] != list(range(1, len(self.levels) + 1)):
            raise ValueError("levels must be numbered 1, 2, ... without gaps")
        if self.sided and not set(self.joints) <= set(JOINT_TYPES):
            raise ValueError("a sided exercise lists joints (elbow/knee/ankle), not regions")
        if self.loading and not self.joints:
            raise ValueError("a loading exercise names the joints it loads")
        missing = sorted(set(required_contraindications(self)) - set(self.contraindications))
        if missing:
            raise ValueError(f"contraindications missing for its flags: {', '.join(missing)}")
        return self

    def has(self, flag: str) -> bool:
        return flag in self.flags

    @property
    def loads_lower_limb(self) -> bool:
        """True when the exercise puts load on a knee, an ankle or the legs as a whole."""
        return self.loading and bool(set(self.joints) & (LOWER_LIMB_TYPES | set(REGIONS)))


class Library(_Strict):
    version: str = Field(min_length=1)
    status: str = Field(min_length=1)
    game_max_age: int = Field(ge=4, le=18)
    shared_texts: dict[str, Texts] = Field(default_factory=dict, alias="x-texts")
    exercises: tuple[Exercise, ...] = Field(min_length=MIN_EXERCISES)
    _by_id: dict[str, Exercise] = PrivateAttr(default_factory=dict)
    _by_category: dict[str, list[Exercise]] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _unique_and_games(self) -> Library:
        seen: set[str] = set()
        for exercise in self.exercises:
            if exercise.id in seen:
                raise ValueError(f"duplicate exercise id {exercise.id}")
            seen.add(exercise.id)
            self._by_id[exercise.id] = exercise
            self._by_category.setdefault(exercise.category, []).append(exercise)
            if exercise.min_age <= self.game_max_age and exercise.game is None:
                raise ValueError(f"{exercise.id}: min_age {exercise.min_age} needs a game variant")
        return self

    def get(self, exercise_id: str) -> Exercise | None:
        return self._by_id.get(exercise_id)

    def in_category(self, category: str) -> tuple[Exercise, ...]:
        """The exercises of one category, in file order."""
        return tuple(self._by_category.get(category, ()))


def required_contraindications(exercise: Exercise) -> tuple[str, ...]:
    """The contraindications an exercise must list, given its flags (instruments.md s6)."""
    needed: list[str] = []
    if exercise.loading and exercise.joints:
        needed.append("joint_bleed_within_72h")
    if exercise.loading and {"impact", "proprioceptive", "resisted"} & set(exercise.flags):
        needed += ["active_synovitis", "joint_swelling"]
    if exercise.loads_lower_limb:
        needed.append("psoas_bleed")
    if exercise.category in FORCED_STRETCH_CATEGORIES:
        needed.append("hard_end_feel")
    return tuple(needed)


def loaded_joints(exercise: Exercise, side: str | None) -> tuple[str, ...]:
    """The HJHS joints the exercise loads, sides expanded ("knee" on the left -> left_knee).

    A sided exercise loads only `side`; a two-sided one loads both. "lower_limb" means both
    knees and ankles, "whole_body" all six joints. Non-loading exercises load nothing.
    """
    if not exercise.loading:
        return ()
    kinds: set[str] = set()
    for joint in exercise.joints:
        if joint == "lower_limb":
            kinds |= LOWER_LIMB_TYPES
        elif joint == "whole_body":
            kinds |= set(JOINT_TYPES)
        else:
            kinds.add(joint)
    sides = (side,) if exercise.sided and side else SIDES
    return tuple(f"{s}_{k}" for k in JOINT_TYPES if k in kinds for s in SIDES if s in sides)


def parse_library(data: object, source: str = "library") -> Library:
    """Validate a loaded library; DefinitionError names the first bad place."""
    try:
        return Library.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        place = ".".join(str(part) for part in first["loc"])
        raise DefinitionError(source, f"{place}: {first['msg']}") from exc


def load_library(path: str | Path) -> Library:
    """A center-supplied library file (YAML or JSON, same schema)."""
    return parse_library(load_file(path), str(path))


@cache
def builtin_library() -> Library:
    """The shipped library (read and validated once per process)."""
    return parse_library(load_packaged("exercises", "library.yaml"), "exercises/library.yaml")


def _one_of(value: str, allowed: tuple[str, ...], what: str) -> str:
    if value not in allowed:
        raise ValueError(f"unknown {what} {value!r}; allowed: {', '.join(allowed)}")
    return value
