"""The report as printable tables of text, in one language; HTML and PDF render these.

Numbers become text here and only through `hemorehab.stats.formatting`: medians and
quartiles with 2 decimals, Z with 3, P as '<0.001' or 3 decimals, '-' when missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hemorehab.stats.formatting import format_number, format_p
from hemorehab.stats.report.adjusted import AdjustedModel
from hemorehab.stats.report.build import StudyReport
from hemorehab.stats.report.cohort import format_age
from hemorehab.stats.report.labels import label
from hemorehab.stats.report.outcomes import Quartiles
from hemorehab.stats.report.subgroups import SubgroupAnalysis


@dataclass(frozen=True)
class DisplayTable:
    """A titled table of text cells; `indent` gives each row's indentation level."""

    key: str
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    indent: tuple[int, ...] = field(default=())
    notes: tuple[str, ...] = field(default=())


def miqr(q: Quartiles) -> str:
    parts = (format_number(v) for v in (q.median, q.q1, q.q3))
    median, q1, q3 = parts
    return f"{median} ({q1}, {q3})"


def flow_table(report: StudyReport, lang: str) -> DisplayTable:
    f = report.flow
    rows = [
        (label("screened", lang), str(f.screened)),
        (label("not_eligible", lang), str(f.not_eligible)),
    ]
    rows += [(reason, str(n)) for reason, n in f.excluded_by_reason.items()]
    indent = [0, 0] + [1] * len(f.excluded_by_reason)
    for key in ("eligible", "enrolled", "completed", "withdrawn", "active"):
        rows.append((label(key, lang), str(getattr(f, key))))
        indent.append(0)
    header = (label("study_flow", lang), label("n", lang))
    notes = report.flow_notes
    return DisplayTable(
        "flow", label("study_flow", lang), header, tuple(rows), tuple(indent), notes
    )


def _count_rows(counts: dict[str, int], lang: str) -> list[tuple[str, str]]:
    return [(label(level, lang), str(n)) for level, n in counts.items()]


def cohort_table(report: StudyReport, lang: str) -> DisplayTable:
    c = report.cohort
    age = c.age_months
    low, high = format_age(age.min, lang), format_age(age.max, lang)
    ages = f"{format_age(age.median, lang)} ({low} - {high})"
    rows = [(label("children", lang), str(c.n)), (label("age", lang), ages)]
    rows += _count_rows(c.hemophilia_type, lang) + _count_rows(c.severity, lang)
    rows += _count_rows(c.prior_regimen, lang)
    rows += [
        (label("joints_1", lang), str(c.joints_one)),
        (label("joints_2plus", lang), str(c.joints_two_or_more)),
        (label("prophylaxis_changed", lang), str(c.prophylaxis_changed)),
    ]
    rows += _count_rows(c.status, lang)
    rows.append((label("analysed", lang), str(report.analysis_set.n_analysed)))
    header = (label("item", lang), label("value", lang))
    return DisplayTable("cohort", label("cohort", lang), header, tuple(rows))


def table1_table(report: StudyReport, lang: str) -> DisplayTable:
    header = (
        label("measure", lang),
        label("before", lang),
        label("after", lang),
        "Z",
        "P",
        label("n", lang),
    )
    rows = tuple(
        (label(r.measure, lang), r.display.before, r.display.after, r.display.z, r.display.p,
         str(r.before.n))
        for r in report.table1
    )  # fmt: skip
    indent = tuple(r.level for r in report.table1)
    notes = (label("p_note", lang),)
    return DisplayTable("table1", label("table1", lang), header, rows, indent, notes)


