"""The study report: Table 1, group comparison, models and summaries pinned to the stats core."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from hemorehab.stats.descriptives import describe
from hemorehab.stats.groups import mann_whitney
from hemorehab.stats.models import change_model
from hemorehab.stats.report.build import build_report
from hemorehab.stats.report.dataset import MEASURES
from hemorehab.stats.signed_rank import wilcoxon_signed_rank
from tests.stats.report.helpers import (
    BLEEDS_AFTER,
    BLEEDS_BEFORE,
    HJHS_AFTER,
    HJHS_BEFORE,
    PRIOR,
    small_flow,
    small_frame,
)


@pytest.fixture(scope="module")
def report():
    return build_report(small_frame(), small_flow(), title="Demo", cohort_label="ten children")


def row(report, measure):
    return next(r for r in report.table1 if r.measure == measure)


def test_table1_hjhs_row_matches_the_stats_core(report):
    before, after = np.array(HJHS_BEFORE[:9], float), np.array(HJHS_AFTER[:9], float)
    expected_before, expected_after = describe(before), describe(after)
    wilcoxon = wilcoxon_signed_rank(before, after)
    hjhs = row(report, "hjhs_total")
    assert (hjhs.before.median, hjhs.before.q1, hjhs.before.q3) == (
        expected_before.median,
        expected_before.q1,
        expected_before.q3,
    )
    assert (hjhs.after.median, hjhs.after.q1, hjhs.after.q3, hjhs.after.n) == (
        expected_after.median,
        expected_after.q1,
        expected_after.q3,
        9,
    )
    assert hjhs.z == pytest.approx(wilcoxon.z)
    assert hjhs.p == pytest.approx(wilcoxon.p)


def test_table1_quartiles_are_spss_type_6(report):
    # before = 3 4 6 8 9 11 12 15 20: type 6 Q1 at 2.5 -> 5.0, Q3 at 7.5 -> 13.5
    hjhs = row(report, "hjhs_total")
    assert (hjhs.before.median, hjhs.before.q1, hjhs.before.q3) == (9.0, 5.0, 13.5)
    assert hjhs.display.before == "9.00 (5.00, 13.50)"


def test_excel_quartiles_change_the_quartiles_and_the_methods_text():
    excel = build_report(
        small_frame(), small_flow(), title="", cohort_label="", quantile_method="excel"
    )
    hjhs = row(excel, "hjhs_total")
    assert (hjhs.before.q1, hjhs.before.q3) == (6.0, 12.0)
    assert "type 7" in excel.methods.en and "第7型" in excel.methods.zh_hans


def test_table1_rows_follow_the_paper_and_format_p(report):
    assert [r.measure for r in report.table1] == list(MEASURES)
    hjhs = row(report, "hjhs_total")
    assert hjhs.p < 0.05
    assert hjhs.display.p == f"{hjhs.p:.3f}"
    assert hjhs.display.z == f"{hjhs.z:.3f}"
    assert [r.level for r in report.table1][2:7] == [1] * 5


def test_p_below_a_thousandth_prints_as_less_than_0_001():
    from tools.demo.frames import demo_frame

    big = build_report(demo_frame(59), small_flow(59), title="", cohort_label="")
    hjhs = row(big, "hjhs_total")
    assert hjhs.p < 0.001
    assert hjhs.display.p == "<0.001"
    assert big.to_json()["table1"][1]["p_text"] == "<0.001"


def test_group_comparison_is_the_mann_whitney_of_the_bleed_reduction(report):
    reduction = np.array(BLEEDS_BEFORE[:9], float) - np.array(BLEEDS_AFTER[:9], float)
    prior = np.array(PRIOR[:9])
    expected = mann_whitney(reduction[prior == "prophylaxis"], reduction[prior == "on_demand"])
    g = report.to_json()["group_comparison"]
    assert g["mann_whitney"]["u"] == expected.u
    assert g["mann_whitney"]["z"] == pytest.approx(expected.z)
    assert g["mann_whitney"]["p"] == pytest.approx(expected.p)
    assert g["groups"]["prophylaxis"]["n"] == 6 and g["groups"]["on_demand"]["n"] == 3
    assert g["groups"]["prophylaxis"]["median"] == describe(reduction[:6]).median


def test_json_contract(report):
    data = json.loads(report.to_json_text())
    first = data["table1"][0]
    assert {"measure", "before", "after", "z", "p"} <= set(first)
    assert set(first["before"]) >= {"median", "q1", "q3", "n"}
    g = data["group_comparison"]
    assert (g["variable"], g["by"]) == ("joint_bleed_reduction", "prior_regimen")
    assert set(g["groups"]["on_demand"]) >= {"n", "median", "q1", "q3"}
    assert set(g["mann_whitney"]) >= {"u", "z", "p"}
    assert data["cohort"]["n"] == 10
    assert isinstance(first["z"], float) and isinstance(first["before"]["n"], int)


def test_nan_becomes_null_in_json():
    frame = small_frame()
    frame["cho_klat_after"] = np.nan
    data = build_report(frame, small_flow(), title="", cohort_label="").to_json()
    cho = next(r for r in data["table1"] if r["measure"] == "cho_klat")
    assert cho["z"] is None and cho["p"] is None and cho["after"]["median"] is None
    assert cho["after"]["n"] == 0
    json.dumps(data, allow_nan=False)


def test_cohort_age_is_printed_in_years_and_months(report):
    cohort = report.to_json()["cohort"]
    assert cohort["age_months"]["median"] == 98.0 and cohort["age_months"]["min"] == 48.0
    assert cohort["age_text"]["en"] == {"median": "8 y 2 m", "min": "4 y 0 m", "max": "17 y 11 m"}
    assert cohort["age_text"]["zh-hans"]["median"] == "8岁2个月"
    assert cohort["prior_regimen"] == {"prophylaxis": 6, "on_demand": 4}
    assert cohort["hemophilia_type"] == {"A": 8, "B": 2}
    assert cohort["severity"] == {"severe": 7, "moderate": 3, "mild": 0}


def test_collinear_prophylaxis_change_is_left_out_and_said(report):
    hjhs = next(m for m in report.models if m.measure == "hjhs_total")
    assert "prophylaxis_changed" not in hjhs.covariates
    reasons = {d.name: d.reason for d in hjhs.dropped}
    assert reasons["prophylaxis_changed"].startswith("collinear with")
    assert any("prophylaxis_changed left out" in n for n in hjhs.notes)


def test_model_matches_change_model_with_hc3():
    frame = small_frame()
    frame["adherence"] = np.nan
    report = build_report(frame, small_flow(), title="", cohort_label="")
    bleeds = next(m for m in report.models if m.measure == "joint_bleeds_12w")
    assert {d.name: d.reason for d in bleeds.dropped}["adherence_10pct"].startswith("not recorded")
    data = frame.iloc[:9].assign(
        age_years=frame["age_months"] / 12,
        baseline=frame["joint_bleeds_12w_before"],
        prior_prophylaxis=(frame["prior_regimen"] == "prophylaxis").astype(float),
    )
    covariates = ["age_years", "baseline", "prior_prophylaxis"]
    expected = change_model(data, "joint_bleeds_12w_before", "joint_bleeds_12w_after", covariates)
    assert bleeds.result is not None and bleeds.result.covariance == "HC3"
    for term in ("age_years", "baseline", "prior_prophylaxis"):
        got, want = bleeds.result.coefficient(term), expected.coefficient(term)
        assert got.estimate == pytest.approx(want.estimate)
        assert got.ci95 == pytest.approx(want.ci95)


def test_model_that_cannot_be_fitted_says_why():
    frame = small_frame()
    frame["cho_klat_after"] = np.nan
    report = build_report(frame, small_flow(), title="", cohort_label="")
    cho = next(m for m in report.models if m.measure == "cho_klat").to_dict()
    assert cho["fitted"] is False and cho["coefficients"] == []
    assert any("complete rows" in n for n in cho["notes"])


def test_subgroups_split_age_at_seven_completed_years(report):
    age = next(s for s in report.subgroups if s.variable == "age_group")
    counts = {c.level: c.before.n for c in age.cells}
    # ages 48, 85, 95, 60 months are <= 7 completed years; 96 and older are not
    assert counts == {"age_le_7": 4, "age_gt_7": 5}
    assert age.test == "mann_whitney"


def test_subgroup_within_test_is_the_wilcoxon_of_that_subgroup(report):
    regimen = next(s for s in report.subgroups if s.variable == "prior_regimen")
    on_demand = next(c for c in regimen.cells if c.level == "on_demand")
    expected = wilcoxon_signed_rank(
        np.array(HJHS_BEFORE[6:9], float), np.array(HJHS_AFTER[6:9], float)
    )
    assert on_demand.z == pytest.approx(expected.z)
    assert on_demand.exact_p == pytest.approx(expected.exact_p)


def test_subgroup_with_one_level_has_no_between_test(report):
    severity = next(s for s in report.subgroups if s.variable == "severity")
    assert severity.test == "mann_whitney"  # severe and moderate present, mild empty
    mild = next(c for c in severity.cells if c.level == "mild")
    assert mild.before.n == 0 and math.isnan(mild.z)


def test_adherence_and_adverse_events_not_recorded():
    frame = small_frame()
    frame["adherence"] = np.nan
    frame["adverse_events_related"] = np.nan
    data = build_report(frame, small_flow(), title="", cohort_label="").to_json()
    assert data["adherence"] == {"recorded": False, "n_children": 10, "n_recorded": 0,
                                 "summary": None, "note": "not recorded"}  # fmt: skip
    assert data["adverse_events"]["recorded"] is False
    assert data["adverse_events"]["note"] == "not recorded"


def test_adherence_is_summarised_as_percent():
    frame = small_frame()
    frame["adherence"] = [0.5, 0.9, np.nan, 1.0, 0.8, 0.7, 0.6, 0.95, 0.85, np.nan]
    data = build_report(frame, small_flow(), title="", cohort_label="").to_json()["adherence"]
    assert data["n_recorded"] == 8 and data["at_least_80_percent"] == 5
    assert data["summary"]["median"] == pytest.approx(82.5)


def test_active_children_are_counted_and_left_out_of_table1():
    frame = small_frame()
    frame.loc[0, "status"] = "active"
    report = build_report(frame, small_flow(), title="", cohort_label="")
    assert report.analysis_set.n_active_excluded == 1
    assert row(report, "hjhs_total").before.n == 8
    assert report.cohort.n == 10
    assert "(n = 1)" in report.methods.en


def test_methods_state_every_convention_in_both_languages(report):
    en, zh = report.methods.en, report.methods.zh_hans
    software = report.methods.software
    for phrase in (
        "type 6",
        "zero differences",
        "average ranks",
        "continuity correction",
        "Mann-Whitney",
        "HC3",
        "P < 0.001",
        "96 months",
        "not imputed",
        f"SciPy {software['scipy']}",
        f"statsmodels {software['statsmodels']}",
    ):
        assert phrase in en, phrase
    for phrase in (
        "第6型",
        "Wilcoxon符号秩检验",
        "平均秩",
        "连续性校正",
        "HC3",
        "P<0.001",
        "<96个月",
        "未予填补",
        f"SciPy {software['scipy']}",
    ):
        assert phrase in zh, phrase


def test_labels_follow_the_language():
    zh = build_report(small_frame(), small_flow(), title="", cohort_label="", language="zh-hans")
    assert row(zh, "hjhs_crepitus").label == "骨摩擦音"
    assert zh.to_json()["table1"][1]["label"] == "HJHS 2.1总分"


def test_unknown_language_is_refused():
    from hemorehab.stats.report.labels import UnknownLanguageError

    with pytest.raises(UnknownLanguageError, match="'fr'"):
        build_report(small_frame(), small_flow(), title="", cohort_label="", language="fr")


def test_flow_mismatch_with_the_dataset_is_a_note(report):
    assert report.flow_notes == ()
    other = build_report(small_frame(), small_flow(12), title="", cohort_label="")
    assert other.to_json()["flow"]["notes"] == list(other.flow_notes)
    assert any(
        "the analysis dataset has 10 children; the flow says 12" in n for n in other.flow_notes
    )


def test_a_child_with_leverage_one_makes_hc3_undefined_and_says_so():
    frame = small_frame()
    frame["prior_regimen"] = ["on_demand"] + ["prophylaxis"] * 9
    frame["prophylaxis_changed"] = False
    frame["adherence"] = [0.9, 0.8, 0.7, 0.95, 0.85, 0.6, 0.75, 0.9, 0.8, 0.7]
    report = build_report(frame, small_flow(), title="", cohort_label="")
    hjhs = next(m for m in report.models if m.measure == "hjhs_total")
    assert any("leverage 1" in n for n in hjhs.notes)
    json.dumps(hjhs.to_dict(), allow_nan=False)


def test_age_is_printed_as_the_paper_prints_it():
    from hemorehab.stats.report.cohort import format_age

    # seed paper 3.1: median 7 years and 1 month (85 months), range 4 to 17 years 11 months
    assert [format_age(m) for m in (85, 48, 215)] == ["7 y 1 m", "4 y 0 m", "17 y 11 m"]
    assert format_age(85.5, "zh-hans") == "7岁1个月"
    assert format_age(float("nan")) == "-"
