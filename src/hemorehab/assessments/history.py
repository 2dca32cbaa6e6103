"""What the assessments page shows for one child, assembled in a fixed number of queries:
each instrument of the registry (its records, chart and section), the physical measures and
the bleeds with their counts, rates and target joints."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils import timezone

from hemorehab.assessments.instruments import INSTRUMENTS, Instrument
from hemorehab.assessments.models import Bleed, PhysicalMeasure
from hemorehab.clinical import bleeds as core_bleeds
from hemorehab.clinical.program import program_calendar
from hemorehab.clinical.target_joints import target_joint_periods
from hemorehab.ui.charts import line_chart

TWELVE_WEEKS = datetime.timedelta(weeks=12)


def _label(record) -> str:
    return record.assessed_on.strftime("%Y-%m-%d")


@dataclass(frozen=True)
class Section:
    """One instrument on the assessments page: its records (oldest first), its chart, and what
    its section template adds (the HJHS's per-joint table)."""

    instrument: Instrument
    records: list
    chart: str
    extra: dict
    can: bool  # whether this user may record one (and correct a record)

    @property
    def rows(self) -> list[tuple]:
        """(record, its charted value) for the generic section's table."""
        return [(r, self.instrument.chart.value(r)) for r in self.records]


def chart(instrument: Instrument, records: list) -> str:
    points = [(_label(r), instrument.chart.value(r)) for r in records]
    top = instrument.chart.top
    if top is None:
        top = max([v for _, v in points if v is not None] + [instrument.chart.least])
    return line_chart(points, top, str(instrument.label))


def patient_history(patient, can: dict[str, bool]) -> dict:
    """`can`: the user's capabilities for this child (policy.capabilities)."""
    sections = []
    for i in INSTRUMENTS:
        records = list(i.model_class.objects.for_patient(patient).chronological())
        allowed = can[i.action.replace(".", "_")]
        sections.append(Section(i, records, chart(i, records), i.history(records), allowed))
    bleeds = list(Bleed.objects.for_patient(patient).order_by("onset", "id"))
    return {
        "sections": sections,
        "measures": list(
            PhysicalMeasure.objects.for_patient(patient).order_by("-measured_on")[:50]
        ),
        **_bleed_summary(patient, bleeds),
    }


def _bleed_summary(patient, bleeds: list[Bleed]) -> dict:
    core = [b.core() for b in bleeds]
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
