"""Provides `RedFlagBanner`: the strip above the dashboard when a red-flag rule fires."""

from __future__ import annotations

import datetime as dt
import textwrap
from typing import Any

from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text
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
        self.text = ""
        """What the banner says, unwrapped (tests and screen readers)."""

    def show_flags(
        self, flags: list[RedFlag], dates: dict[str, Any] | None = None, read: set[str] | None = None
    ) -> None:
        """Display `flags` (most serious first), dated, or hide the banner when empty.

        Once every flag shown has been read (`!`, then closing the notice), a routine (GP) banner
        shrinks to one line (`ReadLine`); emergency and urgent flags always keep the full banner.
        """
        from ..loaders import flag_key

        self.flags = list(flags)
        dates, read = dates or {}, read or set()
        for tier in (*TIERS, "seen"):
            self.remove_class(f"-{tier}")
        self.display = bool(flags)
        if not flags:
            self.text = ""
            self.update("")
            return
        worst = flags[0]
        self.add_class(f"-{worst.tier}")

        def since(flag: RedFlag) -> str:
            day = dates.get(flag.rule)
            entries = ", ".join(f"#{i}" for i in flag.entry_ids[-3:])
            when = f" · since {day:%a %d %b}" if day else ""
            return (f"{when} · entries {entries}" if entries else when).replace(" ", KEEP).replace(f"{KEEP}·", " ·")

        if worst.tier == "gp" and all(flag_key(f) in read for f in flags):
            self.add_class("-seen")
            days = [day for f in flags if (day := dates.get(f.rule))]
            line = ReadLine(worst.title, len(flags) - 1, min(days) if days else None)
            self.text = read_line(line.title, line.others, line.since, 10_000)
            self.update(line)
            return
        serious = [f for f in flags if f.tier == worst.tier]
        lines = [f"⚠ {TIER_HEADINGS[worst.tier]}"]
        lines += [f"  {flag.title}{since(flag)}" for flag in serious[:2]]
        others = len(flags) - min(len(serious), 2)
        tail = f" ({others} more)" if others > 0 else ""
        lines.append(f"  Press ! to read what to do{tail}; h History shows the entries.")
        self.text = "\n".join(lines).replace(KEEP, " ")
        self.update(Wrapped(lines))


KEEP = "\u00a0"
"""Joins words a line must not be broken between ("since Wed 04 Mar", "entries #3, #4")."""


class Wrapped:
    """Lines wrapped at the banner's width, a continuation indented under its line's text, and
    never broken inside a date or a list of entries."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in self.lines:
            indent = " " * (len(line) - len(line.lstrip(" ")) + 2)
            for part in textwrap.wrap(
                line, max(options.max_width, 20), subsequent_indent=indent, break_on_hyphens=False
            ) or [""]:
                yield Text(part.replace(KEEP, " "), no_wrap=True, overflow="ellipsis")


def read_line(title: str, others: int, since: dt.date | None, width: int) -> str:
    """A read routine flag in one line of `width`: the title gives way (ending in "…"), never the
    date, the other flags or how to open them.

    `Read: Cramps with numbness or swelling and 1 more · since 05 Mar · ! opens` (at 80 columns
    the longest routine title with "and 2 more" keeps 35 characters).
    """
    head = "Read: "
    tail = _tail(others, since)
    room = width - len(head) - len(tail)
    if len(title) > room:
        title = title[: max(room - 1, 1)] + "…"
    return f"{head}{title}{tail}"


def _tail(others: int, since: dt.date | None) -> str:
    more = f" and {others} more" if others else ""
    when = f" · since {since:%d %b}" if since else ""
    return f"{more}{when} · ! opens"


TITLE_AT_LEAST = 24
"""Cells a read flag's title keeps on its one line; with less (a phone's 48 columns), the
title gets a line of its own and the rest goes under it ("Read: Fr… and 1 more" named nothing)."""


def read_lines(title: str, others: int, since: dt.date | None, width: int) -> list[str]:
    """`read_line` where it leaves the title room; else the title, then the rest, on two lines."""
    tail = _tail(others, since)
    room = width - len("Read: ") - len(tail)
    if len(title) <= room or room >= TITLE_AT_LEAST:
        return [read_line(title, others, since, width)]
    head = f"Read: {title}"
    return [head if len(head) <= width else head[: max(width - 1, 1)] + "…", "  " + tail.lstrip(" ·")]


class ReadLine:
    """`read_lines` laid out at whatever width the banner has (cut at the end if even the date
    and the key do not fit)."""

    def __init__(self, title: str, others: int, since: dt.date | None) -> None:
        self.title, self.others, self.since = title, others, since

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in read_lines(self.title, self.others, self.since, options.max_width):
            yield Text(line, no_wrap=True, overflow="ellipsis")
