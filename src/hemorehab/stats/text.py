"""Readable aligned text tables of the `analyze` result dictionary (the --json contract)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from hemorehab.stats.formatting import format_number, format_p


def align(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Columns padded to their widest cell; first column left-aligned, the rest right."""
    table = [list(header), *[list(r) for r in rows]]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    lines = []
    for row in table:
        cells = [row[0].ljust(widths[0])]
        cells += [cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
        lines.append("  ".join(cells).rstrip())
    lines.insert(1, "  ".join("-" * w for w in widths))
    return lines


def _miqr(summary: dict[str, Any]) -> str:
    median, q1, q3 = (format_number(summary[k]) for k in ("median", "q1", "q3"))
    return f"{median} ({q1}, {q3})"


def _ci(values: list[float | None] | None, decimals: int = 2) -> str:
    if values is None:
        return "-"
    return f"[{format_number(values[0], decimals)}, {format_number(values[1], decimals)}]"


def _paired_tests(paired: list[dict[str, Any]]) -> list[str]:
    header = ["pre -> post", "n", "dropped", "before", "after", "Z", "P", "exact P", "r", "default"]
    rows = [
        [
            f"{p['pre']} -> {p['post']}",
            str(p["n"]),
            str(p["n_dropped"]),
            _miqr(p["pre_summary"]),
            _miqr(p["post_summary"]),
            format_number(p["wilcoxon"]["z"], 3),
            format_p(p["wilcoxon"]["p"]),
            format_p(p["wilcoxon"]["exact_p"]),
            format_number(p["effect_size_r"], 3),
            p["default_test"]["test"],
        ]
        for p in paired
    ]
    return align(header, rows)


def _paired_estimates(paired: list[dict[str, Any]]) -> list[str]:
    header = [
        "pre -> post",
        "mean d",
        "95% CI",
        "t",
        "df",
        "P(t)",
        "HL d",
        "95% CI",
        "SW W",
        "P(SW)",
    ]
    rows = []
    for p in paired:
        t, hl, sw = p["paired_t"], p["hodges_lehmann"], p["normality"]
        rows.append(
            [
                f"{p['pre']} -> {p['post']}",
                format_number(t["mean_difference"]),
                _ci(t["ci95"]),
                format_number(t["t"], 3),
                str(t["df"]),
                format_p(t["p"]),
                format_number(hl["estimate"]),
                _ci(hl["ci95"]),
                format_number(sw["statistic"], 3),
                format_p(sw["p"]),
            ]
        )
    return align(header, rows)


def _groups(groups: list[dict[str, Any]]) -> list[str]:
    header = [
        "variable by group",
        "group 1",
        "group 2",
        "U",
        "Z",
        "P",
        "exact P",
        "Welch t",
        "df",
        "P(t)",
    ]
    rows = []
    for g in groups:
        cells = [f"{k}: n={v['n']} {_miqr(v)}" for k, v in g["groups"].items()]
        mw, wt = g["mann_whitney"], g["welch_t"]
        rows.append(
            [
                f"{g['variable']} by {g['by']}",
                *cells,
                format_number(mw["u"], 1),
                format_number(mw["z"], 3),
                format_p(mw["p"]),
                format_p(mw["exact_p"]),
                format_number(wt["t"], 3),
                format_number(wt["df"], 1),
                format_p(wt["p"]),
            ]
        )
    return align(header, rows)


NOTES = [
    "d = post - pre. Median (Q1, Q3) with SPSS quartiles (R type 6).",
    "Wilcoxon Z as SPSS: zeros dropped, mid-ranks, tie-corrected, no continuity correction, "
    "Z from the smaller rank sum.",
    "r = |Z| / sqrt(n pairs). HL d = Hodges-Lehmann median of Walsh averages.",
    "Mann-Whitney U = min(U1, U2), tie-corrected Z, no continuity correction.",
]


def render(result: dict[str, Any]) -> str:
    """The whole result as text sections."""
    lines: list[str] = []
    if result["paired"]:
        lines += ["Paired outcomes (Wilcoxon signed-rank)", *_paired_tests(result["paired"]), ""]
        lines += ["Paired estimates", *_paired_estimates(result["paired"]), ""]
    if result["groups"]:
        lines += ["Group comparisons", *_groups(result["groups"]), ""]
    lines += ["Notes:", *(f"  {note}" for note in NOTES)]
    return "\n".join(lines) + "\n"
