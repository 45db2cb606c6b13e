"""Provides the pause of Python's cyclic garbage collector while a command starts.

Starting makes a few hundred thousand objects (modules, classes, click's options, the app's
styles) that all live on, so the collector's passes over them while they are made find
nothing: about 3 ms of a 50 ms quick log (`bench/quicklog`), ~5% of the app's start. The
command line's entry point pauses it (`cli.console`); each route resumes it once its modules
are in (a subcommand's once `LazyGroup` has loaded it, the app's once it is built), freezing
what exists by then out of later passes, so a long run (the app, `serve`, an import) collects
as usual. Tests call `cli.main()`, which never pauses it.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """Collect as usual again, with everything made so far left out of the collector's passes."""
    global _paused
    if _paused:
        gc.freeze()
        gc.enable()
        _paused = False
