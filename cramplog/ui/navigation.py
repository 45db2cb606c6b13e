"""Provides `Navigation`: which screen each key and palette entry opens, and telling the open
screens that the journal changed.

Full screens open on top of the dashboard, one at a time (a second replaces the first); Help
opens over whatever is showing, and closes again on `?`. History, settings, help, trends,
insights and the experiment are imported when first opened, so that none of them costs the
dashboard's first frame (trends and insights would bring pandas with them).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual.app import App
from textual.screen import Screen

from ..domain.redflags import RedFlag
from .base import CramplogScreen
from .loaders import DashboardData
from .screens.dashboard import DashboardScreen


class Navigation:
    """Opens the app's screens, and passes new journal data to the ones open."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app

    def show(self, screen_cls: type[Screen[Any]]) -> None:
        """Open a full screen on top of the dashboard (replacing another full screen)."""
        if isinstance(self.app.screen, screen_cls):
            return
        self.dashboard()
        self.app.push_screen(screen_cls())

    def dashboard(self) -> None:
        """Back to the dashboard, closing every screen above it."""
        while len(self.app.screen_stack) > 1 and not isinstance(self.app.screen, DashboardScreen):
            self.app.pop_screen()

    def history(self) -> None:
        from .screens.history import HistoryScreen

        self.show(HistoryScreen)

    def settings(self) -> None:
        from .screens.settings import SettingsScreen

        self.show(SettingsScreen)

    def trends(self) -> None:
        from .screens.trends import TrendsScreen  # pandas waits for its worker

        self.show(TrendsScreen)

    def insights(self) -> None:
        from .screens.insights import InsightsScreen  # pandas waits for its worker

        self.show(InsightsScreen)

    def experiment(self) -> None:
        from .screens.experiment import ExperimentScreen

        self.show(ExperimentScreen)

    def help(self) -> None:
        """Help over the screen showing (its keys come first there); `?` on Help closes it."""
        from .screens.help import HelpScreen

        if isinstance(self.app.screen, HelpScreen):
            self.app.pop_screen()
        else:
            self.app.push_screen(HelpScreen(self.app.screen))

    def quick_cramp(self) -> None:
        """The thumb-sized cramp screen (the phone's quick bar)."""
        from .screens.quick_log import QuickCrampScreen

        self.app.push_screen(QuickCrampScreen())

    def open_history(self, until: dt.date, *, back_to_caller: bool) -> None:
        """History up to `until`; Escape there returns to the screen that opened it when asked."""
        from .screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen.up_to(until, back_to_caller=back_to_caller))

    def show_cramp(self, cramp_id: int) -> None:
        """Open one cramp's context: the 48 hours before it and the analysis' day."""
        from .screens.cramp_context import CrampContextScreen

        self.app.push_screen(CrampContextScreen(cramp_id))

    def quit_hint(self) -> None:
        """Ctrl+C: say how this app quits (Textual's own message named its ctrl+q)."""
        self.app.notify("Press q to quit.", title="Do you want to quit?", markup=False)

    # -- the open screens, told what changed (`dashboard_feed.Shown`) ------------------------------

    def _dashboards(self) -> list[DashboardScreen]:
        return [screen for screen in self.app.screen_stack if isinstance(screen, DashboardScreen)]

    def show_data(self, data: DashboardData) -> None:
        """A new dashboard load: the dashboard shows it."""
        for screen in self._dashboards():
            screen.show(data)

    def show_flags(self, flags: list[RedFlag]) -> None:
        """The red flags active now: the dashboard's banner shows them."""
        for screen in self._dashboards():
            screen.show_flags(flags)

    def reload(self) -> None:
        """The journal changed: every open screen that shows it reads it again (the dashboard is
        given its new load instead)."""
        for screen in self.app.screen_stack:
            if isinstance(screen, CramplogScreen):
                screen.reload()
