"""Provides how a journal named by a URL is shown and passed on: never with its password.

The masking reads the text as characters, not through a URL parser: a password holding an
unencoded `/`, `?`, `#`, `@` or a space, a bad `%` escape or an unclosed `[` would make a
parser split it somewhere else and print it. Everything from the first `:` of the user part
to the last `@` is hidden, and so is the value of every `password=` or `sslpassword=`
setting (also spelt with `%` escapes), wherever it stands. Hiding too much is allowed; showing
a password never is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

SERVER_SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")
SECRET_KEYS = frozenset({"password", "sslpassword"})
MASK = "***"

_SCHEME = r"[A-Za-z][A-Za-z0-9+.-]+:(?://)?"
_SETTING = r"([^?&;\s=]*)=([^&;\s]*)"
"""Patterns compiled on first use by `re` (and kept in its cache): a command that names no URL
never pays for them."""


def is_server_url(text: object) -> bool:
    """Whether `text` names a journal on a PostgreSQL server."""
    return isinstance(text, str) and text.lower().startswith(SERVER_SCHEMES)


def looks_like_url(text: str) -> bool:
    """Whether `text` starts with a URL scheme (`mysql://`, `sqlite:`, `postgresql:u:pw@h`) or
    holds a password setting (libpq's `host=h password=pw`): no file is named like that.

    Both need a `:` or a `=`; a path without either (every command's `--db`, mostly) is answered
    without compiling the patterns."""
    if ":" not in text and "=" not in text:
        return False
    return re.match(_SCHEME, text) is not None or any(_secret_key(m.group(1)) for m in re.finditer(_SETTING, text))


def _user_part(text: str) -> tuple[int, int] | None:
    """Where the password of `scheme://user:password@host` lies in `text`, if it has one."""
    scheme = re.match(_SCHEME, text)
    start = scheme.end() if scheme else 0
    at = text.rfind("@", start)
    colon = text.find(":", start)
    first_at = text.find("@", start)
    if at < 0 or colon < 0 or colon > first_at:
        return None
    return colon + 1, at


def masked(text: str) -> str:
    """`text` with every password in it shown as `***`."""
    span = _user_part(text)
    if span is not None:
        text = text[: span[0]] + MASK + text[span[1] :]
    return re.sub(_SETTING, lambda m: f"{m.group(1)}={MASK}" if _secret_key(m.group(1)) else m.group(0), text)


def without_password(text: str) -> str:
    """`text` with its passwords left out (for a command line: libpq reads ~/.pgpass instead)."""
    span = _user_part(text)
    if span is not None:
        text = text[: span[0] - 1] + text[span[1] :]
    kept = re.sub(_SETTING, lambda m: "" if _secret_key(m.group(1)) else m.group(0), text)
    return re.sub(r"[?&]+$", "", re.sub(r"([?&])&+", r"\1", kept))


def passwords(text: str) -> list[str]:
    """Every password `text` may hold, as written and decoded (longest first): the user part up
    to each `@` (a driver reads it to the first), and each password setting's value."""
    found = []
    span = _user_part(text)
    if span is not None:
        start, end = span
        found += [text[start:at] for at in range(start, end + 1) if text[at] == "@"]
    found += [m.group(2) for m in re.finditer(_SETTING, text) if _secret_key(m.group(1))]
    from urllib.parse import unquote  # with ipaddress, ~3 ms: only for a text that has a secret

    every = {variant for secret in found for variant in (secret, unquote(secret), unquote(secret).replace("+", " "))}
    return sorted((s for s in every if s), key=len, reverse=True)


def scrub(text: str, secrets: Sequence[str]) -> str:
    """`text` with each of `secrets` (at least 3 characters long) replaced by `***`."""
    for secret in secrets:
        if len(secret) >= 3:
            text = text.replace(secret, MASK)
    return text


def _secret_key(key: str) -> bool:
    from urllib.parse import unquote

    return unquote(key).strip().lower() in SECRET_KEYS
