"""Proof that stays: real processes killed at random moments, racing each other, meeting a lock
held too long and a full disk. Each test prints its figures (run with -s to see them) and asserts
that integrity failures and acknowledged entries lost are both 0."""

from __future__ import annotations

import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from cramplog.cli import main
from cramplog.storage.transfer import EXPORT_VERSION

from .procs import cramplog, env, ids, integrity

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")]
SEED = 20261127
LOGGED = re.compile(r"(?:logged|updated) \w+ #(\d+)")


def spawn(db: Path, home: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "cramplog", "--db", str(db), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env(home),
    )


def kill_after(proc: subprocess.Popen[str], delay: float) -> tuple[int, str]:
    """SIGKILL `proc` after `delay` seconds unless it finished; its exit code and output."""
    try:
        out, _ = proc.communicate(timeout=delay)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
    return proc.returncode, out


def amounts(db: Path) -> dict[int, int]:
    conn = sqlite3.connect(db)
    try:
        return dict(conn.execute("SELECT id, amount_ml FROM drink").fetchall())
    finally:
        conn.close()


def report(name: str, trials: int, failures: int, lost: int) -> None:
    print(f"\n{name}: {trials} trials, {failures} integrity failures, {lost} acknowledged entries lost")


def test_sigkill_at_random_moments_of_writers_edits_deletes_imports_and_creation(tmp_path, capsys):
    rng = random.Random(SEED)
    home = tmp_path / "home"
    db = tmp_path / "journal.db"
    assert main(["--db", str(db), "drink", "100"]) == 0
    export = tmp_path / "export.json"
    other = tmp_path / "other.db"
    for n in range(20):
        assert main(["--db", str(other), "drink", str(200 + n), "--at", f"{n + 1} hours ago"]) == 0
    assert main(["--db", str(other), "export", "-o", str(export)]) == 0
    capsys.readouterr()

    acknowledged: dict[int, int | None] = {1: 100}  # id -> amount (None: deleted)
    failures = lost = trials = 0
    imported = False
    kinds = ["write"] * 40 + ["edit"] * 20 + ["delete"] * 20 + ["import"] * 10 + ["create"] * 10
    rng.shuffle(kinds)
    for kind in kinds:
        trials += 1
        delay = rng.uniform(0.0, 0.35)
        live = sorted(i for i, amount in acknowledged.items() if amount is not None)
        if kind == "write":
            amount = rng.randint(1, 4000)
            code, out = kill_after(spawn(db, home, "drink", str(amount)), delay)
            if code == 0:
                acknowledged[int(LOGGED.search(out).group(1))] = amount
        elif kind == "edit" and live:
            target, amount = rng.choice(live), rng.randint(1, 4000)
            before = acknowledged[target]
            code, _ = kill_after(spawn(db, home, "edit", str(target), "--amount", str(amount)), delay)
            now = amounts(db).get(target)
            assert now in (before, amount)  # all or nothing
            acknowledged[target] = amount if code == 0 else now
        elif kind == "delete" and len(live) > 1:
            target = rng.choice(live)
            code, _ = kill_after(spawn(db, home, "delete", str(target)), delay)
            if code == 0:
                acknowledged[target] = None
            elif target not in ids(db):
                acknowledged[target] = None  # killed after its commit, before its reply
        elif kind == "import":
            before = len(ids(db))
            code, _ = kill_after(spawn(db, home, "import", str(export)), delay)
            grown = len(ids(db)) - before
            assert grown in (0, 20) or (imported and grown == 0), f"a partial import: {grown} entries"
            imported = imported or grown == 20
        elif kind == "create":
            fresh = tmp_path / f"fresh-{trials}.db"
            kill_after(spawn(fresh, home, "drink", "250"), delay * 4)
            capsys.readouterr()
            assert main(["--db", str(fresh), "drink", "300"]) == 0, capsys.readouterr().err
            failures += integrity(fresh) != "ok"
        failures += integrity(db) != "ok"
        stored = amounts(db)
        lost += sum(1 for i, amount in acknowledged.items() if amount is not None and stored.get(i) != amount)
        lost += sum(1 for i, amount in acknowledged.items() if amount is None and i in stored)
    with capsys.disabled():
        report("random SIGKILL", trials, failures, lost)
    assert trials >= 100 and failures == 0 and lost == 0


WRITER = """
import sys
from cramplog.cli import main
db, tag, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
for i in range(n):
    if main(["--db", db, "drink", str(1 + i), "--note", f"{tag}-{i}"]) != 0:
        sys.exit(1)
"""
READER = """
import sys
from cramplog.cli import main
for _ in range(int(sys.argv[2])):
    if main(["--db", sys.argv[1], "list", "--json", "-n", "20"]) != 0:
        sys.exit(1)
"""


