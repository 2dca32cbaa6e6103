"""Small server-rendered SVG charts: no JavaScript library, nothing loaded from outside."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT, PAD = 560, 200, 36


def line_chart(points: Sequence[tuple[str, float | None]], y_max: float, label: str) -> SafeString:
    """A line of values over visits; None values leave a gap and are marked "NE"."""
    if not points:
        return mark_safe("")
    step = (WIDTH - 2 * PAD) / max(len(points) - 1, 1)

    def x(i: int) -> float:
        return PAD + i * step

    def y(v: float) -> float:
        return HEIGHT - PAD - (v / y_max) * (HEIGHT - 2 * PAD) if y_max else HEIGHT - PAD

    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">',
        f'<line x1="{PAD}" y1="{HEIGHT - PAD}" x2="{WIDTH - PAD}" y2="{HEIGHT - PAD}" '
        'class="axis"/>',
        f'<line x1="{PAD}" y1="{PAD}" x2="{PAD}" y2="{HEIGHT - PAD}" class="axis"/>',
        f'<text x="4" y="{PAD + 4}" class="tick">{y_max:g}</text>',
        f'<text x="4" y="{HEIGHT - PAD + 4}" class="tick">0</text>',
    ]
    known = [(i, v) for i, (_, v) in enumerate(points) if v is not None]
    if len(known) > 1:
        path = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in known)
        parts.append(f'<polyline points="{path}" class="line"/>')
    for i, (name, value) in enumerate(points):
        parts.append(
            f'<text x="{x(i):.1f}" y="{HEIGHT - 8}" class="tick" text-anchor="middle">'
            f"{escape(name)}</text>"
        )
        if value is None:
            parts.append(
                f'<text x="{x(i):.1f}" y="{HEIGHT - PAD - 6}" class="tick" '
                'text-anchor="middle">NE</text>'
            )
            continue
        parts.append(f'<circle cx="{x(i):.1f}" cy="{y(value):.1f}" r="4" class="dot"/>')
        parts.append(
            f'<text x="{x(i):.1f}" y="{y(value) - 8:.1f}" class="value" '
            f'text-anchor="middle">{value:g}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every inserted text is escaped above)
