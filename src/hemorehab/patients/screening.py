"""Evaluating a screening against the seed protocol's criteria (the rules live in the core)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from hemorehab.clinical import eligibility
from hemorehab.patients.choices import Imaging
from hemorehab.patients.models import Screening

# What each criterion code from the core means, in words a clinician reads on the page.
CRITERIA_TEXT = {
    "age_in_range": _("Age 4 years to 17 years 11 months at screening"),
    "hemophilia_confirmed": _("Hemophilia confirmed by the diagnostic criteria"),
    "inhibitor_negative": _("Inhibitor negative"),
    "prior_joint_bleed_imaging_confirmed": _(
        "Earlier joint bleed with synovitis or arthropathy confirmed by MRI or ultrasound"
    ),
    "joint_pain_or_restricted_motion": _("Joint pain or restricted joint motion"),
    "able_to_follow_program": _("Able to follow a 12-week program"),
    "active_bleeding_on_ultrasound": _("Active bleeding on ultrasound"),
    "recent_bleed": _("A bleed in the 4 weeks before screening"),
    "significant_organ_disease": _("Significant heart, liver or kidney disease"),
    "other_serious_condition": _("Other serious condition"),
}


def reason(criterion) -> str:
    """The numbers behind a criterion, in a sentence in the reader's language."""
    p = criterion.params
    if criterion.code == "age_in_range":
        return _("%(age)s years at screening (allowed from %(min)s to %(max)s years 11 months)") % {
            "age": p["age_years"],
            "min": p["min"],
            "max": p["max"],
        }
    if criterion.code == "recent_bleed" and "days_since_last_bleed" in p:
        return _("%(days)s days since the last bleed (at least %(min)s needed)") % {
            "days": p["days_since_last_bleed"],
            "min": p["min_days"],
        }
    if criterion.code == "prior_joint_bleed_imaging_confirmed" and p.get("imaging"):
        return _("confirmed by %(imaging)s") % {"imaging": Imaging(p["imaging"]).label}
    if criterion.code == "able_to_follow_program":
        return _("a %(weeks)s-week program") % {"weeks": p.get("program_weeks", 12)}
    return ""


@dataclass(frozen=True)
class Verdict:
    status: str
    criteria: list
    failing: list


def evaluate(screening: Screening) -> Verdict:
    identity = screening.patient.identity
    answers = eligibility.ScreeningAnswers(
        date_of_birth=identity.date_of_birth,
        screening_date=screening.screened_on,
        hemophilia_confirmed=screening.hemophilia_confirmed,
        inhibitor_negative=screening.inhibitor_negative,
        prior_joint_bleed_with_synovitis_or_arthropathy_confirmed=(
            screening.prior_joint_bleed_confirmed
        ),
        prior_joint_bleed_imaging=screening.confirming_imaging or None,
        joint_pain_or_restricted_motion=screening.joint_pain_or_restricted_motion,
        able_to_follow_12_week_program=screening.able_to_follow_program,
        active_bleeding_on_ultrasound=screening.active_bleeding_on_ultrasound,
        last_bleed_date=screening.last_bleed_on,
        significant_organ_disease=screening.significant_organ_disease,
        other_serious_condition=screening.other_serious_condition,
    )
    result = eligibility.screen(answers)
    return Verdict(
        status=result.status, criteria=list(result.criteria), failing=list(result.failing)
    )
