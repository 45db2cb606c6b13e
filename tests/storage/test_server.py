"""A journal in PostgreSQL: the same migrations, identity, plain errors, every command, moving.

Runs against the throwaway cluster of `conftest.pg_cluster` (skipped, saying why, where no
server binaries are installed).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from cramplog.cli import main
from cramplog.domain import entries as E
from cramplog.paths import JournalURL, db_path
from cramplog.storage import pg
from cramplog.storage.constants import HEAD
from cramplog.storage.repository import JournalRepository
from tests.ui.conftest import today_row

AT = dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.timezone.utc)
ROOT = Path(__file__).resolve().parents[2]


def tables(url: str) -> dict[str, list]:
    """Every table of the database with its rows: to show a refused database is untouched."""
    with psycopg.connect(url) as conn:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1"
            )
        ]
        return {n: conn.execute(f'SELECT * FROM "{n}" ORDER BY 1').fetchall() for n in names}


def run(url: str, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--db", url, *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_migrations_build_exactly_the_models_schema(pg_url):
    """Like `alembic check` on PostgreSQL: the same revisions give the ORM models' schema."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from cramplog.storage.models import Base

    JournalRepository.open(JournalURL(pg_url)).close()
    engine = pg.make_engine(JournalURL(pg_url))
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    engine.dispose()
    assert diff == []
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD,)
        assert conn.execute("SELECT obj_description('entry'::regclass)").fetchone() == (pg.MARK,)


def test_a_0002_database_upgrades_in_one_transaction_keeping_ids(pg_url):
    journal = JournalURL(pg_url)
    pg.upgrade_database(journal, "0002")
    with psycopg.connect(pg_url) as conn:
        for i in (1, 2, 5):
            conn.execute(
                "INSERT INTO entry (id, kind, at_utc, tz, note, created_utc, updated_utc) VALUES "
                f"({i}, 'drink', '2026-11-24 09:00', 'UTC', '', '2026-11-24', '2026-11-24')"
            )
            conn.execute(f"INSERT INTO drink (id, amount_ml, drink_kind) VALUES ({i}, 250, 'water')")
        conn.execute(
            "INSERT INTO entry (id, kind, at_utc, tz, note, created_utc, updated_utc) VALUES "
            "(7, 'shoe', '2026-11-24', 'UTC', '', '2026-11-24', '2026-11-24')"
        )
        conn.execute("INSERT INTO shoe (id, name, first_used, start_km) VALUES (7, 'Old', '2026-11-24', 9000)")
    repo = JournalRepository.open(journal)
    uids = {e.id: e.uid for e in repo.entries()}
    assert sorted(uids) == [1, 2, 5, 7] and len(set(uids.values())) == 4
    assert repo.shoes()[0].start_km == 5000  # repaired to the new CHECK, as on SQLite
    repo.delete(5)
    assert repo.add(E.Drink(at=AT, tz="UTC", amount_ml=300)).id == 8  # no ID handed out twice
    repo.close()


def test_a_0004_database_keeps_known_minerals_and_makes_free_text_zeros_unknown(pg_url):
    from tests.storage.test_migrations import FOODS_0004

    journal = JournalURL(pg_url)
    pg.upgrade_database(journal, "0004")
    with psycopg.connect(pg_url) as conn:
        for i, (key, text, mg, k, source) in enumerate(FOODS_0004, start=1):
            conn.execute(
                "INSERT INTO entry (id, kind, at_utc, tz, note, uid, source, created_utc, updated_utc) "
                f"VALUES ({i}, 'food', '2026-11-24 12:00', 'UTC', '', 'u{i}', '{source}', "
                "'2026-11-24', '2026-11-24')"
            )
            conn.execute(
                "INSERT INTO food (id, food, servings, magnesium_mg, potassium_mg, text) VALUES "
                f"({i}, '{key}', 1, {mg}, {k}, '{text}')"
            )
    repo = JournalRepository.open(journal)
    foods = {e.id: (e.magnesium_mg, e.potassium_mg) for e in repo.entries()}
    repo.close()
    assert foods == {1: (32.0, 422.0), 2: (None, None), 3: (250.0, None), 4: (0.0, 0.0)}


