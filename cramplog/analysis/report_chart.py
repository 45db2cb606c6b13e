"""Provides the report's chart: cramps per week (or month) over the period, with medicines and
diet changes on the same time axis below it, as one vector `Drawing`.

Readable in black and white: night cramps are black, other cramps grey with a black outline, a
logged period without a cramp has a `0` on a black foot, and a period with nothing logged is
hatched (a gap, never a zero). A dotted line runs up from each medicine's start or stop and each
diet change, so a GP can see which bars came before it and which after.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import field

from ..domain.record import record
from ..domain.summary import plural
from .vector import Drawing, Label, Line, Rect, hatch, text_width

WIDTH = 510.0
"""Points: the text width of A4 with 15 mm margins; the HTML scales it to its column."""
LEFT, RIGHT = 118.0, 8.0
BARS_TOP, BARS_HEIGHT = 24.0, 100.0
LANE = 13.0
MAX_LANES = 6
NIGHT, OTHER, GRID, HATCH = "#000000", "#a6a6a6", "#c8c8c8", "#8c8c8c"


@record
class Bin:
    """One week (or month) of the period: cramps at night and at other times, None if the bin
    has no logged day (a check-in or a cramp), so nothing can be said of its cramps."""

    start: dt.date
    end: dt.date
    night: int | None
    other: int | None
    logged_days: int

    @property
    def cramps(self) -> int | None:
        return None if self.night is None or self.other is None else self.night + self.other


@record
class Span:
    """A medicine on the time axis: from `start` to `stop` (None: still taken)."""

    label: str
    start: dt.date
    stop: dt.date | None


@record
class Mark:
    """A diet change on the time axis."""

    label: str
    day: dt.date


@record
class Timeline:
    spans: list[Span] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    more: int = 0
    """Medicines left off the chart (the table lists every one)."""


def cramp_chart(bins: list[Bin], unit: str, timeline: Timeline) -> Drawing:
    """The drawing; `unit` is `week` or `month`."""
    first, last = bins[0].start, bins[-1].end
    days = (last - first).days + 1
    plot_w = WIDTH - LEFT - RIGHT

    def x(day: dt.date) -> float:
        return LEFT + (day - first).days / days * plot_w

    lanes = len(timeline.spans) + bool(timeline.marks) + bool(timeline.more)
    axis_y = BARS_TOP + BARS_HEIGHT
    lanes_top = axis_y + 20
    height = lanes_top + lanes * LANE + 4
    counted = [b.cramps for b in bins if b.cramps is not None]
    total = sum(counted)
    title = (
        f"Cramps per {unit} from {first:%d %b %Y} to {last:%d %b %Y}: {total} in "
        f"{plural(len(counted), unit)} with entries, {plural(len(bins) - len(counted), unit)} with nothing logged"
        + ("; medicines and diet changes on the same time axis" if lanes else "")
    )
    d = Drawing(WIDTH, height, title)
    _legend(d, unit)
    top = _nice_top(max(counted, default=0))
    scale = BARS_HEIGHT / top
    step = _tick_step(top)
    for value in range(0, top + 1, step):
        y = axis_y - value * scale
        if value:
            d.add(Line(LEFT, y, WIDTH - RIGHT, y, GRID, 0.4, (1.5, 1.5)))
        d.add(Label(LEFT - 3, y + 2.2, str(value), 6.5, "end"))
    d.add(Label(LEFT - 3, BARS_TOP - 6, f"cramps per {unit}", 6.5, "end"))
    slot_min = plot_w / len(bins)
    for b in bins:
        x0, x1 = x(b.start), x(b.end + dt.timedelta(days=1))
        pad = min((x1 - x0) * 0.15, 3.0)
        bx, bw = x0 + pad, max(x1 - x0 - 2 * pad, 0.8)
        if b.cramps is None:
            d.add(*hatch(x0, BARS_TOP, x1 - x0, BARS_HEIGHT, stroke=HATCH))
            continue
        if b.cramps == 0:
            d.add(Rect(bx, axis_y - 1.6, bw, 1.6, fill=NIGHT))
            d.add(Label((x0 + x1) / 2, axis_y - 3.5, "0", 6.0, "middle"))
            continue
        night_h, other_h = (b.night or 0) * scale, (b.other or 0) * scale
        if b.night:
            d.add(Rect(bx, axis_y - night_h, bw, night_h, fill=NIGHT))
        if b.other:
            d.add(Rect(bx, axis_y - night_h - other_h, bw, other_h, fill=OTHER, stroke=NIGHT, width=0.5))
        if slot_min >= 8:
            d.add(Label((x0 + x1) / 2, axis_y - night_h - other_h - 2.5, str(b.cramps), 6.0, "middle"))
    d.add(Line(LEFT, axis_y, WIDTH - RIGHT, axis_y, NIGHT, 0.8))
    _time_axis(d, bins, unit, x, axis_y)
    _lanes(d, timeline, first, last, x, lanes_top)
    return d


def _legend(d: Drawing, unit: str) -> None:
    x, y = LEFT, 9.0
    items: list[tuple[str, list[Rect | Line | Label]]] = [
        ("night cramps", [Rect(x, y - 6, 7, 7, fill=NIGHT)]),
        ("other cramps", [Rect(x, y - 6, 7, 7, fill=OTHER, stroke=NIGHT, width=0.5)]),
        ("logged, no cramp", [Rect(x, y - 0.6, 7, 1.6, fill=NIGHT), Label(x + 3.5, y - 2, "0", 6, "middle")]),
        (
            f"nothing logged that {unit} (a gap, not zero)",
            [Rect(x, y - 6, 7, 7, stroke=HATCH, width=0.4), *hatch(x, y - 6, 7, 7, 2.5, HATCH)],
        ),
    ]
    for text, sample in items:
        for shape in sample:
            d.add(_moved(shape, x - LEFT))
        d.add(Label(x + 10, y, text, 6.5))
        x += 10 + text_width(text, 6.5) + 12


def _moved(shape: Rect | Line | Label, dx: float) -> Rect | Line | Label:
    if isinstance(shape, Rect):
        return Rect(shape.x + dx, shape.y, shape.w, shape.h, shape.fill, shape.stroke, shape.width)
    if isinstance(shape, Line):
        return Line(shape.x1 + dx, shape.y1, shape.x2 + dx, shape.y2, shape.stroke, shape.width, shape.dash)
    return Label(shape.x + dx, shape.y, shape.text, shape.size, shape.anchor, shape.bold, shape.fill)


Place = Callable[[dt.date], float]


def _time_axis(d: Drawing, bins: list[Bin], unit: str, place: Place, axis_y: float) -> None:
    """Every bin labelled when there is room (up to 14), else the first bin of each month (with
    its year on the first label and on January)."""
    if len(bins) <= 14:
        start = math.inf
        """Where the label to the right begins: placed right to left, a label that would run into
        it is left out, so a period starting on a Sunday (a one-day first week) keeps its
        Mondays' labels ("1 Nov" sat on "2 Nov")."""
        for b in reversed(bins):
            text = f"{b.start:%b}" if unit == "month" else f"{b.start.day} {b.start:%b}"
            left = place(b.start) + 1
            if left + text_width(text, 6.0) + 2 <= start:
                d.add(Label(left, axis_y + 9, text, 6.0))
                start = left
        return
    seen: set[tuple[int, int]] = set()
    free = 0.0
    """Where the last label ends: over years of months, a name that would overlap is left out."""
    for b in bins:
        month = (b.start.year, b.start.month)
        if month in seen:
            continue
        seen.add(month)
        text = f"{b.start:%b %Y}" if len(seen) == 1 or b.start.month == 1 else f"{b.start:%b}"
        bx = place(b.start)
        d.add(Line(bx, axis_y, bx, axis_y + 3, NIGHT, 0.5))
        yearly = len(bins) > 36 and b.start.month != 1 and len(seen) > 1  # years of months: Januaries
        if not yearly and bx >= free and bx + text_width(text, 6.0) <= WIDTH:
            d.add(Label(bx + 1, axis_y + 10, text, 6.0))
            free = bx + text_width(text, 6.0) + 4


