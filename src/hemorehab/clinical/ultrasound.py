"""Table-driven engine for joint ultrasound scales: HEAD-US and HEAD-US-C.

HEAD-US: Martinoli C, Della Casa Alberighi O, Di Minno G, et al. Development and definition of
a simplified scanning procedure and scoring method for Haemophilia Early Arthropathy
Detection with Ultrasound (HEAD-US). Thromb Haemost 2013;109:1170-1179.
HEAD-US-C: Li J, Guo X, Ding X, Lyu B, ... Yang R. Chin J Hematol 2018;39(2):132-136
(PMC7342577). Its item points were not available; instruments/head_us_c.yaml is our best
reconstruction with the provenance and confidence of each item written next to it.

The scale content (items, levels, domains, descriptors in English and Simplified Chinese,
joints) lives in a YAML definition; a center can supply its own file (`load_definition`)
without code changes. Each examined joint must have every item; joints not examined are
left out and listed in the result. Totals are over the examined joints only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from hemorehab.clinical.datafiles import load_file, load_packaged
from hemorehab.clinical.errors import DefinitionError, ScoreInputError, check_level, show

DOMAINS: tuple[str, ...] = ("activity", "damage")
BUILT_IN = {"head-us": "head_us.yaml", "head-us-c": "head_us_c.yaml"}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Texts(_Strict):
    """A short descriptor in both shipped languages."""

    en: str = Field(min_length=1)
    zh_hans: str = Field(alias="zh-hans", min_length=1)


class Item(_Strict):
    """One scored item: its domain, levels 0..max with descriptors, and where it came from."""

    label: Texts
    domain: Literal["activity", "damage"]
    levels: dict[int, Texts]
    provenance: str = Field(min_length=1)
    confidence: Literal["V", "K", "U"]

    @field_validator("levels")
    @classmethod
    def _levels_run_from_zero(cls, levels: dict[int, Texts]) -> dict[int, Texts]:
        if sorted(levels) != list(range(len(levels))) or len(levels) < 2:
            raise ValueError("levels must be 0, 1, ... n without gaps (at least 0 and 1)")
        return levels

    @property
    def maximum(self) -> int:
        return len(self.levels) - 1


class Definition(_Strict):
    """A whole ultrasound scale."""

    name: str = Field(min_length=1)
    version: str = Field(min_length=1)
    reference: str = Field(min_length=1)
    joints: list[str] = Field(min_length=1)
    items: dict[str, Item] = Field(min_length=1)

    @property
    def joint_max(self) -> int:
        return sum(item.maximum for item in self.items.values())


@dataclass(frozen=True)
class UltrasoundResult:
    """Scores of one ultrasound examination over the examined joints."""

    name: str
    version: str
    total: int
    joints: Mapping[str, int]
    examined: tuple[str, ...]
    domains: Mapping[str, int]
    max_total: int


def parse_definition(data: object, source: str = "definition") -> Definition:
    """Validate a loaded definition; DefinitionError names the first bad key."""
    try:
        return Definition.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        place = ".".join(str(part) for part in first["loc"])
        raise DefinitionError(source, f"{place}: {first['msg']}") from exc


def load_definition(path: str | Path) -> Definition:
    """Load and validate a center-supplied definition file (YAML or JSON)."""
    return parse_definition(load_file(path), str(path))


@cache
def builtin_definition(instrument: str) -> Definition:
    """The shipped definition for "head-us" or "head-us-c" (loaded once per process)."""
    if instrument not in BUILT_IN:
        raise KeyError(instrument)
    filename = BUILT_IN[instrument]
    return parse_definition(load_packaged("instruments", filename), filename)


def score_ultrasound(definition: Definition, joints: object) -> UltrasoundResult:
    """Score an examination {joint: {item: level}} against `definition`.

    Raises ScoreInputError ("joints.left_ankle.synovitis: 3 is outside 0-2") for an unknown
    joint or item, a missing item, or an out-of-range or wrongly typed level.
    """
    if not isinstance(joints, Mapping):
        raise ScoreInputError("joints", f"{show(joints)} is not an object of examined joints")
    if not joints:
        allowed = ", ".join(definition.joints)
        raise ScoreInputError("joints", f"no joint examined; give at least one of: {allowed}")
    domains = dict.fromkeys(DOMAINS, 0)
    totals: dict[str, int] = {}
    for joint, items in joints.items():
        if joint not in definition.joints:
            allowed = ", ".join(definition.joints)
            raise ScoreInputError(f"joints.{joint}", f"unknown joint; allowed: {allowed}")
        totals[joint] = _score_joint(definition, items, f"joints.{joint}", domains)
    examined = tuple(joint for joint in definition.joints if joint in totals)
    return UltrasoundResult(
        name=definition.name,
        version=definition.version,
        total=sum(totals.values()),
        joints={joint: totals[joint] for joint in examined},
        examined=examined,
        domains=domains,
        max_total=definition.joint_max * len(examined),
    )


def score_ultrasound_record(definition: Definition, record: object) -> UltrasoundResult:
    """Score a JSON-shaped record {"joints": {...}}."""
    if not isinstance(record, Mapping):
        raise ScoreInputError("", f"{show(record)} is not an object with joints")
    for key in record:
        if key != "joints":
            raise ScoreInputError(str(key), "unknown key; allowed: joints")
    if "joints" not in record:
        raise ScoreInputError("joints", "missing")
    return score_ultrasound(definition, record["joints"])


def _score_joint(definition: Definition, items: object, path: str, domains: dict[str, int]) -> int:
    if not isinstance(items, Mapping):
        raise ScoreInputError(path, f"{show(items)} is not an object of items")
    for name in items:
        if name not in definition.items:
            allowed = ", ".join(definition.items)
            raise ScoreInputError(f"{path}.{name}", f"unknown item; allowed: {allowed}")
    total = 0
    for name, item in definition.items.items():
        if name not in items:
            raise ScoreInputError(f"{path}.{name}", f"missing (expected 0-{item.maximum})")
        level = check_level(items[name], f"{path}.{name}", 0, item.maximum, allow_ne=False)
        assert level is not None
        domains[item.domain] += level
        total += level
    return total
