"""Small helpers shared by the analysis modules (not public API)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]


def as_float_array(values: Iterable[float] | npt.ArrayLike) -> FloatArray:
    """Values as a 1-D float array (NaN kept)."""
    return np.asarray(values, dtype=np.float64).reshape(-1)


def drop_nan(values: FloatArray) -> FloatArray:
    return values[~np.isnan(values)]


def num(value: float | None) -> float | None:
    """A plain Python float for JSON, or None for missing, NaN or infinite values."""
    if value is None:
        return None
    result = float(value)
    return result if math.isfinite(result) else None


def num_pair(values: Sequence[float | None] | None) -> list[float | None] | None:
    if values is None:
        return None
    return [num(v) for v in values]


def complete_pairs(pre: FloatArray, post: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Rows where both values are present (not NaN)."""
    if pre.shape != post.shape:
        raise ValueError("pre and post must have the same length")
    keep = ~(np.isnan(pre) | np.isnan(post))
    return pre[keep], post[keep]
