"""Provides `TrendChart`, a `Static` that draws one trends chart at whatever size it is given.

Drawing itself is `analysis.chart_render.render_chart` (plotext, kept free of Textual so the CLI
can use it). The text is colourless, so it takes the widget's CSS colour under every theme.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ..analysis.chart_render import render_chart, unavailable
from ..analysis.trends import ChartData


class TrendChart(Static):
    """One chart, re-drawn from `content_size` whenever the widget is resized or given new data.

    Build it on the main thread only: plotext's figure is a process-wide singleton.
    """

    DEFAULT_CSS = """
    TrendChart { width: 1fr; height: 1fr; }
    """
    """`height: 1fr` is required: a Static is `height: auto`, so an empty one never gets a size."""

    def __init__(self, chart: ChartData | None = None, **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        self.chart = chart
        self.text = ""
        """The last text drawn (tests read it)."""

    def set_chart(self, chart: ChartData) -> None:
        self.chart = chart
        self.redraw()

    def on_resize(self) -> None:
        self.redraw()

    def redraw(self) -> None:
        width, height = self.content_size
        if self.chart is None:
            self.text = "loading…"
        else:
            try:
                self.text = render_chart(self.chart, width, height, color=False)
            except Exception:
                self.text = unavailable(width, height)
        self.update(Text(self.text, no_wrap=True, overflow="crop"))
