"""A researcher opens the study report of the demo cohort in Chromium and downloads the PDF, the
XLSX and the SPSS file; the SPSS file reads back with its labels and holds no identifier."""

import datetime

import pandas as pd
import pyreadstat
import pytest

from hemorehab.demo.load import load
from tests.personas import PASSWORD, build

pytestmark = pytest.mark.browser
REPORT_SECONDS = 90


@pytest.mark.slow  # the demo cohort's report in Chromium: about 20 s
def test_researcher_downloads_the_report_and_datasets(
    live_server, transactional_db, page, tmp_path
):
    people = build()
    load(people.center_a, people.therapist_a, datetime.date(2024, 1, 8))
    base = live_server.url
    page.goto(f"{base}/login/")
    page.fill("input[name=username]", "researcher_a")
    page.fill("input[name=password]", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(f"{base}/")
    page.click("text=Study report")
    # Building the report takes seconds: the first one after the server starts also imports
    # the analysis libraries (research.views imports them when first asked for).
    page.click("button.primary", timeout=REPORT_SECONDS * 1000)  # all my centers
    page.wait_for_selector("section.study-report table", timeout=REPORT_SECONDS * 1000)
    assert "Wilcoxon" in page.text_content("section.study-report")
    files = {}
    for label in ("PDF", "XLSX", "SPSS .sav"):
        with page.expect_download(timeout=REPORT_SECONDS * 1000) as download:
            page.click(f"p.downloads a:text-is('{label}')")
        target = tmp_path / download.value.suggested_filename
        download.value.save_as(target)
        files[label] = target
    assert files["PDF"].read_bytes().startswith(b"%PDF")
    sheet = pd.read_excel(files["XLSX"], sheet_name="data")
    frame, meta = pyreadstat.read_sav(str(files["SPSS .sav"]))
    assert len(frame) == len(sheet) == 59  # the enrolled demo children (A1 and A2 are not enrolled)
    assert "family_name" not in frame.columns and "hospital_number" not in frame.columns
    assert meta.variable_value_labels["hemophilia_type"]
