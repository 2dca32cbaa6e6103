"""De-identification of an export: no direct identifiers, dates shifted per patient.

- columns in `identifier_columns` (by default name, hospital number, date of birth,
  contacts) are dropped;
- every date column is shifted by a per-patient number of days, derived with HMAC-SHA256
  from a secret key and the study ID: the same patient always gets the same shift (so
  intervals within a patient are kept), the shift is never 0 and lies within
  +-MAX_SHIFT_DAYS, and without the key it cannot be recomputed;
- study_id and age in months stay (no birth date is needed to analyse by age).
`identified=True` returns the data as it is, for exports a permission allows to identify.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from collections.abc import Sequence

import pandas as pd
from pandas.api import types as ptypes

from hemorehab.stats.errors import StatsError
from hemorehab.stats.report.dataset import STUDY_ID

DIRECT_IDENTIFIERS: tuple[str, ...] = ("name", "hospital_number", "date_of_birth", "contacts")
MAX_SHIFT_DAYS = 180
MIN_KEY_BYTES = 16


class ExportKeyError(StatsError):
    """The de-identification key is missing or too short."""


def _key_bytes(key: bytes | str) -> bytes:
    raw = key.encode("utf-8") if isinstance(key, str) else bytes(key)
    if len(raw) < MIN_KEY_BYTES:
        raise ExportKeyError(
            f"the date-shift key must have at least {MIN_KEY_BYTES} bytes; got {len(raw)}"
        )
    return raw


def date_shift_days(key: bytes | str, study_id: str, max_days: int = MAX_SHIFT_DAYS) -> int:
    """Days to add to every date of this patient: non-zero, within +-max_days."""
    digest = hmac.new(_key_bytes(key), str(study_id).encode("utf-8"), hashlib.sha256).digest()
    magnitude = 1 + int.from_bytes(digest[:8], "big") % max_days
    return magnitude if digest[8] & 1 else -magnitude


def is_date_column(column: pd.Series) -> bool:
    """datetime64 columns and columns of datetime.date / datetime values."""
    if ptypes.is_datetime64_any_dtype(column.dtype):
        return True
    values = column.dropna()
    return (
        column.dtype == object and not values.empty and all(isinstance(v, dt.date) for v in values)
    )


def deidentify(
    frame: pd.DataFrame,
    *,
    key: bytes | str,
    identifier_columns: Sequence[str] = DIRECT_IDENTIFIERS,
    date_columns: Sequence[str] | None = None,
    identified: bool = False,
) -> pd.DataFrame:
    """A copy for export; see the module docstring. `date_columns=None` finds them by type."""
    if identified:
        return frame.copy()
    out = frame.drop(columns=[c for c in identifier_columns if c in frame.columns])
    dates = (
        [c for c in out.columns if is_date_column(out[c])]
        if date_columns is None
        else list(date_columns)
    )
    if not dates:
        return out
    shifts = out[STUDY_ID].map(lambda sid: date_shift_days(key, sid))
    for column in dates:
        out[column] = _shift(out[column], shifts)
    return out


def _shift(column: pd.Series, days: pd.Series) -> pd.Series:
    if ptypes.is_datetime64_any_dtype(column.dtype):
        return column + pd.to_timedelta(days, unit="D")
    return pd.Series(
        [
            v + dt.timedelta(days=int(d)) if pd.notna(v) else v
            for v, d in zip(column, days, strict=True)
        ],
        index=column.index,
        dtype=object,
    )
