"""Loading the demo cohort (hemorehab.demo: 59 synthetic children reproducing the seed paper)
into a center, through the same models and calculators as real data.

The children get pseudonymous names ("Demo 001"), invented hospital numbers and birth dates
that give their ages at the program start; every assessment is scored from its item answers.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction

from hemorehab.accounts.models import Center, User
from hemorehab.assessments.models import Bleed, ChoKlatAssessment, HjhsAssessment, UltrasoundExam
from hemorehab.audit.context import Actor, acting_as
from hemorehab.care.models import FactorProduct, ProphylaxisRegimen
from hemorehab.care.services import create_regimen
from hemorehab.demo.cohort import DemoChild, load_cohort
from hemorehab.patients.models import (
    Enrollment,
    Patient,
    PatientIdentity,
    PatientJoint,
    Screening,
    WeightMeasurement,
)

PRODUCTS = (
    ("Demo FVIII (standard half-life)", "VIII", Decimal("2.0"), Decimal("12"), [250, 500, 1000]),
    ("Demo FIX (standard half-life)", "IX", Decimal("1.0"), Decimal("21"), [250, 500, 1000]),
)
WEEKDAYS = {3: [0, 2, 4], 2: [1, 4], 1: [2]}


@dataclass(frozen=True)
class Loaded:
    center: Center
    children: int


def _birth(start: datetime.date, age_months: int) -> datetime.date:
    index = start.year * 12 + start.month - 1 - age_months
    return datetime.date(index // 12, index % 12 + 1, min(start.day, 28))


def _weight(age_months: int) -> Decimal:
    """A plausible weight for age (about 2 kg a year after the 8 kg of the first year)."""
    return Decimal(str(round(8 + 2 * age_months / 12, 1)))


def products(center: Center) -> dict[str, FactorProduct]:
    found = {}
    for name, factor, recovery, half_life, vials in PRODUCTS:
        found[factor], _ = FactorProduct.objects.get_or_create(
            center=center,
            name=name,
            defaults={
                "factor": factor,
                "half_life_class": "standard",
                "recovery": recovery,
                "half_life_h": half_life,
                "vial_sizes": vials,
            },
        )
    return found


def load(center: Center, user: User, start: datetime.date, copies: int = 1) -> Loaded:
    cohort = load_cohort()
    stock = products(center)
    zone = ZoneInfo(center.time_zone)
    count = 0
    with (
        acting_as(Actor(user_id=user.pk, label=f"demo loader ({user.username})")),
        transaction.atomic(),
    ):
        for copy in range(copies):
            for child in cohort.children:
                day = start + datetime.timedelta(weeks=(count % 26))
                _load_child(center, user, child, day, zone, stock, copy)
                count += 1
    return Loaded(center, count)


def _load_child(center, user, child: DemoChild, start, zone, stock, copy) -> Patient:
    patient = Patient.register(
        center,
        hemophilia_type=child.hemophilia_type,
        baseline_factor_activity=Decimal(str(child.factor_activity_iu_dl)),
        prior_regimen=child.prior_regimen,
    )
    number = f"{child.index:03d}" + (f"-{copy + 1}" if copy else "")
    PatientIdentity.objects.create(
        patient=patient,
        family_name="Demo",
        given_name=number,
        hospital_number=f"DEMO-{number}",
        date_of_birth=_birth(start, child.age_months),
    )
    PatientJoint.objects.bulk_create(
        [PatientJoint(patient=patient, joint=joint) for joint in child.affected_joints]
    )
    WeightMeasurement.objects.create(
        patient=patient,
        measured_on=start - datetime.timedelta(days=1),
        weight_kg=_weight(child.age_months),
    )
    screening = Screening.objects.create(
        patient=patient,
        screened_on=start,
        recorded_by=user,
        hemophilia_confirmed=True,
        inhibitor_negative=True,
        prior_joint_bleed_confirmed=True,
        confirming_imaging="ultrasound",
        joint_pain_or_restricted_motion=True,
        able_to_follow_program=True,
        active_bleeding_on_ultrasound=False,
        significant_organ_disease=False,
        other_serious_condition=False,
        last_bleed_on=_last_bleed_before(child, start),
    )
    Enrollment.objects.create(
        patient=patient, screening=screening, start_date=start, enrolled_by=user, status="completed"
    )
    product = stock["VIII" if child.hemophilia_type == "A" else "IX"]
    create_regimen(
        patient,
        ProphylaxisRegimen(
            effective_from=start,
            product=product,
            dose_iu_per_kg=Decimal(child.program_dose_iu_per_kg),
            weekdays=WEEKDAYS[child.program_infusions_per_week],
            infusion_time=datetime.time(7, 30),
            basis_weight_kg=_weight(child.age_months),
            prescribed_by=user,
            reason="program regimen (seed protocol)",
        ),
    )
    for timepoint, answers, day in (
        ("baseline", child.before, start - datetime.timedelta(days=1)),
        ("week_12", child.after, start + datetime.timedelta(days=84)),
    ):
        _assess(patient, user, timepoint, answers, day)
    Bleed.objects.bulk_create(
        [
            Bleed(
                patient=patient,
                site_kind="joint",
                site=b.site,
                cause=b.cause,
                recorded_by=user,
                onset=datetime.datetime.combine(
                    start + datetime.timedelta(days=b.day), datetime.time(9), tzinfo=zone
                ),
            )
            for b in child.bleeds
        ]
    )
    return patient


def _last_bleed_before(child: DemoChild, start: datetime.date) -> datetime.date | None:
    """The last bleed of the 12 weeks before; the data keep it at least 28 days before the
    start, so screening on the start day meets the protocol's 'no bleed in 4 weeks'."""
    days = [b.day for b in child.bleeds if b.day < 0]
    return start + datetime.timedelta(days=max(days)) if days else None


def _assess(patient, user, timepoint, answers, day) -> None:
    common = {"patient": patient, "recorded_by": user, "assessed_on": day, "timepoint": timepoint}
    for record in (
        HjhsAssessment(**common, answers=answers.hjhs),
        UltrasoundExam(**common, scale="head-us-c", answers=answers.head_us_c["joints"]),
        ChoKlatAssessment(
            **common, form=answers.cho_klat["form"], answers=answers.cho_klat["answers"]
        ),
    ):
        record.calculate()
        record.save()
