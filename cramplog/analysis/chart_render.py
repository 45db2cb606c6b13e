"""Provides `draw` and `render_chart`: one `ChartData` to text of exactly the given size.

Our own text renderer, in the standard library. plotext 6 rasterises bars onto a continuous x
axis, so at terminal resolution it cannot keep a fixed width and a gap per category (13 bars in
5-column slots came out 3 or 4 wide; 26 bars merged into one block). Here every category gets
the same whole number of columns, a bar and a gap; the y axis has round ticks; a bar's top is
drawn to an eighth of a row. Kept free of Textual so the CLI and the report use it too.
"""

from __future__ import annotations

import math
import textwrap

from ..domain.record import record
from .trends import ChartData

MIN_WIDTH = 24
MIN_HEIGHT = 8
"""Below this size a chart is not drawn; `unavailable()` text is returned instead."""
GAP = "·"
"""Drawn at the foot of a period with nothing logged: a gap, not a zero."""
ZERO = "○"
"""Drawn at the foot of a period logged with a total of 0 (a week checked in without a cramp)."""
STACK_MARKERS = ("█", "▓", "▒", "░", "≡", "∙")
GROUP_MARKERS = ("█", "▒")
SPIKE_MARKER = "▒"
LIMIT_MARKER = "│"
WORN_MARKER = "▒"
REFERENCE = "─"
CURSOR = "▲"
EIGHTHS = " ▁▂▃▄▅▆▇█"
MAX_BAR = 7
"""A bar is at most this wide, however few categories there are; the rest of its slot is space."""
COLOURS = (36, 32, 35, 34, 33, 37)
"""ANSI foreground colours for series 1, 2, ...: cyan, green, magenta, blue, yellow, white."""
WORN = len(COLOURS) + 1
"""The colour code of a shoe's distance past its life (yellow in ANSI, the theme's warning in the app)."""


def unavailable(width: int, height: int) -> str:
    """What shows where a chart has no room: that it has none, and what it needs, in words
    wrapped to the space there is (a bare "chart unavailable" left a phone's user guessing)."""
    if height <= 0 or width <= 0:
        return ""
    short = "too narrow" if width < MIN_WIDTH else "too low"
    need = (
        f"it needs {MIN_WIDTH} columns, here {width}"
        if width < MIN_WIDTH
        else f"it needs {MIN_HEIGHT} rows, here {height}"
    )
    least = f"{MIN_WIDTH} columns" if width < MIN_WIDTH else f"{MIN_HEIGHT} rows"
    for words in (
        f"No room for the chart: {short} ({need}). A larger window shows it.",
        f"No room for the chart ({need}).",
        f"No room for the chart: needs {least}.",
        f"Chart needs {least}.",
        "No room for the chart.",
    ):
        lines = _wrapped(words, width)
        if len(lines) <= height:
            break
    return "\n".join(lines[:height])


def _wrapped(words: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in words.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word[:width])
    return lines


@record
class Drawing:
    """A drawn chart: `lines` of exactly the given width, and where things landed in them."""

    lines: list[str]
    colours: list[list[int]]
    """Per cell: 0 for none, else the 1-based series, or `WORN`."""
    cursor: tuple[int, int] | None = None
    """First and last column of the category under the cursor, in every line of the plot."""
    cursor_label: tuple[int, int] | None = None
    """First and last column of its label, on the line under the axis."""
    plot_rows: tuple[int, int] = (0, 0)
    """First and last line of the plot area (the cursor is highlighted there)."""
    shown: int = 0
    """Categories drawn: the newest `shown` of them when not all fit."""


def render_chart(chart: ChartData, width: int, height: int, *, color: bool = False, cursor: int | None = None) -> str:
    """The chart as `height` lines of `width` columns (a caption under the plot included).

    With `color=False` the text has no escape codes at all; with it, bars are coloured by
    series and the background is left alone.
    """
    if width < MIN_WIDTH or height < MIN_HEIGHT:
        return unavailable(width, height)
    drawing = draw(chart, width, height, cursor=cursor)
    if not color:
        return "\n".join(drawing.lines)
    return "\n".join(_ansi(line, codes) for line, codes in zip(drawing.lines, drawing.colours))


