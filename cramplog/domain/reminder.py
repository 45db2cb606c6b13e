"""Provides the evening reminder's facts: what it is, when it rings unless told, and the name the
scheduler knows it by. `cramplog remind install`, the app's first-run question and its
Settings screen all read them here."""

from __future__ import annotations

REMINDER_AT = "21:00"
"""When the evening reminder rings unless told otherwise (local time)."""
REMINDER_UNIT = "cramplog-remind"
"""The systemd user units' name (`cramplog-remind.service` and `.timer`)."""
REMINDER_TIMER = f"{REMINDER_UNIT}.timer"
"""The unit that turns the reminder on and off (`systemctl --user enable --now ...`)."""
WHAT = "a desktop notification on days with nothing logged, from a systemd user timer (cramplog remind install)"
"""What the reminder is, as the app's first-run question and Settings say it (each adds its keys)."""
