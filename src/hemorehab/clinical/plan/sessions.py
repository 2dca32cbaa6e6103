"""Sessions: the weekly hospital session, the home program and its school-age split, dosed
for one program week.

Seed protocol (s2.4): the hospital session lasts 60 minutes (warm-up, main, cool-down; the
discussion credits warm-up and post-session stretching with safety); home training is five
45-minute sessions a week, at most twice a day, at 25% of the hospital level at first, rising
to at most 75% (progression.py). The hospital level of every exercise goes up by the same
criteria (progression.py), except on a site recovering from a bleed, which stays at level 1.

Doses: home intensity scales what the seed names as intensity, the number of movements: the
volume of a repetition item (sets x repetitions) and of a time-dosed activity (sets x
minutes) is that share of the hospital dose, rounded up to whole sets of at least
`home_min_reps` repetitions (`home_min_minutes` minutes), never above the hospital dose; so
each step of intensity adds repetitions unless the floor already holds the dose. Holds, bands,
sandbags and body-weight load stay as in hospital, and protection, swelling management,
posture, warm-up and cool-down are not scaled (our reading: they are care, not training).
The general activity program of a child without findings keeps its full dose at home.
Rest, cold and posture items stay at their first level (care, not a training dose).

Minutes: every item keeps its own dose's time. A time-dosed item (cold, walking, cycling)
lasts sets x minutes (cold never more than 15 minutes, one cold application a session); a
repetition item lasts what its dose takes: sets x repetitions x (`seconds_per_rep` + the
hold) + `rest_between_sets_s` between sets, rounded up to whole minutes. Nothing is stretched
to fill a block: time no safe exercise fills is said, never padded, and an item that does not
fit is left out with the reason. `unfilled_minutes` + the blocks' minutes = the session's
minutes.
"""

from __future__ import annotations

import dataclasses
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
STEADY = frozenset({"protection", "posture_correction"})
"""Categories (with every cold item) that stay at their first level: care, not training."""


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

    def duration_minutes(self, settings: PlanSettings) -> int:
        """The minutes the dose takes (time-dosed: sets x minutes; repetitions: see module)."""
        if self.minutes is not None:
            return self.minutes * self.sets
        reps = self.reps or 1
        seconds = self.sets * reps * (settings.seconds_per_rep + (self.hold_s or 0))
        seconds += (self.sets - 1) * settings.rest_between_sets_s
        return max(1, math.ceil(seconds / 60))


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
    kept, cold_out = one_cold(blocks)
    session = _session(settings.hospital_session_minutes, budgets, kept, dosing, why)
    return dataclasses.replace(session, left_out=cold_out + session.left_out)


