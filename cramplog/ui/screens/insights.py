"""Provides `InsightsScreen`: red flags first, then a card per factor, and "how this is calculated".

The analysis runs in a thread worker (pandas is imported there, not at startup) and comes back
as an `InsightsScreen.Loaded` message; the text comes from `analysis.present`, laid out here.
An unchanged journal is answered from the analysis cache, so reopening the screen is quick.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.markup import escape
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Markdown, Static
from textual.worker import get_current_worker

STATUS_CLASSES = {"consistent_pattern": "pattern", "early_hint": "hint", "no_clear_link": "null",
                  "not_analysed": "empty", "not_enough_data": "empty"}


class InsightsScreen(Screen[None]):
    """What goes with your cramps. `m` shows how this is calculated; `escape` goes back."""

    DEFAULT_CSS = """
    InsightsScreen #insights-flags { height: auto; padding: 0 1; color: $error; }
    InsightsScreen #insights-summary { height: auto; padding: 0 1; color: $text-muted; }
    InsightsScreen .card { height: auto; border: round $panel-lighten-2; padding: 0 1; margin: 0 1; }
    InsightsScreen .card.pattern { border: round $warning; }
    InsightsScreen .card.hint { border: round $accent; }
    InsightsScreen .overlap { height: auto; border: round $warning; padding: 0 1; margin: 0 1; }
    InsightsScreen #insights-disclaimer { height: auto; padding: 0 1; color: $text-muted; }
    InsightsScreen #insights-how { display: none; height: auto; padding: 0 1; }
    InsightsScreen.show-how #insights-how { display: block; }
    InsightsScreen.show-how #insights-cards { display: none; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="insights-back"),
        Binding("m", "toggle_how", "Method", id="insights-how"),
    ]

    class Loaded(Message):
        """The analysis finished (`insights`) or failed (`error`)."""

        def __init__(self, insights: Any = None, error: str | None = None) -> None:
            super().__init__()
            self.insights = insights
            self.error = error

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.insights: Any = None

    def compose(self) -> ComposeResult:
        yield Static("", id="insights-flags")
        yield Static("Analysing your diary…", id="insights-summary")
        yield VerticalScroll(id="insights-cards")
        yield Markdown("", id="insights-how")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.analyse()

    def action_reload(self) -> None:
        self.analyse()

    def action_toggle_how(self) -> None:
        self.toggle_class("show-how")

    @work(thread=True, exclusive=True, exit_on_error=False, group="insights", description="Analysing")
    def analyse(self) -> None:
        app = self.app
        try:
            from ...analysis.insights import insights_for_repository  # pandas: ~0.4 s, so here

            clock = app.clock  # type: ignore[attr-defined]
            result = insights_for_repository(app.repo, app.settings, clock.today(), clock.now())  # type: ignore[attr-defined]
        except Exception as exc:  # noqa: BLE001 - shown on the screen, never crashes the app
            if not get_current_worker().is_cancelled:
                self.post_message(self.Loaded(error=f"Could not analyse the journal: {exc}"))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(result))

    async def on_insights_screen_loaded(self, message: Loaded) -> None:
        if message.error is not None:
            self.query_one("#insights-summary", Static).update(escape(message.error))
            return
        from ...analysis.present import present

        result = self.insights = message.insights
        view = present(result)
        flags = "\n\n".join(f"[b]{escape(f.line)}[/b]\n{escape(f.text)}" for f in view.flags)
        self.query_one("#insights-flags", Static).update(flags)
        self.query_one("#insights-summary", Static).update(
            escape(view.summary) + " · m method · esc back")
        cards = self.query_one("#insights-cards", VerticalScroll)
        await cards.remove_children()
        widgets: list[Static] = [Static(escape(o), classes="overlap", id=f"overlap-{i}")
                                 for i, o in enumerate(view.overlaps)]
        for card in view.cards:
            body = escape(card.sentence) + "".join(f"\n[dim]· {escape(c)}[/dim]" for c in card.caveats)
            widget = Static(body, classes=f"card {STATUS_CLASSES[card.status]}", id=f"card-{len(widgets)}")
            widget.border_title = escape(f"{card.heading} — {card.status_label}")
            widget.border_subtitle = escape(card.section)
            widgets.append(widget)
        widgets.append(Static(escape(view.disclaimer), id="insights-disclaimer"))
        await cards.mount_all(widgets)
        self.query_one("#insights-how", Markdown).update(how_markdown(view))


def how_markdown(view: Any) -> str:
    """The "how this is calculated" panel: this journal's method note and each definition."""
    lines = ["# How this is calculated", "", view.method_note, "", "## Definitions", ""]
    lines += [f"- {d}" for d in view.definitions]
    lines += ["", "Red flags are separate safety rules: they are checked on every entry and never "
              "depend on these statistics."]
    return "\n".join(lines)
