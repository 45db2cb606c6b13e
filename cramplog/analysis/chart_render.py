"""Provides `render_chart`: one `ChartData` to text of exactly the given size, via plotext 6.

The only code that touches plotext. Its figure is a module-level singleton, so every render
clears it first and nothing leaks between charts; call it from one thread only (the Textual
main thread in the app). Kept free of Textual so the CLI and the report can use it.
Importing plotext costs about 110 ms, so it is imported inside `render_chart`.
"""

from __future__ import annotations

import math
import textwrap
from typing import Any

from .trends import ChartData

MIN_WIDTH = 24
MIN_HEIGHT = 8
"""Below this size a chart is not drawn; `unavailable()` text is returned instead."""
GAP = "·"
"""Drawn at the foot of a week with nothing logged: a gap, not a zero."""
STACK_MARKERS = ("█", "▓", "▒", "░", "≡", "∙")
SPIKE_MARKER = "▒"
LIMIT_MARKER = "┃"
BAR_WIDTH = 0.7
"""Share of a week's column a bar fills; less than plotext's 0.8 keeps neighbours apart."""
_PLOT_THEME = {True: "simple", False: "colorless"}
"""`simple` colours the bars without painting a background, so it suits any terminal."""


def unavailable(width: int, height: int, why: str = "chart unavailable") -> str:
    """A short notice, clipped to the space there is."""
    return why[: max(width, 0)] if height > 0 else ""


def render_chart(chart: ChartData, width: int, height: int, *, color: bool = False) -> str:
    """The chart as `height` lines of `width` columns (a caption under the plot included).

    With `color=False` the text has no escape codes at all.
    """
    if width < MIN_WIDTH or height < MIN_HEIGHT:
        return unavailable(width, height)
    caption = [] if chart.is_empty else _caption(chart, width)
    plot_height = height - len(caption)
    if plot_height < MIN_HEIGHT - 2:
        caption, plot_height = [], height
    if chart.is_empty:
        body = _empty(chart, width, plot_height)
    else:
        body = _plot(chart, width, plot_height, color)
    return "\n".join(body + [line.ljust(width) for line in caption])


def _empty(chart: ChartData, width: int, height: int) -> list[str]:
    lines = [chart.title.center(width)[:width], "", chart.empty_text.center(width)[:width]]
    return [line.ljust(width) for line in lines] + [" " * width] * (height - len(lines))


def _caption(chart: ChartData, width: int) -> list[str]:
    parts: list[str] = []
    if len(chart.series) > 1:
        markers = STACK_MARKERS if chart.stacked else ("█", "▒")
        parts.append("  ".join(f"{markers[i % len(markers)]} {s.label}" for i, s in enumerate(chart.series)))
    if chart.reference is not None and chart.reference_label:
        parts.append(f"─ {chart.reference_label}")
    if chart.limits and chart.limit_label:
        parts.append(f"{LIMIT_MARKER} {chart.limit_label}")
    if any(chart.marked) and chart.mark_label:
        parts.append(f"{SPIKE_MARKER} {chart.mark_label}")
    if any(chart.notes) and chart.note_label and _notes_fit(chart, width):
        parts.append(chart.note_label)
    if not chart.horizontal and any(chart.gaps):
        parts.append(f"{GAP} {chart.gap_label}")
    lines: list[str] = []
    for part in parts:  # break between items, never inside one that fits on a line
        if lines and len(lines[-1]) + 3 + len(part) <= width:
            lines[-1] += "   " + part
        else:
            lines.extend(textwrap.wrap(part, width))
    return lines


def _notes_fit(chart: ChartData, width: int) -> bool:
    """Notes above bars need about three columns per bar."""
    return bool(chart.notes) and (width - 8) / max(len(chart.labels), 1) >= 3


