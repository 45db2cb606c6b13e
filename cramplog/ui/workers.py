"""Provides `in_thread` and `post_from_thread`: how the app's concerns run journal and file work
in thread workers of the app.

The concerns are plain objects, not Textual nodes, so Textual's `@work` (which needs one) is
not theirs to use: these start the same workers on the app. A job never raises into Textual (a
worker's exception would end the app); `post_from_thread` posts the message the job returns, the
way every write and file reports how it went (`messages.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual.app import App
from textual.message import Message


def in_thread(
    app: App[Any], group: str, description: str, job: Callable[..., object], *args: Any, exclusive: bool = False
) -> None:
    """Run `job(*args)` in a thread worker of `group` (`exclusive`: cancelling the group's others)."""
    app.run_worker(
        partial(job, *args),
        thread=True,
        group=group,
        exclusive=exclusive,
        exit_on_error=False,
        description=description,
    )


def post_from_thread(app: App[Any], group: str, description: str, job: Callable[..., Message], *args: Any) -> None:
    """Run `job(*args)` in a thread worker of `group` and post the message it returns to the app."""
    in_thread(app, group, description, lambda: app.post_message(job(*args)))