def _ansi(line: str, codes: list[int]) -> str:
    out, current = [], 0
    for ch, code in zip(line, codes):
        if code != current:
            out.append(f"\x1b[{33 if code == WORN else COLOURS[(code - 1) % len(COLOURS)]}m" if code else "\x1b[39m")
            current = code
        out.append(ch)
    return "".join(out) + ("\x1b[39m" if current else "")


class _Canvas:
    """A grid of characters with a colour per cell."""

    def __init__(self, width: int, height: int) -> None:
        self.width = width
        self.chars = [[" "] * width for _ in range(height)]
        self.colours = [[0] * width for _ in range(height)]

    def put(self, row: int, col: int, text: str, colour: int = 0) -> None:
        for k, ch in enumerate(text):
            if 0 <= col + k < self.width and 0 <= row < len(self.chars):
                self.chars[row][col + k] = ch
                self.colours[row][col + k] = colour

    def get(self, row: int, col: int) -> str:
        return self.chars[row][col]

    def lines(self) -> list[str]:
        return ["".join(row) for row in self.chars]


def fit_title(title: str, width: int) -> str:
    """`title` in `width` columns: whole, else up to its colon (what follows names the series,
    which the legend names too: "Drinks per day (L), weekly mean"), else cut with `…` (a unit
    early in a title, "..., % of reference", stays). A phone's 48 columns read "... all
    beverages a"."""
    for short in (title, title.split(": ")[0]):
        if len(short) <= width:
            return short
    return title[: max(0, width - 1)] + "…"


