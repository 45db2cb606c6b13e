"""Provides `cramplog today --prompt`: one short line for a shell prompt, on the standard library.

`cli.main()` sends `cramplog [--db PATH] today --prompt` here before click or anything else is
imported, so a prompt pays about what opening the journal with sqlite3 costs (`bench/prompt`).
It never creates, migrates or writes a journal, and prints nothing when there is none yet,
when it is not a current journal, or when the config can't be read: a prompt must never fail.

The diary-day rule, the beverage target by sex, the journal's and the config's files and the
machine's zone come from `domain/days.py`, `domain/references.py`, `paths.py` and
`domain/zones.py`, written on the standard library for this. What it reads of the config
(target, boundary, zone) is held equal to `domain/settings.py`'s reading by a test.
"""

from __future__ import annotations

import datetime as dt
import os
import sys

from ..domain.days import DEFAULT_BOUNDARY, day_window, diary_day, read_boundary
from ..domain.references import DEFAULT_SEX, REFERENCE_BY_SEX
from ..domain.zones import local_zone_name, zone
from ..errors import CramplogError
from ..paths import config_file, db_path

TYPE_CHECKING = False  # `typing` would cost the prompt ~8 ms to import
if TYPE_CHECKING:
    from typing import Any

NOTHING_YET = "✎"
"""Shown when today (the diary day) has no entry and no check-in yet: a nudge, one glyph."""

MAX_WIDTH = 60


def prompt_settings() -> tuple[int, dt.time, str] | None:
    """(beverage target ml, day boundary, zone name) from the config; None when unreadable."""
    try:
        with open(config_file(), encoding="utf-8") as handle:
            text = handle.read()
    except FileNotFoundError:
        text = ""
    except (OSError, ValueError, CramplogError):
        return None
    data: dict[str, Any] = {}
    if text.strip():
        import tomllib

        try:
            data = tomllib.loads(text)
        except ValueError:
            return None
    try:
        targets, journal = data.get("targets", {}), data.get("journal", {})
        target = int(targets.get("beverage_ml", REFERENCE_BY_SEX[targets.get("sex", DEFAULT_SEX)]["beverage_ml"]))
        boundary = read_boundary(journal.get("day_boundary", DEFAULT_BOUNDARY))
        zone_name = str(journal.get("timezone", "")).strip() or local_zone_name()
    except (AttributeError, KeyError, TypeError, ValueError):
        return None
    return target, boundary, zone_name


def prompt_line(db: str | None, now: dt.datetime | None = None) -> str:
    """The prompt line for the journal `db` at `now` (default: the current instant)."""
    from ..storage.glance import glance
    from ..storage.instants import instant

    journal = db_path(db)
    if isinstance(journal, str) and not os.path.isfile(journal):
        return ""
    settings = prompt_settings()
    if settings is None:
        return ""
    target, boundary, zone_name = settings
    tz = zone(zone_name)
    day = diary_day(now or dt.datetime.now(tz), tz, boundary)
    start, end = day_window(day, tz, boundary)
    seen = glance(journal, instant(start), instant(end), day.isoformat())
    if seen is None:
        return ""
    tonight = f"tonight: {seen.tonight}" if seen.tonight else ""
    if not seen.logged:
        return " · ".join(p for p in (NOTHING_YET, tonight) if p)
    fraction = min(seen.beverages_ml / target if target else 0.0, 9.99)
    parts = [f"fluid {fraction:.0%}"]
    if seen.stretch_min:
        parts.append(f"stretch {min(seen.stretch_min, 999)}m")
    parts.append(f"{seen.cramps} cramp" + ("" if seen.cramps == 1 else "s"))
    if tonight:  # an experiment's arm matters more than the width: it goes first
        parts.insert(0, tonight)
    return " · ".join(parts)[:MAX_WIDTH]


def run(db: str | None) -> int:
    """Print the prompt line (or nothing); always exit 0: a prompt must never fail."""
    try:
        line = prompt_line(db)
    except Exception:
        line = ""
    if line:
        sys.stdout.write(line + "\n")
    return 0
