import math

import pytest

from hemorehab.clinical.severity import Severity, SeverityInputError, classify_severity


@pytest.mark.parametrize(
    ("level", "severity"),
    [
        (0, Severity.SEVERE),
        (0.99, Severity.SEVERE),
        (1, Severity.MODERATE),
        (3, Severity.MODERATE),
        (5, Severity.MODERATE),
        (5.01, Severity.MILD),
        (39.9, Severity.MILD),
        (40, Severity.NOT_HEMOPHILIA_RANGE),
        (120, Severity.NOT_HEMOPHILIA_RANGE),
    ],
)
def test_isth_bands_with_boundaries_at_1_5_and_40(level, severity):
    assert classify_severity(level) is severity


def test_severity_values_are_stable_codes():
    assert [s.value for s in Severity] == ["severe", "moderate", "mild", "not_hemophilia_range"]


@pytest.mark.parametrize("bad", [-0.1, math.nan, math.inf, "3", None, True])
def test_impossible_levels_are_rejected(bad):
    with pytest.raises(SeverityInputError) as caught:
        classify_severity(bad)
    assert caught.value.path == "factor_activity_iu_dl"
