"""A therapist records a full baseline HJHS in Chromium, sees the total, corrects one item and
sees the history kept."""

import datetime

import pytest

from hemorehab.assessments.models import HjhsAssessment
from hemorehab.clinical import hjhs
from tests.personas import PASSWORD, build

pytestmark = pytest.mark.browser


def log_in(page, base, username):
    page.goto(f"{base}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(f"{base}/")


def fill_baseline(page, day: datetime.date, findings: dict[str, str]):
    page.fill("input[name=assessed_on]", day.isoformat())
    page.select_option("select[name=timepoint]", "baseline")
    for joint in hjhs.JOINTS:
        for item in hjhs.ITEMS:
            name = f"{joint}__{item}"
            page.select_option(f"select[name={name}]", findings.get(name, "0"))
    page.select_option("select[name=gait]", findings.get("gait", "0"))


def test_therapist_records_corrects_and_reviews_an_hjhs(live_server, transactional_db, page):
    people = build()
    child = people.a1
    base = live_server.url
    log_in(page, base, "therapist_a")
    page.goto(f"{base}/patients/{child.pk}/assessments/hjhs/new/")
    findings = {
        "left_ankle__swelling": "2",
        "left_ankle__strength": "2",
        "left_ankle__joint_pain": "1",
        "gait": "2",
    }
    fill_baseline(page, people.center_a.today() - datetime.timedelta(days=1), findings)
    assert page.text_content("#hjhs-total") == "7"
    assert page.text_content("[data-total-for=left_ankle]") == "5"
    page.click("button.primary")
    page.wait_for_url(f"{base}/patients/{child.pk}/assessments/")
    row = page.locator("table.list tbody tr").first
    assert "7" in row.locator("td").nth(2).text_content()

    record = HjhsAssessment.objects.get(patient=child)
    page.goto(f"{base}/patients/{child.pk}/assessments/hjhs/{record.pk}/")
    page.select_option("select[name=left_ankle__swelling]", "1")
    assert page.text_content("#hjhs-total") == "6"
    page.click("button.primary")
    page.wait_for_url(f"{base}/patients/{child.pk}/assessments/")
    record.refresh_from_db()
    assert record.total == 6

    page.goto(f"{base}/patients/{child.pk}/assessments/hjhs/{record.pk}/history/")
    history = page.text_content("table.audit")
    assert "answers.joints.left_ankle.swelling: 2 → 1" in history
    assert "total: 7 → 6" in history
