"""Provides the evening reminder's two facts: when it rings unless told, and the name the
scheduler knows it by. `cramplog remind install`, the app's first-run question and its
Settings screen all read them here."""

from __future__ import annotations

REMINDER_AT = "21:00"
"""When the evening reminder rings unless told otherwise (local time)."""
REMINDER_UNIT = "cramplog-remind"
"""The systemd user units' name (`cramplog-remind.service` and `.timer`)."""
REMINDER_TIMER = f"{REMINDER_UNIT}.timer"
"""The unit that turns the reminder on and off (`systemctl --user enable --now ...`)."""
