"""Build the study report: one call from the analysis dataset and the study flow to every
table, model and text of the report, as frozen dataclasses with a JSON form.

`StudyReport.to_json()` is the machine contract (plain dict, numbers as numbers, NaN as
null): {"table1": [{"measure", "before": {"median", "q1", "q3", "n"}, "after": {...}, "z",
"p", ...}], "group_comparison": {"variable", "by", "groups": {LEVEL: {"n", "median", "q1",
"q3"}}, "mann_whitney": {"u", "z", "p"}}, "cohort": {...}, ...}; extra keys may be added,
none removed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pandas as pd

from hemorehab.stats.descriptives import describe_quantile_method
from hemorehab.stats.report.adjusted import AdjustedModel, adjusted_models
from hemorehab.stats.report.cohort import CohortSummary, describe_cohort
from hemorehab.stats.report.dataset import analysis_rows, validate_dataset
from hemorehab.stats.report.flow import FlowError, StudyFlow, check_flow
from hemorehab.stats.report.labels import check_language
from hemorehab.stats.report.methods import Methods, methods_paragraph
from hemorehab.stats.report.outcomes import (
    GroupComparisonResult,
    OutcomeRow,
    bleed_reduction_by_regimen,
    table1,
)
from hemorehab.stats.report.safety import (
    AdherenceSummary,
    AdverseEventSummary,
    adherence_summary,
    adverse_event_summary,
)
from hemorehab.stats.report.subgroups import SubgroupAnalysis, subgroup_analyses


@dataclass(frozen=True)
class AnalysisSet:
    """Rows of the dataset, children left out of outcome analyses as 'active', analysed."""

    n_rows: int
    n_active_excluded: int

    @property
    def n_analysed(self) -> int:
        return self.n_rows - self.n_active_excluded

    def to_dict(self) -> dict[str, Any]:
        return {
            "n_rows": self.n_rows,
            "n_active_excluded": self.n_active_excluded,
            "n_analysed": self.n_analysed,
            "rule": "outcome analyses include every child whose status is not 'active'",
        }


@dataclass(frozen=True)
class StudyReport:
    title: str
    cohort_label: str
    language: str
    quantile_method: str
    flow: StudyFlow
    flow_notes: tuple[str, ...]
    cohort: CohortSummary
    analysis_set: AnalysisSet
    table1: tuple[OutcomeRow, ...]
    group_comparison: GroupComparisonResult
    models: tuple[AdjustedModel, ...]
    subgroups: tuple[SubgroupAnalysis, ...]
    adherence: AdherenceSummary
    adverse_events: AdverseEventSummary
    methods: Methods

    def to_json(self) -> dict[str, Any]:
        """The machine form: a JSON-ready dict (see the module docstring)."""
        return {
            "title": self.title,
            "cohort_label": self.cohort_label,
            "language": self.language,
            "quantile_method": self.quantile_method,
            "flow": self.flow.to_dict() | {"notes": list(self.flow_notes)},
            "cohort": self.cohort.to_dict(),
            "analysis_set": self.analysis_set.to_dict(),
            "table1": [row.to_dict() for row in self.table1],
            "group_comparison": self.group_comparison.to_dict(),
            "models": [m.to_dict() for m in self.models],
            "subgroups": [s.to_dict() for s in self.subgroups],
            "adherence": self.adherence.to_dict(),
            "adverse_events": self.adverse_events.to_dict(),
            "methods": self.methods.to_dict(),
        }

    def to_json_text(self) -> str:
        """`to_json()` serialised (UTF-8 text, Chinese kept as characters, NaN refused)."""
        return json.dumps(self.to_json(), ensure_ascii=False, allow_nan=False, indent=2)


def build_report(
    frame: pd.DataFrame,
    flow: StudyFlow,
    *,
    title: str,
    cohort_label: str,
    quantile_method: str | int = "spss",
    language: str = "en",
) -> StudyReport:
    """The full study report of an analysis dataset (see `dataset.COLUMNS`)."""
    language = check_language(language)
    method_name = describe_quantile_method(quantile_method)
    data = validate_dataset(frame)
    try:
        flow_notes = check_flow(flow, len(data))
    except FlowError as exc:
        # Recorded counts that contradict each other are a warning in the report, not a crash.
        flow_notes = (f"the study flow is inconsistent: {exc}",)
    analysed = analysis_rows(data)
    n_active = len(data) - len(analysed)
    return StudyReport(
        title=title,
        cohort_label=cohort_label,
        language=language,
        quantile_method=method_name,
        flow=flow,
        flow_notes=flow_notes,
        cohort=describe_cohort(data, quantile_method),
        analysis_set=AnalysisSet(len(data), n_active),
        table1=table1(analysed, quantile_method, language),
        group_comparison=bleed_reduction_by_regimen(analysed, quantile_method),
        models=adjusted_models(analysed),
        subgroups=subgroup_analyses(analysed, quantile_method),
        adherence=adherence_summary(data, quantile_method),
        adverse_events=adverse_event_summary(data),
        methods=methods_paragraph(quantile_method, n_active),
    )
