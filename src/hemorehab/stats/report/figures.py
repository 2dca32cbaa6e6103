"""Report figures, drawn server-side with matplotlib's Agg canvas into PNG bytes and SVG text.

Texts inside the images are language-neutral (measure codes, T0/T12, week numbers, numbers):
the bundled matplotlib font has no Chinese glyphs. Captions in both languages travel with each
figure. Output is deterministic: no timestamps or software tags in the files, a fixed SVG
id salt, and no randomness. Figures are built on `matplotlib.figure.Figure` directly (never
pyplot), so there is no global figure registry to leak into; each figure is closed by
dropping it.
"""

from __future__ import annotations

import base64
import io
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from hemorehab.stats._util import as_float_array, complete_pairs
from hemorehab.stats.descriptives import quantiles
from hemorehab.stats.report.dataset import (
    MAIN_OUTCOMES,
    MEASURES,
    after,
    analysis_rows,
    before,
    validate_dataset,
)
from hemorehab.stats.report.labels import CODES, both
from hemorehab.stats.report.long_data import (
    ITEMS,
    JOINTS,
    TIMEPOINTS,
    WEEKS,
    validate_bleed_weeks,
    validate_joint_items,
)

DPI = 100
STYLE: dict[str, Any] = {"svg.hashsalt": "hemorehab-report", "font.size": 9, "axes.titlesize": 10}


def _style() -> AbstractContextManager[None]:
    """Fixed style for every figure (rcParams restored afterwards)."""
    return mpl.rc_context(STYLE)  # type: ignore[arg-type]


@dataclass(frozen=True)
class ReportFigure:
    key: str
    png: bytes
    svg: str
    caption: dict[str, str]

    def caption_in(self, language: str) -> str:
        return self.caption.get(language, self.caption["en"])

    def png_data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")


def _render(key: str, figure: Figure, caption_key: str) -> ReportFigure:
    FigureCanvasAgg(figure)
    png, svg = io.BytesIO(), io.StringIO()
    with _style():
        figure.savefig(png, format="png", dpi=DPI, metadata={"Software": None})
        figure.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
    figure.clear()
    return ReportFigure(key, png.getvalue(), svg.getvalue(), both(caption_key))


def _pairs(frame: pd.DataFrame, measure: str) -> tuple[np.ndarray, np.ndarray]:
    return complete_pairs(
        as_float_array(frame[before(measure)]), as_float_array(frame[after(measure)])
    )


def paired_lines_figure(frame: pd.DataFrame) -> ReportFigure:
    """One panel per main outcome: a line per child from T0 to T12, the median in bold."""
    with _style():
        figure = Figure(figsize=(2.6 * len(MAIN_OUTCOMES), 3.2), layout="constrained")
        axes = figure.subplots(1, len(MAIN_OUTCOMES), squeeze=False)[0]
        for ax, measure in zip(axes, MAIN_OUTCOMES, strict=True):
            x, y = _pairs(frame, measure)
            ax.plot([0, 1], np.vstack([x, y]), color="#4a6fa5", alpha=0.3, linewidth=0.8)
            if x.size:
                ax.plot([0, 1], [np.median(x), np.median(y)], color="black", linewidth=2.5)
            ax.set_xticks([0, 1], list(TIMEPOINTS))
            ax.set_xlim(-0.2, 1.2)
            ax.set_title(f"{CODES[measure]} (n={x.size})")
    return _render("paired_lines", figure, "fig_paired")


def box_stats(values: np.ndarray, quantile_method: str | int, label: str) -> dict[str, object]:
    """Box of `values` with the report's quartile definition (not matplotlib's type 7):
    box Q1-Q3, median line, whiskers to the furthest values within 1.5 IQR, the rest fliers."""
    q1, median, q3 = quantiles(values, [0.25, 0.5, 0.75], quantile_method)
    reach = 1.5 * (q3 - q1)
    inside = values[(values >= q1 - reach) & (values <= q3 + reach)]
    low, high = (inside.min(), inside.max()) if inside.size else (q1, q3)
    fliers = values[(values < low) | (values > high)]
    return {"med": median, "q1": q1, "q3": q3, "whislo": low, "whishi": high,
            "fliers": fliers, "label": label}  # fmt: skip


