"""Sessions: the weekly hospital session, the home program and its school-age split, dosed
for one program week.

Seed protocol (s2.4): the hospital session lasts 60 minutes (warm-up, main, cool-down; the
discussion credits warm-up and post-session stretching with safety); home training is five
45-minute sessions a week, at most twice a day, at 25% of the hospital level at first, rising
to at most 75% (progression.py). The hospital level of every exercise goes up by the same
criteria (progression.py), except on a site recovering from a bleed, which stays at level 1.

Doses: home intensity scales what the seed names as intensity, the number of movements
(repetitions) and the duration of continuous activity, rounded up, never below a meaningful
minimum (PlanSettings.home_min_reps / home_min_minutes) and never above the hospital dose;
holds, loads and the protection, swelling-management, posture, warm-up and cool-down items are
not scaled (our reading). Minutes: a time-dosed item (cold, walking, cycling) keeps its own
dose (sets x minutes; cold never more than 15 minutes); repetition items share the rest of
the block. Warm-up and cool-down take what their items need, up to their budget; the main
block takes the rest of the session. Time no safe exercise fills is said, never padded:
`unfilled_minutes` + the blocks' minutes = the session's minutes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from hemorehab.clinical.exercises import Exercise, Level
from hemorehab.clinical.plan.explain import Explanation, explain
from hemorehab.clinical.plan.progression import WeekIntensity
from hemorehab.clinical.plan.selection import Choice
from hemorehab.clinical.plan.settings import PlanSettings

UNSCALED = frozenset(
    {"protection", "swelling_management", "posture_correction", "warm_up", "cool_down"}
)


@dataclass(frozen=True)
class Dosage:
    level: int
    sets: int
    reps: int | None
    hold_s: int | None
    minutes: int | None
    """Minutes per set of a time-dosed item (None for repetition items)."""
    load_en: str
    load_zh: str
    fraction: float
    """Share of the hospital level (1.0 in hospital; unscaled items keep 1.0 at home)."""

    @property
    def total_minutes(self) -> int | None:
        return None if self.minutes is None else self.minutes * self.sets


@dataclass(frozen=True)
class PlannedExercise:
    exercise_id: str
    side: str | None
    category: str
    loads: tuple[str, ...]
    """Every site the exercise loads (stretches, resists, tractions, bears weight through)."""
    flags: tuple[str, ...]
    targets: tuple[str, ...]
    name_en: str
    name_zh: str
    instructions_en: str
    instructions_zh: str
    game_based: bool
    equipment_en: tuple[str, ...]
    equipment_zh: tuple[str, ...]
    dosage: Dosage
    minutes: int
    reasons: tuple[Explanation, ...]
    cautions: tuple[Explanation, ...] = ()


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
    unfilled_minutes: int = 0
    unfilled: Explanation | None = None
    left_out: tuple[Explanation, ...] = ()

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


@dataclass(frozen=True)
class _Dosing:
    age: int
    week: WeekIntensity
    fraction: float
    settings: PlanSettings


def hospital_session(
    blocks: Blocks, age: int, week: WeekIntensity, settings: PlanSettings
) -> SessionPlan:
    budgets = (settings.hospital_warm_up_minutes, settings.hospital_cool_down_minutes)
    why = explain(
        "HOSP-SESSION",
        minutes=settings.hospital_session_minutes,
        warm_up=budgets[0],
        main=settings.hospital_main_minutes,
        cool_down=budgets[1],
    )
    dosing = _Dosing(age, week, 1.0, settings)
    return _session(settings.hospital_session_minutes, budgets, blocks, dosing, why)


def home_program(
    blocks: Blocks, age: int, week: WeekIntensity, settings: PlanSettings
) -> HomeProgram:
    home_main = tuple(c for c in blocks.main if "home" in c.exercise.settings)
    hospital_only = tuple(
        explain("HOME-HOSPITAL-ONLY", exercise=c.exercise.id)
        for c in blocks.main
        if "home" not in c.exercise.settings
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
        percent=week.percent,
        start=_percent(settings.start_fraction),
        maximum=_percent(settings.max_fraction),
    )
    dosing = _Dosing(age, week, week.fraction, settings)
    budgets = (settings.home_warm_up_minutes, settings.home_cool_down_minutes)
    return HomeProgram(
        sessions_per_week=settings.home_sessions_per_week,
        minutes_per_session=settings.home_session_minutes,
        max_sessions_per_day=settings.home_max_sessions_per_day,
        intensity_fraction=week.fraction,
        session=_session(settings.home_session_minutes, budgets, home, dosing, why),
        hospital_only=hospital_only,
        split=_split(home, dosing),
        explanations=(why, intensity),
    )


def _split(blocks: Blocks, dosing: _Dosing) -> SplitOption | None:
    settings = dosing.settings
    count = settings.split_blocks
    if not settings.school_split_offered or dosing.age < settings.school_age_from or count < 2:
        return None
    each = settings.home_session_minutes // count
    budget = max(1, settings.home_warm_up_minutes // count)
    why = explain(
        "HOME-SPLIT",
        age=dosing.age,
        from_age=settings.school_age_from,
        blocks=count,
        block_minutes=each,
    )
    parts = tuple(
        _session(
            each,
            (budget, budget),
            Blocks(blocks.warm_up[:1], blocks.main[index::count], blocks.cool_down[:1]),
            dosing,
            why,
        )
        for index in range(count)
    )
    return SplitOption(parts, why)


def _session(
    total: int,
    budgets: tuple[int, int],
    blocks: Blocks,
    dosing: _Dosing,
    why: Explanation,
) -> SessionPlan:
    warm, _, warm_out = _allocate(blocks.warm_up, budgets[0], dosing)
    cool, _, cool_out = _allocate(blocks.cool_down, budgets[1], dosing)
    main_total = total - _sum(warm) - _sum(cool)
    main, left, main_out = _allocate(blocks.main, main_total, dosing)
    unfilled = None
    if left > 0:
        unfilled = explain("SESSION-UNFILLED", minutes=left, total=total)
    built = (
        SessionBlock("warm_up", _sum(warm), warm),
        SessionBlock("main", _sum(main), main),
        SessionBlock("cool_down", _sum(cool), cool),
    )
    return SessionPlan(total, built, why, left, unfilled, warm_out + main_out + cool_out)


def _allocate(
    choices: tuple[Choice, ...], total: int, dosing: _Dosing
) -> tuple[tuple[PlannedExercise, ...], int, tuple[Explanation, ...]]:
    """Items with minutes: time-dosed items keep their dose while it fits, repetition items
    share what is left. Returns the items in choice order, the minutes left unfilled (0 when a
    repetition item took them) and what did not fit."""
    doses = {c.key: dosage_for(c, dosing.week, dosing.fraction, dosing.settings) for c in choices}
    minutes: dict[tuple[str, str | None], int] = {}
    left_out: list[Explanation] = []
    left = max(0, total)
    for choice in choices:
        timed = doses[choice.key].total_minutes
        if timed is None:
            continue
        if timed <= left:
            minutes[choice.key] = timed
            left -= timed
        else:
            why = explain(
                "SEL-CAPACITY-TIME", exercise=choice.exercise.id, minutes=timed, left=left
            )
            left_out.append(why)
    counted = [c for c in choices if doses[c.key].total_minutes is None][: max(left, 0)]
    for choice, share in zip(counted, spread(left, len(counted)), strict=True):
        minutes[choice.key] = share
    if counted:
        left = 0
    left_out += [
        explain("SEL-CAPACITY-TIME", exercise=c.exercise.id, minutes=1, left=0)
        for c in choices
        if doses[c.key].total_minutes is None and c.key not in minutes
    ]
    items = tuple(
        planned_exercise(c, minutes[c.key], dosing.age, doses[c.key], dosing.settings)
        for c in choices
        if c.key in minutes
    )
    return items, left, tuple(left_out)


def planned_exercise(
    choice: Choice, minutes: int, age: int, dose: Dosage, settings: PlanSettings
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
        loads=exercise.loaded_sites(choice.side),
        flags=exercise.all_flags,
        targets=choice.targets,
        name_en=exercise.name.en,
        name_zh=exercise.name.zh_hans,
        instructions_en=instructions.en,
        instructions_zh=instructions.zh_hans,
        game_based=game,
        equipment_en=tuple(item.en for item in exercise.equipment),
        equipment_zh=tuple(item.zh_hans for item in exercise.equipment),
        dosage=dose,
        minutes=minutes,
        reasons=reasons,
        cautions=choice.cautions,
    )


def dosage_for(
    choice: Choice, week: WeekIntensity, fraction: float, settings: PlanSettings
) -> Dosage:
    """The week's dose: the hospital level (level 1 while pinned), scaled for home."""
    exercise = choice.exercise
    index = 0 if choice.pinned else min(week.level_step, len(exercise.levels) - 1)
    return dosage(exercise, exercise.levels[index], fraction, settings)


def dosage(exercise: Exercise, level: Level, fraction: float, settings: PlanSettings) -> Dosage:
    """The level's dosage at `fraction` of the hospital level (see module docstring)."""
    share = 1.0 if exercise.category in UNSCALED else fraction
    return Dosage(
        level=level.level,
        sets=level.sets,
        reps=_scaled(level.reps, share, settings.home_min_reps),
        hold_s=level.hold_s,
        minutes=_scaled(level.minutes, share, settings.home_min_minutes),
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


def _scaled(amount: int | None, share: float, minimum: int) -> int | None:
    if amount is None:
        return None
    if share >= 1.0:
        return amount
    return min(amount, max(minimum, math.ceil(round(amount * share, 9))))


def _sum(items: tuple[PlannedExercise, ...]) -> int:
    return sum(item.minutes for item in items)


def _percent(fraction: float) -> float:
    return round(fraction * 100, 1)
