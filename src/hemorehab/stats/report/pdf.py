"""The study report as PDF (reportlab, A4, deterministic bytes).

Latin text is set in Helvetica; Chinese in reportlab's built-in CID font STSong-Light
(`UnicodeCIDFont`), which PDF readers supply themselves, so no font file ships. Any
character Helvetica cannot encode (cp1252), such as '≤' or Chinese in an English report,
is switched to STSong-Light inside the paragraph. Figures are embedded as PNG.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from itertools import groupby
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import (
    Flowable,
    Image,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from hemorehab.stats.report.build import StudyReport
from hemorehab.stats.report.figures import ReportFigure
from hemorehab.stats.report.labels import LANGUAGES, label
from hemorehab.stats.report.tables import DisplayTable, display_tables

CJK_FONT = "STSong-Light"
LATIN_FONT = "Helvetica"
LATIN_BOLD = "Helvetica-Bold"
MARGIN = 18 * mm
WIDTH = A4[0] - 2 * MARGIN


def register_fonts() -> None:
    """Register STSong-Light once per process (reportlab keeps a global font registry)."""
    if CJK_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))


def _latin(char: str) -> bool:
    try:
        char.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def markup(text: str, font: str) -> str:
    """Escaped paragraph markup; in a Latin font, runs Helvetica lacks use STSong-Light."""
    if font == CJK_FONT:
        return escape(text)
    pieces = []
    for latin, chars in groupby(text, key=_latin):
        piece = escape("".join(chars))
        pieces.append(piece if latin else f'<font name="{CJK_FONT}">{piece}</font>')
    return "".join(pieces)


class Styles:
    """Paragraph styles for one language."""

    def __init__(self, language: str) -> None:
        cjk = language == "zh-hans"
        self.font = CJK_FONT if cjk else LATIN_FONT
        bold = CJK_FONT if cjk else LATIN_BOLD
        wrap = "CJK" if cjk else None
        self.body = ParagraphStyle(
            "body", fontName=self.font, fontSize=9, leading=12, wordWrap=wrap
        )
        self.small = ParagraphStyle("small", parent=self.body, fontSize=7.5, leading=9.5)
        self.cell = ParagraphStyle("cell", parent=self.body, fontSize=8, leading=10)
        self.head = ParagraphStyle("head", parent=self.cell, fontName=bold)
        self.h1 = ParagraphStyle("h1", parent=self.body, fontName=bold, fontSize=15, leading=19)
        self.h2 = ParagraphStyle("h2", parent=self.body, fontName=bold, fontSize=11, leading=15,
                                 spaceBefore=8, spaceAfter=4)  # fmt: skip

    def p(self, text: str, style: ParagraphStyle | None = None) -> Paragraph:
        return Paragraph(markup(text, self.font), style or self.body)


def _widths(columns: int) -> list[float]:
    if columns == 1:
        return [WIDTH]
    first = WIDTH * (0.4 if columns > 3 else 0.55)
    return [first] + [(WIDTH - first) / (columns - 1)] * (columns - 1)


def _table(table: DisplayTable, s: Styles) -> list[Flowable]:
    header = [s.p(h, s.head) for h in table.header]
    rows = []
    for i, row in enumerate(table.rows):
        level = table.indent[i] if i < len(table.indent) else 0
        first = ParagraphStyle(f"cell{level}", parent=s.cell, leftIndent=8 * level)
        rows.append([s.p(row[0], first), *(s.p(cell, s.cell) for cell in row[1:])])
    grid = Table([header, *rows], colWidths=_widths(len(table.header)), repeatRows=1)
    grid.setStyle(
        TableStyle(
            [
                ("LINEABOVE", (0, 0), (-1, 0), 1.0, "black"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.5, "black"),
                ("LINEBELOW", (0, -1), (-1, -1), 1.0, "black"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    title = s.p(table.title, s.h2)
    notes = [s.p(note, s.small) for note in table.notes]
    return [KeepTogether([title, grid, *notes])]


def _methods(report: StudyReport, language: str) -> list[Flowable]:
    order = (language, *(other for other in LANGUAGES if other != language))
    out: list[Flowable] = []
    for code in order:
        styles = Styles(code)
        out += [styles.p(label("methods", code), styles.h2), styles.p(report.methods.text(code))]
    return out


def _figure(figure: ReportFigure, s: Styles, language: str) -> Flowable:
    width, height = ImageReader(io.BytesIO(figure.png)).getSize()
    scale = min(1.0, WIDTH / width) if width else 1.0
    image = Image(io.BytesIO(figure.png), width=width * scale, height=height * scale)
    return KeepTogether([image, Spacer(1, 2 * mm), s.p(figure.caption_in(language), s.small)])


def build_pdf(report: StudyReport, figures: Sequence[ReportFigure], language: str) -> bytes:
    register_fonts()
    s = Styles(language)
    story: list[Flowable] = [s.p(report.title, s.h1), s.p(report.cohort_label)]
    for table in display_tables(report, language):
        story += _table(table, s)
    story += _methods(report, language)
    if figures:
        story.append(s.p(label("figures", language), s.h2))
        story += [_figure(f, s, language) for f in figures]
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
        bottomMargin=MARGIN, title=report.title, author="hemorehab", creator="hemorehab",
        invariant=1, lang="zh-Hans" if language == "zh-hans" else "en",
    )  # fmt: skip
    document.build(story)
    return buffer.getvalue()
