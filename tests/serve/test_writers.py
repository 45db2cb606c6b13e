"""One journal, many writers at once: browser sessions, the CLI and the terminal app lose nothing.

Two served sessions are driven as a browser drives them (textual-serve's websocket protocol:
`["stdin", keys]`), each logging cramps with `c`, a severity digit and Enter; two CLI writers
log drinks with notes; the terminal app, in a pseudo-terminal, logs 250 ml drinks with `w`
Enter. Every write goes through the same repository; afterwards every one of them is there.
"""

from __future__ import annotations

import asyncio
import os
import pty
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from .conftest import env, start, stop

pytestmark = pytest.mark.slow

CRAMPS_PER_SESSION = 6
DRINKS_PER_WRITER = 15
TERMINAL_DRINKS = 6

WRITER = """
import sys
from cramplog.cli import main
db, tag, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
for i in range(n):
    if main(["--db", db, "drink", str(100 + i), "--note", f"{tag}-{i}"]) != 0:
        sys.exit(1)
"""


def _count(db: Path, sql: str) -> int:
    """One number read from the journal (0 while it has no tables yet)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    try:
        return int(conn.execute(sql).fetchone()[0])
    except sqlite3.OperationalError:
        return 0
    finally:
        conn.close()


async def _browser_session(base: str, key: str, severity: int, db: Path) -> None:
    import aiohttp

    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as client:  # an IP address
        async with client.post(f"{base}login", data={"key": key}, allow_redirects=False) as signed:
            assert signed.status == 303
        async with client.ws_connect(f"{base.replace('http', 'ws', 1)}ws?width=80&height=24") as ws:
            painted = 0
            while painted < 2000:  # the dashboard's first frames
                message = await asyncio.wait_for(ws.receive(), timeout=30)
                painted += len(message.data) if isinstance(message.data, bytes | str) else 0
            await _read_for(ws, 0.5)
            for _ in range(CRAMPS_PER_SESSION):
                await ws.send_json(["stdin", f"c{severity}\r"])
                await _read_for(ws, 0.7)
            # Closing the page ends its app: stay until its cramps are in (however busy the machine).
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                if _count(db, f"SELECT count(*) FROM cramp WHERE severity = {severity}") >= CRAMPS_PER_SESSION:
                    break
                await _read_for(ws, 0.2)


async def _read_for(ws, seconds: float) -> None:
    """Take what the app sends for `seconds`, as a browser does (an unread socket would stall it)."""
    import aiohttp

    end = time.monotonic() + seconds
    while (left := end - time.monotonic()) > 0:
        try:
            message = await asyncio.wait_for(ws.receive(), timeout=left)
        except TimeoutError:
            return
        if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
            await asyncio.sleep(left)  # the app has gone: nothing more to read
            return


def _terminal_app(db: Path, home: Path) -> None:
    """The terminal app in a pseudo-terminal: `w` Enter, TERMINAL_DRINKS times, then `q`."""
    leader, follower = pty.openpty()
    app_env = env(home) | {"TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"}
    app = subprocess.Popen(
        [sys.executable, "-m", "cramplog", "--db", str(db)],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=app_env,
        close_fds=True,
    )
    os.close(follower)
    seen = bytearray()

    def drain() -> None:
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                return
            if not chunk:
                return
            seen.extend(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    deadline = time.monotonic() + 30
    while b"Today" not in seen and time.monotonic() < deadline:
        time.sleep(0.1)
    for _ in range(TERMINAL_DRINKS):
        os.write(leader, b"w\r")
        time.sleep(0.8)
    unnoted = "SELECT count(*) FROM entry WHERE kind = 'drink' AND coalesce(note, '') = ''"
    deadline = time.monotonic() + 60
    while _count(db, unnoted) < TERMINAL_DRINKS and time.monotonic() < deadline:
        time.sleep(0.2)
    os.write(leader, b"q")
    try:
        app.wait(timeout=15)
    except subprocess.TimeoutExpired:
        app.kill()
    os.close(leader)


def test_browser_sessions_the_cli_and_the_terminal_app_at_once_lose_nothing(tmp_path):
    served = start(tmp_path)
    try:
        writers = [
            subprocess.Popen(
                [sys.executable, "-c", WRITER, str(served.db), f"cli{k}", str(DRINKS_PER_WRITER)],
                env=env(served.home),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            for k in range(2)
        ]
        terminal = threading.Thread(target=_terminal_app, args=(served.db, served.home))
        terminal.start()

        async def browsers() -> None:
            await asyncio.gather(*(_browser_session(served.url, served.key, s, served.db) for s in (3, 8)))

        asyncio.run(browsers())
        terminal.join(timeout=120)
        errors = [w.communicate(timeout=120)[1] for w in writers]
        assert [w.returncode for w in writers] == [0, 0], errors
    finally:
        stop(served)
    rows = sqlite3.connect(served.db).execute("SELECT kind, note FROM entry").fetchall()
    cramps = [r for r in rows if r[0] == "cramp"]
    notes = {r[1] for r in rows if r[0] == "drink"}
    expected = {f"cli{k}-{i}" for k in range(2) for i in range(DRINKS_PER_WRITER)}
    assert expected <= notes, f"lost CLI drinks: {sorted(expected - notes)}"
    assert len(cramps) == 2 * CRAMPS_PER_SESSION, f"{len(cramps)} cramps from the browser sessions"
    terminal_drinks = [r for r in rows if r[0] == "drink" and not r[1]]
    assert len(terminal_drinks) == TERMINAL_DRINKS, f"{len(terminal_drinks)} drinks from the terminal app"
    assert sqlite3.connect(served.db).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
