"""The study report as an HTML fragment or a PDF document.

HTML: a self-contained fragment (no external assets): escaped text, plain tables, figures as
inline PNG data URIs or inline SVG, both methods paragraphs (the report's language first).
PDF: see `hemorehab.stats.report.pdf` (reportlab; Chinese in the built-in CID font
STSong-Light, so no font file ships).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

from hemorehab.stats.report.build import StudyReport
from hemorehab.stats.report.figures import ReportFigure
from hemorehab.stats.report.labels import LANGUAGES, check_language, label
from hemorehab.stats.report.tables import DisplayTable, display_tables

HTML_LANG = {"en": "en", "zh-hans": "zh-Hans"}


def _table(table: DisplayTable) -> str:
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in table.header)
    body = []
    for i, row in enumerate(table.rows):
        level = table.indent[i] if i < len(table.indent) else 0
        first = f'<th scope="row" class="level-{level}">{escape(row[0])}</th>'
        rest = "".join(f"<td>{escape(cell)}</td>" for cell in row[1:])
        body.append(f"<tr>{first}{rest}</tr>")
    notes = "".join(f"<li>{escape(n)}</li>" for n in table.notes)
    parts = [
        f'<table class="report-table" id="report-{escape(table.key)}">',
        f"<caption>{escape(table.title)}</caption>",
        f"<thead><tr>{head}</tr></thead>",
        f"<tbody>{''.join(body)}</tbody></table>",
    ]
    if notes:
        parts.append(f'<ul class="table-notes">{notes}</ul>')
    return "".join(parts)


def inline_svg(svg: str) -> str:
    """The <svg> element of an SVG document (XML declaration and DOCTYPE removed)."""
    match = re.search(r"<svg\b", svg)
    return svg[match.start() :] if match else ""


def _figure(figure: ReportFigure, lang: str, svg: bool) -> str:
    caption = escape(figure.caption_in(lang))
    image = (
        inline_svg(figure.svg) if svg else f'<img src="{figure.png_data_uri()}" alt="{caption}">'
    )
    figure_id = escape(figure.key)
    return f'<figure id="figure-{figure_id}">{image}<figcaption>{caption}</figcaption></figure>'


def _methods(report: StudyReport, lang: str) -> str:
    order = (lang, *(other for other in LANGUAGES if other != lang))
    paragraphs = "".join(
        f'<p lang="{HTML_LANG[code]}">{escape(report.methods.text(code))}</p>' for code in order
    )
    heading = escape(label("methods", lang))
    return f'<section class="report-methods"><h2>{heading}</h2>{paragraphs}</section>'


def render_html(
    report: StudyReport,
    figures: Sequence[ReportFigure] = (),
    *,
    language: str | None = None,
    svg: bool = False,
) -> str:
    """HTML fragment of the whole report; `svg=True` inlines SVG instead of PNG images."""
    lang = check_language(language or report.language)
    parts = [
        f'<section class="study-report" lang="{HTML_LANG[lang]}">',
        f"<h1>{escape(report.title)}</h1>",
        f'<p class="cohort-label">{escape(report.cohort_label)}</p>',
        *(f"<section>{_table(t)}</section>" for t in display_tables(report, lang)),
        _methods(report, lang),
    ]
    if figures:
        figure_html = "".join(_figure(f, lang, svg) for f in figures)
        heading = escape(label("figures", lang))
        parts.append(f'<section class="report-figures"><h2>{heading}</h2>{figure_html}</section>')
    parts.append("</section>")
    return "\n".join(parts)


def render_pdf(
    report: StudyReport, figures: Sequence[ReportFigure] = (), *, language: str | None = None
) -> bytes:
    """PDF of the whole report (A4)."""
    from hemorehab.stats.report.pdf import build_pdf  # reportlab is needed only for PDF

    return build_pdf(report, figures, check_language(language or report.language))
