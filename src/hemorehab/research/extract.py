"""The analysis dataset extracted from the database: one row per enrolled child, in a fixed
number of queries (one per table) whatever the cohort's size.

Before/after values: the assessment with timepoint `baseline` (the latest one before the
program starts, or on its first day) and the one with timepoint `week_12`. Joint bleeds are
ISTH episodes (72 h rule, clinical.bleeds) in the 12 weeks before the start and the 12
program weeks. Age is in months at the start; no date of birth leaves this module.
"""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from zoneinfo import ZoneInfo

import pandas as pd

from hemorehab.assessments.instruments import INSTRUMENTS
from hemorehab.assessments.models import Bleed
from hemorehab.care.models import ProphylaxisRegimen
from hemorehab.clinical import bleeds as core_bleeds
from hemorehab.patients.models import Enrollment, PatientJoint
from hemorehab.rehab.models import AdverseEvent, HomeSession, Relation
from hemorehab.stats.export.dictionary import VARIABLES, Variable
from hemorehab.stats.report.dataset import COLUMNS

TWELVE_WEEKS = datetime.timedelta(weeks=12)
RELATED = (Relation.POSSIBLE, Relation.PROBABLE)
NAN = math.nan


def _months(born: datetime.date, day: datetime.date) -> int:
    return (day.year - born.year) * 12 + day.month - born.month - (day.day < born.day)


def _by_patient(queryset, key: str = "patient_id") -> dict[int, list]:
    grouped: dict[int, list] = defaultdict(list)
    for row in queryset:
        grouped[getattr(row, key)].append(row)
    return grouped


def enrollments(centers=None, started_from=None, started_to=None):
    queryset = Enrollment.objects.select_related("patient__center", "patient__identity")
    if centers is not None:
        queryset = queryset.filter(patient__center__in=centers)
    if started_from:
        queryset = queryset.filter(start_date__gte=started_from)
    if started_to:
        queryset = queryset.filter(start_date__lte=started_to)
    return queryset.order_by("patient__study_id")


def analysis_frame(enrolled) -> pd.DataFrame:
    """The analysis dataset for these enrollments (a queryset or list): the study's columns
    (stats.report.dataset.COLUMNS), then the columns of any other declared instrument."""
    enrolled = list(enrolled)
    ids = [e.patient_id for e in enrolled]
    instruments = {
        i.slug: _by_patient(
            i.model_class.objects.filter(patient_id__in=ids).order_by("assessed_on", "id")
        )
        for i in INSTRUMENTS
    }
    bleeds = _by_patient(Bleed.objects.filter(patient_id__in=ids).order_by("onset", "id"))
    regimens = _by_patient(
        ProphylaxisRegimen.objects.filter(patient_id__in=ids).order_by("effective_from", "number")
    )
    joints = _by_patient(PatientJoint.objects.filter(patient_id__in=ids))
    home = _by_patient(HomeSession.objects.filter(patient_id__in=ids))
    events = _by_patient(AdverseEvent.objects.filter(patient_id__in=ids))
    rows = []
    for e in enrolled:
        row = _row(
            e,
            bleeds[e.patient_id],
            regimens[e.patient_id],
            joints[e.patient_id],
            home[e.patient_id],
            events[e.patient_id],
        )
        for instrument in INSTRUMENTS:
            records = instruments[instrument.slug][e.patient_id]
            row.update(instrument.dataset_row(records, row["age_months"]))
        rows.append(row)
    return pd.DataFrame(rows, columns=columns())


def columns() -> list[str]:
    """The dataset's columns: the study's, then every other column an instrument declares."""
    declared = [c for i in INSTRUMENTS for c in i.columns() if c not in COLUMNS]
    return [*COLUMNS, *declared]


def instrument_variables() -> dict[str, Variable]:
    """Data dictionary entries of the instruments' own measures (those the study's dictionary
    does not already describe): label, unit, allowed values and derivation, before and after."""
    found = {}
    for instrument in INSTRUMENTS:
        for m in instrument.measures:
            if f"{m.name}_before" in VARIABLES:
                continue
            for column, when, when_zh in (
                (f"{m.name}_before", "before", "康复前"),
                (f"{m.name}_after", "after", "康复后"),
            ):
                found[column] = Variable(
                    column,
                    f"{m.label_en}, {when} rehabilitation",
                    f"{m.label_zh}（{when_zh}）",
                    "float",
                    m.unit,
                    m.allowed,
                    m.derivation,
                )
    return found


def _row(enrollment, bleeds, regimens, joints, home, events) -> dict:
    patient = enrollment.patient
    start = enrollment.start_date
    row = {
        "study_id": patient.study_id,
        "center": patient.center.code,
        "age_months": _months(patient.identity.date_of_birth, start),
        "hemophilia_type": patient.hemophilia_type,
        "severity": patient.severity,
        "prior_regimen": patient.prior_regimen,
        "affected_joints": len(joints),
        **_prophylaxis(regimens, start, patient.prior_regimen),
        "adherence": _adherence(home, start),
        "adverse_events_related": float(sum(e.relation in RELATED for e in events))
        if events
        else NAN,
        "status": enrollment.status,
    }
    row.update(_bleed_counts(bleeds, start, ZoneInfo(patient.center.time_zone), enrollment.status))
    return row


def _prophylaxis(regimens, start: datetime.date, prior_regimen: str) -> dict:
    """Infusions a week before and at the start of the program, and whether prophylaxis changed:
    a child on demand who starts prophylaxis, or a regimen replaced by another version."""
    during = [r for r in regimens if r.effective_from <= start + TWELVE_WEEKS]
    before = [r for r in regimens if r.effective_from < start]
    at_start = [r for r in during if r.effective_from <= start] or during[:1]
    return {
        "infusions_per_week_before": float(len(before[-1].weekdays)) if before else NAN,
        "infusions_per_week_during": float(len(at_start[-1].weekdays)) if at_start else NAN,
        "prophylaxis_changed": bool(
            (prior_regimen == "on_demand" and during)
            or (before and during and during[-1].number != before[-1].number)
        ),
    }


def _adherence(home, start: datetime.date) -> float:
    """Share of the planned home sessions (5 a week) that the family recorded as done."""
    if not home:
        return NAN
    end = start + TWELVE_WEEKS
    done = sum(1 for h in home if start <= h.done_on < end and h.completed)
    return min(1.0, done / (5 * 12))


def _bleed_counts(bleeds, start: datetime.date, zone: ZoneInfo, status: str) -> dict:
    begin = datetime.datetime.combine(start, datetime.time.min, tzinfo=zone)
    core = [b.core() for b in bleeds]
    before = core_bleeds.count_bleeds(core, begin - TWELVE_WEEKS, begin)
    during = core_bleeds.count_bleeds(core, begin, begin + TWELVE_WEEKS)
    return {
        "joint_bleeds_12w_before": float(before.joint),
        "joint_bleeds_12w_after": float(during.joint) if status != "active" else NAN,
    }
