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

    def show_flags(self, flags: list[RedFlag], dates: dict[str, Any] | None = None,
                   read: set[str] | None = None) -> None:
        """Display `flags` (most serious first), dated, or hide the banner when empty.

        Once every flag shown has been read (`!`), a routine (GP) banner shrinks to one line;
        emergency and urgent flags always keep the full banner.
        """
        from ..loaders import flag_key

        self.flags = list(flags)
        dates, read = dates or {}, read or set()
        for tier in (*TIERS, "seen"):
            self.remove_class(f"-{tier}")
        self.display = bool(flags)
        if not flags:
            self.update("")
            return
        worst = flags[0]
        self.add_class(f"-{worst.tier}")

        def since(flag: RedFlag) -> str:
            day = dates.get(flag.rule)
            entries = ", ".join(f"#{i}" for i in flag.entry_ids[-3:])
            when = f" · since {day:%a %d %b}" if day else ""
            return f"{when} · entries {entries}" if entries else when

        if worst.tier == "gp" and all(flag_key(f) in read for f in flags):
            self.add_class("-seen")
            more = f" (+{len(flags) - 1})" if len(flags) > 1 else ""
            self.update(f"Read: {worst.title}{since(worst)}{more} · ! again")
            return
        serious = [f for f in flags if f.tier == worst.tier]
        lines = [f"⚠ {TIER_HEADINGS[worst.tier]}"]
        lines += [f"  {flag.title}{since(flag)}" for flag in serious[:2]]
        others = len(flags) - min(len(serious), 2)
        tail = f" ({others} more)" if others > 0 else ""
        lines.append(f"  Press ! to read what to do{tail}; h History shows the entries.")
        self.update("\n".join(lines))
