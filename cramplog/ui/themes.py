"""Provides cramplog's own themes, registered beside Textual's: `cramplog-night`.

`cramplog-night` is for logging in the dark (a phone by the bed at 3 a.m.): a black ground and
dim, warm text, so the screen lights the room as little as it can and no bright blue or white
dazzles. Errors and red flags stay the clearest colour on it.
"""

from __future__ import annotations

from textual.theme import Theme

NIGHT = Theme(
    name="cramplog-night",
    primary="#7a3b2e",
    secondary="#6b4a3a",
    accent="#8f5a3c",
    warning="#9c7434",
    error="#c0503c",
    success="#5f7a45",
    foreground="#a08676",
    background="#000000",
    surface="#0b0908",
    panel="#140f0d",
    dark=True,
    luminosity_spread=0.08,
    text_alpha=0.9,
    variables={
        "footer-key-foreground": "#b07a52",
        "block-cursor-background": "#5a2c22",
        "block-cursor-foreground": "#d0b0a0",
        "input-selection-background": "#5a2c22 60%",
    },
)

THEMES = (NIGHT,)
"""Registered on the app as it is built (`LiveSettings`)."""
