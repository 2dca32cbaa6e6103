"""The graded return of a joint or muscle after a bleed: criteria, not days (instruments.md
s6 [K/U], s6a [K]).

Phases (settings.RETURN_PHASES): 1 rest_and_protection, 2 pain_free_isometrics,
3 pain_free_range, 4 graded_loading; then the site is cleared back to the full plan. The
modes of loading allowed in each phase are SafetySettings.phase_modes (guards.py applies
them). Criteria to leave each phase (commonly used, none standardised by ISTH/WFH, so all
are observations the therapist records or settings):
- 1 -> 2: no pain at rest;
- 2 -> 3: no pain at rest or on gentle motion;
- 3 -> 4: the same, swelling (or girth) back to the pre-bleed grade, range of motion within
  `rom_tolerance_deg` of the pre-bleed baseline;
- 4 -> cleared: the same, strength back to baseline and a normal gait or use of the limb.
A criterion that was not observed (None) is not met. A new bleed goes back to phase 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hemorehab.clinical.errors import check_number
from hemorehab.clinical.plan.errors import PlanInputError, check_int
from hemorehab.clinical.plan.explain import Explanation, explain
from hemorehab.clinical.plan.settings import RETURN_PHASES, SafetySettings

_NEEDS: dict[int, tuple[str, ...]] = {
    1: ("no_pain_at_rest",),
    2: ("no_pain_at_rest", "no_pain_on_motion"),
    3: ("no_pain_at_rest", "no_pain_on_motion", "swelling_resolved", "rom_at_baseline"),
    4: (
        "no_pain_at_rest",
        "no_pain_on_motion",
        "swelling_resolved",
        "rom_at_baseline",
        "strength_at_baseline",
        "function_normal",
    ),
}


@dataclass(frozen=True)
class PhaseObservation:
    """The therapist's observation of the joint at a review."""

    pain_at_rest: bool
    pain_on_motion: bool | None = None
    swelling: int | None = None  # HJHS swelling grade now
    baseline_swelling: int = 0  # grade before the bleed
    rom_deg: float | None = None  # arc of motion now
    baseline_rom_deg: float | None = None  # arc before the bleed
    strength_at_baseline: bool | None = None
    function_normal: bool | None = None  # gait / use of the limb
    new_bleed: bool = False


@dataclass(frozen=True)
class PhaseDecision:
    phase: int
    name: str
    cleared: bool
    explanation: Explanation


def next_phase(
    current_phase: int, observation: PhaseObservation, settings: SafetySettings | None = None
) -> PhaseDecision:
    """Advance one phase when every criterion of the current phase is met; else hold."""
    config = settings or SafetySettings()
    phase = check_int(current_phase, "current_phase", 1, 4)
    if observation.new_bleed:
        return PhaseDecision(
            1, RETURN_PHASES[1], False, explain("PHASE-RESTART", previous=phase, phase=1)
        )
    met = criteria_met(observation, config)
    unmet = [name for name in _NEEDS[phase] if not met[name]]
    numbers = _numbers(observation, config)
    if unmet:
        why = explain("PHASE-HOLD", phase=phase, unmet=", ".join(unmet), **numbers)
        return PhaseDecision(phase, RETURN_PHASES[phase], False, why)
    criteria = ", ".join(_NEEDS[phase])
    if phase == 4:
        why = explain("PHASE-CLEARED", previous=4, criteria=criteria, **numbers)
        return PhaseDecision(4, RETURN_PHASES[4], True, why)
    why = explain("PHASE-ADVANCE", previous=phase, phase=phase + 1, criteria=criteria, **numbers)
    return PhaseDecision(phase + 1, RETURN_PHASES[phase + 1], False, why)


def criteria_met(observation: PhaseObservation, settings: SafetySettings) -> dict[str, bool]:
    """Each criterion True/False; unobserved (None) counts as not met."""
    return {
        "no_pain_at_rest": observation.pain_at_rest is False,
        "no_pain_on_motion": observation.pain_on_motion is False,
        "swelling_resolved": _swelling_resolved(observation),
        "rom_at_baseline": _rom_at_baseline(observation, settings),
        "strength_at_baseline": observation.strength_at_baseline is True,
        "function_normal": observation.function_normal is True,
    }


def _swelling_resolved(observation: PhaseObservation) -> bool:
    if observation.swelling is None:
        return False
    now = check_int(observation.swelling, "swelling", 0, 3)
    before = check_int(observation.baseline_swelling, "baseline_swelling", 0, 3)
    return now <= before


def _rom_at_baseline(observation: PhaseObservation, settings: SafetySettings) -> bool:
    if observation.rom_deg is None or observation.baseline_rom_deg is None:
        return False
    now = check_number(observation.rom_deg, "rom_deg", minimum=0, error=PlanInputError)
    before = check_number(
        observation.baseline_rom_deg, "baseline_rom_deg", minimum=0, error=PlanInputError
    )
    return before - now <= settings.rom_tolerance_deg


def _numbers(observation: PhaseObservation, settings: SafetySettings) -> dict[str, Any]:
    return {
        "swelling": observation.swelling,
        "baseline_swelling": observation.baseline_swelling,
        "rom_deg": observation.rom_deg,
        "baseline_rom_deg": observation.baseline_rom_deg,
        "rom_tolerance_deg": settings.rom_tolerance_deg,
        "pain_at_rest": observation.pain_at_rest,
        "pain_on_motion": observation.pain_on_motion,
    }