def group_table(report: StudyReport, lang: str) -> DisplayTable:
    g = report.group_comparison
    header = (label("group", lang), label("n", lang), label("median_iqr", lang))
    rows = tuple((label(lv, lang), str(s.n), miqr(Quartiles.of(s))) for lv, s in g.groups.items())
    mw = g.mann_whitney
    test = (
        f"Mann-Whitney U = {format_number(mw.u, 1)}, Z = {format_number(mw.z, 3)}, "
        f"P = {format_p(mw.p)}"
        if mw
        else label("not_fitted", lang)
    )
    title = f"{label('group_comparison', lang)}: {label(g.variable, lang)}"
    return DisplayTable("group_comparison", title, header, rows, notes=(test,))


def model_table(model: AdjustedModel, lang: str) -> DisplayTable:
    header = (label("term", lang), label("estimate", lang), label("ci95", lang), "P")
    fit = model.result
    rows = tuple(
        (
            label(c.term, lang),
            format_number(c.estimate, 3),
            f"{format_number(c.ci95[0], 3)}, {format_number(c.ci95[1], 3)}",
            format_p(c.p),
        )
        for c in (fit.coefficients if fit else ())
    )
    notes = [f"n = {fit.n}, R² = {format_number(fit.r_squared, 3)}, HC3"] if fit else []
    notes += [
        f"{label('covariates_dropped', lang)}: {label(d.name, lang)} ({d.reason})"
        for d in model.dropped
    ]
    notes += [] if fit else [label("not_fitted", lang), *model.notes[-1:]]
    title = f"{label(model.measure, lang)}: {label('change_model', lang)}"
    return DisplayTable(f"model_{model.measure}", title, header, rows, notes=tuple(notes))


def subgroup_table(analysis: SubgroupAnalysis, lang: str) -> DisplayTable:
    header = (
        label("group", lang),
        label("n", lang),
        label("before", lang),
        label("after", lang),
        "Z",
        "P",
    )
    rows = tuple(
        (label(c.level, lang), str(c.before.n), miqr(c.before), miqr(c.after),
         format_number(c.z, 3), format_p(c.p))
        for c in analysis.cells
    )  # fmt: skip
    test = {"mann_whitney": "Mann-Whitney U", "kruskal_wallis": "Kruskal-Wallis H"}
    between = f"{label('between', lang)}: -"
    if analysis.test:
        statistic = format_number(analysis.statistic, 3)
        between = f"{label('between', lang)}: {test[analysis.test]} = {statistic}, "
        between += f"P = {format_p(analysis.p)}"
    title = f"{label('subgroups', lang)}: {label(analysis.variable, lang)}"
    return DisplayTable(f"subgroup_{analysis.variable}", title, header, rows, notes=(between,))


def safety_table(report: StudyReport, lang: str) -> DisplayTable:
    a, e = report.adherence, report.adverse_events
    missing = label("not_recorded", lang)
    adherence = miqr(Quartiles.of(a.percent)) if a.percent else missing
    rows = (
        (label("adherence", lang), ""),
        (label("recorded", lang), f"{a.n_recorded} / {a.n_children}"),
        (label("adherence_median", lang), adherence),
        (label("adverse_events", lang), ""),
        (label("recorded", lang), f"{e.n_recorded} / {e.n_children}"),
        (label("events_total", lang), str(e.total_events) if e.recorded else missing),
        (label("children_with_event", lang), str(e.children_with_event) if e.recorded else missing),
    )
    header = (label("item", lang), label("value", lang))
    title = f"{label('adherence', lang)}; {label('adverse_events', lang)}"
    return DisplayTable("safety", title, header, rows, (0, 1, 1, 0, 1, 1, 1))


def display_tables(report: StudyReport, language: str | None = None) -> tuple[DisplayTable, ...]:
    """Every table of the report in print order."""
    lang = language or report.language
    tables = [flow_table(report, lang), cohort_table(report, lang), table1_table(report, lang)]
    tables.append(group_table(report, lang))
    tables += [model_table(m, lang) for m in report.models]
    tables += [subgroup_table(s, lang) for s in report.subgroups]
    tables.append(safety_table(report, lang))
    return tuple(tables)
