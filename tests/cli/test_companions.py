"""Everyday companions through the real entry point: --json shapes, the prompt line, remind,
shell completion, encrypted backups and the automatic daily copy."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from cramplog.cli import main
from cramplog.cli import prompt as P
from cramplog.cli.route import prompt_args
from cramplog.domain.clock import FixedClock
from cramplog.shapes import VERSIONS
from cramplog.storage import backup as backups

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "schema" / "cli.schema.json").read_text())
EXPORT_SCHEMA = json.loads((ROOT / "schema" / "export.schema.json").read_text())
NOW = dt.datetime(2026, 11, 24, 13, 0, tzinfo=dt.timezone.utc)  # 14:00 in Berlin (conftest)


def validate(out: str, name: str) -> dict:
    document = json.loads(out)
    assert document["schema"] == f"cramplog.{name}/{VERSIONS[name]}"
    jsonschema.validate(document, {**SCHEMA["$defs"][name], "$defs": SCHEMA["$defs"]})
    return document


def run_cramplog(*args: str, env: dict[str, str] | None = None, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cramplog", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        input=stdin,
        timeout=120,
    )


# -- --json ---------------------------------------------------------------------------------------


def test_every_shape_is_defined_documented_and_versioned():
    docs = (ROOT / "docs" / "json.md").read_text()
    parts = {"red_flag"}  # a part two shapes share (`insights`, `today`), not a document
    assert set(VERSIONS) - {"export"} == set(SCHEMA["$defs"]) - parts  # the export file: schema/export.schema.json
    assert all(json.dumps(SCHEMA).count(f'"#/$defs/{part}"') >= 2 for part in parts)
    for name, version in VERSIONS.items():
        if name == "export":
            assert EXPORT_SCHEMA["properties"]["version"] == {"const": version}
            continue
        assert f"cramplog.{name}/{version}" in docs


def test_each_command_prints_json_that_validates_against_its_schema(cli):
    code, out, err = cli("run", "5", "--shoe", "Pegasus", "--json")
    assert code == 0, err
    saved = validate(out, "saved")
    assert saved["action"] == "logged" and saved["entry"]["distance_km"] == 5.0
    assert saved["new_shoe"]["name"] == "Pegasus"
    cramp = validate(cli("cramp", "calf", "-s", "6", "--at", "13:30", "--json")[1], "saved")
    validate(cli("drink", "500", "--json")[1], "saved")
    validate(cli("checkin", "--no-cramps", "--date", "yesterday", "--json")[1], "saved")
    validate(cli("checkin", "--sleep", "7", "--json")[1], "saved")  # today has a cramp: no "no cramps"
    assert validate(cli("checkin", "--hot-day", "--json")[1], "saved")["action"] == "updated"
    assert cramp["no_cramps_turned_off"] is None
    edited = validate(cli("edit", str(cramp["entry"]["id"]), "--severity", "7", "--json")[1], "saved")
    assert edited["entry"]["severity"] == 7 and edited["action"] == "updated"
    today = validate(cli("today", "--json")[1], "today")
    assert (today["beverages_ml"], today["cramps_today"], today["checked_in_today"]) == (500, 1, True)
    assert today["last_cramp"]["severity"] == 7
    shoes = validate(cli("shoe", "--json")[1], "shoes")
    assert [s["name"] for s in shoes["shoes"]] == ["Pegasus"] and shoes["shoes"][0]["km"] == 5.0
    assert "banana" in {f["key"] for f in validate(cli("food", "--list", "--json")[1], "foods")["foods"]}
    config = validate(cli("config", "list", "--json")[1], "config")
    assert {s["key"] for s in config["settings"]} >= {"targets.beverage_ml", "backups.encrypt"}
    where = validate(cli("where", "--json")[1], "where")
    assert where["journal"] == str(cli.db) and where["journal_exists"]
    trends = validate(cli("trends", "--weeks", "2", "--json")[1], "trends")
    assert len(trends["weeks"]) == 2 and trends["weeks"][-1]["cramps"] == 1
    assert validate(cli("remind", "--json")[1], "remind")["logged"] is True
    listed = validate(cli("list", "--json", "--kind", "cramp")[1], "list")
    assert [e["id"] for e in listed["entries"]] == [cramp["entry"]["id"]]
    assert validate(cli("delete", str(cramp["entry"]["id"]), "--json")[1], "deleted")["entry"]["kind"] == "cramp"
    backup = validate(cli("backup", "--json")[1], "backup")
    assert Path(backup["path"]).is_file() and backup["encrypted"] is False


def test_today_leads_with_an_active_red_flag_in_text_and_json(cli):
    """`today` (what a person checks, and what scripts read) said nothing while an EMERGENCY was
    active, as `insights` and the app show above everything: now each active flag's notice comes
    first (stderr, as when an entry fires it) and the JSON lists them (`red_flags`, [] when none)."""
    assert validate(cli("today", "--json")[1], "today")["red_flags"] == []
    cli("symptom", "chest_pain")
    code, out, err = cli("today")
    assert code == 0 and out.startswith("beverages ") and len(out.splitlines()) == 1
    assert err.startswith("EMERGENCY: Breathlessness, chest pain or coughing blood.")
    assert "emergency number" in err
    flags = validate(cli("today", "--json")[1], "today")["red_flags"]
    assert [(f["tier"], f["rule"]) for f in flags] == [("emergency", "pe_signs")]
    insights = validate(cli("insights", "--json")[1], "insights")
    assert flags == insights["red_flags"]  # one flag, said the same in each document


def test_a_json_flag_never_turns_bad_input_into_json(cli):
    code, out, err = cli("drink", "9999999", "--json")
    assert (code, out) == (2, "") and err.startswith("error:") and len(err.splitlines()) == 1


# -- today --prompt ---------------------------------------------------------------------------------

PROBE = """
import json, sys
from cramplog.cli import main
code = main(sys.argv[1:])
outside = sorted(m for m in {m.split('.')[0] for m in sys.modules} - set(sys.stdlib_module_names) - {'cramplog'}
                 if not m.startswith('_'))  # __main__, site's _distutils_hack, _sysconfigdata
