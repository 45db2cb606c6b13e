"""Provides `TrendChart`, a `Static` that draws one trends chart at whatever size it is given.

Drawing itself is `analysis.chart_render.draw` (kept free of Textual so the CLI can use it). The
text takes the widget's CSS colour under every theme; the period under the cursor is drawn in
the theme's accent colour.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ..analysis.chart_render import MIN_HEIGHT, MIN_WIDTH, draw, unavailable
from ..analysis.trends import ChartData


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
        text = Text(self.text, no_wrap=True, overflow="crop")
        if drawing.cursor is not None:
            accent = self.app.current_theme.accent or "magenta"
            first, last = drawing.plot_rows
            for row in range(first, last + 3):  # the plot, the axis and the labels
                start = row * (width + 1)
                text.stylize(f"bold {accent}", start + drawing.cursor[0], start + drawing.cursor[1] + 1)
        self.update(text)
