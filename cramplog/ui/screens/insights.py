"""Provides `InsightsScreen`: red flags first, then a card per factor, and "how this is calculated".

The analysis runs in a thread worker (pandas, scipy and statsmodels are imported there, not at
startup) and comes back as an `InsightsScreen.Loaded` message.
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
                  "not_enough_data": "empty"}


class InsightsScreen(Screen[None]):
    """What goes with your cramps. `h` shows how this is calculated; `escape` goes back."""

    DEFAULT_CSS = """
    InsightsScreen #insights-flags { height: auto; padding: 0 1; color: $error; }
    InsightsScreen #insights-summary { height: auto; padding: 0 1; color: $text-muted; }
    InsightsScreen .card { height: auto; border: round $panel-lighten-2; padding: 0 1; margin: 0 1; }
    InsightsScreen .card.pattern { border: round $warning; }
    InsightsScreen .card.hint { border: round $accent; }
    InsightsScreen #insights-how { display: none; height: auto; padding: 0 1; }
    InsightsScreen.show-how #insights-how { display: block; }
    InsightsScreen.show-how #insights-cards { display: none; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="insights-back"),
        Binding("h", "toggle_how", "How this is calculated", id="insights-how"),
        Binding("r", "reload", "Reload", id="insights-reload"),
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
        yield Footer()

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
            from ...analysis.insights import analyse_repository  # pandas/scipy: ~1 s, so here

            clock = app.clock  # type: ignore[attr-defined]
            result = analyse_repository(app.repo, app.settings, clock.today(), clock.now())  # type: ignore[attr-defined]
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
        from ...analysis.wording import STATUS_LABELS
        from ...domain.redflags import TIER_LABELS

        result = self.insights = message.insights
        flags = "\n\n".join(f"[b]{TIER_LABELS[f.tier]}: {escape(f.title)}[/b]\n{escape(f.text)}"
                            for f in result.red_flags)
        self.query_one("#insights-flags", Static).update(flags)
        self.query_one("#insights-summary", Static).update(
            f"{result.logged_days} logged days ({result.completeness:.0%} complete), {result.cramp_days} with "
            f"cramps, {result.first_day} to {result.last_day} · h how this is calculated · esc back")
        cards = self.query_one("#insights-cards", VerticalScroll)
        await cards.remove_children()
        widgets = []
        for finding in result.findings:
            subject = f" ({finding.subject})" if finding.subject else ""
            body = escape(finding.sentence) + "\n" + "\n".join(f"[dim]· {escape(c)}[/dim]" for c in finding.caveats)
            card = Static(body, classes=f"card {STATUS_CLASSES[finding.status]}", id=f"card-{len(widgets)}")
            card.border_title = escape(f"{finding.title}{subject} — {STATUS_LABELS[finding.status]}")
            card.border_subtitle = escape(finding.article_section)
            widgets.append(card)
        await cards.mount_all(widgets)
        self.query_one("#insights-how", Markdown).update(how_markdown(result))


def how_markdown(result: Any) -> str:
    """The "how this is calculated" panel: this journal's method note and each definition."""
    lines = ["# How this is calculated", "", result.method_note, "", "## Definitions", ""]
    for f in result.findings:
        if f.kind == "case_crossover":
            lines.append(f"- **{f.title}** ({f.article_section}): {f.definition}; lag: {f.lag}; "
                         f"default: {f.default}; published evidence: {f.evidence}.")
    lines += ["", "Red flags are separate safety rules: they are checked on every entry and never "
              "depend on these statistics."]
    return "\n".join(lines)
