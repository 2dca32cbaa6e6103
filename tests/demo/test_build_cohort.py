"""The generator: deterministic, its fast statistics agree with hemorehab.stats, and it
refuses data that miss a published figure."""

from __future__ import annotations

import copy
import itertools
import json
import random

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hemorehab.clinical import cho_klat
from hemorehab.stats.descriptives import describe
from hemorehab.stats.groups import mann_whitney
from hemorehab.stats.signed_rank import wilcoxon_signed_rank
from tools.demo import build_cohort as gen

small_ints = st.lists(st.integers(-6, 6), min_size=59, max_size=59)


@pytest.fixture(scope="module")
def committed():
    return json.loads(gen.DATA_FILE.read_text(encoding="utf-8"))


@pytest.mark.slow  # the whole generator: about 15 s
def test_rerunning_the_generator_rewrites_the_committed_file_byte_for_byte():
    assert gen.dumps(gen.build()) + "\n" == gen.DATA_FILE.read_text(encoding="utf-8")


def test_verify_accepts_the_committed_data(committed):
    gen.verify(committed)


def test_verify_rejects_data_that_miss_a_published_figure(committed):
    changed = copy.deepcopy(committed)
    changed["children"][0]["bleeds"].append({"day": 50, "site": "left_knee", "cause": "traumatic"})
    with pytest.raises(AssertionError, match=r"joint_bleeds|bleed reduction"):
        gen.verify(changed)


@given(small_ints.filter(any))
def test_fast_z_equals_the_spss_wilcoxon_of_hemorehab_stats(differences):
    expected = wilcoxon_signed_rank(np.zeros(59), np.asarray(differences, dtype=float)).z
    assert gen.spss_z(differences) == pytest.approx(expected, abs=1e-12)


@given(st.lists(st.integers(-2, 8), min_size=59, max_size=59), st.integers(5, 54))
def test_fast_mann_whitney_p_equals_hemorehab_stats(values, cut):
    first, second = values[:cut], values[cut:]
    if len(set(values)) == 1:
        return
    expected = mann_whitney(np.asarray(first, float), np.asarray(second, float)).p
    assert gen.mann_whitney_p(first, second) == pytest.approx(expected, abs=1e-12)


@given(st.lists(st.integers(0, 6), min_size=59, max_size=59))
def test_order_penalty_is_zero_exactly_when_spss_quartiles_match(values):
    summary = describe(values)
    quartiles = (summary.q1, summary.median, summary.q3)
    assert gen.order_penalty(values, quartiles) == 0
    assert gen.order_penalty(values, (quartiles[0], quartiles[1] + 1, quartiles[2])) > 0


@given(st.integers(28, 35).flatmap(lambda m: st.tuples(st.just(m), st.integers(0, 4 * m))))
def test_grid_score_is_what_the_calculator_gives(answered_points):
    answered, points = answered_points
    levels = gen.item_levels(points, list(range(1, answered + 1)), dict.fromkeys(range(1, 36), 0))
    assert sum(levels.values()) == points
    assert gen.grid_score(points, answered) == cho_klat.summary_score(list(levels.values()))


@given(st.integers(0, 4 * 31), st.integers(0, 2**32))
def test_cho_klat_record_scores_exactly_the_designed_score(points, seed):
    rng = random.Random(seed)
    who = gen.respondent(rng.randint(48, 215), rng)
    score = gen.ChoKlatScore(gen.grid_score(points, 31), 31, points)
    result = cho_klat.score_cho_klat_record(gen.cho_klat_record(who, score))
    assert (result.score, result.answered) == (score.score, 31)


def test_nearest_cho_klat_scores_are_within_0_15_of_the_published_quartiles():
    for published in (*gen.CHO_KLAT.before, *gen.CHO_KLAT.after):
        nearest = gen.nearest_score(published)
        assert abs(nearest.score - published) <= 0.15
        assert nearest.answered >= 35 - gen.MAX_NOT_APPLICABLE


def test_hjhs_fill_never_raises_an_item_when_a_component_falls():
    joints = ["left_knee", "right_ankle"]
    for name, order in gen.HJHS_FILL.items():
        highest = len(order) * 2
        records = [
            gen.hjhs_record(joints, dict.fromkeys(gen.HJHS_FILL, 0) | {name: p}, 0)
            for p in range(highest + 1)
        ]
        for lower, higher in itertools.pairwise(records):
            for joint in joints:
                low, high = lower["joints"][joint], higher["joints"][joint]
                assert all(low[item] <= high[item] for item in low)


def test_dumps_round_trips_and_puts_each_joint_on_one_line(committed):
    text = gen.dumps(committed)
    assert json.loads(text) == committed
    assert '"left_elbow": {"swelling": 0,' in text
