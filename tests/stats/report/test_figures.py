"""Figures: PNG and SVG, deterministic, language-neutral inside, captions in both languages."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from hemorehab.stats.descriptives import quantiles
from hemorehab.stats.report.dataset import DatasetColumnError
from hemorehab.stats.report.figures import box_stats, build_figures, joint_item_means
from hemorehab.stats.report.long_data import validate_bleed_weeks, validate_joint_items
from tools.demo.frames import demo_bleed_weeks, demo_frame, demo_joint_items

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def frame():
    return demo_frame(20, seed=2)


@pytest.fixture(scope="module")
def figures(frame):
    return build_figures(frame, demo_joint_items(frame), demo_bleed_weeks(frame))


def test_every_figure_has_png_svg_and_two_captions(figures):
    assert [f.key for f in figures] == [
        "paired_lines",
        "box_plots",
        "joint_heatmap",
        "bleeds_per_week",
    ]
    for figure in figures:
        assert figure.png.startswith(PNG)
        assert "<svg" in figure.svg
        assert set(figure.caption) == {"en", "zh-hans"}
        assert figure.png_data_uri().startswith("data:image/png;base64,")


def test_figures_are_deterministic(frame, figures):
    again = build_figures(frame, demo_joint_items(frame), demo_bleed_weeks(frame))
    assert [f.png for f in again] == [f.png for f in figures]
    assert [f.svg for f in again] == [f.svg for f in figures]


def test_no_figure_is_left_open(figures):
    assert plt.get_fignums() == []


def test_text_inside_figures_has_no_chinese(figures):
    for figure in figures:
        assert not any("\u4e00" <= ch <= "\u9fff" for ch in figure.svg)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in figure.caption["zh-hans"])


def test_optional_figures_need_their_data(frame):
    assert [f.key for f in build_figures(frame)] == ["paired_lines", "box_plots"]


def test_box_uses_the_report_quartiles():
    values = np.array([1.0, 2, 3, 4, 5, 6, 7, 8, 40])
    stats = box_stats(values, "spss", "T0")
    assert [stats["q1"], stats["med"], stats["q3"]] == quantiles(values, [0.25, 0.5, 0.75], "spss")
    assert stats["whishi"] == 8.0 and list(stats["fliers"]) == [40.0]


def test_heatmap_means_are_per_joint_and_item():
    items = pd.DataFrame(
        {
            "study_id": ["a", "b", "a"],
            "joint": ["left_knee", "left_knee", "right_ankle"],
            "item": ["swelling", "swelling", "strength"],
            "timepoint": ["T0", "T0", "T12"],
            "score": [1.0, 3.0, 4.0],
        }
    )
    t0 = joint_item_means(validate_joint_items(items), "T0")
    assert t0[2, 0] == 2.0  # left_knee (row 2), swelling (column 0)
    assert np.isnan(t0[5, 7])


def test_long_inputs_are_checked():
    with pytest.raises(DatasetColumnError, match="'week': value 0"):
        validate_bleed_weeks(pd.DataFrame({"study_id": ["a"], "week": [0]}))
    bad = pd.DataFrame({"study_id": ["a"], "joint": ["hip"], "item": ["swelling"],
                        "timepoint": ["T0"], "score": [1]})  # fmt: skip
    with pytest.raises(DatasetColumnError, match="'joint': value 'hip'"):
        validate_joint_items(bad)
    too_high = bad.assign(joint="left_knee", score=4)
    with pytest.raises(DatasetColumnError, match=r"outside the HJHS 2\.1 range"):
        validate_joint_items(too_high)
