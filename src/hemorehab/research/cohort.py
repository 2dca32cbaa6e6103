"""A cohort as the report and the exports see it: the analysis dataset, the figure inputs and
the study flow, all read from the database for chosen centers and an enrollment period."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pandas as pd

from hemorehab.assessments.models import Bleed, HjhsAssessment
from hemorehab.clinical import bleeds as core_bleeds
from hemorehab.clinical import hjhs
from hemorehab.patients.flow import study_flow
from hemorehab.patients.models import Patient
from hemorehab.patients.screening import CRITERIA_TEXT
from hemorehab.research.extract import analysis_frame, enrollments
from hemorehab.stats.report.flow import StudyFlow

TIMEPOINT_CODES = {"baseline": "T0", "week_12": "T12"}


@dataclass(frozen=True)
class Cohort:
    label: str
    frame: pd.DataFrame
    joint_items: pd.DataFrame
    bleed_weeks: pd.DataFrame
    flow: StudyFlow
    enrolled: list


def load(centers, started_from=None, started_to=None) -> Cohort:
    enrolled = list(enrollments(centers, started_from, started_to))
    patients = Patient.objects.filter(center__in=centers)
    counts = study_flow(patients)
    flow = StudyFlow(
        screened=counts["screened"],
        eligible=counts["eligible"],
        not_eligible=counts["not_eligible"],
        enrolled=len(enrolled),
        completed=sum(e.status == "completed" for e in enrolled),
        withdrawn=sum(e.status == "withdrawn" for e in enrolled),
        excluded_by_reason={
            str(CRITERIA_TEXT.get(code, code)): n for code, n in counts["reason_codes"].items()
        },
    )
    codes = ", ".join(c.code for c in centers)
    period = ""
    if started_from or started_to:
        period = f" · {started_from or '…'} – {started_to or '…'}"
    return Cohort(
        label=f"{codes}{period}",
        frame=analysis_frame(enrolled),
        joint_items=joint_items(enrolled),
        bleed_weeks=bleed_weeks(enrolled),
        flow=flow,
        enrolled=enrolled,
    )


def joint_items(enrolled) -> pd.DataFrame:
    """HJHS item scores per child, joint and timepoint (T0 baseline, T12 week 12)."""
    ids = {e.patient_id: e.patient.study_id for e in enrolled}
    rows = []
    records = HjhsAssessment.objects.filter(patient_id__in=ids, timepoint__in=TIMEPOINT_CODES)
    latest = {}
    for record in records.order_by("assessed_on", "id"):
        latest[(record.patient_id, record.timepoint)] = record
    for (patient_id, timepoint), record in latest.items():
        for joint in hjhs.JOINTS:
            for item in hjhs.ITEMS:
                value = record.answers["joints"][joint][item]
                rows.append(
                    (
                        ids[patient_id],
                        joint,
                        item,
                        TIMEPOINT_CODES[timepoint],
                        float("nan") if value == "NE" else float(value),
                    )
                )
    return pd.DataFrame(rows, columns=["study_id", "joint", "item", "timepoint", "score"])


def bleed_weeks(enrolled) -> pd.DataFrame:
    """Joint bleed episodes (ISTH 72 h rule, as in Table 1) by program week in the child's
    center: -12..-1 before the start, 1..12 during."""
    by_patient = {e.patient_id: e for e in enrolled}
    bleeds: dict[int, list] = {}
    for bleed in Bleed.objects.filter(patient_id__in=by_patient, site_kind="joint"):
        bleeds.setdefault(bleed.patient_id, []).append(bleed.core())
    rows = []
    for patient_id, found in bleeds.items():
        enrollment = by_patient[patient_id]
        zone = ZoneInfo(enrollment.patient.center.time_zone)
        for episode in core_bleeds.group_episodes(found):
            days = (episode.onset.astimezone(zone).date() - enrollment.start_date).days
            week = days // 7 + 1 if days >= 0 else -((-days - 1) // 7 + 1)
            if -12 <= week <= 12:
                rows.append((enrollment.patient.study_id, week))
    return pd.DataFrame(rows, columns=["study_id", "week"])


def export_frame(cohort: Cohort, identified: bool) -> pd.DataFrame:
    """The analysis dataset plus the program start date, and the identifiers when asked for."""
    frame = cohort.frame.copy()
    by_id = {e.patient.study_id: e for e in cohort.enrolled}
    frame["start_date"] = [by_id[s].start_date for s in frame["study_id"]]
    if identified:
        identity = {s: e.patient.identity for s, e in by_id.items()}
        frame["family_name"] = [identity[s].family_name for s in frame["study_id"]]
        frame["given_name"] = [identity[s].given_name for s in frame["study_id"]]
        frame["hospital_number"] = [identity[s].hospital_number for s in frame["study_id"]]
        frame["date_of_birth"] = [identity[s].date_of_birth for s in frame["study_id"]]
    return frame