def test_a_failing_upgrade_leaves_the_database_as_it_was(pg_url, monkeypatch):
    journal = JournalURL(pg_url)
    pg.upgrade_database(journal, "0002")
    before = tables(pg_url)
    from cramplog.storage import migrate

    real = migrate._run_alembic

    def fail_after(conn, revision):
        real(conn, revision)
        raise RuntimeError("killed after the migrations ran")

    monkeypatch.setattr(migrate, "_run_alembic", fail_after)
    with pytest.raises(RuntimeError):
        JournalRepository.open(journal)
    assert tables(pg_url) == before


def test_someone_elses_database_is_refused_untouched(pg_url, capsys):
    with psycopg.connect(pg_url) as conn:
        conn.execute("CREATE TABLE invoices (id int PRIMARY KEY, total numeric)")
        conn.execute("INSERT INTO invoices VALUES (1, 9.5)")
    before = tables(pg_url)
    code, out, err = run(pg_url, "drink", "300", capsys=capsys)
    assert code == 2 and out == ""
    assert err.strip().splitlines() == [
        f"error: {pg_url} is not a cramplog journal (its tables are not a journal's); it was left untouched"
    ]
    assert tables(pg_url) == before


def test_a_journal_from_a_newer_cramplog_is_refused_untouched(pg_url, capsys):
    JournalRepository.open(JournalURL(pg_url)).close()
    with psycopg.connect(pg_url) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0999'")
    before = tables(pg_url)
    code, _, err = run(pg_url, "list", capsys=capsys)
    assert code == 1 and "newer cramplog" in err and "Traceback" not in err
    assert tables(pg_url) == before


