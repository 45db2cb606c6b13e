"""Provides `KeysInOrder`: the app's one rule for keys, whatever screen, modal, palette or prompt
is showing: every key is applied in the order typed, once the key before it has done all it does.

Textual reads a key and hands it to the focused widget's queue, then reads the next one at once.
A key's effect comes later and elsewhere: a binding runs when the key has bubbled back up to the
app, a screen opens or closes in other tasks, a focus change goes through the app's queue. So a
fast typist's keys overtook each other: a Space ticked the box the Tab after it had moved to,
the second Enter of a double Enter reached the command palette as it closed (and crashed the
app), the digits after `j` went to the table instead of the date prompt.

Here the app takes each key off the terminal's stream and delivers it only when

- the key before it has settled: the app and every widget of its screens is idle, nothing
  queued and nothing being handled (what that key set off, and what that set off, is done); and
- no screen is opening: from `push_screen` until the new screen is mounted and focused. (A
  screen that builds its fields a frame later, as Settings does, is still working on them when
  the key that opened it settles, so the keys after wait for those fields too.)

Either wait ends after `SETTLE_LIMIT` or `HOLD_LIMIT` seconds whatever happens, so a screen that
never goes quiet (an animation) costs a pause, never the keys.
Content that comes from a worker (History's page, Insights' analysis) is not awaited here: those
screens queue their own keys in an `InTurn` until it lands.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from functools import partial
from typing import Any

from textual import events, on
from textual.app import App
from textual.message import Message
from textual.message_pump import MessagePump
from textual.screen import Screen

HOLD_LIMIT = 1.0
"""Seconds after which keys held for an opening screen are delivered anyway."""
SETTLE_LIMIT = 1.0
"""Seconds after which the next key is delivered even if the app has not gone quiet."""
QUIET_CHECKS = 2
"""Looks in a row that find everything idle: a handler's last message may start another."""
FAST_LOOKS = 20
"""Looks taken as soon as the event loop comes round; after them, one every POLL seconds."""
POLL = 0.002


class KeySettled(Message):
    """Key number `turn` has done all it does: the next one may go."""

    def __init__(self, turn: int) -> None:
        super().__init__()
        self.turn = turn


class KeysReleased(Message):
    """The screen that keys were held for (`token`) is ready."""

    def __init__(self, token: int) -> None:
        super().__init__()
        self.token = token


def idle(node: MessagePump) -> bool:
    """Whether `node` has nothing to do: no message queued or being handled, no callback due.

    A pump waiting for its next message is the one task waiting on its queue's `ready_event`;
    while it handles one (however long an async handler awaits), nobody waits there. So an empty
    queue with a waiter is exactly "idle", with no message posted to find out.
    """
    queue = node.__dict__.get("_message_queue")  # a cached property: absent until first used
    if queue is None:
        return True
    waiting = getattr(queue.ready_event, "_waiters", None)
    return not (queue.qsize() or not waiting or node._next_callbacks or getattr(node, "_callbacks", None))


class KeysInOrder(App[Any]):
    """The key rule of the module docstring, for `CramplogApp`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._keys: deque[events.Key] = deque()
        """Keys read from the terminal and not yet delivered, oldest first."""
        self._turn = 0
        """The number of the key still settling (0: none)."""
        self._turns = 0
        self._holds: set[int] = set()
        """Tokens of the screens opening that keys wait for."""
        self._hold_tokens = 0

    @property
    def keys_waiting(self) -> int:
        """Keys read and not yet delivered (tests and the benchmark read it)."""
        return len(self._keys) + bool(self._turn)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            self._keys.append(event)
            await self._deliver_keys()
            return
        await super().on_event(event)

    async def _deliver_keys(self) -> None:
        """Deliver waiting keys while nothing is settling and no screen is opening."""
        while self._keys and not self._turn and not self._holds:
            event = self._keys.popleft()
            self._turns += 1
            self._turn = self._turns
            await super().on_event(event)
            asyncio.get_running_loop().create_task(self._settle(self._turn))

    async def _settle(self, turn: int) -> None:
        """Wait until the app and every widget of every screen is idle (`idle`) on QUIET_CHECKS
        looks in a row, then let the next key go (after SETTLE_LIMIT seconds whatever happens)."""
        try:
            deadline = time.monotonic() + SETTLE_LIMIT
            quiet, looks = 0, 0
            while quiet < QUIET_CHECKS and time.monotonic() < deadline:
                # The first looks come as soon as the loop has run the others; then every POLL.
                await asyncio.sleep(0 if looks < FAST_LOOKS else POLL)
                looks += 1
                quiet = quiet + 1 if all(idle(node) for node in self._pumps()) else 0
        finally:  # whatever went wrong, the keys go on
            self.post_message(KeySettled(turn))

    def _pumps(self) -> list[MessagePump]:
        return [self, *(node for screen in self.screen_stack for node in screen.walk_children(with_self=True))]

    @on(KeySettled)
    async def _key_settled(self, message: KeySettled) -> None:
        if message.turn == self._turn:
            self._turn = 0
            await self._deliver_keys()

    # -- screens opening -------------------------------------------------------------------------

    def hold_keys(self, limit: float = HOLD_LIMIT) -> int:
        """Hold keys from now until `release_keys(token)` (or `limit` seconds pass): a screen
        opening, or a form waiting for its save's answer."""
        self._hold_tokens += 1
        token = self._hold_tokens
        self._holds.add(token)
        self.set_timer(limit, partial(self.release_keys, token), name="release-keys")
        return token

    def release_keys(self, token: int) -> None:
        """Let keys go again once no other screen is opening (a stale token does nothing)."""
        self.post_message(KeysReleased(token))

    @on(KeysReleased)
    async def _keys_released(self, message: KeysReleased) -> None:
        if message.token in self._holds:
            self._holds.discard(message.token)
            await self._deliver_keys()

    def push_screen(self, screen: Any, callback: Any = None, wait_for_dismiss: bool = False) -> Any:  # type: ignore[override]
        """Push `screen`, holding keys until it is mounted and focused."""
        token = self.hold_keys() if isinstance(screen, Screen) and not screen.is_running else None
        result = super().push_screen(screen, callback, wait_for_dismiss)  # type: ignore[call-overload]
        if token is not None:  # after the screen's Mount, where it focuses a widget through the app's queue
            screen.call_after_refresh(self.release_keys, token)
        return result
