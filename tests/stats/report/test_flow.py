"""The study flow: impossible counts are refused, inconsistent ones are noted."""

from __future__ import annotations

import pytest

from hemorehab.stats.report.flow import FlowError, StudyFlow, check_flow


def flow(**changes):
    counts = dict(screened=20, eligible=15, not_eligible=5, enrolled=12, completed=10, withdrawn=1)
    counts |= changes
    return StudyFlow(**counts, excluded_by_reason={"not eligible": 5, "declined": 3})


def test_consistent_flow_has_no_notes_and_counts_the_active():
    assert check_flow(flow(), n_rows=12) == ()
    assert flow().active == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"eligible": 21}, "eligible \\(21\\) exceeds screened \\(20\\)"),
        ({"enrolled": 16}, "enrolled \\(16\\) exceeds eligible \\(15\\)"),
        ({"completed": 12}, "completed \\(12\\) \\+ withdrawn \\(1\\) exceeds enrolled \\(12\\)"),
        ({"withdrawn": -1}, "'withdrawn' must be a whole number >= 0"),
    ],
)
def test_impossible_counts_are_refused(changes, message):
    with pytest.raises(FlowError, match=message):
        check_flow(flow(**changes))


def test_counts_that_do_not_add_up_are_noted():
    notes = check_flow(flow(not_eligible=4), n_rows=11)
    assert "eligible (15) + not eligible (4) differs from screened (20)" in notes
    assert "the analysis dataset has 11 children; the flow says 12" in notes
    reasons = check_flow(StudyFlow(20, 15, 5, 12, 10, 1, {"x": 3}))
    assert reasons == ("exclusion reasons sum to 3; screened - enrolled = 8",)
