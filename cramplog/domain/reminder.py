"""Provides the evening reminder's facts: what it is, when it rings unless told, the name the
scheduler knows it by, where its units are written and the time an installed one rings at.
`cramplog remind install`, `cramplog serve install`, the app's first-run question and its
Settings screen all read them here."""

from __future__ import annotations

import os
import re
from pathlib import Path

REMINDER_AT = "21:00"
"""When the evening reminder rings unless told otherwise (local time)."""
REMINDER_UNIT = "cramplog-remind"
"""The systemd user units' name (`cramplog-remind.service` and `.timer`)."""
REMINDER_TIMER = f"{REMINDER_UNIT}.timer"
"""The unit that turns the reminder on and off (`systemctl --user enable --now ...`)."""
WHAT = "A desktop notification on days with nothing logged, from a systemd user timer (cramplog remind install)"
"""What the reminder is, as the app's first-run question and Settings say it (each adds its keys)."""


def units_folder() -> Path:
    """Where systemd reads a user's units: `$XDG_CONFIG_HOME/systemd/user` when that variable is an
    absolute path (systemd ignores a relative one, as the XDG spec says), else
    `~/.config/systemd/user`."""
    base = os.environ.get("XDG_CONFIG_HOME", "").strip()
    return Path(base if os.path.isabs(base) else os.path.expanduser("~/.config")) / "systemd" / "user"


_RINGS = re.compile(r"^OnCalendar=\*-\*-\* (\d\d:\d\d):00$", re.MULTILINE)


def installed_at(folder: Path | None = None) -> str | None:
    """The time (HH:MM) the written reminder is set for, or None when none is written (or it is
    not one `remind install` wrote): what Settings shows, rather than the default as if set."""
    try:
        text = ((folder or units_folder()) / REMINDER_TIMER).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    found = _RINGS.search(text)
    return found.group(1) if found else None


def turned_on(folder: Path | None = None) -> bool:
    """Whether the timer is enabled: `systemctl --user enable` links it into
    `timers.target.wants`, and `disable` removes the link (the files stay written)."""
    return ((folder or units_folder()) / "timers.target.wants" / REMINDER_TIMER).exists()