print(json.dumps({"code": code, "outside": outside, "click": 'click' in sys.modules}), file=sys.stderr)
"""


def probe(db: Path, home: Path) -> tuple[str, dict]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, "--db", str(db), "today", "--prompt"],
        capture_output=True,
        text=True,
        env={"CRAMPLOG_HOME": str(home), "PATH": "/usr/bin:/bin", "TZ": "UTC"},
        timeout=60,
    )
    return done.stdout, json.loads(done.stderr.strip().splitlines()[-1])


def test_the_prompt_imports_only_the_standard_library_and_never_creates_a_journal(tmp_path):
    db = tmp_path / "journal.db"
    out, seen = probe(db, tmp_path / "home")
    assert (out, seen) == ("", {"code": 0, "outside": [], "click": False})
    assert not db.exists() and not (tmp_path / "home").exists()
    assert main(["--db", str(db), "drink", "300"]) == 0
    out, seen = probe(db, tmp_path / "home")
    assert out.startswith("fluid ") and seen == {"code": 0, "outside": [], "click": False}


def test_the_prompt_leaves_an_older_or_foreign_file_untouched_and_says_nothing(tmp_path, capsys):
    old = tmp_path / "old.db"
    conn = sqlite3.connect(old)
    conn.executescript(
        "CREATE TABLE entry (id INTEGER); CREATE TABLE alembic_version (version_num TEXT);"
        "INSERT INTO alembic_version VALUES ('0002');"
    )
    conn.close()
    before = old.read_bytes()
    for path in (old, tmp_path / "missing.db"):
        assert main(["--db", str(path), "today", "--prompt"]) == 0
        assert capsys.readouterr() == ("", "")
    assert old.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["old.db"]


def test_a_cramp_on_a_no_cramps_day_says_it_turned_the_check_in_off(cli):
    cli("checkin", "--no-cramps", "--date", "yesterday")
    code, out, err = cli("cramp", "calf", "-s", "5", "--at", "yesterday 22:00")
    assert code == 0 and out.startswith("logged cramp")
    assert err == f'the "no cramps" check-in for {NOW - dt.timedelta(days=1):%a %d %b} is turned off\n'
    assert cli("cramp", "calf", "-s", "5", "--at", "yesterday 22:30")[2] == ""  # already off
    code, out, err = cli("checkin", "--no-cramps", "--date", "yesterday")  # and it stays off
    assert (code, out) == (2, "") and err.startswith("error: ") and "has a cramp logged" in err
    cli("checkin", "--no-cramps")
    late = validate(cli("cramp", "foot", "-s", "4", "--at", "13:30", "--json")[1], "saved")
    assert late["no_cramps_turned_off"] == late["diary_day"] == f"{NOW:%Y-%m-%d}"


def test_the_prompt_line_follows_the_day_summary(cli, db_path):
    from cramplog.domain.settings import Settings
    from cramplog.domain.summary import summarise
    from cramplog.storage.repository import JournalRepository

    cli("checkin", "--no-cramps", "--date", "yesterday")
    assert P.prompt_line(str(db_path), NOW - dt.timedelta(days=1)) == "fluid 0% · 0 cramps"
    assert P.prompt_line(str(db_path), NOW) == P.NOTHING_YET  # nothing logged today yet
    cli("drink", "900", "--at", "09:00")
    cli("drink", "300", "--at", "03:00")  # before the 04:00 boundary: yesterday's diary day
    cli("stretch", "15", "--at", "10:00")
    cli("cramp", "calf", "-s", "5", "--at", "11:00")
    line = P.prompt_line(str(db_path), NOW)
    repo = JournalRepository.open(db_path)
    s = summarise(repo.entries(), dt.date(2026, 11, 24), Settings(), "Europe/Berlin")
    repo.close()
    assert line == f"fluid {s.beverage_fraction:.0%} · stretch {s.stretch_min_today}m · {s.cramps_today} cramp"
    assert line == "fluid 50% · stretch 15m · 1 cramp"
    assert P.prompt_line(str(db_path), NOW - dt.timedelta(days=1)) == "fluid 17% · 0 cramps"


def test_the_prompt_line_is_at_most_60_characters(cli, db_path):
    for _ in range(12):
        cli("drink", "5000", "--at", "09:00")
    cli("stretch", "600", "--at", "10:00")
    line = P.prompt_line(str(db_path), NOW)
    assert line == "fluid 999% · stretch 600m · 0 cramps" and len(line) <= P.MAX_WIDTH


def test_the_prompt_reads_the_config_as_settings_do(tmp_path, monkeypatch):
    """What the prompt reads of the config on the standard library (a target, the boundary, the
    zone) is what `domain.settings` reads; its files and the machine's zone are `paths`' and
    `zones`' own."""
    from cramplog.domain.settings import from_mapping
    from cramplog.domain.zones import local_zone_name

    config = tmp_path / "c.toml"
    monkeypatch.setenv("CRAMPLOG_CONFIG", str(config))
    for text in (
        '[targets]\nsex = "female"\n',
        '[targets]\nsex = "male"\nbeverage_ml = 2500\n[journal]\nday_boundary = "05:30"\ntimezone = "Asia/Tokyo"\n',
        "",
    ):
        config.write_text(text)
        import tomllib

        s = from_mapping(tomllib.loads(text))
        assert P.prompt_settings() == (s.beverage_ml, s.boundary, s.timezone or local_zone_name())