def draw(chart: ChartData, width: int, height: int, *, cursor: int | None = None) -> Drawing:
    """Lay the chart out on a `width` x `height` grid (at least `MIN_WIDTH` x `MIN_HEIGHT`)."""
    canvas = _Canvas(width, height)
    title = fit_title(chart.title, width)
    canvas.put(0, max(0, (width - len(title)) // 2), title)
    if chart.is_empty:
        text = chart.empty_text[:width]
        canvas.put(2, max(0, (width - len(text)) // 2), text)
        return Drawing(canvas.lines(), canvas.colours)
    caption = _caption(chart, width)
    bottom = height - len(caption)
    """The first caption line; the plot, its axis and its labels are above it."""
    if bottom < (4 if chart.horizontal else 6 + bool(chart.years)):
        caption, bottom = [], height
    for k, line in enumerate(caption):
        col = 0
        for text, colour in line:
            canvas.put(bottom + k, col, text, colour)
            col += len(text)
    if chart.horizontal:
        return _horizontal(chart, canvas, bottom)
    return _vertical(chart, canvas, bottom, cursor)


Segment = tuple[str, int]
"""Caption text and its colour code (0: none; a series' 1-based number: its colour)."""


def _caption(chart: ChartData, width: int, notes: bool = True) -> list[list[Segment]]:
    """The legend and notes under the plot, as lines of segments: each series' glyph in the
    series' colour, so the legend reads as the bars do."""
    series: list[list[Segment]] = []
    if len(chart.series) > 1:
        markers = STACK_MARKERS if chart.stacked else GROUP_MARKERS
        series = [[(markers[i % len(markers)], i + 1), (f" {s.label}", 0)] for i, s in enumerate(chart.series)]
    legend = [seg for i, item in enumerate(series) for seg in ([("  ", 0)] if i else []) + item]
    if sum(len(text) for text, _ in legend) <= width:
        items: list[list[Segment]] = [legend] if legend else []
    else:  # too wide for one line (a phone): a series at a time, each glyph with its name
        items = series
    if chart.reference is not None and chart.reference_label:
        items.append([(f"{REFERENCE} {chart.reference_label}", 0)])
    if chart.limits and chart.limit_label:
        items.append([(f"{LIMIT_MARKER} {chart.limit_label}   ", 0), (WORN_MARKER, WORN), (" past it", 0)])
    if any(chart.marked) and chart.mark_label:
        items.append([(f"{SPIKE_MARKER} {chart.mark_label}", 0)])
    if notes and any(chart.notes) and chart.note_label:
        items.append([(chart.note_label, 0)])
    if not chart.horizontal and any(_zeros(chart)):
        items.append([(f"{ZERO} {chart.zero_label or 'none'}", 0)])
    if not chart.horizontal and any(chart.gaps):
        items.append([(f"{GAP} {chart.gap_label}", 0)])
    lines: list[list[Segment]] = []
    used = 0
    for item in items:  # break between items, never inside one that fits on a line
        size = sum(len(text) for text, _ in item)
        if lines and used + 3 + size <= width:
            lines[-1] += [("   ", 0), *item]
            used += 3 + size
        elif size <= width:
            lines.append(list(item))
            used = size
        else:
            lines.extend([(line, 0)] for line in textwrap.wrap("".join(t for t, _ in item), width))
            used = width
    return lines


def _zeros(chart: ChartData) -> list[bool]:
    """Categories logged (not a gap) whose total is 0."""
    return [not gap and all(not s.values[i] for s in chart.series) for i, gap in enumerate(chart.gaps)]


def nice_ticks(peak: float, rows: int, whole: bool) -> list[float]:
    """Round ticks (0, 20, 40, ...) covering `peak`, about one per two rows; whole for counts."""
    wanted = max(1, min(rows // 2, 6))
    raw = peak / wanted if peak > 0 else 1.0
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    if whole:
        step = max(1, math.ceil(step))
    count = max(1, math.ceil(peak / step - 1e-9))
    return [round(k * step, 6) for k in range(count + 1)]


def _tick_text(t: float) -> str:
    return f"{t:g}" if abs(t) < 1e6 else f"{t:.2g}"


def _vertical(chart: ChartData, canvas: _Canvas, bottom: int, cursor: int | None) -> Drawing:
    """Columns of one fixed width: bar, gap, bar, ... with the y axis on the left."""
    n = len(chart.labels)
    gaps = chart.gaps
    show_notes = any(chart.notes)
    grouped = len(chart.series) > 1 and not chart.stacked

    def total(i: int) -> float:
        values = [s.values[i] or 0.0 for s in chart.series]
        return max(values) if grouped else sum(values)

    base = bottom - 2 - bool(chart.years)  # the x axis; the plot is rows 1 .. base - 1, the labels base + 1
    peak = max([total(i) for i in range(n)] + [chart.reference or 0.0])
    usable = base - 2 if show_notes else base - 1  # a note needs the row above its bar
    ticks = nice_ticks(peak, usable, chart.whole)
    top = ticks[-1]
    axis_width = max(len(_tick_text(t)) for t in ticks)
    room = canvas.width - axis_width - 1
    need = len(chart.series) + 1 if grouped else 2  # each bar at least a column, and a gap
    slot = max(need, room // n)
    shown = min(n, room // slot)
    first = n - shown  # not all fit: the newest, scrolled back as far as the cursor
    if cursor is not None and 0 <= cursor < first:
        first = cursor
    if shown < n:
        newest = f", newest {shown} of {n}"
        title = fit_title(chart.title, canvas.width - len(newest)) + newest
        canvas.put(0, 0, title[: canvas.width].center(canvas.width))
    bar = min(slot - 1, MAX_BAR)
    left = axis_width + 1 + (room - shown * slot) // 2
    scale = usable / top if top else 0.0

    def row_of(value: float) -> int:
        return base - round(value * scale)

    tick_rows = {row_of(t): _tick_text(t) for t in ticks}
    for r in range(1, base):
        label = tick_rows.get(r, "")
        canvas.put(r, 0, label.rjust(axis_width) + ("┤" if label else "│"))
    canvas.put(base, 0, tick_rows.get(base, "").rjust(axis_width) + "└" + "─" * room)
    if chart.reference is not None:
        r = row_of(chart.reference)
        for c in range(axis_width + 1, canvas.width):
            if 1 <= r < base:
                canvas.put(r, c, REFERENCE)
    x0 = {i: left + (i - first) * slot + (slot - bar) // 2 for i in range(first, first + shown)}
    zeros = _zeros(chart)
    notes = _fitting_notes(chart.notes, slot) if show_notes else []
    placed: dict[int, list[tuple[int, int]]] = {}  # notes drawn on each row: never touching
    for i in x0:
        if gaps[i] or zeros[i]:
            canvas.put(base - 1, x0[i] + (bar - 1) // 2, GAP if gaps[i] else ZERO)
            continue
        if chart.stacked:
            _stack(canvas, chart, i, x0[i], bar, base, scale)
        elif grouped:
            _group(canvas, chart, i, x0[i], bar, base, scale)
        else:
            value = chart.series[0].values[i] or 0.0
            marked = bool(chart.marked) and chart.marked[i]
            _bar(canvas, x0[i], bar, base, value * scale, SPIKE_MARKER if marked else None, 1)
        note = notes[i] if i < len(notes) else ""
        if note:
            top_row = next((r for r in range(1, base) if canvas.get(r, x0[i]) not in (" ", REFERENCE)), base)
            row, start = max(1, top_row - 1), x0[i] + (bar - len(note)) // 2
            if all(start > b + 1 or start + len(note) < a for a, b in placed.get(row, [])):
                placed.setdefault(row, []).append((start, start + len(note) - 1))
                canvas.put(row, start, note)
    named = _x_labels(canvas, chart.labels, x0, bar, slot, base, cursor)
    if chart.years:
        _year_labels(canvas, chart.years, x0, base + 2)
    span = None
    if cursor in x0:
        span = (x0[cursor], x0[cursor] + bar - 1)
        canvas.put(base, x0[cursor] + (bar - 1) // 2, CURSOR)
    return Drawing(canvas.lines(), canvas.colours, span, cursor_label=named, plot_rows=(1, base - 1), shown=shown)


def _fitting_notes(notes: list[str], slot: int) -> list[str]:
    """The notes as they fit a column with a space to spare (`7.5`, else `8`), or none at all:
    at 26 weeks in 80 columns `7.5` and `6.5` ran together as `7.56.5`."""
    shown = [n for n in notes if n]
    if all(len(n) < slot for n in shown):
        return notes
    whole = [f"{float(n):.0f}" if n else "" for n in notes]
    return whole if all(len(n) < slot for n in whole if n) else []


def _year_labels(canvas: _Canvas, years: list[str], x0: dict[int, int], row: int) -> None:
    """Each year under the first category shown of it, where it fits: the changes of year first,
    then the year of the leftmost category if there is room before the first change."""
    shown = sorted(x0)
    changes = [i for i in shown[1:] if years[i] != years[i - 1]]
    end = -2
    for i in changes:
        start = min(x0[i], canvas.width - len(years[i]))
        if start > end + 1:
            canvas.put(row, start, years[i])
            end = start + len(years[i]) - 1
    first = shown[0]
    limit = min((x0[i] for i in changes), default=canvas.width + 1)
    if x0[first] + len(years[first]) < limit - 1:
        canvas.put(row, x0[first], years[first])


def _bar(canvas: _Canvas, x: int, bar: int, base: int, height: float, fill: str | None, colour: int) -> None:
    """One bar `height` rows tall (fractional: its top drawn in eighths, unless `fill` is given)."""
    if height <= 0:
        return
    whole, eighths = divmod(round(height * 8), 8)
    if fill is not None:  # a pattern cannot be cut into eighths: whole rows, at least one
        whole, eighths = max(1, round(height)), 0
    elif whole == 0 and eighths == 0:
        eighths = 1  # a value above zero always shows
    for k in range(whole):
        canvas.put(base - 1 - k, x, (fill or "█") * bar, colour)
    if eighths:
        canvas.put(base - 1 - whole, x, EIGHTHS[eighths] * bar, colour)


def _stack(canvas: _Canvas, chart: ChartData, i: int, x: int, bar: int, base: int, scale: float) -> None:
    """Series on top of each other in whole rows, each a different fill; each non-zero part shows."""
    level = 0.0
    drawn = 0
    for k, s in enumerate(chart.series):
        value = s.values[i] or 0.0
        if value <= 0:
            continue
        level += value * scale
        upto = max(drawn + 1, round(level))
        for r in range(drawn, upto):
            canvas.put(base - 1 - r, x, STACK_MARKERS[k % len(STACK_MARKERS)] * bar, k + 1)
        drawn = upto


def _group(canvas: _Canvas, chart: ChartData, i: int, x: int, bar: int, base: int, scale: float) -> None:
    """Series side by side within the bar's width, each its own fill."""
    count = len(chart.series)
    each = max(1, bar // count)
    for k, s in enumerate(chart.series):
        value = s.values[i]
        if value is not None:
            _bar(canvas, x + k * each, each, base, value * scale, GROUP_MARKERS[k % len(GROUP_MARKERS)], k + 1)


def _x_labels(
    canvas: _Canvas, labels: list[str], x0: dict[int, int], bar: int, slot: int, base: int, cursor: int | None
) -> tuple[int, int] | None:
    """Labels under the axis, centred on their bars and never touching: the cursor's first, then
    one every few categories counted back from the newest, so the current one is always named.
    Returns where the cursor's label went."""
    taken: list[tuple[int, int]] = []
    newest = max(x0)
    widest = max(len(labels[i]) for i in x0)
    stride = max(1, math.ceil((widest + 2) / slot))
    regular = [i for i in sorted(x0, reverse=True) if (newest - i) % stride == 0]
    for i in ([cursor] if cursor in x0 else []) + regular:
        text = labels[i][: canvas.width]
        start = max(0, min(x0[i] + (bar - len(text)) // 2, canvas.width - len(text)))
        end = start + len(text) - 1
        if all(end + 2 < a or start > b + 2 for a, b in taken):  # two spaces: labels hold one
            taken.append((start, end))
            canvas.put(base + 1, start, text)
            canvas.put(base, x0[i] + (bar - 1) // 2, "┬")
    return taken[0] if cursor in x0 and taken else None


def _horizontal(chart: ChartData, canvas: _Canvas, bottom: int) -> Drawing:
    """One row per category (a shoe): the bar, solid up to its limit and shaded past it, a `│`
    at the limit, and the figures at the end of the row. The newest categories when not all fit."""
    n = len(chart.labels)
    values = [v or 0.0 for v in chart.series[0].values]
    limits = list(chart.limits) + [None] * (n - len(chart.limits))
    unit = f" {chart.unit}" if chart.unit else ""
    figures = [f"{v:,.0f}" + (f" of {lim:,.0f}" if lim is not None else "") + unit for v, lim in zip(values, limits)]
    name_width = min(max(len(label) for label in chart.labels), 16)
    room = max(4, canvas.width - name_width - 3 - max(len(f) for f in figures))
    available = bottom - 3  # rows 1 .. bottom - 3; then the axis and its labels
    spacing = 2 if 2 * n <= available else 1
    shown = max(1, min(n, available // spacing))
    ticks = nice_ticks(max(values + [x for x in limits if x is not None] + [1.0]), room // 8, False)
    scale = room / ticks[-1]
    x = name_width + 1
    for k, i in enumerate(range(n - shown, n)):
        r = (k + 1) * spacing
        canvas.put(r, 0, chart.labels[i][:name_width].rjust(name_width) + "┤")
        length, limit = round(values[i] * scale), limits[i]
        worn_from = room if limit is None else round(limit * scale)
        canvas.put(r, x, "█" * min(length, worn_from))
        if length > worn_from:
            canvas.put(r, x + worn_from, WORN_MARKER * (length - worn_from), WORN)
        if limit is not None:
            canvas.put(r, x + min(worn_from, room - 1), LIMIT_MARKER)
        canvas.put(r, x + room + 1, figures[i])
    axis = shown * spacing + 1
    for r in range(1, axis):
        if canvas.get(r, name_width) == " ":
            canvas.put(r, name_width, "│")
    canvas.put(axis, name_width, "└" + "─" * room)
    end = -1
    for t in ticks:
        pos, text = min(round(t * scale), room - 1), _tick_text(t)
        start = max(0, min(x + pos - len(text) // 2, canvas.width - len(text)))
        if start > end + 1:
            canvas.put(axis, x + pos, "┬")
            canvas.put(axis + 1, start, text)
            end = start + len(text) - 1
    return Drawing(canvas.lines(), canvas.colours, plot_rows=(1, axis - 1), shown=shown)
