"""Provides `run_tui`: what bare `cramplog` runs. Imported lazily, so only the app pays for Textual."""

from __future__ import annotations

import os
import sys
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .context import AppContext


def run_tui(ctx: AppContext) -> None:
    """Open the Textual app on the context's journal, settings and clock.

    With `CRAMPLOG_EXIT_AFTER_PAINT=1` the app exits after its first painted dashboard (data
    loaded) and this prints `first_paint_s=<seconds>` on stdout: seconds from process start
    (or from `CRAMPLOG_START_EPOCH`, when the caller passes its own start time) to that paint.
    `bench/startup` uses it.
    """
    from ..ui.app import CramplogApp  # Textual: ~150 ms, paid only when the app opens

    app = CramplogApp(ctx.repo, ctx.settings, ctx.clock, db_path=ctx.db_path)
    painted = app.run()
    if os.environ.get("CRAMPLOG_EXIT_AFTER_PAINT") and isinstance(painted, float):
        print(f"first_paint_s={painted - _process_start():.4f}")
        sys.stdout.flush()


def _process_start() -> float:
    """Epoch seconds when this process started: `CRAMPLOG_START_EPOCH`, else from /proc."""
    given = os.environ.get("CRAMPLOG_START_EPOCH")
    if given:
        return float(given)
    try:
        with open("/proc/self/stat", encoding="ascii") as f:
            start_ticks = int(f.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime", encoding="ascii") as f:
            uptime = float(f.read().split()[0])
        return time.time() - (uptime - start_ticks / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError):
        return time.time()
