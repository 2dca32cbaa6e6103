"""HJHS 2.1 flexion / extension loss from goniometry.

Instrument: Hemophilia Joint Health Score 2.1, instruction manual, range-of-motion section
(IPSG; paraphrased in shared/domain/instruments.md section 1, [V]). The manual scores loss
by two methods and records the worse (higher) one:

- method 1, against a normal contralateral joint: loss < 5 deg -> 0, 5-10 -> 1, 11-20 -> 2,
  > 20 -> 3;
- method 2, against the age-normative range (mean +/- 2 SD): within -> 0, 1-4 deg outside
  -> 1, 5-10 -> 2, > 10 -> 3; any value outside the range scores at least 1.

Choices made here, for fractional degrees and direction:
- method 1 bands are read as loss < 5, 5 <= loss <= 10, 10 < loss <= 20, loss > 20; a side
  that moves more than the contralateral one has no loss (0);
- method 2 measures how far the motion falls short of the normative range (below its low
  end); motion beyond the high end is more motion, not a loss, and scores 0 (the item scores
  LOSS of flexion or extension; hyperextension is recorded as a positive extension value);
  distance > 0 and < 5 -> 1, 5-10 -> 2, > 10 -> 3.
The normative range is supplied by the caller: this module ships no normative table.
Hyperextension is a positive extension value, as the manual records it.
"""

from __future__ import annotations

from dataclasses import dataclass

from hemorehab.clinical.errors import ScoreInputError, check_number


@dataclass(frozen=True)
class RomLossScore:
    """The HJHS loss score and both methods' inputs and results, for the audit trail."""

    score: int
    method1: int | None
    method2: int | None
    loss_vs_contralateral_deg: float | None
    deg_outside_normative: float | None


def method1_score(loss_deg: float) -> int:
    """Method 1 band for a loss against the contralateral joint (degrees, >= 0)."""
    if loss_deg < 5:
        return 0
    if loss_deg <= 10:
        return 1
    if loss_deg <= 20:
        return 2
    return 3


def method2_score(outside_deg: float) -> int:
    """Method 2 band for a distance below the normative range (degrees, >= 0)."""
    if outside_deg <= 0:
        return 0
    if outside_deg < 5:
        return 1
    if outside_deg <= 10:
        return 2
    return 3


def score_rom_loss(
    measured_deg: float,
    *,
    contralateral_deg: float | None = None,
    normative_range: tuple[float, float] | None = None,
) -> RomLossScore:
    """Score flexion or extension loss of one joint by both methods and keep the worse.

    Give the contralateral joint's value (method 1), the normative (low, high) range for the
    child's age (method 2), or both. Raises ScoreInputError when neither is given or a value
    is not a finite number.
    """
    measured = check_number(measured_deg, "measured_deg", error=ScoreInputError)
    loss = outside = None
    m1 = m2 = None
    if contralateral_deg is not None:
        other = check_number(contralateral_deg, "contralateral_deg", error=ScoreInputError)
        loss = max(0.0, other - measured)
        m1 = method1_score(loss)
    if normative_range is not None:
        low, _high = _check_range(normative_range)
        outside = max(0.0, low - measured)  # beyond `high` is more motion, not a loss
        m2 = method2_score(outside)
    if m1 is None and m2 is None:
        raise ScoreInputError("", "give contralateral_deg, normative_range or both")
    score = max(m for m in (m1, m2) if m is not None)
    return RomLossScore(score, m1, m2, loss, outside)


def _check_range(normative_range: tuple[float, float]) -> tuple[float, float]:
    if not isinstance(normative_range, tuple | list) or len(normative_range) != 2:
        raise ScoreInputError("normative_range", "must be a (low, high) pair of degrees")
    low = check_number(normative_range[0], "normative_range.low", error=ScoreInputError)
    high = check_number(normative_range[1], "normative_range.high", error=ScoreInputError)
    if low > high:
        raise ScoreInputError("normative_range", f"low {low:g} is above high {high:g}")
    return low, high
