"""Provides `run_tui`: what bare `cramplog` runs. Imported lazily, so only the app pays for Textual.

`route.app_args` recognises bare `cramplog` (and `--db`, `--debug`) before click is imported,
so `cli.main` opens the app without it; anything else goes through the click group, which also
ends in `run_tui`.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TYPE_CHECKING

from . import collector

if TYPE_CHECKING:
    from .context import AppContext


def run_tui(ctx: AppContext) -> None:
    """Open the Textual app on the context's journal, settings and clock.

    With `CRAMPLOG_EXIT_AFTER_PAINT=1` the app exits after its first painted dashboard (data
    loaded) and this prints `first_paint_s=<seconds>` on stdout: seconds from process start
    (or from `CRAMPLOG_START_EPOCH`, when the caller passes its own start time) to that paint,
    `cpu_s=<seconds>`, the CPU time the process had used by then, and `peak_rss_mib=`, its peak
    resident memory.
    `bench/startup` uses it.
    """
    collector.pause()  # until the app is built (`collector`)
    try:
        repo, settings, clock = ctx.repo, ctx.settings, ctx.clock
        from ..ui.loaders import prefetch_dashboard  # no Textual

        first_load = prefetch_dashboard(repo, settings, clock)  # runs while Textual is imported
        from pathlib import Path

        from ..ui.app import CramplogApp  # Textual: ~230 ms, paid only when the app opens

        db_path = Path(ctx.db_path) if isinstance(ctx.db_path, str) else ctx.db_path  # the app's files are Paths
        app = CramplogApp(repo, settings, clock, db_path=db_path, first_load=first_load)
    finally:
        collector.resume()
    painted = app.run()
    if os.environ.get("CRAMPLOG_EXIT_AFTER_PAINT") and isinstance(painted, float):
        print(
            f"first_paint_s={painted - _process_start():.4f} cpu_s={app.startup.paint_cpu or 0.0:.4f} "
            f"peak_rss_mib={_peak_rss_mib():.1f}"
        )
        sys.stdout.flush()


def _peak_rss_mib() -> float:
    """This program's peak resident memory (VmHWM), in MiB; NaN where /proc is missing.

    Not `getrusage`'s ru_maxrss: Linux carries that across exec, so a benchmark that forks
    would read its own size there, not the app's."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return float("nan")


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
