"""HTML fragment and PDF of the report."""

from __future__ import annotations

import base64
import contextlib
import re
import shutil
import subprocess
import zlib

import pytest
from reportlab.pdfbase.cidfonts import UnicodeCIDFont

from hemorehab.stats.report.build import build_report
from hemorehab.stats.report.figures import build_figures
from hemorehab.stats.report.pdf import markup
from hemorehab.stats.report.render import render_html, render_pdf
from tests.stats.report.helpers import small_flow, small_frame


@pytest.fixture(scope="module")
def report():
    return build_report(small_frame(), small_flow(), title="Rehab <study> & co", cohort_label="Ten")


@pytest.fixture(scope="module")
def figures():
    return build_figures(small_frame())


def test_html_is_escaped_and_self_contained(report, figures):
    html = render_html(report, figures)
    assert "Rehab &lt;study&gt; &amp; co" in html
    assert "<study>" not in html
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert html.count('src="data:image/png;base64,') == len(figures)
    assert "9.00 (5.00, 13.50)" in html


def test_html_has_both_methods_paragraphs_report_language_first(report):
    html = render_html(report, language="zh-hans")
    assert html.index('<p lang="zh-Hans">') < html.index('<p lang="en">')
    assert "统计学方法" in html and "骨摩擦音" in html


def test_html_can_inline_svg(report, figures):
    html = render_html(report, figures, svg=True)
    assert html.count("<svg") == len(figures) and "<?xml" not in html


def _streams(pdf: bytes) -> bytes:
    """Every stream of the PDF, decoded (reportlab writes ASCII85 over Flate)."""
    out = []
    for raw in re.findall(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        data = raw.strip()
        if data.endswith(b"~>"):
            data = base64.a85decode(data[:-2])
        with contextlib.suppress(zlib.error):
            data = zlib.decompress(data)
        out.append(data)
    return b"".join(out)


def test_pdf_carries_the_chinese_methods_text(report, figures):
    pdf = render_pdf(report, figures)
    assert pdf.startswith(b"%PDF")
    assert b"STSong-Light" in pdf
    pdftotext = shutil.which("pdftotext")
    if pdftotext:
        text = subprocess.run(  # noqa: S603 - fixed tool from shutil.which, fixed arguments
            [pdftotext, "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode("utf-8")
        assert "统计学方法" in text and "HJHS 2.1 total" in text
        return
    font = UnicodeCIDFont("STSong-Light")
    content = _streams(pdf)
    assert font.formatForPdf("统计学方法").encode("latin-1") in content
    start = report.methods.zh_hans[:4]  # a paragraph's first line never breaks this early
    assert font.formatForPdf(start).encode("latin-1") in content
    assert b"HJHS 2.1 total" in content


def test_pdf_is_deterministic_and_chinese_report_uses_the_cid_font(figures):
    zh = build_report(
        small_frame(), small_flow(), title="康复研究", cohort_label="", language="zh-hans"
    )
    pdf = render_pdf(zh, figures)
    assert pdf == render_pdf(zh, figures)
    font = UnicodeCIDFont("STSong-Light")
    assert font.formatForPdf("骨摩擦音").encode("latin-1") in _streams(pdf)


def test_latin_text_switches_font_only_for_missing_glyphs():
    assert markup("Age ≤ 7 <years>", "Helvetica") == (
        'Age <font name="STSong-Light">≤</font> 7 &lt;years&gt;'
    )
    assert markup("R² = 0.5", "Helvetica") == "R² = 0.5"
