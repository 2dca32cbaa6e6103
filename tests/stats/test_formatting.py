"""Numbers become text only here: P and Table 1 cells as the paper prints them."""

from __future__ import annotations

import numpy as np
import pytest

from hemorehab.stats.descriptives import describe
from hemorehab.stats.formatting import format_median_iqr, format_p, table1_row


@pytest.mark.parametrize(
    ("p", "text"),
    [
        (0.0000001, "<0.001"),
        (0.00099, "<0.001"),
        (0.001, "0.001"),
        (0.74, "0.740"),
        (1.0, "1.000"),
        (None, "-"),
        (float("nan"), "-"),
    ],
)
def test_p_is_printed_as_in_the_paper(p, text):
    assert format_p(p) == text


def test_median_iqr_has_two_decimals_like_table_1():
    # n = 7 values with SPSS quartiles at positions 2, 4, 6 -> 4, 9, 15
    summary = describe(np.array([1.0, 4.0, 7.0, 9.0, 12.0, 15.0, 20.0]))
    assert format_median_iqr(summary) == "9.00 (4.00, 15.00)"


def test_table1_row_formats_z_with_three_decimals():
    before = describe(np.array([1.0, 4.0, 7.0, 9.0, 12.0, 15.0, 20.0]))
    after = describe(np.array([0.0, 1.0, 1.0, 2.0, 3.0, 6.0, 8.0]))
    row = table1_row("HJHS 2.1", before, after, -6.63219, 1e-9)
    assert row.to_dict() == {
        "label": "HJHS 2.1",
        "before": "9.00 (4.00, 15.00)",
        "after": "2.00 (1.00, 6.00)",
        "z": "-6.632",
        "p": "<0.001",
    }
