"""Provides `RedFlagBanner`: the strip above the dashboard when a red-flag rule fires."""

from __future__ import annotations

from typing import Any

from textual.widgets import Static

from ...domain.redflags import TIER_HEADINGS, TIERS, RedFlag


class RedFlagBanner(Static):
    """Shows the most serious active red flag(s); hidden when there are none.

    Colours follow the tier through the classes `-emergency`, `-urgent` and `-gp`, styled in
    app.tcss with theme variables ($error, $warning).
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__("", markup=False, **kwargs)
        self.flags: list[RedFlag] = []

    def show_flags(self, flags: list[RedFlag]) -> None:
        """Display `flags` (most serious first), or hide the banner when empty."""
        self.flags = list(flags)
        for tier in TIERS:
            self.remove_class(f"-{tier}")
        self.display = bool(flags)
        if not flags:
            self.update("")
            return
        worst = flags[0]
        self.add_class(f"-{worst.tier}")
        serious = [f for f in flags if f.tier == worst.tier]
        lines = [f"⚠ {TIER_HEADINGS[worst.tier]}"]
        lines += [f"  {flag.title}" for flag in serious[:2]]
        more = len(flags) - min(len(serious), 2)
        tail = f" ({more} more)" if more > 0 else ""
        lines.append(f"  Press ! to read what to do{tail}.")
        self.update("\n".join(lines))
