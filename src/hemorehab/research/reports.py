"""Building the study report and the exports for a cohort, for the web and the CLI alike."""

from __future__ import annotations

import hashlib

from django.db import transaction

from hemorehab.policy import privacy
from hemorehab.research import extract
from hemorehab.research.cohort import Cohort, export_frame
from hemorehab.research.models import ExportRecord
from hemorehab.stats.export import deidentify as deid
from hemorehab.stats.export import dictionary, writers
from hemorehab.stats.report.build import build_report
from hemorehab.stats.report.figures import build_figures
from hemorehab.stats.report.render import render_html, render_pdf

TITLE = {
    "en": "Individualized 12-week joint rehabilitation: outcomes",
    "zh-hans": "12周个体化关节康复：结局分析",
}
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "sav": "application/x-spss-sav",
    "dictionary": "text/csv; charset=utf-8",
    "pdf": "application/pdf",
    "json": "application/json",
    "html": "text/html; charset=utf-8",
}


def report(cohort: Cohort, language: str):
    return build_report(
        cohort.frame,
        cohort.flow,
        title=TITLE[language],
        cohort_label=cohort.label,
        language=language,
    )


def figures(cohort: Cohort):
    return build_figures(
        cohort.frame,
        joint_items=cohort.joint_items if not cohort.joint_items.empty else None,
        bleed_weeks=cohort.bleed_weeks if not cohort.bleed_weeks.empty else None,
    )


def render(cohort: Cohort, fmt: str, language: str) -> bytes:
    built = report(cohort, language)
    if fmt == "json":
        return built.to_json_text().encode()
    if fmt == "pdf":
        return render_pdf(built, figures(cohort), language=language)
    return render_html(built, figures(cohort), language=language).encode()


shift_key = privacy.shift_key  # one key for the export, the API and the web (policy.privacy)


def export(
    cohort: Cohort, fmt: str, *, identified: bool, user_label: str, language: str = "en"
) -> bytes:
    """The export file's bytes; every export is recorded (an identified one in the audit trail)."""
    frame = deid.deidentify(
        export_frame(cohort, identified), key=shift_key(), identified=identified
    )
    variables = extract.instrument_variables()  # the instruments' own measures, described
    if fmt == "csv":
        data = writers.to_csv_bytes(frame)
    elif fmt == "xlsx":
        data = writers.to_xlsx_bytes(frame, variables)
    elif fmt == "sav":
        data = writers.to_sav_bytes(frame, language, variables)
    elif fmt == "dictionary":
        data = dictionary.dictionary_csv(dictionary.data_dictionary(frame, variables))
    else:
        raise ValueError(f"format {fmt!r} is not one of csv, xlsx, sav, dictionary")
    with transaction.atomic():
        ExportRecord.objects.create(
            requested_by=user_label,
            format=fmt,
            identified=identified,
            rows=len(frame),
            cohort=cohort.label,
            sha256=hashlib.sha256(data).hexdigest(),
        )
    return data
