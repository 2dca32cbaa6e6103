"""HJHS 2.1 calculator.

Instrument: Hemophilia Joint Health Score, version 2.1, International Prophylaxis Study Group
(Feldman, Hilliard, Funk, van der Net, Zourikian, Manco-Johnson et al.); summary score sheet
published by the WFH with IPSG permission; reliability: Hilliard P et al., Haemophilia
2006;12:518-525. Item ranges and NE handling as in shared/domain/instruments.md section 1.

Six joints x 8 items (0-20 per joint) plus global gait (0-4): total 0-124, higher is worse.
Duration of swelling 1 (present 6 months or more) with swelling 0 is refused: duration is 0
when there is no swelling (instruments.md s1 [K]).
"NE" (not evaluable) is never counted as 0: the total is the sum over evaluable items, the
result is marked incomplete and lists every NE place. The manual's NE aggregation addendum
was not available [U]; a prorated total is offered only as a separately named method.

The HJHS has no official subscales. `components` follows the mapping in instruments.md that
reproduces the seed paper's table and sums to the total; whether the paper's "swelling"
includes duration is [U].
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TypeGuard

from hemorehab.clinical.errors import ScoreInputError, check_level, show
from hemorehab.clinical.sites import HJHS_JOINTS

VERSION = "2.1"

JOINTS: tuple[str, ...] = HJHS_JOINTS
"""The six HJHS joints (clinical.sites): left_elbow, right_elbow, left_knee, ... right_ankle."""

ITEMS: Mapping[str, int] = MappingProxyType(
    {
        "swelling": 3,
        "swelling_duration": 1,
        "muscle_atrophy": 2,
        "crepitus": 2,
        "flexion_loss": 3,
        "extension_loss": 3,
        "joint_pain": 2,
        "strength": 4,
    }
)
"""Item -> maximum score; every item's minimum is 0."""

GAIT_MAX = 4
JOINT_MAX = sum(ITEMS.values())
TOTAL_MAX = JOINT_MAX * len(JOINTS) + GAIT_MAX

COMPONENT_OF: Mapping[str, str] = MappingProxyType(
    {
        "swelling": "swelling",
        "swelling_duration": "swelling",
        "muscle_atrophy": "muscle_strength_atrophy",
        "strength": "muscle_strength_atrophy",
        "flexion_loss": "flexion_extension",
        "extension_loss": "flexion_extension",
        "crepitus": "crepitus",
        "joint_pain": "pain",
    }
)
"""Item -> component; gait is its own component."""

COMPONENTS: tuple[str, ...] = (
    "swelling",
    "muscle_strength_atrophy",
    "flexion_extension",
    "crepitus",
    "pain",
    "gait",
)

_ITEM_LIST = ", ".join(ITEMS)
_JOINT_LIST = ", ".join(JOINTS)
_RECORD_KEYS = ("joints", "gait")
_ITEM_PAIRS = tuple(ITEMS.items())
_ITEM_SET = frozenset(ITEMS)
_JOINT_SET = frozenset(JOINTS)
_MISSING = object()


@dataclass(frozen=True)
class HjhsResult:
    """An HJHS 2.1 score. Sums are over evaluable items only; see `complete`."""

    total: int
    joints: Mapping[str, int]
    gait: int | None
    components: Mapping[str, int]
    not_evaluable: tuple[str, ...]
    evaluable_max: int
    version: str = VERSION

    @property
    def complete(self) -> bool:
        """True when no item was "NE"."""
        return not self.not_evaluable

    def prorated_total(self) -> float | None:
        """total x 124 / evaluable maximum: an optional, separately labelled estimate.

        Not part of the instrument; never compare it with a complete total silently.
        None when nothing was evaluable.
        """
        if self.evaluable_max == 0:
            return None
        return self.total * TOTAL_MAX / self.evaluable_max


