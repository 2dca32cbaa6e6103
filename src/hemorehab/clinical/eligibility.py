"""Screening against the seed study protocol (shared/seed, section 2; shared/DESIGN.md).

Inclusion: age 4-18 (read as 4 years to 17 years 11 months), confirmed hemophilia, inhibitor
negative, an earlier joint bleed with synovitis or arthropathy confirmed by MRI or ultrasound,
joint pain or restricted motion, able to follow the 12-week program. Exclusion: active
bleeding on ultrasound, any bleed in the last 4 weeks, significant heart, liver or kidney
disease, another serious condition.

Decisions (parameters in ProtocolConfig):
- age is in completed years on the screening date; included when min_age <= age <= max_age,
  i.e. from the 4th birthday until the day before the 18th birthday (max_age 17: 17 years
  11 months at most). The protocol says "aged between 4 and 18 years"; the seed cohort ranged
  from 4 years to 17 years 11 months (seed s3.1), so an 18-year-old is not included, as in the
  seed study. A 29 February birthday is reached on 1 March in other years;
- "any bleed in the last 4 weeks": excluded when the last bleed was fewer than
  bleed_free_days (28) days before the screening date (day 0 = same day); 28 days is
  bleed-free. last_bleed_date None is unanswered: every eligible child has had a joint bleed;
- an imaging-confirmed earlier joint bleed needs the modality ("mri" or "ultrasound"); True
  without it is unanswered;
- status: not_eligible when any inclusion is not met or any exclusion is met (even if others
  are unanswered); otherwise incomplete when any answer is missing; otherwise eligible.
Codes are stable snake_case strings; the web layer translates them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from hemorehab.clinical.errors import ClinicalInputError

Outcome = Literal["met", "not_met", "unanswered"]
Kind = Literal["inclusion", "exclusion"]
Status = Literal["eligible", "not_eligible", "incomplete"]
IMAGING = ("mri", "ultrasound")


class EligibilityInputError(ClinicalInputError):
    """Screening answers that cannot be true (dates in the wrong order, unknown modality)."""


@dataclass(frozen=True)
class ProtocolConfig:
    min_age: int = 4
    max_age: int = 17
    bleed_free_days: int = 28
    program_weeks: int = 12


SEED_PROTOCOL = ProtocolConfig()


@dataclass(frozen=True)
class ScreeningAnswers:
    date_of_birth: date
    screening_date: date
    hemophilia_confirmed: bool | None = None
    inhibitor_negative: bool | None = None
    prior_joint_bleed_with_synovitis_or_arthropathy_confirmed: bool | None = None
    prior_joint_bleed_imaging: str | None = None
    joint_pain_or_restricted_motion: bool | None = None
    able_to_follow_12_week_program: bool | None = None
    active_bleeding_on_ultrasound: bool | None = None
    last_bleed_date: date | None = None
    significant_organ_disease: bool | None = None
    other_serious_condition: bool | None = None


@dataclass(frozen=True)
class CriterionResult:
    code: str
    kind: Kind
    outcome: Outcome
    params: dict[str, object] = field(default_factory=dict)

    @property
    def fails(self) -> bool:
        bad: Outcome = "not_met" if self.kind == "inclusion" else "met"
        return self.outcome == bad


@dataclass(frozen=True)
class EligibilityResult:
    status: Status
    criteria: tuple[CriterionResult, ...]
    failing: tuple[str, ...]
    unanswered: tuple[str, ...]


def age_in_years(date_of_birth: date, on: date) -> int:
    """Completed years of age on a date."""
    before_birthday = (on.month, on.day) < (date_of_birth.month, date_of_birth.day)
    return on.year - date_of_birth.year - before_birthday


def screen(answers: ScreeningAnswers, config: ProtocolConfig = SEED_PROTOCOL) -> EligibilityResult:
    """Evaluate every criterion and the overall status."""
    _check(answers)
    criteria = (
        _age(answers, config),
        _yes_no("hemophilia_confirmed", "inclusion", answers.hemophilia_confirmed),
        _yes_no("inhibitor_negative", "inclusion", answers.inhibitor_negative),
        _prior_joint_bleed(answers),
        _yes_no(
            "joint_pain_or_restricted_motion", "inclusion", answers.joint_pain_or_restricted_motion
        ),
        _yes_no(
            "able_to_follow_program",
            "inclusion",
            answers.able_to_follow_12_week_program,
            {"program_weeks": config.program_weeks},
        ),
        _yes_no(
            "active_bleeding_on_ultrasound", "exclusion", answers.active_bleeding_on_ultrasound
        ),
        _recent_bleed(answers, config),
        _yes_no("significant_organ_disease", "exclusion", answers.significant_organ_disease),
        _yes_no("other_serious_condition", "exclusion", answers.other_serious_condition),
    )
    failing = tuple(c.code for c in criteria if c.fails)
    unanswered = tuple(c.code for c in criteria if c.outcome == "unanswered")
    status: Status = "not_eligible" if failing else "incomplete" if unanswered else "eligible"
    return EligibilityResult(status, criteria, failing, unanswered)


def _check(answers: ScreeningAnswers) -> None:
    if answers.date_of_birth > answers.screening_date:
        raise EligibilityInputError("date_of_birth", "is after the screening date")
    last = answers.last_bleed_date
    if last is not None and last > answers.screening_date:
        raise EligibilityInputError("last_bleed_date", "is after the screening date")
    imaging = answers.prior_joint_bleed_imaging
    if imaging is not None and imaging not in IMAGING:
        raise EligibilityInputError(
            "prior_joint_bleed_imaging", f"{imaging!r} is not one of: {', '.join(IMAGING)}"
        )


def _yes_no(
    code: str, kind: Kind, answer: bool | None, params: dict[str, object] | None = None
) -> CriterionResult:
    outcome: Outcome = "unanswered" if answer is None else "met" if answer else "not_met"
    return CriterionResult(code, kind, outcome, dict(params or {}))


def _age(answers: ScreeningAnswers, config: ProtocolConfig) -> CriterionResult:
    age = age_in_years(answers.date_of_birth, answers.screening_date)
    days = (answers.screening_date - answers.date_of_birth).days
    met = config.min_age <= age <= config.max_age
    params: dict[str, object] = {
        "age_years": age,
        "age_years_decimal": round(days / 365.25, 1),
        "min": config.min_age,
        "max": config.max_age,
    }
    return CriterionResult("age_in_range", "inclusion", "met" if met else "not_met", params)


def _prior_joint_bleed(answers: ScreeningAnswers) -> CriterionResult:
    confirmed = answers.prior_joint_bleed_with_synovitis_or_arthropathy_confirmed
    imaging = answers.prior_joint_bleed_imaging
    params: dict[str, object] = {"imaging": imaging, "allowed_imaging": list(IMAGING)}
    outcome: Outcome
    if confirmed is None or (confirmed and imaging is None):
        outcome = "unanswered"
    else:
        outcome = "met" if confirmed else "not_met"
    return CriterionResult("prior_joint_bleed_imaging_confirmed", "inclusion", outcome, params)


def _recent_bleed(answers: ScreeningAnswers, config: ProtocolConfig) -> CriterionResult:
    params: dict[str, object] = {"min_days": config.bleed_free_days}
    if answers.last_bleed_date is None:
        return CriterionResult("recent_bleed", "exclusion", "unanswered", params)
    days = (answers.screening_date - answers.last_bleed_date).days
    params["days_since_last_bleed"] = days
    outcome: Outcome = "met" if days < config.bleed_free_days else "not_met"
    return CriterionResult("recent_bleed", "exclusion", outcome, params)