def _lanes(d: Drawing, timeline: Timeline, first: dt.date, last: dt.date, place: Place, top: float) -> None:
    lane_y = top

    def guide(day: dt.date) -> None:
        gx = place(day)
        d.add(Line(gx, BARS_TOP, gx, lane_y + 2, NIGHT, 0.5, (0.8, 1.6)))

    for span in timeline.spans:
        d.add(Label(LEFT - 4, lane_y + 2, _fit(span.label, LEFT - 8, 6.5), 6.5, "end"))
        start, stop = max(span.start, first), min(span.stop or last, last)
        x0 = place(start)
        x1 = place(stop + dt.timedelta(days=1))
        d.add(Rect(x0, lane_y - 2.5, max(x1 - x0, 1.0), 4.5, fill="#404040"))
        if span.start >= first:
            guide(span.start)
            text = f"started {span.start:%d %b}"
            d.add(Label(min(x0 + 2, WIDTH - text_width(text, 5.5)), lane_y - 4, text, 5.5))
        if span.stop is not None and span.stop <= last:
            guide(span.stop)
            d.add(Label(x1 - 2, lane_y - 4, f"stopped {span.stop:%d %b}", 5.5, "end"))
        lane_y += LANE
    if timeline.more:
        d.add(Label(LEFT - 4, lane_y + 2, f"and {timeline.more} more (see the table)", 6.5, "end"))
        lane_y += LANE
    if timeline.marks:
        d.add(Label(LEFT - 4, lane_y + 2, "Diet changes", 6.5, "end"))
        for mark in timeline.marks:
            mx = place(mark.day)
            guide(mark.day)
            d.add(Rect(mx - 2.5, lane_y - 2.5, 5, 5, fill=NIGHT))
            d.add(Label(mx + 4, lane_y + 2, mark.label, 6.0))


def _fit(text: str, width: float, size: float) -> str:
    if text_width(text, size) <= width:
        return text
    keep = max(1, int(width / (size * 0.55)) - 1)
    return text[:keep].rstrip() + "…"


def _nice_top(most: int) -> int:
    """The axis top: the largest count rounded up to its tick step (at least 4)."""
    top = max(most, 4)
    step = _tick_step(top)
    return int(math.ceil(top / step) * step)


def _tick_step(top: int) -> int:
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500):
        if top / step <= 6:
            return step
    return 1000