def box_figure(frame: pd.DataFrame, quantile_method: str | int = "spss") -> ReportFigure:
    """Box plots T0 vs T12 for every Table 1 measure (complete pairs)."""
    columns = 3
    rows = -(-len(MEASURES) // columns)
    with _style():
        figure = Figure(figsize=(3.0 * columns, 2.6 * rows), layout="constrained")
        axes = figure.subplots(rows, columns, squeeze=False).ravel()
        for ax, measure in zip(axes, MEASURES, strict=False):
            x, y = _pairs(frame, measure)
            if x.size:
                stats = [
                    box_stats(v, quantile_method, t)
                    for v, t in zip((x, y), TIMEPOINTS, strict=True)
                ]
                ax.bxp(stats, widths=0.5)
            ax.set_title(f"{CODES[measure]} (n={x.size})")
        for ax in axes[len(MEASURES) :]:
            ax.set_axis_off()
    return _render("box_plots", figure, "fig_box")


def joint_item_means(items: pd.DataFrame, timepoint: str) -> np.ndarray:
    """Mean item score, joints x items (NaN where nothing was scored)."""
    rows = items[items["timepoint"] == timepoint]
    table = rows.pivot_table(index="joint", columns="item", values="score", aggfunc="mean")
    return table.reindex(index=list(JOINTS), columns=list(ITEMS)).to_numpy(dtype=np.float64)


def heatmap_figure(joint_items: pd.DataFrame) -> ReportFigure:
    """Mean HJHS item score per joint, T0 and T12 side by side on one colour scale."""
    items = validate_joint_items(joint_items)
    means = [joint_item_means(items, t) for t in TIMEPOINTS]
    top = max(1.0, float(np.nanmax(np.stack(means)))) if items["score"].notna().any() else 1.0
    with _style():
        figure = Figure(figsize=(9.0, 3.4), layout="constrained")
        axes = figure.subplots(1, len(TIMEPOINTS), squeeze=False)[0]
        for ax, timepoint, values in zip(axes, TIMEPOINTS, means, strict=True):
            image = ax.imshow(values, cmap="Reds", vmin=0.0, vmax=top, aspect="auto")
            ax.set_xticks(range(len(ITEMS)), [CODES[i] for i in ITEMS])
            ax.set_yticks(range(len(JOINTS)), [CODES[j] for j in JOINTS])
            ax.set_title(timepoint)
            _annotate(ax, values, top)
        figure.colorbar(image, ax=list(axes), shrink=0.9)
    return _render("joint_heatmap", figure, "fig_heatmap")


def _annotate(ax: object, values: np.ndarray, top: float) -> None:
    for (row, column), value in np.ndenumerate(values):
        if np.isfinite(value):
            colour = "white" if value > 0.6 * top else "black"
            ax.text(column, row, f"{value:.1f}", ha="center", va="center",  # type: ignore[attr-defined]
                    fontsize=7, color=colour)  # fmt: skip


def bleeds_figure(bleed_weeks: pd.DataFrame) -> ReportFigure:
    """Joint bleeds per week, weeks -12..-1 before and 1..12 during the program."""
    weeks = validate_bleed_weeks(bleed_weeks)["week"]
    counts = weeks.value_counts().reindex(list(WEEKS), fill_value=0)
    with _style():
        figure = Figure(figsize=(8.0, 3.0), layout="constrained")
        ax = figure.subplots()
        colours = ["#b03a2e" if w < 0 else "#4a6fa5" for w in WEEKS]
        ax.bar(list(WEEKS), counts.to_numpy(), color=colours, width=0.8)
        ax.axvline(0, color="black", linestyle="--", linewidth=1)
        ax.set_xticks([-12, -8, -4, -1, 1, 4, 8, 12])
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    return _render("bleeds_per_week", figure, "fig_bleeds")


def build_figures(
    frame: pd.DataFrame,
    joint_items: pd.DataFrame | None = None,
    bleed_weeks: pd.DataFrame | None = None,
    quantile_method: str | int = "spss",
) -> tuple[ReportFigure, ...]:
    """The report's figures; the heat map and the weekly bleeds only when their data is given.

    The paired plots use the same analysis set as the tables (children not 'active').
    """
    analysed = analysis_rows(validate_dataset(frame))
    figures = [paired_lines_figure(analysed), box_figure(analysed, quantile_method)]
    if joint_items is not None:
        figures.append(heatmap_figure(joint_items))
    if bleed_weeks is not None:
        figures.append(bleeds_figure(bleed_weeks))
    return tuple(figures)
