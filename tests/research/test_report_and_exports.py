"""The study report and exports, from the database, in the browser and on the command line."""

import io
import re

import pandas as pd
import pyreadstat
import pytest
from django.urls import reverse

from hemorehab.audit.models import AuditEvent
from hemorehab.cli import main
from hemorehab.research.models import ExportRecord
from hemorehab.stats.signed_rank import wilcoxon_signed_rank
from tests.personas import identifiers
from tests.research.cohort import build


@pytest.fixture
def cohort(personas):
    return build(personas)


def test_report_json_matches_the_stats_core(client, personas, cohort):
    client.force_login(personas.researcher_a)
    response = client.get(reverse("research:report"), {"format": "json"})
    assert response.status_code == 200
    report = response.json()
    rows = {row["measure"]: row for row in report["table1"]}
    assert set(rows) >= {"hjhs_total", "head_us_c_total", "cho_klat", "joint_bleeds_12w"}
    hjhs = rows["hjhs_total"]
    before = [5] * 6  # 3 (swelling) + 1 (gait) + ... see cohort.assess
    assert hjhs["before"]["n"] == 6
    direct = wilcoxon_signed_rank([3 + 1] * 6, [(i % 3) + 1 for i in range(6)])
    assert hjhs["z"] == pytest.approx(direct.z)
    assert hjhs["before"]["median"] == 4 and before
    group = report["group_comparison"]
    assert (group["variable"], group["by"]) == ("joint_bleed_reduction", "prior_regimen")
    assert {k: v["n"] for k, v in group["groups"].items()} == {"on_demand": 2, "prophylaxis": 4}


@pytest.mark.slow  # a report page and its PDF: about 15 s
def test_report_page_and_pdf_hold_no_identifier(client, personas, cohort):
    client.force_login(personas.researcher_a)
    page = client.get(reverse("research:report"))
    text = page.content.decode()
    assert "<table" in text and "data:image/png;base64" in text
    # Figures and hidden form keys are random-looking text in which a short name may occur.
    text = re.sub(r"data:image/[a-z+]+;base64,[A-Za-z0-9+/=]+", "", text)
    text = re.sub(r'<input type="hidden"[^>]*>', "", text)
    for secret in identifiers(personas.a1):
        assert secret not in text
    pdf = client.get(reverse("research:report"), {"format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_sav_export_reads_back_with_values_and_labels(client, personas, cohort, tmp_path):
    client.force_login(personas.researcher_a)
    response = client.get(reverse("research:export"), {"format": "sav"})
    path = tmp_path / "export.sav"
    path.write_bytes(response.content)
    frame, meta = pyreadstat.read_sav(str(path))
    assert len(frame) == 6
    assert "family_name" not in frame.columns and "date_of_birth" not in frame.columns
    assert meta.column_names_to_labels["hjhs_total_before"]
    assert meta.variable_value_labels["prior_regimen"] == {0.0: "On demand", 1.0: "Prophylaxis"}
    csv = pd.read_csv(io.BytesIO(client.get(reverse("research:export"), {"format": "csv"}).content))
    merged = csv.set_index("study_id")["hjhs_total_after"]
    assert list(frame.set_index("study_id")["hjhs_total_after"].loc[merged.index]) == list(merged)
    start = csv.set_index("study_id")["start_date"]
    assert "2026-03-02" not in set(start)  # dates are shifted per child


def test_identified_export_needs_a_clinical_role_and_is_audited(client, personas, cohort):
    client.force_login(personas.researcher_a)
    url = reverse("research:export")
    assert client.post(url, {"format": "csv"}).status_code == 403
    client.force_login(personas.hematologist_a)
    page = client.get(reverse("research:report")).content.decode()
    assert 'method="post" action="/research/export/"' in page
    # A link (GET) cannot make an identified export in someone's name: only the form's POST.
    assert client.get(url, {"format": "csv", "identified": "1"}).status_code == 405
    assert not ExportRecord.objects.filter(identified=True).exists()
    response = client.post(url, {"format": "csv"})
    assert response.status_code == 200
    assert personas.a1.identity.hospital_number in response.content.decode("utf-8-sig")
    record = ExportRecord.objects.get(identified=True)
    assert record.requested_by == "hematologist_a" and record.rows == 6
    event = AuditEvent.objects.filter(model="research.ExportRecord", object_pk=str(record.pk)).get()
    assert event.actor_label == "hematologist_a"
    # With CSRF checks on (as in a browser), a POST from another site is refused.
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(personas.hematologist_a)
    assert browser.post(url, {"format": "csv"}).status_code == 403
    assert ExportRecord.objects.filter(identified=True).count() == 1


def test_cli_report_json_and_refusals(personas, cohort, capsysbinary, tmp_path):
    out = tmp_path / "r.json"
    assert main(["report", "--format", "json", "--out", str(out)]) == 0
    assert b'"table1"' in out.read_bytes()
    assert main(["report", "--center", "NOPE"]) == 2
    assert b"no center has the code 'NOPE'" in capsysbinary.readouterr().err
    assert main(["export", "--format", "csv", "--identified"]) == 2
    assert (
        main(
            [
                "export",
                "--format",
                "csv",
                "--identified",
                "--user",
                "researcher_a",
                "--out",
                str(tmp_path / "x.csv"),
            ]
        )
        == 2
    )
    assert b"may not see identifiers of center CTRA" in capsysbinary.readouterr().err
    assert not (tmp_path / "x.csv").exists()


def test_cli_export_to_a_missing_folder_fails_before_anything_is_recorded(
    personas, cohort, capsysbinary
):
    assert main(["export", "--format", "csv", "--out", "/nonexistent/folder/x.csv"]) == 2
    assert b"--out: the folder /nonexistent/folder does not exist" in capsysbinary.readouterr().err
    assert not ExportRecord.objects.exists()


def test_re_screening_an_enrolled_child_keeps_the_report_up(client, personas, cohort, tmp_path):
    """An enrolled child later screened "not eligible" (a new inhibitor) is counted by the
    screening that enrolled them; the report and the command still answer."""
    import datetime

    from hemorehab.patients.models import Enrollment, Screening
    from hemorehab.stats.report.build import build_report
    from hemorehab.stats.report.flow import StudyFlow

    for enrollment in Enrollment.objects.all():
        Screening.objects.create(
            patient=enrollment.patient,
            screened_on=datetime.date.today(),
            recorded_by=personas.hematologist_a,
            inhibitor_negative=False,
        )
    client.force_login(personas.researcher_a)
    response = client.get(reverse("research:report"), {"format": "json"})
    assert response.status_code == 200
    flow = response.json()["flow"]
    assert flow["enrolled"] <= flow["eligible"]
    assert main(["report", "--format", "json", "--out", str(tmp_path / "r.json")]) == 0
    # Counts that still contradict each other become a warning, never a crash.
    contradictory = StudyFlow(
        screened=6, eligible=0, not_eligible=6, enrolled=6, completed=6, withdrawn=0
    )
    frame = cohort_frame()
    report = build_report(frame, contradictory, title="t", cohort_label="c")
    assert any("inconsistent" in note for note in report.flow_notes)


def cohort_frame():
    from hemorehab.accounts.models import Center
    from hemorehab.research import cohort as cohorts

    return cohorts.load(Center.objects.all()).frame


def test_report_out_must_be_a_file_not_a_folder(personas, capsys, tmp_path):
    assert main(["report", "--format", "json", "--out", str(tmp_path)]) == 2
    assert "is a folder; give a file name" in capsys.readouterr().err