def score_hjhs(joints: object, gait: object) -> HjhsResult:
    """Score one HJHS 2.1 assessment.

    `joints` maps each of the six JOINTS to a mapping of all eight ITEMS; `gait` is 0-4.
    Any item may be NE (or the string "NE"). Raises ScoreInputError for a missing, unknown,
    out-of-range or wrongly typed value, with `.path` like "joints.left_knee.swelling".
    """
    levels = _joint_levels(joints)
    gait_level = check_level(gait, "gait", 0, GAIT_MAX, allow_ne=True)
    return _summarise(levels, gait_level)


def score_hjhs_record(record: object) -> HjhsResult:
    """Score a JSON-shaped record {"joints": {...}, "gait": N}."""
    if not isinstance(record, Mapping):
        raise ScoreInputError("", f"{show(record)} is not an object with joints and gait")
    _reject_unknown(record, _RECORD_KEYS, "", "key")
    for key in _RECORD_KEYS:
        if key not in record:
            raise ScoreInputError(key, "missing")
    return score_hjhs(record["joints"], record["gait"])


def _joint_levels(joints: object) -> dict[str, dict[str, int | None]]:
    if not _is_mapping(joints):
        raise ScoreInputError("joints", f"{show(joints)} is not an object of the six joints")
    if not joints.keys() <= _JOINT_SET:
        _reject_unknown(joints, JOINTS, "joints", "joint")
    levels = {}
    for joint in JOINTS:
        path = f"joints.{joint}"
        if joint not in joints:
            raise ScoreInputError(path, f"missing; all six joints are required ({_JOINT_LIST})")
        levels[joint] = _item_levels(joints[joint], path)
    return levels


def _item_levels(items: object, path: str) -> dict[str, int | None]:
    if not _is_mapping(items):
        raise ScoreInputError(path, f"{show(items)} is not an object of the eight items")
    if not items.keys() <= _ITEM_SET:
        _reject_unknown(items, ITEMS, path, "item")
    levels: dict[str, int | None] = {}
    for item, maximum in _ITEM_PAIRS:
        value = items.get(item, _MISSING)
        if type(value) is int and 0 <= value <= maximum:  # fast path for 100,000s of records
            levels[item] = value
        elif value is _MISSING:
            raise ScoreInputError(f"{path}.{item}", f'missing (expected 0-{maximum} or "NE")')
        else:
            levels[item] = check_level(value, f"{path}.{item}", 0, maximum, allow_ne=True)
    if levels["swelling_duration"] == 1 and levels["swelling"] == 0:
        raise ScoreInputError(
            f"{path}.swelling_duration",
            "1 (swelling for 6 months or more) needs swelling 1-3; with swelling 0 it is 0",
        )
    return levels


def _is_mapping(value: object) -> TypeGuard[Mapping[str, object]]:
    return type(value) is dict or isinstance(value, Mapping)


def _reject_unknown(
    given: Mapping[str, object], allowed: Iterable[str], path: str, what: str
) -> None:
    names = tuple(allowed)
    for key in given:
        if key not in names:
            place = f"{path}.{key}" if path else str(key)
            raise ScoreInputError(place, f"unknown {what}; allowed: {', '.join(names)}")


def _summarise(levels: dict[str, dict[str, int | None]], gait: int | None) -> HjhsResult:
    components = dict.fromkeys(COMPONENTS, 0)
    joint_totals: dict[str, int] = {}
    not_evaluable: list[str] = []
    evaluable_max = 0
    for joint, items in levels.items():
        joint_total = 0
        for item, level in items.items():
            if level is None:
                not_evaluable.append(f"{joint}.{item}")
                continue
            joint_total += level
            components[COMPONENT_OF[item]] += level
            evaluable_max += ITEMS[item]
        joint_totals[joint] = joint_total
    if gait is None:
        not_evaluable.append("gait")
    else:
        components["gait"] = gait
        evaluable_max += GAIT_MAX
    return HjhsResult(
        total=sum(components.values()),
        joints=joint_totals,
        gait=gait,
        components=components,
        not_evaluable=tuple(not_evaluable),
        evaluable_max=evaluable_max,
    )
