"""Sessions: the weekly hospital session, the home program and its school-age split.

Seed protocol (s2.4): the hospital session lasts 60 minutes (warm-up, main, cool-down; the
discussion credits warm-up and post-session stretching with safety); home training is five
45-minute sessions a week, at most twice a day, at 25% of the hospital level at first. Home
intensity scales what the seed names as intensity, the number of movements (repetitions) and
the duration of continuous activity, rounded up; holds, loads and the swelling-management,
posture, warm-up and cool-down items are not scaled (our reading, stated in every home item).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from hemorehab.clinical.exercises import Exercise, Level, loaded_joints
from hemorehab.clinical.plan.explain import Explanation, explain
from hemorehab.clinical.plan.selection import Choice
from hemorehab.clinical.plan.settings import PlanSettings

UNSCALED = frozenset({"swelling_management", "posture_correction", "warm_up", "cool_down"})


@dataclass(frozen=True)
class Dosage:
    level: int
    sets: int
    reps: int | None
    hold_s: int | None
    minutes: int | None
    load_en: str
    load_zh: str
    fraction: float
    """Share of the hospital level (1.0 in hospital; unscaled items keep 1.0 at home)."""


@dataclass(frozen=True)
class PlannedExercise:
    exercise_id: str
    side: str | None
    category: str
    loaded_joints: tuple[str, ...]
    targets: tuple[str, ...]
    name_en: str
    name_zh: str
    instructions_en: str
    instructions_zh: str
    game_based: bool
    equipment_en: tuple[str, ...]
    dosage: Dosage
    minutes: int
    reasons: tuple[Explanation, ...]


@dataclass(frozen=True)
class SessionBlock:
    kind: str  # warm_up, main, cool_down
    minutes: int
    items: tuple[PlannedExercise, ...]


@dataclass(frozen=True)
class SessionPlan:
    minutes: int
    blocks: tuple[SessionBlock, ...]
    explanation: Explanation

    @property
    def items(self) -> tuple[PlannedExercise, ...]:
        return tuple(item for block in self.blocks for item in block.items)


@dataclass(frozen=True)
class SplitOption:
    """An optional way to do one home session as shorter blocks on a school day."""

    blocks: tuple[SessionPlan, ...]
    explanation: Explanation


@dataclass(frozen=True)
class HomeProgram:
    sessions_per_week: int
    minutes_per_session: int
    max_sessions_per_day: int
    intensity_fraction: float
    session: SessionPlan
    hospital_only: tuple[Explanation, ...]
    split: SplitOption | None
    explanations: tuple[Explanation, ...]


@dataclass(frozen=True)
class Blocks:
    """Chosen exercises per block, before minutes and doses are set."""

    warm_up: tuple[Choice, ...]
    main: tuple[Choice, ...]
    cool_down: tuple[Choice, ...]


def hospital_session(blocks: Blocks, age: int, settings: PlanSettings) -> SessionPlan:
    warm, cool = settings.hospital_warm_up_minutes, settings.hospital_cool_down_minutes
    main = settings.hospital_main_minutes
    why = explain(
        "HOSP-SESSION",
        minutes=settings.hospital_session_minutes,
        warm_up=warm,
        main=main,
        cool_down=cool,
    )
    return _session((warm, main, cool), blocks, age, 1.0, settings, why)


def home_program(blocks: Blocks, age: int, fraction: float, settings: PlanSettings) -> HomeProgram:
    home_main = tuple(c for c in blocks.main if "home" in c.exercise.settings)
    hospital_only = tuple(
        explain("HOME-HOSPITAL-ONLY", exercise=c.exercise.id)
        for c in blocks.main
        if c not in home_main
    )
    home = Blocks(blocks.warm_up, home_main, blocks.cool_down)
    why = explain(
        "HOME-PROGRAM",
        sessions=settings.home_sessions_per_week,
        minutes=settings.home_session_minutes,
        per_day=settings.home_max_sessions_per_day,
    )
    intensity = explain(
        "HOME-INTENSITY",
        percent=_percent(fraction),
        start=_percent(settings.start_fraction),
        maximum=_percent(settings.max_fraction),
    )
    minutes = (
        settings.home_warm_up_minutes,
        settings.home_main_minutes,
        settings.home_cool_down_minutes,
    )
    return HomeProgram(
        sessions_per_week=settings.home_sessions_per_week,
        minutes_per_session=settings.home_session_minutes,
        max_sessions_per_day=settings.home_max_sessions_per_day,
        intensity_fraction=fraction,
        session=_session(minutes, home, age, fraction, settings, why),
        hospital_only=hospital_only,
        split=_split(home, age, fraction, settings),
        explanations=(why, intensity),
    )


def _split(blocks: Blocks, age: int, fraction: float, settings: PlanSettings) -> SplitOption | None:
    count = settings.split_blocks
    if not settings.school_split_offered or age < settings.school_age_from or count < 2:
        return None
    each = settings.home_session_minutes // count
    warm = cool = max(1, settings.home_warm_up_minutes // count)
    why = explain(
        "HOME-SPLIT", age=age, from_age=settings.school_age_from, blocks=count, block_minutes=each
    )
    parts = tuple(
        _session(
            (warm, each - warm - cool, cool),
            Blocks(blocks.warm_up[:1], blocks.main[index::count], blocks.cool_down[:1]),
            age,
            fraction,
            settings,
            why,
        )
        for index in range(count)
    )
    return SplitOption(parts, why)


def _session(
    minutes: tuple[int, int, int],
    blocks: Blocks,
    age: int,
    fraction: float,
    settings: PlanSettings,
    why: Explanation,
) -> SessionPlan:
    kinds = ("warm_up", "main", "cool_down")
    groups = (blocks.warm_up, blocks.main, blocks.cool_down)
    built = tuple(
        SessionBlock(kind, total, _planned(group, total, age, fraction, settings))
        for kind, total, group in zip(kinds, minutes, groups, strict=True)
    )
    return SessionPlan(sum(minutes), built, why)


def _planned(
    choices: tuple[Choice, ...], total: int, age: int, fraction: float, settings: PlanSettings
) -> tuple[PlannedExercise, ...]:
    shares = spread(total, len(choices))
    return tuple(
        planned_exercise(choice, share, age, fraction, settings)
        for choice, share in zip(choices, shares, strict=True)
    )


def planned_exercise(
    choice: Choice, minutes: int, age: int, fraction: float, settings: PlanSettings
) -> PlannedExercise:
    exercise = choice.exercise
    game = age <= settings.game_based_max_age and exercise.game is not None
    reasons = choice.reasons
    if game:
        reasons = (*reasons, explain("SEL-GAME", age=age, max_age=settings.game_based_max_age))
    instructions = exercise.game if game and exercise.game else exercise.instructions
    return PlannedExercise(
        exercise_id=exercise.id,
        side=choice.side,
        category=exercise.category,
        loaded_joints=loaded_joints(exercise, choice.side),
        targets=choice.targets,
        name_en=exercise.name.en,
        name_zh=exercise.name.zh_hans,
        instructions_en=instructions.en,
        instructions_zh=instructions.zh_hans,
        game_based=game,
        equipment_en=tuple(item.en for item in exercise.equipment),
        dosage=dosage(exercise, exercise.levels[0], fraction),
        minutes=minutes,
        reasons=reasons,
    )


def dosage(exercise: Exercise, level: Level, fraction: float) -> Dosage:
    """The level's dosage at `fraction` of the hospital level (see module docstring)."""
    share = 1.0 if exercise.category in UNSCALED else fraction
    return Dosage(
        level=level.level,
        sets=level.sets,
        reps=_scaled(level.reps, share),
        hold_s=level.hold_s,
        minutes=_scaled(level.minutes, share),
        load_en=level.load.en,
        load_zh=level.load.zh_hans,
        fraction=share,
    )


def spread(total: int, count: int) -> list[int]:
    """Split `total` minutes into `count` whole shares that add up (earlier shares get more)."""
    if count == 0:
        return []
    base, extra = divmod(total, count)
    return [base + (1 if index < extra else 0) for index in range(count)]


def _scaled(amount: int | None, share: float) -> int | None:
    if amount is None:
        return None
    return max(1, math.ceil(round(amount * share, 9)))


def _percent(fraction: float) -> float:
    return round(fraction * 100, 1)