# -- remind -----------------------------------------------------------------------------------------


def test_remind_nudges_only_while_the_diary_day_is_unlogged(cli, db_path):
    assert cli("remind") == (0, P_NUDGE(), "")
    assert not db_path.exists()  # reminding never creates a journal
    cli("checkin", "--no-cramps", "--date", "yesterday")
    assert cli("remind")[1] == P_NUDGE()
    cli("checkin", "--no-cramps")
    assert cli("remind") == (0, "", "")


def P_NUDGE() -> str:
    from cramplog.cli.companions import NUDGE

    return NUDGE + "\n"


def test_remind_notify_uses_notify_send_when_present(cli, tmp_path, monkeypatch):
    calls = tmp_path / "calls"
    fake = tmp_path / "bin" / "notify-send"
    fake.parent.mkdir()
    fake.write_text(f'#!/bin/sh\nprintf "%s|" "$@" > {calls}\n')
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(fake.parent))
    code, out, err = cli("remind", "--notify")
    assert code == 0 and out == P_NUDGE() and err == ""
    assert "nothing logged today" in calls.read_text()
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    code, out, err = cli("remind", "--notify")
    assert code == 0 and out == P_NUDGE() and err.startswith("warning: notify-send is not installed")


def test_remind_install_writes_units_enables_nothing_and_says_how(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    code, out, err = cli("remind", "install", "--at", "21:30")
    assert code == 0, err
    folder = tmp_path / "xdg" / "systemd" / "user"
    service, timer = folder / "cramplog-remind.service", folder / "cramplog-remind.timer"
    assert out.splitlines() == [
        f"wrote {service}",
        f"wrote {timer}",
        "enable it with: systemctl --user enable --now cramplog-remind.timer",
    ]
    assert "OnCalendar=*-*-* 21:30:00" in timer.read_text()
    assert f"ExecStart={sys.executable} -m cramplog --db {cli.db} remind --notify" in service.read_text()
    assert oct(service.stat().st_mode & 0o777) == "0o600"
    assert not (folder / "timers.target.wants").exists()


def test_remind_install_cron_prints_a_line_and_writes_nothing(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    code, out, err = cli("remind", "install", "--cron", "--at", "7:05")
    assert code == 0 and out.startswith("5 7 * * * ") and out.rstrip().endswith("remind --notify")
    assert "crontab -" in err and not (tmp_path / "xdg").exists()
    code, out, err = cli("remind", "install", "--at", "25:00")
    assert (code, out) == (2, "") and err.startswith("error: --at") and len(err.splitlines()) == 1


# -- completion -------------------------------------------------------------------------------------


def complete(monkeypatch, capsys, line: str, db: Path) -> list[str]:
    words = line.split(" ")
    monkeypatch.setenv("_CRAMPLOG_COMPLETE", "bash_complete")
    monkeypatch.setenv("COMP_WORDS", line)
    monkeypatch.setenv("COMP_CWORD", str(len(words) - 1))
    capsys.readouterr()
    with pytest.raises(SystemExit):
        main(["--db", str(db)])
    return [item.split(",", 1)[1] for item in capsys.readouterr().out.splitlines() if item]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts(cli, shell):
    code, out, err = cli("completion", shell)
    assert code == 0 and "_CRAMPLOG_COMPLETE" in out


def test_completion_of_commands_options_words_and_shoes(cli, db_path, monkeypatch, capsys):
    assert complete(monkeypatch, capsys, "cramplog rem", db_path) == ["remind"]
    assert complete(monkeypatch, capsys, "cramplog cramp h", db_path) == ["hamstring"]
    assert not db_path.exists()  # completing never creates a journal
    assert "--severity" in complete(monkeypatch, capsys, "cramplog cramp calf --", db_path)
    assert complete(monkeypatch, capsys, "cramplog stretch 10 --muscles calf,ha", db_path) == ["calf,hamstring"]
    assert complete(monkeypatch, capsys, "cramplog list --kind ch", db_path) == ["checkin"]
    assert complete(monkeypatch, capsys, "cramplog config set backups.e", db_path) == ["backups.encrypt"]
    monkeypatch.delenv("_CRAMPLOG_COMPLETE")
    cli("shoe", "Pegasus 40")
    cli("shoe", "Kinvara")
    assert complete(monkeypatch, capsys, f"cramplog --db {db_path} run 5 --shoe peg", db_path) == ["'Pegasus 40'"]
    assert complete(monkeypatch, capsys, "cramplog run 5 --shoe peg", db_path) == []  # another journal


def test_a_shoe_completes_from_what_the_name_rule_takes_as_its_start(cli, db_path, monkeypatch, capsys):
    """Completion compared by `casefold` alone, while `--shoe` takes a name by `shoes.name_key`:
    full-width letters (Unicode's compatibility forms, UAX #15) found the shoe but never
    completed it."""
    cli("shoe", "Straße 2")
    assert complete(monkeypatch, capsys, f"cramplog --db {db_path} run 5 --shoe STRAS", db_path) == ["'Straße 2'"]
    assert complete(monkeypatch, capsys, f"cramplog --db {db_path} run 5 --shoe ｓｔｒａ", db_path) == ["'Straße 2'"]


# -- encrypted backups --------------------------------------------------------------------------------


def test_an_encrypted_backup_restores_with_its_passphrase_and_not_without(cli, db_path, tmp_path, monkeypatch):
    cli("drink", "250")
    monkeypatch.setenv("CRAMPLOG_PASSPHRASE", "correct horse")
    target = tmp_path / "copy.db.age"
    code, out, err = cli("backup", "--encrypt", "-o", str(target))
    assert code == 0, err
    assert target.read_bytes().startswith(b"age-encryption.org/v1\n") and b"SQLite" not in target.read_bytes()
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    cli("drink", "300")
    before = db_path.read_bytes()
    monkeypatch.setenv("CRAMPLOG_PASSPHRASE", "wrong")
    code, out, err = cli("restore", str(target), "--yes")
    assert (code, out) == (2, "") and err.startswith("error: cannot decrypt") and len(err.splitlines()) == 1
    assert db_path.read_bytes() == before and not list(tmp_path.glob(".restore-*"))
    monkeypatch.setenv("CRAMPLOG_PASSPHRASE", "correct horse")
    code, out, err = cli("restore", str(target), "--yes")
    assert code == 0, err
    assert [e["amount_ml"] for e in cli.entries()] == [250]
    assert not list(tmp_path.glob(".restore-*"))


def test_an_encrypted_backup_asks_at_a_terminal_and_refuses_without_one(tmp_path):
    db = tmp_path / "j.db"
    env = {"CRAMPLOG_HOME": str(tmp_path / "home")}
    assert run_cramplog("--db", str(db), "drink", "200", env=env).returncode == 0
    done = run_cramplog("--db", str(db), "backup", "--encrypt", env=env)
    assert done.returncode == 2 and done.stderr.startswith("error: a passphrase is needed")
    assert not list((tmp_path / "backups").glob("*.age"))


# -- automatic daily backups ----------------------------------------------------------------------------


def test_the_first_write_of_a_day_makes_the_daily_copy_keeping_7_daily_and_4_weekly(cli, db_path, monkeypatch):
    from cramplog.cli.context import AppContext

    folder = db_path.parent / "backups" / "daily"
    assert cli("drink", "99999")[0] == 2 and not folder.exists()  # a refused write makes no copy
    assert cli("list")[0] == 0 and not folder.exists()  # reading makes none
    cli("drink", "200")
    daily = folder / "journal-daily-2026-11-24.db"
    first = daily.stat()
    cli("drink", "300")
    assert daily.stat().st_mtime_ns == first.st_mtime_ns  # only the first write of the day
    assert oct(daily.stat().st_mode & 0o777) == "0o600" and oct(folder.stat().st_mode & 0o777) == "0o700"
    conn = sqlite3.connect(daily)
    assert conn.execute("SELECT count(*) FROM drink").fetchone()[0] == 1
    conn.close()
    for n in range(1, 40):
        clock = FixedClock(tz_name="Europe/Berlin", at=NOW + dt.timedelta(days=n))
        monkeypatch.setattr(AppContext, "clock", property(lambda self, c=clock: c))
        cli("drink", "100")
    names = sorted(p.name for p in folder.iterdir())
    assert [n for n in names if "daily" in n] == (
        [f"journal-daily-2026-12-{d}.db" for d in range(27, 32)]
        + ["journal-daily-2027-01-01.db", "journal-daily-2027-01-02.db"]
    )
    assert len([n for n in names if "daily" in n]) == backups.DAILY_KEEP
    assert [n for n in names if "weekly" in n] == [f"journal-weekly-2026-W{w}.db" for w in (50, 51, 52, 53)]


def test_an_automatic_backup_that_fails_is_one_warning_and_the_entry_is_kept(cli, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("in the way")
    assert cli("config", "set", "backups.folder", str(blocker / "sub"))[0] == 0
    code, out, err = cli("drink", "200")
    assert code == 0 and out.startswith("logged drink")
    assert err.startswith("warning: automatic backup failed") and len(err.splitlines()) == 1
    assert "Errno" not in err and f"failed: {blocker / 'sub'}: " in err  # words, not Python's repr
    assert len(cli.entries()) == 1


def test_automatic_copies_can_be_encrypted_into_a_folder_of_their_own(tmp_path):
    home, sync, db = tmp_path / "home", tmp_path / "sync", tmp_path / "j.db"
    env = {"CRAMPLOG_HOME": str(home)}
    run_cramplog("config", "set", "backups.encrypt", "on", env=env)
    run_cramplog("config", "set", "backups.folder", str(sync), env=env)
    done = run_cramplog("--db", str(db), "drink", "200", env=env)
    assert done.returncode == 0 and "CRAMPLOG_PASSPHRASE is not set" in done.stderr and not sync.exists()
    done = run_cramplog("--db", str(db), "drink", "300", env={**env, "CRAMPLOG_PASSPHRASE": "pw"})
    assert done.returncode == 0 and done.stderr == ""  # the child has finished: it held stderr open
    copies = sorted(p.name for p in sync.iterdir())
    assert len(copies) == 2 and all(name.endswith(".db.age") for name in copies)
    assert all(p.read_bytes().startswith(b"age-encryption.org/v1\n") for p in sync.iterdir())
    daily = next(p for p in sync.iterdir() if "daily" in p.name)
    restored = run_cramplog(
        "--db", str(tmp_path / "new.db"), "restore", str(daily), "--yes", env={**env, "CRAMPLOG_PASSPHRASE": "pw"}
    )
    assert restored.returncode == 0, restored.stderr


def test_the_prompt_fast_path_takes_only_its_exact_form():
    assert prompt_args(["today", "--prompt"]) is None
    assert prompt_args(["--db", "j.db", "today", "--prompt"]) == "j.db"
    assert prompt_args(["--db=j.db", "today", "--prompt"]) == "j.db"
    for other in (["today"], ["today", "--prompt", "--json"], ["--debug", "today", "--prompt"], ["--db"]):
        assert prompt_args(other) is False


def test_the_prompt_through_click_says_the_same(db_path):
    assert run_cramplog("--db", str(db_path), "drink", "900").returncode == 0  # now, on the real clock
    fast = subprocess.run(
        [sys.executable, "-m", "cramplog", "--db", str(db_path), "today", "--prompt"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    slow = subprocess.run(
        [sys.executable, "-m", "cramplog", "--debug", "--db", str(db_path), "today", "--prompt"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert fast.stdout == slow.stdout and fast.stdout.startswith("fluid ")


def test_the_prompt_remind_and_completion_make_no_file_beside_the_journal(cli, db_path, monkeypatch, capsys):
    """docs/prompt.md and docs/reminders.md: they read the journal and never write; a read-only
    SQLite connection to a WAL journal at rest would leave a -wal and a -shm behind."""
    assert cli("shoe", "Pegasus 40")[0] == 0
    before = sorted(p.name for p in db_path.parent.iterdir())
    assert f"{db_path.name}-wal" not in before and f"{db_path.name}-shm" not in before
    for args in (("today", "--prompt"), ("remind",), ("remind", "--json")):
        assert main(["--db", str(db_path), *args]) == 0
    assert complete(monkeypatch, capsys, f"cramplog --db {db_path} run 5 --shoe Peg", db_path) == ["'Pegasus 40'"]
    assert sorted(p.name for p in db_path.parent.iterdir()) == before


@pytest.mark.skipif(not Path("/bin/bash").exists(), reason="needs bash")
def test_bash_completes_a_shoe_name_with_a_space_as_one_argument(cli, db_path, tmp_path):
    """In bash itself, with the script `cramplog completion bash` prints: the completed line
    must pass the name as one argument (`--shoe Pegasus 40` was "unexpected extra argument")."""
    assert cli("shoe", "Pegasus 40")[0] == 0
    assert cli("shoe", 'Rock & Roll\'s "best"')[0] == 0
    script = cli("completion", "bash")[1]
    venv_bin = Path(sys.executable).parent
    probe = (
        script + "\n"
        f'COMP_WORDS=(cramplog --db {db_path} run 5 --shoe "$1"); COMP_CWORD=6\n'
        "_cramplog_completion cramplog\n"
        f'eval "set -- cramplog --db {db_path} run 5 --shoe ${{COMPREPLY[0]}}"\n'
        'printf \'%s\\n\' "$#" "$7"\n'
    )
    env = {**os.environ, "PATH": f"{venv_bin}:{os.environ.get('PATH', '/usr/bin:/bin')}"}
    for typed, name in (("Peg", "Pegasus 40"), ("rock", 'Rock & Roll\'s "best"')):
        done = subprocess.run(
            ["/bin/bash", "-c", probe, "bash", typed], capture_output=True, text=True, env=env, timeout=60
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.splitlines() == ["7", name], done.stdout


def test_import_and_insights_json_validate_against_their_shapes(cli, tmp_path):
    """Both were printed without a shape in schema/cli.schema.json; insights' is written from
    docs/insights-json.md, so a journal with a red flag, shoes and a medicine exercises it."""
    export = tmp_path / "in.json"
    export.write_text(
        json.dumps(
            [
                {"kind": "checkin", "day": "2026-11-20", "tz": "Europe/Berlin", "no_cramps": True, "uid": "u-1"},
                {
                    "kind": "cramp",
                    "at": "2026-11-20T23:00:00+01:00",
                    "tz": "Europe/Berlin",
                    "muscle": "calf",
                    "severity": 6,
                    "uid": "u-2",
                },
                {
                    "kind": "drink",
                    "at": "2026-11-21T10:00:00+01:00",
                    "tz": "Europe/Berlin",
                    "amount_ml": 300,
                    "uid": "u-3",
                },
            ]
        )
    )
    dry = validate(cli("import", str(export), "--dry-run", "--json")[1], "import")
    assert dry["dry_run"] is True and dry["imported"] == {"checkin": 1, "cramp": 1, "drink": 1}
    done = validate(cli("import", str(export), "--json")[1], "import")
    assert done["no_cramps_turned_off"] == ["2026-11-20"]
    assert validate(cli("import", str(export), "--json")[1], "import")["already_there"] == 3
    for args in (
        ("run", "8", "--shoe", "Pegasus 40", "--at", "yesterday 08:00"),
        ("med", "atorvastatin", "--class", "statin", "--start", "2026-10-01"),
        ("symptom", "swelling_one_leg", "--side", "left"),
        ("symptom", "warm_red_calf", "--side", "left"),
    ):
        assert cli(*args)[0] == 0
    insights = validate(cli("insights", "--json")[1], "insights")
    assert insights["red_flags"] and insights["shoes"][0]["name"] == "Pegasus 40"
    assert {f["kind"] for f in insights["findings"]} == {"case_crossover", "before_after"}
    assert validate(cli("insights", "--json", "--context", "night")[1], "insights")["period"]["context"] == "night"