def home_program(
    blocks: Blocks, age: int, week: WeekIntensity, settings: PlanSettings
) -> HomeProgram:
    home_main = tuple(c for c in blocks.main if "home" in c.exercise.settings)
    hospital_only = tuple(
        explain("HOME-HOSPITAL-ONLY", exercise=c.exercise.id)
        for c in blocks.main
        if "home" not in c.exercise.settings
    )
    home, cold_out = one_cold(Blocks(blocks.warm_up, home_main, blocks.cool_down))
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
        min_reps=settings.home_min_reps,
        min_minutes=settings.home_min_minutes,
    )
    dosing = _Dosing(age, week, week.fraction, settings)
    budgets = (settings.home_warm_up_minutes, settings.home_cool_down_minutes)
    session = _session(settings.home_session_minutes, budgets, home, dosing, why)
    return HomeProgram(
        sessions_per_week=settings.home_sessions_per_week,
        minutes_per_session=settings.home_session_minutes,
        max_sessions_per_day=settings.home_max_sessions_per_day,
        intensity_fraction=week.fraction,
        session=dataclasses.replace(session, left_out=cold_out + session.left_out),
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


def one_cold(blocks: Blocks) -> tuple[Blocks, tuple[Explanation, ...]]:
    """One cold application a session (instruments.md s6: 10-15 minutes an application): the
    cold item of a site recovering from a bleed (else the first of the main block) stays, the
    others are left out with the reason; the team may move the pack or cool two places at
    once."""
    colds = [c for c in blocks.main if c.exercise.has("cold")]
    first = next((c for c in colds if c.pinned), colds[0] if colds else None)
    kept: list[Choice] = []
    left_out: list[Explanation] = []
    for choice in blocks.main:
        if choice is first or not choice.exercise.has("cold"):
            kept.append(choice)
        else:
            assert first is not None
            cared = ", ".join(choice.exercise.cared_sites(choice.side))
            left_out.append(
                explain(
                    "SEL-COLD-ONCE",
                    exercise=choice.exercise.id,
                    first=first.exercise.id,
                    site=cared,
                )
            )
    return Blocks(blocks.warm_up, tuple(kept), blocks.cool_down), tuple(left_out)


def _allocate(
    choices: tuple[Choice, ...], total: int, dosing: _Dosing
) -> tuple[tuple[PlannedExercise, ...], int, tuple[Explanation, ...]]:
    """Items with the minutes their own dose takes, in choice order, while they fit; returns
    the items, the minutes left unfilled and what did not fit. Nothing is padded."""
    items: list[PlannedExercise] = []
    left_out: list[Explanation] = []
    left = max(0, total)
    for choice in choices:
        dose = dosage_for(choice, dosing.week, _share(choice, dosing), dosing.settings)
        minutes = dose.duration_minutes(dosing.settings)
        if minutes > left:
            why = explain(
                "SEL-CAPACITY-TIME", exercise=choice.exercise.id, minutes=minutes, left=left
            )
            left_out.append(why)
            continue
        items.append(planned_exercise(choice, minutes, dosing.age, dose, dosing.settings))
        left -= minutes
    return tuple(items), left, tuple(left_out)


def _share(choice: Choice, dosing: _Dosing) -> float:
    """The home share of a choice: the general activity program keeps its full dose."""
    return 1.0 if choice.targets == ("general_activity",) else dosing.fraction


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
    """The week's dose: the hospital level (level 1 while pinned, and for rest, cold and
    posture), scaled for home."""
    exercise = choice.exercise
    steady = choice.pinned or exercise.category in STEADY or exercise.has("cold")
    index = 0 if steady else min(week.level_step, len(exercise.levels) - 1)
    return dosage(exercise, exercise.levels[index], fraction, settings)


def dosage(exercise: Exercise, level: Level, fraction: float, settings: PlanSettings) -> Dosage:
    """The level's dosage at `fraction` of the hospital level (see module docstring)."""
    share = 1.0 if exercise.category in UNSCALED else fraction
    if level.minutes is not None:
        sets, minutes = _volume(level.sets, level.minutes, share, settings.home_min_minutes)
        reps = level.reps
    else:
        sets, reps_done = _volume(level.sets, level.reps or 1, share, settings.home_min_reps)
        reps, minutes = reps_done, None
    return Dosage(
        level=level.level,
        sets=sets,
        reps=reps,
        hold_s=level.hold_s,
        minutes=minutes,
        load_en=level.load.en,
        load_zh=level.load.zh_hans,
        fraction=share,
    )


def _volume(sets: int, amount: int, share: float, minimum: int) -> tuple[int, int]:
    """Sets and amount a set (repetitions or minutes) giving `share` of sets x amount: the
    fewest sets whose amount (at least `minimum`, never above the hospital's) reaches it."""
    if share >= 1.0:
        return sets, amount
    target = round(sets * amount * share, 9)
    floor = min(amount, minimum)
    for count in range(1, sets + 1):
        each = max(floor, math.ceil(target / count))
        if each <= amount:
            return count, each
    return sets, amount


def _sum(items: tuple[PlannedExercise, ...]) -> int:
    return sum(item.minutes for item in items)


def _percent(fraction: float) -> float:
    return round(fraction * 100, 1)
