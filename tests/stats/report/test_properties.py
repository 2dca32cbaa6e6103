"""Invariants of the report: the order of the rows is not information."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hemorehab.stats.report.build import build_report
from tests.stats.report.helpers import small_flow
from tools.demo.frames import demo_frame

FRAME = demo_frame(25, seed=7)


def _table1(frame):
    report = build_report(frame, small_flow(25), title="", cohort_label="")
    data = report.to_json()
    return data["table1"], data["group_comparison"]["mann_whitney"]


BASELINE = _table1(FRAME)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.permutations(range(len(FRAME))))
def test_shuffling_rows_changes_nothing_in_table1(order):
    shuffled = FRAME.iloc[list(order)].reset_index(drop=True)
    table, mann_whitney = _table1(shuffled)
    assert table == BASELINE[0]
    assert mann_whitney == BASELINE[1]


@settings(max_examples=15, deadline=None)
@given(st.integers(min_value=0, max_value=2**31 - 1))
def test_wilcoxon_z_is_never_positive_and_p_is_a_probability(seed):
    frame = demo_frame(12, seed=seed)
    report = build_report(frame, small_flow(12), title="", cohort_label="")
    for row in report.table1:
        if np.isfinite(row.z):
            assert row.z <= 0
            assert 0 <= row.p <= 1
