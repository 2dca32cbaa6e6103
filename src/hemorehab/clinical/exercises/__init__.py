"""The exercise library: content as data (library.yaml), validated on load.

Every exercise carries names, instructions and (for children aged 7 and under, seed paper
section 2.4) a game-based variant in English and Simplified Chinese, its category, the
problems it targets, the sites it loads with their modes of loading, a minimum age, equipment,
and at least two progression levels with a dosage each.

The loads are the one statement of what an exercise does to a body site: the safety rules of
the plan engine (clinical.plan.guards) forbid modes per site, and every flag shown to people
(resisted, weight_bearing, ...) is derived from the loads, so the two cannot drift apart.
Validation: parts and modes from the vocabulary; a joint stretched or assisted toward the end
of its range names its direction (the end-feel rules read it); a cold item never lasts more
than 15 minutes (instruments.md s6); and the loads must cover what the exercise is, derived
without trusting them from its category, its words and the anatomy (implied.py): a standing
exercise bears weight through both legs, a towel-assisted pull assists a joint in a named
direction, prone lying stretches both hips, sitting rests on the buttocks.

The content was written for this project and has not yet been reviewed by a physiotherapist;
the file's `status` says so in both languages and every plan shows it. A center can load its
own file with `load_library`.
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
from hemorehab.clinical.exercises.implied import unmet
from hemorehab.clinical.exercises.vocabulary import (
    CATEGORIES,
    COLD_MAX_MINUTES,
    DECLARED_FLAGS,
    DIRECTIONS,
    JOINT_PARTS,
    MODES,
    PARTS,
    RESISTED_MODES,
    SETTINGS,
    SIDES,
    TARGETS,
    WEIGHT_MODES,
)
from hemorehab.clinical.sites import SITES

MIN_EXERCISES = 60
_ID_PATTERN = r"^[a-z][a-z0-9_]*$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Texts(_Strict):
    """A text in both shipped languages."""

    en: str = Field(min_length=1)
    zh_hans: str = Field(alias="zh-hans", min_length=1)


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


Loads = dict[str, tuple[str, ...]]
"""part -> modes, e.g. {"knee": ("closed_chain",), "quadriceps": ("closed_chain",)}."""


class Exercise(_Strict):
    id: str = Field(pattern=_ID_PATTERN)
    name: Texts
    instructions: Texts
    category: str
    targets: tuple[str, ...] = Field(min_length=1)
    loads: Loads = Field(default_factory=dict)
    other_side: Loads = Field(default_factory=dict)
    protects: tuple[str, ...] = ()
    directions: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    """Joint part -> the direction(s) it is stretched or assisted toward (flexion, extension)."""
    sided: bool = False
    flags: tuple[str, ...] = ()
    min_age: int = Field(ge=4, le=18)
    game: Texts | None = None
    equipment: tuple[Texts, ...] = ()
    settings: tuple[str, ...] = SETTINGS
    levels: tuple[Level, ...] = Field(min_length=2)
    _loads_by_side: dict[str | None, tuple[tuple[str, str], ...]] = PrivateAttr(
        default_factory=dict
    )
    _sites_by_side: dict[str | None, tuple[str, ...]] = PrivateAttr(default_factory=dict)
    _flags: tuple[str, ...] | None = PrivateAttr(default=None)
    _modes_by_side: dict[str | None, dict[str, frozenset[str]]] = PrivateAttr(default_factory=dict)

    @field_validator("category")
    @classmethod
    def _known_category(cls, value: str) -> str:
        return _one_of(value, CATEGORIES, "category")

    @field_validator("targets")
    @classmethod
    def _known_targets(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_one_of(v, TARGETS, "target") for v in value)

    @field_validator("loads", "other_side")
    @classmethod
    def _known_loads(cls, value: Loads) -> Loads:
        for part, modes in value.items():
            _one_of(part, PARTS, "part")
            if not modes:
                raise ValueError(f"{part}: name at least one mode")
            for mode in modes:
                _one_of(mode, MODES, "mode")
        return value

    @field_validator("protects")
    @classmethod
    def _known_parts(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_one_of(v, PARTS, "part") for v in value)

    @field_validator("directions", mode="before")
    @classmethod
    def _known_directions(cls, value: object) -> object:
        if not isinstance(value, dict):
            return value
        found: dict[str, tuple[str, ...]] = {}
        for part, named in value.items():
            _one_of(part, JOINT_PARTS, "joint part")
            listed = (named,) if isinstance(named, str) else tuple(named)
            if not listed:
                raise ValueError(f"{part}: name at least one direction")
            found[part] = tuple(_one_of(d, DIRECTIONS, "direction") for d in listed)
        return found

    @field_validator("flags")
    @classmethod
    def _declared_flags(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_one_of(v, DECLARED_FLAGS, "declared flag") for v in value)

    @field_validator("settings")
    @classmethod
    def _known_settings(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_one_of(v, SETTINGS, "setting") for v in value)

    @model_validator(mode="after")
    def _consistent(self) -> Exercise:
        if [lv.level for lv in self.levels] != list(range(1, len(self.levels) + 1)):
            raise ValueError("levels must be numbered 1, 2, ... without gaps")
        if self.sided and not self.parts:
            raise ValueError("a sided exercise names the parts it loads or protects")
        if self.other_side and not self.sided:
            raise ValueError("other_side is for sided exercises only")
        missing = unmet(self)
        if missing is not None:
            raise ValueError(missing)
        if "cold" in self.flags:
            for level in self.levels:
                if level.minutes is None or level.minutes * level.sets > COLD_MAX_MINUTES:
                    raise ValueError(f"cold lasts at most {COLD_MAX_MINUTES} minutes")
        return self

    @property
    def parts(self) -> frozenset[str]:
        """Every part the exercise loads or protects, on either side."""
        return frozenset(self.loads) | frozenset(self.other_side) | frozenset(self.protects)

    @property
    def modes(self) -> frozenset[str]:
        return frozenset(m for modes in self.loads.values() for m in modes)

    @property
    def time_dosed(self) -> bool:
        """Its dose is a time (cold, walking, cycling), not repetitions."""
        return self.levels[0].minutes is not None

    @property
    def all_flags(self) -> tuple[str, ...]:
        """Plain flags derived from the loads and levels, plus the declared ones (computed
        once: the library is read once per process)."""
        if self._flags is None:
            self._flags = self._derive_flags()
        return self._flags

    def _derive_flags(self) -> tuple[str, ...]:
        modes = self.modes | frozenset(m for v in self.other_side.values() for m in v)
        found = {
            "resisted": bool(modes & RESISTED_MODES),
            "weight_bearing": bool(modes & WEIGHT_MODES),
            "proprioceptive": "balance" in modes,
            "impact": "impact" in modes,
            "stretch": "stretch" in modes,
            "assisted": "assist" in modes,
            "traction": "traction" in modes,
            "cold": "cold" in self.flags,
            "time_dosed": self.time_dosed,
        }
        return tuple(flag for flag, present in found.items() if present)

    def has(self, flag: str) -> bool:
        return flag in self.all_flags

    def directions_at(self, site: str) -> tuple[str, ...]:
        """The directions a site's joint is stretched or assisted toward (empty: none named)."""
        return self.directions.get(site.split("_", 1)[1], ())

    def site_loads(self, side: str | None) -> tuple[tuple[str, str], ...]:
        """Every (site, mode) the exercise puts on the body, sides expanded.

        A sided exercise done on `side` loads its parts there and `other_side` on the other
        side; done without a side (or unsided) it loads its parts on both sides. Computed once
        per side (the library is read once per process).
        """
        known = self._loads_by_side.get(side)
        if known is None:
            known = self._loads_by_side[side] = self._site_loads(side)
        return known

    def _site_loads(self, side: str | None) -> tuple[tuple[str, str], ...]:
        pairs: list[tuple[str, str]] = []
        for this_side in _sides(self, side):
            pairs += [(f"{this_side}_{p}", m) for p, modes in self.loads.items() for m in modes]
        if self.sided and side in SIDES:
            other = SIDES[1 - SIDES.index(side)]
            pairs += [(f"{other}_{p}", m) for p, modes in self.other_side.items() for m in modes]
        return tuple(dict.fromkeys((s, m) for s, m in pairs if s in SITES))

    def modes_at(self, side: str | None) -> dict[str, frozenset[str]]:
        """Site -> the modes of `site_loads` on it (computed once per side)."""
        known = self._modes_by_side.get(side)
        if known is None:
            found: dict[str, set[str]] = {}
            for site, mode in self.site_loads(side):
                found.setdefault(site, set()).add(mode)
            known = {site: frozenset(modes) for site, modes in found.items()}
            self._modes_by_side[side] = known
        return known

    def loaded_sites(self, side: str | None) -> tuple[str, ...]:
        """The sites of `site_loads`, in order, each once."""
        known = self._sites_by_side.get(side)
        if known is None:
            known = tuple(dict.fromkeys(site for site, _mode in self.site_loads(side)))
            self._sites_by_side[side] = known
        return known

    def cared_sites(self, side: str | None) -> tuple[str, ...]:
        """The sites a non-loading item (rest, cold, elevation) cares for."""
        return tuple(
            f"{s}_{p}" for s in _sides(self, side) for p in self.protects if f"{s}_{p}" in SITES
        )


def _sides(exercise: Exercise, side: str | None) -> tuple[str, ...]:
    return (side,) if exercise.sided and side in SIDES else SIDES


class Library(_Strict):
    version: str = Field(min_length=1)
    status: Texts
    clinically_reviewed: bool
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

    def status_text(self, language: str) -> str:
        """The review status in `language` ("pending clinical review ...")."""
        return self.status.zh_hans if language.lower().startswith("zh") else self.status.en


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
