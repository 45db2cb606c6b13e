"""Provides the serving key, the session cookie made from it, and the brake on wrong guesses.

The key is 256 random bits kept in a private file in the config folder, so a phone's sign-in
survives a restart of the server; `--new-key` makes another, which signs every browser out.
A browser that shows the key once gets a cookie `expiry.nonce.mac` (an HMAC of the expiry and
a random nonce under the key): the server keeps no sessions, and every check compares digests
with `hmac.compare_digest`, so a check takes the same time however much of a guess is right.
No web library here: the server (`server.py`) calls these.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InvalidInput, JournalError

KEY_FILE = "serve_key"
"""The key's file, in the config folder beside config.toml (0600)."""

KEY_BYTES = 32
"""256 bits: far past guessing, even without the brake."""

MIN_KEY_LENGTH = 32
"""A key file edited by hand must still be long; a shorter one is refused, not used."""

COOKIE = "cramplog_session"
SESSION_DAYS = 90
"""How long a browser stays signed in (the key's rotation signs everyone out sooner)."""


def load_key(path: Path, *, renew: bool = False) -> str:
    """The key in `path`, made (0600, folder 0700) when missing or when `renew` is set."""
    if not renew:
        try:
            text = path.read_text(encoding="ascii").strip()
        except FileNotFoundError:
            text = ""
        except (OSError, UnicodeDecodeError) as exc:
            raise JournalError(f"cannot read the serving key {path}: {getattr(exc, 'strerror', exc)}") from None
        if text:
            if len(text) < MIN_KEY_LENGTH or not text.isprintable() or " " in text:
                raise InvalidInput(
                    f"the serving key in {path} is shorter than {MIN_KEY_LENGTH} characters "
                    "or not one word; make a new one with `cramplog serve --new-key`",
                    "key",
                )
            return text
    from ..files import private_text

    key = secrets.token_urlsafe(KEY_BYTES)
    private_text(path, key + "\n")
    os.chmod(path, 0o600)
    return key


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


class Gate:
    """Checks a key or a cookie against the serving key, in constant time."""

    def __init__(self, key: str, session_days: int = SESSION_DAYS) -> None:
        self._digest = _digest(key)
        self._mac_key = hashlib.sha256(b"cramplog-serve-cookie\0" + key.encode("utf-8")).digest()
        self.session_days = session_days
        self.session_seconds = session_days * 86400

    def key_matches(self, given: str) -> bool:
        """Whether `given` is the key (digests compared, so the length leaks nothing either)."""
        return hmac.compare_digest(_digest(given), self._digest)

    def new_cookie(self, now: float | None = None) -> str:
        """A cookie value good for `session_days`."""
        expiry = int((time.time() if now is None else now) + self.session_seconds)
        body = f"{expiry}.{secrets.token_urlsafe(16)}"
        return f"{body}.{self._mac(body)}"

    def cookie_state(self, value: str | None, now: float | None = None) -> str:
        """ "valid", "expired" (this key made it; its time is up), "missing", or "forged"."""
        if not value:
            return "missing"
        if value.count(".") != 2 or len(value) > 200:
            return "forged"
        body, _, mac = value.rpartition(".")
        if not hmac.compare_digest(self._mac(body).encode(), mac.encode("utf-8", "replace")):
            return "forged"
        expiry = body.split(".", 1)[0]
        if not expiry.isdigit():
            return "forged"
        return "valid" if int(expiry) > (time.time() if now is None else now) else "expired"

    def _mac(self, body: str) -> str:
        return hmac.new(self._mac_key, body.encode("utf-8", "replace"), hashlib.sha256).hexdigest()


@dataclass
class Throttle:
    """Slows wrong guesses: after each one from an address, that address waits twice as long.

    `wait(address)` is the seconds before the address may try again (0: now). The delay starts
    at `first` seconds and doubles up to `most`; a right key clears the address. All addresses
    together may make at most `burst` wrong guesses in `window` seconds, so a guesser spread
    over many addresses is slowed as well.
    """

    first: float = 1.0
    most: float = 300.0
    burst: int = 20
    window: float = 60.0
    _failures: dict[str, int] = field(default_factory=dict)
    _until: dict[str, float] = field(default_factory=dict)
    _recent: deque[float] = field(default_factory=deque)

    def wait(self, address: str, now: float | None = None) -> float:
        now = time.monotonic() if now is None else now
        while self._recent and self._recent[0] <= now - self.window:
            self._recent.popleft()
        own = self._until.get(address, 0.0) - now
        everyone = (self._recent[0] + self.window - now) if len(self._recent) >= self.burst else 0.0
        return max(own, everyone, 0.0)

    def failed(self, address: str, now: float | None = None) -> float:
        """Count a wrong guess; return the seconds the address now waits."""
        now = time.monotonic() if now is None else now
        count = self._failures.get(address, 0) + 1
        self._failures[address] = count
        delay = min(self.first * 2.0 ** (count - 1), self.most)
        self._until[address] = now + delay
        self._recent.append(now)
        if len(self._failures) > 10_000:  # a flood of addresses must not grow the table forever
            self._failures.clear()
            self._until = {a: t for a, t in self._until.items() if t > now}
        return delay

    def succeeded(self, address: str) -> None:
        self._failures.pop(address, None)
        self._until.pop(address, None)
