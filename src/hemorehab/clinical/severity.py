"""Hemophilia severity from the baseline factor activity.

Source: Blanchette VS, Key NS, Ljung LR, Manco-Johnson MJ, van den Berg HM, Srivastava A.
Definitions in hemophilia: communication from the SSC of the ISTH. J Thromb Haemost
2014;12:1935-1939 (the same bands as the WFH 2020 guidelines).

Baseline FVIII or FIX activity in IU/dL (= % of normal):
  severe < 1; moderate 1 to 5 inclusive; mild > 5 and < 40.
A level of 40 IU/dL or more is outside the hemophilia range: the distinct value
NOT_HEMOPHILIA_RANGE is returned so that callers can refuse to record a diagnosis.
Store the measured level and derive the category; never store the category alone.
"""

from __future__ import annotations

from enum import StrEnum

from hemorehab.clinical.errors import ClinicalInputError, check_number

SEVERE_BELOW = 1.0
MODERATE_UP_TO = 5.0
MILD_BELOW = 40.0


class SeverityInputError(ClinicalInputError):
    """The factor activity is not a finite number >= 0."""


class Severity(StrEnum):
    SEVERE = "severe"
    MODERATE = "moderate"
    MILD = "mild"
    NOT_HEMOPHILIA_RANGE = "not_hemophilia_range"


def classify_severity(factor_activity_iu_dl: float) -> Severity:
    """Severity band for a baseline factor activity in IU/dL (1 and 5 are moderate)."""
    level = check_number(
        factor_activity_iu_dl, "factor_activity_iu_dl", minimum=0, error=SeverityInputError
    )
    if level < SEVERE_BELOW:
        return Severity.SEVERE
    if level <= MODERATE_UP_TO:
        return Severity.MODERATE
    if level < MILD_BELOW:
        return Severity.MILD
    return Severity.NOT_HEMOPHILIA_RANGE
