"""What the assessments page shows for one child, assembled in a fixed number of queries."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from hemorehab.assessments.models import (
    Bleed,
    ChoKlatAssessment,
    HjhsAssessment,
    PhysicalMeasure,
    UltrasoundExam,
)
from hemorehab.assessments.scoring import core_bleed
from hemorehab.clinical import bleeds as core_bleeds
from hemorehab.clinical import hjhs
from hemorehab.clinical.program import program_calendar
from hemorehab.clinical.target_joints import target_joint_periods
from hemorehab.ui.charts import line_chart

TWELVE_WEEKS = datetime.timedelta(weeks=12)


def _label(record) -> str:
    return record.assessed_on.strftime("%Y-%m-%d")


def patient_history(patient) -> dict:
    hjhs_records = list(HjhsAssessment.objects.for_patient(patient).chronological())
    ultrasound_records = list(UltrasoundExam.objects.for_patient(patient).chronological())
    cho_klat_records = list(ChoKlatAssessment.objects.for_patient(patient).chronological())
    bleeds = list(Bleed.objects.for_patient(patient).order_by("onset", "id"))
    return {
        "hjhs": hjhs_records,
        "hjhs_chart": line_chart(
            [(_label(r), r.total) for r in hjhs_records], hjhs.TOTAL_MAX, "HJHS 2.1"
        ),
        "hjhs_joints": _joint_table(hjhs_records),
        "ultrasound": ultrasound_records,
        "ultrasound_chart": line_chart(
            [(_label(r), r.total) for r in ultrasound_records],
            max([r.total for r in ultrasound_records] + [8]),
            "HEAD-US-C",
        ),
        "cho_klat": cho_klat_records,
        "cho_klat_chart": line_chart(
            [(_label(r), None if r.score is None else float(r.score)) for r in cho_klat_records],
            100,
            "CHO-KLAT",
        ),
        "measures": list(
            PhysicalMeasure.objects.for_patient(patient).order_by("-measured_on")[:50]
        ),
        **_bleed_summary(patient, bleeds),
    }


def _joint_table(records: list[HjhsAssessment]) -> list[tuple[str, list[int | None]]]:
    """Per joint, its total at each visit (None when the joint had only NE items)."""
    return [(joint, [r.joint_totals.get(joint) for r in records]) for joint in hjhs.JOINTS]


def _bleed_summary(patient, bleeds: list[Bleed]) -> dict:
    core = [core_bleed(b) for b in bleeds]
    now = timezone.now()
    periods = target_joint_periods(core, now)
    current_targets = {p.joint for p in periods if p.resolved is None}
    windows = []
    enrollment = getattr(patient, "enrollment", None)
    if enrollment is not None:
        calendar = program_calendar(enrollment.start_date)
        start = _aware(calendar.start, patient.center.time_zone)
        windows = [
            ("before", core_bleeds.count_bleeds(core, start - TWELVE_WEEKS, start)),
            ("program", core_bleeds.count_bleeds(core, start, start + TWELVE_WEEKS)),
        ]
    if core:
        first = min(b.onset for b in core)
        windows.append(
            (
                "all",
                core_bleeds.count_bleeds(core, first, max(now, first + datetime.timedelta(days=1))),
            )
        )
    return {
        "bleeds": [(b, b.site in current_targets) for b in reversed(bleeds)],
        "target_periods": periods,
        "current_targets": sorted(current_targets),
        "bleed_windows": windows,
    }


def _aware(day: datetime.date, zone: str) -> datetime.datetime:
    """Midnight of a day in the child's center."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=ZoneInfo(zone))
