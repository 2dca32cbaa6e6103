"""The analysis dataset, one row per enrolled child, read from the database in a fixed number
of queries (one per table) whatever the cohort's size.

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

from hemorehab.assessments.models import Bleed, ChoKlatAssessment, HjhsAssessment, UltrasoundExam
from hemorehab.assessments.scoring import core_bleed
from hemorehab.care.models import ProphylaxisRegimen
from hemorehab.clinical import bleeds as core_bleeds
from hemorehab.patients.models import Enrollment, PatientJoint
from hemorehab.rehab.models import AdverseEvent, HomeSession, Relation
from hemorehab.stats.report.dataset import COLUMNS

TWELVE_WEEKS = datetime.timedelta(weeks=12)
HJHS_COMPONENTS = {
    "hjhs_swelling": "swelling",
    "hjhs_muscle_strength_atrophy": "muscle_strength_atrophy",
    "hjhs_flexion_extension": "flexion_extension",
    "hjhs_crepitus": "crepitus",
    "hjhs_gait": "gait",
}
RELATED = (Relation.POSSIBLE, Relation.PROBABLE)
NAN = math.nan


def _months(born: datetime.date, day: datetime.date) -> int:
    return (day.year - born.year) * 12 + day.month - born.month - (day.day < born.day)


def _by_patient(queryset, key: str = "patient_id") -> dict[int, list]:
    grouped: dict[int, list] = defaultdict(list)
    for row in queryset:
        grouped[getattr(row, key)].append(row)
    return grouped


def _pick(records: list, timepoint: str):
    """The latest record of a timepoint (records are ordered oldest first)."""
    chosen = [r for r in records if r.timepoint == timepoint]
    return chosen[-1] if chosen else None


def _value(record, attribute: str) -> float:
    if record is None:
        return NAN
    value = getattr(record, attribute)
    return NAN if value is None else float(value)


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
    """The analysis dataset for these enrollments (a queryset or list)."""
    enrolled = list(enrolled)
    ids = [e.patient_id for e in enrolled]
    hjhs = _by_patient(
        HjhsAssessment.objects.filter(patient_id__in=ids).order_by("assessed_on", "id")
    )
    scans = _by_patient(
        UltrasoundExam.objects.filter(patient_id__in=ids, scale="head-us-c").order_by(
            "assessed_on", "id"
        )
    )
    klat = _by_patient(
        ChoKlatAssessment.objects.filter(patient_id__in=ids).order_by("assessed_on", "id")
    )
    bleeds = _by_patient(Bleed.objects.filter(patient_id__in=ids).order_by("onset", "id"))
    regimens = _by_patient(
        ProphylaxisRegimen.objects.filter(patient_id__in=ids).order_by("effective_from", "number")
    )
    joints = _by_patient(PatientJoint.objects.filter(patient_id__in=ids))
    home = _by_patient(HomeSession.objects.filter(patient_id__in=ids))
    events = _by_patient(AdverseEvent.objects.filter(patient_id__in=ids))
    rows = [
        _row(
            e,
            hjhs[e.patient_id],
            scans[e.patient_id],
            klat[e.patient_id],
            bleeds[e.patient_id],
            regimens[e.patient_id],
            joints[e.patient_id],
            home[e.patient_id],
            events[e.patient_id],
        )
        for e in enrolled
    ]
    return pd.DataFrame(rows, columns=list(COLUMNS))


def _row(enrollment, hjhs, scans, klat, bleeds, regimens, joints, home, events) -> dict:
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
    base, post = _pick(hjhs, "baseline"), _pick(hjhs, "week_12")
    row["hjhs_total_before"], row["hjhs_total_after"] = _value(base, "total"), _value(post, "total")
    for column, component in HJHS_COMPONENTS.items():
        row[f"{column}_before"] = float(base.components[component]) if base else NAN
        row[f"{column}_after"] = float(post.components[component]) if post else NAN
    row["head_us_c_total_before"] = _value(_pick(scans, "baseline"), "total")
    row["head_us_c_total_after"] = _value(_pick(scans, "week_12"), "total")
    row.update(_cho_klat_pair(klat, row["age_months"]))
    row["hjhs_incomplete_before"] = bool(base is not None and not base.complete)
    row["hjhs_incomplete_after"] = bool(post is not None and not post.complete)
    row.update(_bleed_counts(bleeds, start, ZoneInfo(patient.center.time_zone), enrollment.status))
    return row


SELF_REPORT_FROM_MONTHS = 144
"""Seed s2.5: parents answered for children aged 4-12, children of 12-18 answered themselves."""


def _cho_klat_pair(klat, age_months: int) -> dict:
    """Before and after from the same CHO-KLAT form (child and parent scores are never mixed,
    instruments.md s3): the form for the child's age at the start when both timepoints have
    it, else the other form when both have that; otherwise no pair, flagged when the two
    timepoints exist only in different forms."""
    expected = "child" if age_months >= SELF_REPORT_FROM_MONTHS else "parent"
    other = "parent" if expected == "child" else "child"
    for form in (expected, other):
        mine = [r for r in klat if r.form == form]
        base, post = _pick(mine, "baseline"), _pick(mine, "week_12")
        if base is not None and post is not None:
            return {
                "cho_klat_before": _value(base, "score"),
                "cho_klat_after": _value(post, "score"),
                "cho_klat_form": form,
                "cho_klat_form_changed": False,
            }
    base, post = _pick(klat, "baseline"), _pick(klat, "week_12")
    if base is not None and post is not None:  # both exist, in different forms: flagged
        return {
            "cho_klat_before": NAN,
            "cho_klat_after": NAN,
            "cho_klat_form": "none",
            "cho_klat_form_changed": True,
        }
    return {
        "cho_klat_before": _value(base, "score"),
        "cho_klat_after": _value(post, "score"),
        "cho_klat_form": base.form if base is not None else post.form if post else "none",
        "cho_klat_form_changed": False,
    }


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
    core = [core_bleed(b) for b in bleeds]
    before = core_bleeds.count_bleeds(core, begin - TWELVE_WEEKS, begin)
    during = core_bleeds.count_bleeds(core, begin, begin + TWELVE_WEEKS)
    return {
        "joint_bleeds_12w_before": float(before.joint),
        "joint_bleeds_12w_after": float(during.joint) if status != "active" else NAN,
    }