def test_every_command_works_with_db_and_with_cramplog_db(pg_url, capsys, monkeypatch):
    code, _, err = run(pg_url, "cramp", "calf", "-s", "7", "--side", "left", capsys=capsys)
    assert code == 0 and "warning" not in err  # no automatic file backup of a server journal
    assert run(pg_url, "run", "5", "--shoe", "Pegasus 40", capsys=capsys)[0] == 0
    assert run(pg_url, "run", "3", "--shoe", "pegasus 40", capsys=capsys)[0] == 0
    assert run(pg_url, "checkin", "--sleep", "7", capsys=capsys)[0] == 0
    monkeypatch.setenv("CRAMPLOG_DB", pg_url)
    capsys.readouterr()
    assert main(["checkin", "--soreness", "3"]) == 0
    capsys.readouterr()
    assert main(["list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)["entries"]
    assert sorted(e["kind"] for e in listed) == ["checkin", "cramp", "run", "run", "shoe"]
    checkin = next(e for e in listed if e["kind"] == "checkin")
    assert (checkin["sleep_hours"], checkin["soreness"]) == (7.0, 3)
    assert main(["where"]) == 0
    assert pg_url in capsys.readouterr().out
    for command in (["shoe"], ["today"], ["insights"], ["export"]):
        code = main(command)
        out, err = capsys.readouterr()
        assert code == 0, (command, err)


def test_backup_and_restore_say_what_to_do_instead(pg_url, capsys, tmp_path):
    run(pg_url, "drink", "300", capsys=capsys)
    code, out, err = run(pg_url, "backup", capsys=capsys)
    assert code == 2 and "pg_dump" in err and "cramplog export" in err and len(err.strip().splitlines()) == 1
    code, out, err = run(pg_url, "restore", str(tmp_path / "x.db"), "--yes", capsys=capsys)
    assert code == 2 and "pg_dump" in err


def test_passwords_are_never_shown(pg_cluster, capsys, monkeypatch):
    url = f"postgresql://someone:s3cret-pw@127.0.0.1:{pg_cluster.port}/nosuchdb?password=s3cret-pw"
    assert "s3cret" not in str(db_path(url)) and "s3cret" not in f"{db_path(url)}"
    code, out, err = run(url, "list", capsys=capsys)
    assert code == 1 and "s3cret" not in err and len(err.strip().splitlines()) == 1
    monkeypatch.setenv("CRAMPLOG_DB", url)
    capsys.readouterr()
    assert main(["where"]) == 0
    assert "s3cret" not in capsys.readouterr().out


@pytest.mark.parametrize(
    ("make_url", "expected"),
    [
        (lambda c: f"postgresql://postgres@127.0.0.1:{c.port}/nosuchdb", "does not exist on the server"),
        (lambda c: f"postgresql://nobody@127.0.0.1:{c.port}/postgres", "refused the login"),
        (lambda c: "postgresql://postgres@127.0.0.1:1/postgres?connect_timeout=3", "cannot be reached"),
        # TLS settings in the URL reach libpq: this test server has no TLS, so `require` must fail.
        (lambda c: f"postgresql://postgres@127.0.0.1:{c.port}/postgres?sslmode=require", "could not set up TLS"),
    ],
)
def test_server_failures_are_one_plain_line(pg_cluster, capsys, make_url, expected):
    code, out, err = run(make_url(pg_cluster), "drink", "300", capsys=capsys)
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and expected in err, err
    assert "Traceback" not in err and "http" not in err and "SELECT" not in err


def test_a_journal_locked_past_the_wait_is_one_plain_line(pg_url):
    JournalRepository.open(JournalURL(pg_url)).close()
    with psycopg.connect(pg_url) as holder:
        holder.execute(f"SELECT pg_advisory_xact_lock({pg.LOCK_KEY})")  # a writer that never finishes
        env = {**os.environ, "CRAMPLOG_BUSY_TIMEOUT_MS": "300"}
        proc = subprocess.run(
            [sys.executable, "-m", "cramplog", "--db", pg_url, "drink", "300"],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == [
        "error: the journal is busy: another cramplog kept it locked for longer than the wait; try again in a moment"
    ]


def test_sqlite_to_postgresql_and_back_is_lossless(pg_url, tmp_path, capsys):
    first = str(tmp_path / "first.db")
    for args in (
        ["cramp", "calf", "-s", "7", "--side", "left", "--note", "ünïcode ✓"],
        ["run", "5.25", "--shoe", "Pegasus 40"],
        ["checkin", "--sleep", "6.5"],
        ["drink", "330"],
    ):
        assert run(first, *args, capsys=capsys)[0] == 0
    assert run(first, "export", "--format", "json", "-o", str(tmp_path / "a.json"), capsys=capsys)[0] == 0
    code, _, err = run(pg_url, "import", str(tmp_path / "a.json"), capsys=capsys)
    assert code == 0, err
    assert run(pg_url, "import", str(tmp_path / "a.json"), capsys=capsys)[0] == 0  # idempotent
    assert run(pg_url, "export", "--format", "json", "-o", str(tmp_path / "b.json"), capsys=capsys)[0] == 0
    back = str(tmp_path / "back.db")
    assert run(back, "import", str(tmp_path / "b.json"), capsys=capsys)[0] == 0

    def content(path: str) -> list[dict]:
        entries = json.loads(run(path, "list", "--json", capsys=capsys)[1])["entries"]
        return sorted(
            ({k: v for k, v in e.items() if k not in ("id", "shoe_id")} for e in entries), key=lambda e: e["uid"]
        )

    assert content(first) == content(pg_url) == content(back)
    assert len(content(first)) == 5


WRITER = """
import datetime as dt, sys
from cramplog.cli import main
n, url, first = sys.argv[1], sys.argv[2], sys.argv[3]
failures = 0
for i in range(100):
    if i % 4 == 0:
        args = ["checkin", "--date", "2026-11-24", "--note", f"p{n}-{i}"]
    elif i % 4 == 1:
        args = ["run", "1", "--shoe", ["Pegasus", "Cloudflow", "Kinvara"][i % 3]]
    elif i % 4 == 2:
        args = ["edit", first, "--note", f"edited by {n} at {i}"]
    else:
        args = ["drink", str(100 + i), "--note", f"p{n}-{i}"]
    failures += main(["--db", url, *args]) != 0
print(f"failures={failures}", file=sys.stderr)
"""


@pytest.mark.slow
def test_two_machines_writing_at_once_lose_nothing(pg_url, tmp_path):
    """Two processes x 100 writes from two config folders: check-ins of the same day, edits, and
    new shoes by name at once; 0 errors, 0 lost."""
    first = JournalRepository.open(JournalURL(pg_url))
    edited = first.add(E.Drink(at=AT, tz="UTC", amount_ml=250))  # the entry both edit
    first.close()
    procs = []
    for n in (1, 2):
        env = {**os.environ, "CRAMPLOG_HOME": str(tmp_path / f"machine{n}")}
        procs.append(
            subprocess.Popen(
                [sys.executable, "-c", WRITER, str(n), pg_url, str(edited.id)],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    results = [p.communicate(timeout=300) for p in procs]
    tails = [err.strip().splitlines()[-1] for _, err in results]
    assert tails == ["failures=0"] * 2, [err[-2000:] for _, err in results]
    repo = JournalRepository.open(JournalURL(pg_url))
    try:
        drinks = [e for e in repo.entries(["drink"]) if e.id != edited.id]
        note = repo.get(edited.id).note
        runs = repo.entries(["run"])
        checkins = repo.entries(["checkin"])
        shoes = repo.shoes()
    finally:
        repo.close()
    assert len(drinks) == 2 * 25 and len(runs) == 2 * 25
    assert sorted(s.name for s in shoes) == ["Cloudflow", "Kinvara", "Pegasus"]  # one shoe per name
    assert note.startswith("edited by ")
    assert len(checkins) == 1  # one check-in for the day, every writer merged into it


async def test_the_app_opens_and_logs_on_postgresql(pg_url):
    """The app on a server journal, built as bare `cramplog --db URL` builds it (cli/tui.py)."""
    from cramplog.domain.clock import FixedClock
    from cramplog.domain.settings import Settings
    from cramplog.ui.app import CramplogApp
    from cramplog.ui.screens.dashboard import DashboardScreen

    seed = JournalRepository.open(JournalURL(pg_url))
    seed.add(E.Drink(at=dt.datetime(2026, 11, 24, 8, tzinfo=dt.timezone.utc), tz="Europe/Berlin", amount_ml=500))
    seed.close()
    clock = FixedClock(tz_name="Europe/Berlin", at=dt.datetime(2026, 11, 24, 13, 0, tzinfo=dt.timezone.utc))
    repo = JournalRepository.open(db_path(pg_url))
    app = CramplogApp(repo, Settings(theme="textual-dark"), clock, db_path=db_path(pg_url), poll_interval=None)
    app.animation_level = "none"
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(4):
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert today_row(app, "beverages").startswith("500 ml")
    repo.close()


@pytest.mark.slow
def test_bare_cramplog_opens_the_app_on_a_server_journal(pg_url, tmp_path):
    env = {**os.environ, "CRAMPLOG_EXIT_AFTER_PAINT": "1", "CRAMPLOG_DB": pg_url, "TERM": "xterm-256color"}
    proc = subprocess.run(
        [sys.executable, "-m", "cramplog"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "first_paint_s=" in proc.stdout


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl to make a certificate")
def test_verify_full_works_as_server_md_says_with_the_servers_own_certificate(tmp_path):
    """docs/server.md: a stock server's self-signed certificate, copied to ~/.postgresql/root.crt,
    and the host name it carries: sslmode=verify-full connects. Without the copy, or by another
    name, it is one plain line."""
    from tests.pgcluster import Cluster, server_bin

    bindir = server_bin()
    if bindir is None:
        pytest.skip("no PostgreSQL server binaries")
    cluster = Cluster(bindir).start(tls_name="localhost")
    try:
        home = tmp_path / "home"
        env = {**os.environ, "HOME": str(home), "CRAMPLOG_HOME": str(tmp_path / "ch")}
        env.pop("PGSSLROOTCERT", None)
        url = f"postgresql://postgres@localhost:{cluster.port}/postgres?sslmode=verify-full"

        def cramplog(db: str) -> subprocess.CompletedProcess:
            return subprocess.run(
                [sys.executable, "-m", "cramplog", "--db", db, "drink", "250"],
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
            )

        refused = cramplog(url)
        assert refused.returncode == 1 and "could not set up TLS" in refused.stderr
        assert len(refused.stderr.strip().splitlines()) == 1
        (home / ".postgresql").mkdir(parents=True)
        shutil.copy(cluster.certificate, home / ".postgresql" / "root.crt")
        done = cramplog(url)
        assert done.returncode == 0, done.stderr
        other_name = cramplog(url.replace("localhost", "127.0.0.1"))
        assert other_name.returncode == 1 and len(other_name.stderr.strip().splitlines()) == 1
        assert cramplog(url.replace("127.0.0.1", "localhost").replace("verify-full", "verify-ca")).returncode == 0
    finally:
        cluster.stop()