def _ticks_every(count: int, room: int, label_width: int) -> int:
    """Show every n-th category label so that labels never run into each other."""
    fit = max(1, room // (label_width + 2))
    return max(1, math.ceil(count / fit))


def _nice_ticks(peak: float, rows: int, whole: bool) -> list[float]:
    """Round y ticks (0, 20, 40, ...) covering `peak`, about one per two rows; whole for counts."""
    wanted = max(1, min(rows // 2, 6))
    raw = peak / wanted if peak > 0 else 1.0
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    if whole:
        step = max(1, math.ceil(step))
    count = math.ceil(peak / step - 1e-9) if peak > 0 else 1
    return [round(k * step, 6) for k in range(count + 1)]


def _plot(chart: ChartData, width: int, height: int, color: bool) -> list[str]:
    import plotext as plt  # ~110 ms, paid when a chart is first drawn

    fig = plt.figure
    plt.terminal.limit(False, False)  # else plot_size is capped at the detected tty
    fig.clear()  # the figure is global: drop the previous chart's data and settings
    fig.plot_size(width, height)
    fig.theme(_PLOT_THEME[color])
    fig.title(chart.title)
    if chart.horizontal:
        _draw_horizontal(fig, chart)
    else:
        _draw_vertical(fig, chart, width, height)
    text = fig.build().string(colorless=not color)
    lines = text.split("\n")
    return lines[:height] + [" " * width] * (height - len(lines))


def _draw_vertical(fig: Any, chart: ChartData, width: int, height: int) -> None:
    n = len(chart.labels)
    xs = list(range(n))
    gaps = chart.gaps
    totals = [sum(s.values[i] or 0.0 for s in chart.series) if not gaps[i] else 0.0 for i in xs]
    grouped = len(chart.series) > 1 and not chart.stacked
    peak = max([max((s.values[i] or 0.0) for s in chart.series) for i in xs] if grouped else totals)
    show_notes = _notes_fit(chart, width)
    ticks = _nice_ticks(max(peak, chart.reference or 0.0), height - 4, chart.whole)
    top = ticks[-1] * (1.2 if show_notes else 1.04)
    zero = [0.0] * n
    if chart.stacked:
        heights = [[s.values[i] or 0.0 for i in xs] for s in chart.series]
        fig.draw(fig.bar(xs, heights, width=BAR_WIDTH, stacked=True, marker=list(STACK_MARKERS[: len(heights)])))
    elif grouped:
        width_each = BAR_WIDTH / len(chart.series)
        for k, s in enumerate(chart.series):
            shift = (k - (len(chart.series) - 1) / 2) * width_each
            values = [v or 0.0 for v in s.values] or zero
            fig.draw(fig.bar([x + shift for x in xs], values, width=width_each,
                             marker=("█", "▒")[k % 2]))
    else:
        values = [v or 0.0 for v in chart.series[0].values]
        markers = [SPIKE_MARKER if chart.marked and chart.marked[i] else "█" for i in xs]
        fig.draw(fig.bar(xs, values, width=BAR_WIDTH, marker=markers))
    if chart.reference is not None:
        fig.line(chart.reference)
    for i in xs:
        if gaps[i]:
            fig.draw(fig.text(i, 0, GAP, alignment="center"))
        elif show_notes and chart.notes[i]:
            fig.draw(fig.text(i, totals[i] + top * 0.12, chart.notes[i], alignment="center"))
    label_width = max((len(lab) for lab in chart.labels), default=1)
    every = _ticks_every(n, width - 8, label_width)
    shown = [i for i in xs if (n - 1 - i) % every == 0]  # always label the current week
    fig.ruler("x").ticks(shown, [chart.labels[i] for i in shown])
    fig.ruler("x").lim(-0.5, n - 0.5)
    fig.ruler("y").lim(0, top)
    fig.ruler("y").ticks(ticks, [f"{t:g}" for t in ticks])


def _draw_horizontal(fig: Any, chart: ChartData) -> None:
    n = len(chart.labels)
    ys = list(range(n))
    values = [v or 0.0 for v in chart.series[0].values]
    fig.draw(fig.bar(ys, values, orientation="h"))
    for i, limit in enumerate(chart.limits):
        if limit is not None:
            fig.draw(fig.text(limit, i, LIMIT_MARKER, alignment="center"))
    fig.ruler("y").ticks(ys, chart.labels)
    fig.ruler("y").lim(-0.5, n - 0.5)
    ticks = _nice_ticks(max(values + [x for x in chart.limits if x is not None] + [1.0]), 8, False)
    fig.ruler("x").lim(0, ticks[-1] * 1.04)
    fig.ruler("x").ticks(ticks, [f"{t:g}" for t in ticks])
