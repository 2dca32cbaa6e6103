"""The estimated factor level over a week, with infusions, sessions and the center threshold."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from django.utils.safestring import SafeString, mark_safe

W, H, PAD = 640, 220, 40
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def level_chart(
    points: Sequence[tuple[float, float]],
    infusions_h: Sequence[float],
    sessions: Sequence[tuple[float, bool]],
    threshold: float,
    day_names: Sequence[str] = DAYS,
) -> SafeString:
    """points: (hour of week, IU/dL); sessions: (hour, flagged below threshold)."""
    top = max([v for _, v in points] + [threshold * 1.2, 1.0])

    def x(h: float) -> float:
        return PAD + h / 168 * (W - 2 * PAD)

    def y(v: float) -> float:
        return H - PAD - v / top * (H - 2 * PAD)

    line = " ".join(f"{x(h):.1f},{y(v):.1f}" for h, v in points)
    parts = [
        f'<svg class="chart level" viewBox="0 0 {W} {H}" role="img" '
        f'xmlns="http://www.w3.org/2000/svg" aria-label="factor level">',
        f'<line x1="{PAD}" y1="{H - PAD}" x2="{W - PAD}" y2="{H - PAD}" class="axis"/>',
        f'<line x1="{PAD}" y1="{y(threshold):.1f}" x2="{W - PAD}" y2="{y(threshold):.1f}" '
        'class="threshold"/>',
        f'<text x="{W - PAD + 2}" y="{y(threshold) + 4:.1f}" class="tick">{threshold:g}</text>',
        f'<text x="4" y="{PAD}" class="tick">{top:.0f} IU/dL</text>',
        f'<polyline points="{line}" class="line"/>',
    ]
    for day, name in enumerate(day_names):
        parts.append(
            f'<text x="{x(day * 24 + 12):.1f}" y="{H - 12}" class="tick" '
            f'text-anchor="middle">{escape(name)}</text>'
        )
    parts.extend(
        f'<path d="M{x(h):.1f},{H - PAD} l-5,10 h10 z" class="infusion"/>' for h in infusions_h
    )
    for h, flagged in sessions:
        kind = "session flagged" if flagged else "session"
        parts.append(f'<circle cx="{x(h):.1f}" cy="{PAD - 14}" r="6" class="{kind}"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (numbers only, names escaped)