def test_four_writers_and_a_reader_at_once_lose_nothing(tmp_path):
    db = tmp_path / "journal.db"
    home = tmp_path / "home"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db), f"w{k}", "50"],
            env=env(home),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for k in range(4)
    ]
    procs.append(
        subprocess.Popen(
            [sys.executable, "-c", READER, str(db), "30"],
            env=env(home),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
    )
    errors = [p.communicate(timeout=300)[1] for p in procs]
    assert [p.returncode for p in procs] == [0] * 5, errors
    notes = {r[0] for r in sqlite3.connect(db).execute("SELECT note FROM entry")}
    expected = {f"w{k}-{i}" for k in range(4) for i in range(50)}
    report("4 writers + 1 reader", 200, int(integrity(db) != "ok"), len(expected - notes))
    assert integrity(db) == "ok" and expected <= notes


def test_first_commands_at_once_on_a_missing_journal_all_succeed(tmp_path):
    db = tmp_path / "journal.db"
    with ThreadPoolExecutor(4) as pool:
        runs = list(pool.map(lambda n: cramplog(db, "drink", str(100 + n), home=tmp_path / "home"), range(4)))
    assert [r.returncode for r in runs] == [0] * 4, [r.stderr for r in runs]
    assert len(ids(db)) == 4 and integrity(db) == "ok"


def test_four_check_ins_of_one_day_at_once_all_succeed_and_merge(tmp_path):
    db = tmp_path / "journal.db"
    assert main(["--db", str(db), "drink", "100"]) == 0
    options = [("--no-cramps",), ("--hot-day",), ("--sleep", "7"), ("--soreness", "3")]
    with ThreadPoolExecutor(4) as pool:
        runs = list(
            pool.map(lambda o: cramplog(db, "checkin", "--date", "2026-11-20", *o, home=tmp_path / "home"), options)
        )
    assert [r.returncode for r in runs] == [0] * 4, [r.stderr for r in runs]
    rows = sqlite3.connect(db).execute("SELECT no_cramps, hot_day, sleep_hours, soreness FROM checkin").fetchall()
    assert rows == [(1, 1, 7.0, 3)]


def test_a_lock_held_past_the_wait_is_one_plain_line_and_nothing_changes(tmp_path):
    db = tmp_path / "journal.db"
    assert main(["--db", str(db), "drink", "100"]) == 0
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        started = time.monotonic()
        done = cramplog(db, "drink", "250", home=tmp_path / "home", CRAMPLOG_BUSY_TIMEOUT_MS="300")
        waited = time.monotonic() - started
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert done.returncode == 1
    assert done.stderr.startswith("error: the journal is busy") and done.stderr.count("\n") == 1
    assert "sqlalche" not in done.stderr and "INSERT" not in done.stderr
    assert waited < 30 and ids(db) == {1}


@pytest.fixture
def tiny_disk(tmp_path):
    """A 1 MiB file system (tmpfs), where the machine lets us mount one (root on Linux)."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a size-limited file system here (needs root)")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_is_one_plain_line_and_loses_nothing_acknowledged(tiny_disk, tmp_path, capsys):
    db = tiny_disk / "journal.db"
    acknowledged: set[int] = set()
    note = "x" * 1900
    code = 0
    for n in range(3000):
        capsys.readouterr()
        code = main(["--db", str(db), "drink", "250", "--note", f"{n}{note}"[:2000]])
        out, err = capsys.readouterr()
        if code != 0:
            break
        acknowledged.add(int(LOGGED.search(out).group(1)))
    assert code == 1, "the disk never filled"
    assert err.startswith("error: ") and "disk is full" in err and err.count("\n") == 1
    lost = len(acknowledged - ids(db))
    with capsys.disabled():
        report("full disk", len(acknowledged) + 1, int(integrity(db) != "ok"), lost)
    assert integrity(db) == "ok" and lost == 0
    assert not [p for p in tiny_disk.iterdir() if p.name.endswith(".part")]
    capsys.readouterr()
    assert main(["--db", str(db), "export", "-o", str(tiny_disk / "export.json")]) == 1
    assert "disk is full" in capsys.readouterr().err
    assert not (tiny_disk / "export.json").exists()
    assert not [p for p in tiny_disk.iterdir() if p.name.endswith(".part")]


def test_export_then_import_into_its_own_journal_adds_nothing(tmp_path, capsys):
    db = tmp_path / "journal.db"
    for args in (["drink", "250"], ["run", "5", "--shoe", "Pegasus 40"], ["checkin", "--no-cramps"]):
        assert main(["--db", str(db), *args]) == 0
    assert main(["--db", str(db), "export", "-o", str(tmp_path / "e.json")]) == 0
    before = ids(db)
    capsys.readouterr()
    assert main(["--db", str(db), "import", str(tmp_path / "e.json")]) == 0
    assert capsys.readouterr().out.startswith("imported nothing;") and ids(db) == before
    document = json.loads((tmp_path / "e.json").read_text())
    assert document["version"] == EXPORT_VERSION and all(e["uid"] for e in document["entries"])
    assert os.stat(tmp_path / "e.json").st_mode & 0o777 == 0o600


@pytest.mark.parametrize("free_kib", [32, 16, 8, 0])
def test_a_disk_with_a_few_kilobytes_left_is_called_full(tiny_disk, tmp_path, capsys, free_kib):
    """Below ~32 KiB SQLite cannot grow the -shm and says "disk I/O error" (SQLITE_IOERR_SHMSIZE),
    not "disk is full"; the user still needs to hear that the disk is full."""
    db = tiny_disk / "journal.db"
    assert main(["--db", str(db), "drink", "250"]) == 0
    capsys.readouterr()
    stats = os.statvfs(tiny_disk)
    filler = stats.f_bavail * stats.f_frsize - free_kib * 1024
    if filler > 0:
        (tiny_disk / "filler").write_bytes(b"\0" * filler)
    for args in (("drink", "300", "--note", "x" * 1500), ("list",)):
        code = main(["--db", str(db), *args])
        err = capsys.readouterr().err
        assert code in (0, 1), (args, err)
        if code == 1:
            assert err.startswith("error: ") and "disk is full" in err and err.count("\n") == 1, (free_kib, err)
    (tiny_disk / "filler").unlink(missing_ok=True)
    assert 1 in ids(db) and integrity(db) == "ok"
