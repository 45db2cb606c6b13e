"""Provides a small vector drawing (rectangles, lines, text) and its SVG form.

The report's charts are drawn once, as a `Drawing`, and written twice: as inline SVG in the HTML
(`to_svg`) and as the same shapes in the PDF (`report_pdf`), so the two can't differ. Units are
points (1/72 inch), y grows downwards as in SVG. Only black, white and greys are used, and
patterns are drawn as lines, so a chart reads the same printed in black and white.
"""

from __future__ import annotations

import html
from dataclasses import field

from ..domain.record import record


@record
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str | None = None
    stroke: str | None = None
    width: float = 0.6


@record
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str = "#000000"
    width: float = 0.6
    dash: tuple[float, ...] = ()


@record
class Label:
    """Text whose baseline starts (`start`), centres (`middle`) or ends (`end`) at x."""

    x: float
    y: float
    text: str
    size: float = 7.0
    anchor: str = "start"
    bold: bool = False
    fill: str = "#000000"


Shape = Rect | Line | Label


@record
class Drawing:
    width: float
    height: float
    title: str
    """What the chart shows, in words: the SVG's accessible name and the PDF's alternative."""
    shapes: list[Shape] = field(default_factory=list)

    def add(self, *shapes: Shape) -> None:
        self.shapes.extend(shapes)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """An estimate of the width of `text` in a sans-serif face: enough to keep labels apart."""
    return len(text) * size * (0.6 if bold else 0.55)


def hatch(
    x: float, y: float, w: float, h: float, step: float = 4.0, stroke: str = "#808080", width: float = 0.4
) -> list[Line]:
    """Diagonal lines (/) filling the rectangle, as plain line segments (no clip paths or
    patterns, which the PDF side would have to imitate)."""
    lines = []
    c = step / 2
    while c < w + h:
        # The line x - x0 + (y1 - y) = c, clipped to the rectangle, from its lower left upwards.
        x_a, y_a = x + max(0.0, c - h), y + h - min(c, h)
        x_b, y_b = x + min(c, w), y + h - max(0.0, c - w)
        lines.append(Line(x_a, y_a, x_b, y_b, stroke, width))
        c += step
    return lines


_ANCHORS = {"start": "start", "middle": "middle", "end": "end"}


def to_svg(drawing: Drawing) -> str:
    """One `<svg>` element for inline use in HTML (which needs no namespace), sized to its
    container's width; no script, link or font file."""
    e = html.escape
    parts = [
        f'<svg viewBox="0 0 {drawing.width:g} {drawing.height:g}" '
        f'role="img" aria-label="{e(drawing.title)}" font-family="Helvetica, Arial, sans-serif">'
        f"<title>{e(drawing.title)}</title>"
    ]
    for s in drawing.shapes:
        if isinstance(s, Rect):
            fill = s.fill or "none"
            stroke = f' stroke="{s.stroke}" stroke-width="{s.width:g}"' if s.stroke else ""
            parts.append(
                f'<rect x="{s.x:.2f}" y="{s.y:.2f}" width="{s.w:.2f}" height="{s.h:.2f}" fill="{fill}"{stroke}/>'
            )
        elif isinstance(s, Line):
            dash = f' stroke-dasharray="{" ".join(f"{d:g}" for d in s.dash)}"' if s.dash else ""
            parts.append(
                f'<line x1="{s.x1:.2f}" y1="{s.y1:.2f}" x2="{s.x2:.2f}" y2="{s.y2:.2f}" '
                f'stroke="{s.stroke}" stroke-width="{s.width:g}"{dash}/>'
            )
        else:
            weight = ' font-weight="bold"' if s.bold else ""
            parts.append(
                f'<text x="{s.x:.2f}" y="{s.y:.2f}" font-size="{s.size:g}" '
                f'text-anchor="{_ANCHORS[s.anchor]}" fill="{s.fill}"{weight}>{e(s.text)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)
