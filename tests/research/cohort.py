"""A small enrolled cohort with baseline and week-12 assessments, made through the same scoring
services as the app."""

import datetime
from decimal import Decimal

from django.utils import timezone

from hemorehab.assessments.models import Bleed, ChoKlatAssessment, HjhsAssessment, UltrasoundExam
from hemorehab.patients.models import Enrollment
from tests.assessments.helpers import hjhs_answers
from tests.personas import eligible_screening, make_child

START = datetime.date(2026, 3, 2)


def enrol(child, user, start=START, status="completed"):
    screening = eligible_screening(
        child,
        user,
        start - datetime.timedelta(days=7),
        last_bleed_on=start - datetime.timedelta(days=40),
    )
    Enrollment.objects.create(
        patient=child, screening=screening, start_date=start, enrolled_by=user, status=status
    )


def assess(child, user, timepoint, day, swelling, klat_response, synovitis):
    record = HjhsAssessment(
        patient=child,
        recorded_by=user,
        assessed_on=day,
        timepoint=timepoint,
        answers=hjhs_answers({"left_ankle.swelling": swelling}, gait=1),
    )
    record.calculate()
    record.save()
    exam = UltrasoundExam(
        patient=child,
        recorded_by=user,
        assessed_on=day,
        timepoint=timepoint,
        scale="head-us-c",
        answers={
            "left_ankle": {
                "effusion": 0,
                "synovial_hyperplasia": synovitis,
                "synovial_vascularity": synovitis,
                "hemosiderin": 0,
                "fibrous_septa": 0,
                "cartilage": 1,
                "bone": 0,
            }
        },
    )
    exam.calculate()
    exam.save()
    klat = ChoKlatAssessment(
        patient=child,
        recorded_by=user,
        assessed_on=day,
        timepoint=timepoint,
        form="parent",
        answers={str(n): klat_response for n in range(1, 22)},
    )
    klat.calculate()
    klat.save()


def build(personas, n=6):
    """n children in center A (A1, A2 and n-2 more), each improving a little differently."""
    user = personas.therapist_a
    children = [personas.a1, personas.a2]
    born = datetime.date(2018, 1, 15)
    children += [make_child(personas.center_a, f"Kid{i}", "Test", born) for i in range(n - 2)]
    for i, child in enumerate(children):
        child.prior_regimen = "on_demand" if i % 3 == 0 else "prophylaxis"
        child.save()
        enrol(child, user)
        assess(child, user, "baseline", START - datetime.timedelta(days=1), 3, 3, 2)
        assess(child, user, "week_12", START + datetime.timedelta(days=84), i % 3, 2, i % 2)
        zone = timezone.get_current_timezone()
        for days in (-50, -30, -10)[: 1 + i % 3]:
            Bleed.objects.create(
                patient=child,
                site_kind="joint",
                site="left_ankle",
                cause="spontaneous",
                recorded_by=user,
                onset=datetime.datetime.combine(START, datetime.time(9), zone)
                + datetime.timedelta(days=days),
            )
    return children


__all__ = ["Decimal", "build"]
