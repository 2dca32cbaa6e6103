"""Order statistics of Walsh averages: every strategy equals brute-force sorting."""

from __future__ import annotations

import numpy as np
import pytest

from hemorehab.stats import walsh


def brute(d, ranks):
    i, j = np.triu_indices(len(d))
    w = np.sort(d[i] + d[j]) / 2
    return [float(w[k - 1]) for k in ranks]


def ranks_for(n):
    total = n * (n + 1) // 2
    return [1, 2, total // 3, total // 2, total // 2 + 1, total - 5, total]


@pytest.mark.parametrize("rounding", [None, 0, 1])
@pytest.mark.parametrize("seed", range(3))
def test_selection_path_equals_sorting(monkeypatch, seed, rounding):
    monkeypatch.setattr(walsh, "ENUMERATE_MAX", 50)  # force the large-n strategies
    monkeypatch.setattr(walsh, "SAMPLE_SIZE", 200)
    d = np.random.default_rng(seed).normal(size=400) * 5
    if rounding is not None:
        d = np.round(d, rounding)
    assert walsh.walsh_order_statistics(d, ranks_for(400)) == brute(d, ranks_for(400))


def test_few_distinct_values_path_equals_sorting(monkeypatch):
    monkeypatch.setattr(walsh, "ENUMERATE_MAX", 100)
    d = np.random.default_rng(3).integers(-5, 6, 300).astype(float)
    assert walsh.walsh_order_statistics(d, ranks_for(300)) == brute(d, ranks_for(300))


def test_all_equal_differences(monkeypatch):
    monkeypatch.setattr(walsh, "ENUMERATE_MAX", 10)
    d = np.full(50, 2.0)
    assert walsh.walsh_order_statistics(d, [1, 600, 1275]) == [2.0, 2.0, 2.0]


def test_rank_out_of_range_is_refused():
    with pytest.raises(ValueError, match="ranks must lie"):
        walsh.walsh_order_statistics(np.array([1.0, 2.0]), [4])
