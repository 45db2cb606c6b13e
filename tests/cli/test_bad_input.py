"""Bad input: one `error:` line on stderr, exit code 2, no traceback, journal unchanged."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BAD = [
    pytest.param(("cramp", "calf", "-s", "11"), "severity", id="severity-11"),
    pytest.param(("cramp", "calf", "-s", "0"), "severity", id="severity-0"),
    pytest.param(("cramp", "calf", "-s", "seven"), "severity", id="severity-word"),
    pytest.param(("drink", "--", "-500"), "positive", id="negative-amount"),
    pytest.param(("drink", "0"), "positive", id="zero-amount"),
    pytest.param(("drink", "12 gallons"), "unit", id="unknown-unit"),
    pytest.param(("cramp", "elbow", "-s", "5"), "muscle", id="unknown-muscle"),
    pytest.param(("stretch", "10", "--muscles", "calf,ear"), "muscle", id="unknown-stretch-muscle"),
    pytest.param(("cramp", "calf", "-s", "5", "--at", "23:59"), "future", id="future-time"),
    pytest.param(("cramp", "calf", "-s", "5", "--at", "tomorrow 10:00"), "cannot read time", id="tomorrow"),
    pytest.param(("cramp", "calf", "-s", "5", "--at", "2026-11-31T10:00"), "cannot read time", id="malformed-iso"),
    pytest.param(("checkin", "--no-cramps", "--date", "2026-13-01"), "cannot read date", id="malformed-date"),
    pytest.param(("checkin", "--no-cramps", "--date", "2027-01-01"), "future", id="future-date"),
    pytest.param(("edit", "999", "--severity", "5"), "no entry with ID 999", id="unknown-id-edit"),
    pytest.param(("delete", "999"), "no entry with ID 999", id="unknown-id-delete"),
    pytest.param(("delete", "abc"), "ID must be a number", id="non-numeric-id"),
    pytest.param(("edit", "1", "--severity", "12"), "severity", id="edit-out-of-range"),
    pytest.param(("edit", "1", "--amount", "500"), "no option --amount", id="edit-wrong-field"),
    pytest.param(("run", "5", "--shoe", "#999"), "no shoe with ID", id="unknown-shoe-id"),
    pytest.param(("run", "5", "--time", "31:75"), "duration", id="bad-duration"),
    pytest.param(("run", "5", "--effort", "11"), "effort", id="effort-11"),
    pytest.param(("symptom", "itchy"), "symptom", id="unknown-symptom"),
    pytest.param(("cramp", "calf", "-s", "5", "--bogus"), "no such option", id="unknown-option"),
    pytest.param(("cramp",), "missing", id="missing-argument"),
    pytest.param(("list", "--kind", "nap"), "unknown kind", id="unknown-kind"),
    pytest.param(("food", "unobtainium"), "unknown food", id="unknown-food"),
    pytest.param(("import", "/nonexistent/file.json"), "cannot read", id="import-missing-file"),
    pytest.param(("restore", "/nonexistent/file.db", "--yes"), "no such file", id="restore-missing-file"),
    # A command word where a name goes: these added a shoe called "list" and a medicine called "add".
    pytest.param(("shoe", "list"), "cramplog shoe lists your shoes", id="shoe-list"),
    pytest.param(("shoe", "Add"), "command word", id="shoe-add"),
    pytest.param(("med", "add"), "cramplog list --kind med", id="med-add"),
    pytest.param(("med", "ls"), "command word", id="med-ls"),
    pytest.param(("edit", "2", "--name", "list"), "command word", id="rename-shoe-list"),
    # `med NAME --stop DATE` reads as "it stopped" but logs a new medicine from today: say how.
    pytest.param(("med", "furosemide", "--stop", "2026-11-20"), "cramplog edit ID --stop DATE", id="med-stop"),
]


@pytest.mark.parametrize(("args", "reason"), BAD)
def test_bad_input_is_refused_cleanly(cli, args, reason):
    cli("cramp", "calf", "-s", "6")  # entry #1, so edits of ID 1 reach validation
    cli("shoe", "Pegasus")
    before = cli.entries()
    code, out, err = cli(*args)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error:")
    assert reason.lower() in lines[0].lower()
    assert "Traceback" not in err and out == ""
    assert cli.entries() == before


def test_bad_input_on_a_new_journal_creates_no_file(cli):
    code, _, _ = cli("cramp", "calf", "-s", "11")
    assert code == 2
    assert not cli.db.exists()


def test_a_real_process_prints_no_traceback(tmp_path):
    """The installed entry point, as a person runs it."""
    result = subprocess.run(
        [sys.executable, "-m", "cramplog", "--db", str(tmp_path / "j.db"), "cramp", "calf", "-s", "11"],
        capture_output=True,
        text=True,
        env={"CRAMPLOG_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 2
    assert result.stderr == "error: severity must be between 1 and 10, got 11\n"
    assert result.stdout == ""


def test_a_corrupt_journal_is_an_error_not_a_traceback(cli):
    cli.db.write_bytes(b"this is not a database" * 100)
    code, out, err = cli("drink", "250")
    assert code == 2
    assert err.startswith("error: ") and "is not a cramplog journal" in err and "Traceback" not in err
    assert cli.db.read_bytes() == b"this is not a database" * 100


@pytest.mark.parametrize("typed", ["äro", "ÄRO", "  äro ", "pegasus 40"])
def test_renaming_a_shoe_goes_through_the_shoe_name_rule(cli, typed):
    """`edit ID --name` is held to the rule a new shoe is: unique ignoring case in any script
    (SQLite's lower() folds ASCII only, so its index alone let "Äro" and "äro" both in)."""
    cli("shoe", "Äro")
    cli("shoe", "Pegasus 40")
    cli("shoe", "Zed")
    before = cli.entries()
    zed = next(e["id"] for e in before if e.get("name") == "Zed")
    code, out, err = cli("edit", str(zed), "--name", typed)
    assert (code, out) == (2, "") and err.startswith("error: a shoe called ") and "already exists" in err
    assert cli.entries() == before
    assert cli("edit", str(zed), "--name", "ZED")[0] == 0  # its own name, in other case, is its own


@pytest.mark.parametrize(("kind", "name"), [("shoe", "List Runner 2"), ("med", "Listerine"), ("shoe", "Adda")])
def test_a_name_that_only_contains_a_command_word_is_a_name(cli, kind, name):
    code, _, err = cli(kind, name)
    assert code == 0, err
    [entry] = cli.entries()
    assert entry["name"] == name


def test_ctrl_c_at_a_question_is_one_line_of_its_own_and_the_shells_130(tmp_path):
    """`restore` asks "Replace ...? [y/N]:" on a terminal; Ctrl+C there printed "error: aborted"
    after the prompt on the same line and exited 1, as if something had failed."""
    import os
    import pty
    import select
    import signal
    import time

    db, copy = tmp_path / "j.db", tmp_path / "copy.db"
    env = {**os.environ, "HOME": str(tmp_path)}
    assert subprocess.run([sys.executable, "-m", "cramplog", "--db", str(db), "drink", "250"], env=env).returncode == 0
    assert (
        subprocess.run(
            [sys.executable, "-m", "cramplog", "--db", str(db), "backup", "-o", str(copy)], env=env
        ).returncode
        == 0
    )
    master, slave = pty.openpty()  # a terminal to ask at (`restore` asks nothing without one)
    process = subprocess.Popen(
        [sys.executable, "-m", "cramplog", "--db", str(db), "restore", str(copy)],
        stdin=slave,
        stdout=slave,
        stderr=subprocess.PIPE,
        env=env,
        # Ctrl+C as a shell delivers it: a test runner's worker may ignore SIGINT, and a child
        # inherits that (Python then never raises KeyboardInterrupt).
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    os.close(slave)
    assert process.stderr is not None
    asked, deadline = b"", time.monotonic() + 30
    while b"[y/N]" not in asked and time.monotonic() < deadline:  # the question is on stderr
        if select.select([process.stderr], [], [], 0.5)[0]:
            asked += os.read(process.stderr.fileno(), 1024)
    assert b"[y/N]" in asked
    wchan = Path(f"/proc/{process.pid}/wchan")  # Ctrl+C once the question waits on the terminal,
    while wchan.exists() and wchan.read_text() != "wait_woken" and time.monotonic() < deadline:
        time.sleep(0.05)  # as a person presses it (the prompt is written just before the read)
    process.send_signal(signal.SIGINT)
    _, rest = process.communicate(timeout=30)
    err = (asked + rest).decode()
    assert process.returncode == 130
    assert err.splitlines()[-1] == "error: aborted" and "Traceback" not in err
    assert db.exists() and copy.exists()  # nothing replaced
    os.close(master)


def test_stopping_a_medicine_logged_already_points_to_edit_whatever_the_date(cli):
    """`med atorvastatin --stop today` with atorvastatin logged logged a second atorvastatin,
    started and stopped today, which insights then read as a new start."""
    cli("med", "Atorvastatin", "--class", "statin", "--start", "2026-11-01")
    code, out, err = cli("med", "atorvastatin", "--stop", "today")
    assert (code, out) == (2, "") and "cramplog edit 1 --stop DATE" in err
    assert len(cli.entries()) == 1
    assert cli("med", "ibuprofen", "--stop", "today")[0] == 0  # none logged: started and stopped today
