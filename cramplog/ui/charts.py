"""Provides `TrendChart`, a `Static` that draws one trends chart at whatever size it is given.

Drawing itself is `analysis.chart_render.draw` (kept free of Textual so the CLI can use it). Each
series takes a colour of its own from the theme (`series_colours`), its legend glyph too (the
fills tell them apart without colour); the period under the cursor is drawn bold in the theme's
accent colour, its label reversed.
"""

from __future__ import annotations

from rich.text import Text
from textual.color import Color
from textual.theme import Theme
from textual.widgets import Static

from ..analysis.chart_render import MIN_HEIGHT, MIN_WIDTH, WORN, Drawing, draw, unavailable
from ..analysis.trends import ChartData


def series_colours(theme: Theme, count: int) -> list[str]:
    """`count` colours of the theme, each different from the others (the six cramp contexts:
    stretching and night were both blue): its named colours first, then lighter shades of them."""
    named = [theme.primary, theme.success, theme.accent, theme.secondary, theme.warning, theme.error, theme.foreground]
    distinct: list[str] = []
    for colour in [c for c in named if c] + [
        Color.parse(c).lighten(0.25).hex for c in named if c and not c.startswith("ansi")
    ]:
        if colour.lower() not in {c.lower() for c in distinct}:
            distinct.append(colour)
    return [distinct[k % len(distinct)] for k in range(count)]


class TrendChart(Static):
    """One chart, re-drawn from `content_size` whenever the widget is resized or given new data."""

    DEFAULT_CSS = """
    TrendChart { width: 1fr; height: 1fr; }
    """
    """`height: 1fr` is required: a Static is `height: auto`, so an empty one never gets a size."""

    def __init__(self, chart: ChartData | None = None, **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        self.chart = chart
        self.cursor: int | None = None
        self.text = ""
        """The last text drawn (tests read it)."""

    def set_chart(self, chart: ChartData, cursor: int | None = None) -> None:
        self.chart, self.cursor = chart, cursor
        self.redraw()

    def set_cursor(self, cursor: int | None) -> None:
        if cursor != self.cursor:
            self.cursor = cursor
            self.redraw()

    def on_resize(self) -> None:
        self.redraw()

    def redraw(self) -> None:
        width, height = self.content_size
        if self.chart is None:
            self.text = "loading…"
            self.update(self.text)
            return
        if width < MIN_WIDTH or height < MIN_HEIGHT:
            self.text = unavailable(width, height)
            self.update(Text(self.text, no_wrap=True, overflow="crop"))
            return
        drawing = draw(self.chart, width, height, cursor=self.cursor)
        self.text = "\n".join(drawing.lines)
        self.update(self._styled(drawing, width))

    def _styled(self, drawing: Drawing, width: int) -> Text:
        theme = self.app.current_theme
        palette = series_colours(theme, len(self.chart.series) if self.chart else 1)
        text = Text(self.text, no_wrap=True, overflow="crop")
        for row, codes in enumerate(drawing.colours):
            start, col = row * (width + 1), 0
            while col < len(codes):
                code, end = codes[col], col
                while end < len(codes) and codes[end] == code:
                    end += 1
                if code:
                    colour = theme.warning if code == WORN else palette[(code - 1) % len(palette)]
                    text.stylize(colour or "", start + col, start + end)
                col = end
        if drawing.cursor is not None:
            accent = theme.accent or "magenta"
            first, last = drawing.plot_rows
            for row in range(first, last + 2):  # the plot and the axis
                start = row * (width + 1)
                text.stylize(f"bold {accent}", start + drawing.cursor[0], start + drawing.cursor[1] + 1)
        if drawing.cursor_label is not None:
            labels = (drawing.plot_rows[1] + 2) * (width + 1)
            text.stylize("reverse", labels + drawing.cursor_label[0], labels + drawing.cursor_label[1] + 1)
        return text
