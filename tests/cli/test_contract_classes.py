"""Whole classes of input off contract, each drawn from what docs/logging.md promises.

The contract (docs/logging.md, "Exit codes"): bad input exits 2 with one `error:` line and
nothing written. Each class here is infinite, so each is a property: integers of any length,
every tzdata folder name, any bytes that are not UTF-8, every daylight-saving gap of every
zone, any repetition of `--kind`, digits of every script. The times people say that the docs
list are accepted and mean what they say.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import zoneinfo
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cramplog.cli.context import AppContext
from cramplog.domain import entries as E

from .contract import HYPOTHESIS, Journal, fresh

ZONES = sorted(zoneinfo.available_timezones())
FOLDERS = sorted({name.rsplit("/", 1)[0] for name in ZONES if "/" in name})
"""tzdata's folders (`Europe`, `America/Argentina`): names ZoneInfo opens as a directory."""

MACHINE_CLOCK = AppContext.__dict__["clock"]
"""The context's own clock (the machine's zone), before the fixtures fix it."""

HUGE = st.integers(min_value=31, max_value=6000).map(lambda n: "9" * n)
"""Integers longer than any bound or ID: from 31 digits to past Python's 4,300-digit limit."""


@HYPOTHESIS
@given(
    digits=HUGE,
    command=st.sampled_from(
        [
            ("delete", "{}"),
            ("edit", "{}", "--note", "x"),
            ("edit", "#{}", "--note", "x"),
            ("cramp", "calf", "-s", "{}"),
            ("list", "-n", "{}"),
            ("checkin", "--date", "{} days ago"),
            ("cramp", "calf", "-s", "5", "--at", "{} min ago"),
            ("trends", "--weeks", "{}"),
            ("run", "5", "--shoe", "#{}"),
            ("injury", "knee", "--severity", "{}"),
            ("config", "set", "targets.beverage_ml", "{}"),
            ("edit", "1", "--severity", "-{}"),
        ]
    ),
)
def test_integers_of_any_length_are_refused_in_one_line(journal, template: Path, digits: str, command):
    fresh(template).refuses(*(part.replace("{}", digits) for part in command))


IMPORTS = [
    '[{{"kind": "drink", "at": "2026-11-20T10:00:00+01:00", "tz": "UTC", "amount_ml": {}}}]',
    '[{{"kind": "cramp", "at": "2026-11-20T10:00:00+01:00", "tz": "UTC", "muscle": "calf", "severity": -{}}}]',
    '[{{"kind": "checkin", "day": "2026-11-20", "tz": "UTC", "soreness": {}}}]',
    '{{"format": "cramplog-export", "version": {}, "entries": []}}',
]


@HYPOTHESIS
@given(digits=HUGE, text=st.sampled_from(IMPORTS))
def test_integers_of_any_length_in_an_import_are_refused(journal, template: Path, tmp_path_factory, digits, text):
    path = tmp_path_factory.mktemp("huge") / "in.json"
    path.write_text(text.format(digits))
    fresh(template).refuses("import", str(path))


@HYPOTHESIS
@given(
    name=st.one_of(
        st.sampled_from(FOLDERS),
        st.text("ABCxyz/_-", min_size=256, max_size=400).map(lambda t: "Z" + t),
        st.sampled_from(["../../etc/passwd", "/etc/localtime", "Europe/", "Europe//Berlin", "."]),
    )
)
def test_a_zone_that_is_a_folder_or_no_zone_is_refused_and_never_breaks_a_command(
    journal, template: Path, tmp_path_factory, monkeypatch, name: str
):
    j = fresh(template)
    j.refuses("config", "set", "journal.timezone", name, reason="time zone")
    record = {"kind": "drink", "at": "2026-11-20T10:00:00+01:00", "tz": name, "amount_ml": 300}
    path = tmp_path_factory.mktemp("zone") / "in.json"
    path.write_text(json.dumps([record]))
    j.refuses("import", str(path), reason="time zone")
    with pytest.MonkeyPatch.context() as mp:  # TZ names the machine's zone: a folder is no zone at all
        mp.setenv("TZ", name)
        mp.setattr(AppContext, "clock", MACHINE_CLOCK)
        for args in (("list",), ("drink", "100"), ("today",), ("insights",)):
            code, _, err = j(*args)
            assert code == 0, (name, args, err)


def test_a_zone_no_longer_known_in_a_journal_in_use_reads_as_utc_never_a_traceback(journal):
    """A journal already in use, whose zone this machine's tzdata lacks (or another tool wrote):
    read as UTC. (A file named with --db for the first time is checked whole instead.)"""
    import sqlite3

    assert journal("list")[0] == 0  # in use: checked whole once
    conn = sqlite3.connect(journal.db)
    with conn:
        conn.execute("UPDATE entry SET tz = 'Europe' WHERE id = 1")
    conn.close()
    for args in (("list",), ("today",), ("insights",), ("trends",), ("export",)):
        code, _, err = journal(*args)
        assert code == 0, (args, err)


NOT_UTF8 = st.binary(min_size=1, max_size=12).filter(lambda b: not _utf8(b)).map(os.fsdecode)


def _utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@HYPOTHESIS
@given(
    text=NOT_UTF8,
    prefix=st.sampled_from(
        [
            ("cramp", "calf", "-s", "5", "--note"),
            ("cramp", "calf", "-s", "5", "--relief"),
            ("shoe",),
            ("med",),
            ("med", "x", "--dose"),
            ("food", "--text"),
            ("edit", "1", "--note"),
            ("edit", "2", "--name"),
            ("run", "5", "--shoe"),
        ]
    ),
)
def test_bytes_that_are_not_utf8_are_refused_in_free_text_and_names(journal, template: Path, text: str, prefix):
    fresh(template).refuses(*prefix, f"a{text}b")


@pytest.mark.parametrize("surrogate", ["\\ud800", "\\udfff", "x\\udcffy"])
def test_a_lone_surrogate_in_an_imported_note_is_refused(journal: Journal, tmp_path: Path, surrogate: str):
    path = tmp_path / "in.json"
    path.write_text(
        '[{"kind": "drink", "at": "2026-11-20T10:00:00+01:00", "tz": "UTC", "amount_ml": 300, '
        f'"note": "{surrogate}"}}]'
    )
    journal.refuses("import", str(path), reason="note")


def _gaps(zone: zoneinfo.ZoneInfo, year: int) -> list[dt.datetime]:
    """Wall-clock times of `year` that `zone` skipped (found by walking its UTC offsets)."""
    found = []
    at = dt.datetime(year, 1, 1, tzinfo=dt.timezone.utc)
    while at.year == year:
        step = at + dt.timedelta(minutes=30)
        before, after = at.astimezone(zone).utcoffset(), step.astimezone(zone).utcoffset()
        if before is not None and after is not None and after > before:  # clocks went forward
            wall = (step.astimezone(zone) - (after - before)).replace(tzinfo=None)
            found.append(wall + (after - before) / 2)
        at = step
    return found


GAP_ZONES = [
    z
    for z in (
        "Europe/Berlin",
        "America/New_York",
        "Australia/Lord_Howe",
        "America/Santiago",
        "Asia/Gaza",
        "Pacific/Apia",
        "Europe/London",
        "America/Havana",
    )
]


@settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    name=st.sampled_from(GAP_ZONES),
    year=st.integers(1990, 2025),
    index=st.integers(0, 3),
    form=st.sampled_from(["{d} {t}", "{d}T{t}", "{d} {t}:00"]),
)
def test_a_time_the_clocks_skipped_is_refused_not_moved(journal, template: Path, monkeypatch, name, year, index, form):
    from cramplog.cli.context import AppContext
    from cramplog.domain.clock import FixedClock

    zone = zoneinfo.ZoneInfo(name)
    gaps = _gaps(zone, year)
    if not gaps:
        return
    wall = gaps[index % len(gaps)]
    clock = FixedClock(tz_name=name, at=dt.datetime(2026, 11, 24, 13, tzinfo=dt.timezone.utc))
    monkeypatch.setattr(AppContext, "clock", property(lambda self: clock))
    text = form.format(d=f"{wall:%Y-%m-%d}", t=f"{wall:%H:%M}")
    fresh(template).refuses("drink", "100", "--at", text, reason="did not happen")


@pytest.mark.parametrize(
    ("typed", "same_as"),
    [
        ("20261120", "2026-11-20"),
        ("2026-11-20 7:15", "2026-11-20 07:15"),
        ("2026-11-20 7:15pm", "2026-11-20 19:15"),
        ("2026-11-20 9pm", "2026-11-20 21:00"),
        ("7:15am", "2026-11-24 07:15"),
        ("saturday 22:00", "2026-11-21 22:00"),
        ("sat 10pm", "2026-11-21 22:00"),
        ("tuesday 09:00", "2026-11-24 09:00"),
        ("tuesday 15:00", "2026-11-17 15:00"),
        ("monday", "2026-11-23 12:00"),
        ("20261120T2230", "2026-11-20 22:30"),
    ],
)
def test_times_people_say_are_read_as_their_plain_form(journal: Journal, typed: str, same_as: str):
    journal.accepts("drink", "111", "--at", typed)
    journal.accepts("drink", "222", "--at", same_as)
    listed = json.loads(journal("list", "--json", "--kind", "drink")[1])["entries"]
    drinks = [e for e in listed if e["amount_ml"] in (111, 222)]
    assert drinks[0]["at"] == drinks[1]["at"], drinks


@HYPOTHESIS
@given(st.lists(st.sampled_from(list(E.KINDS)), min_size=2, max_size=8))
def test_a_kind_named_twice_lists_as_once(journal, template: Path, kinds):
    j = fresh(template)
    args = [a for k in kinds for a in ("--kind", k)]
    code, out, err = j("list", "--json", *args)
    assert code == 0, err
    once = j("list", "--json", *[a for k in dict.fromkeys(kinds) for a in ("--kind", k)])[1]
    assert json.loads(out) == json.loads(once)


NON_ASCII_DIGITS = st.characters(categories=["Nd", "No"]).filter(lambda c: not c.isascii())


@HYPOTHESIS
@given(
    digits=st.text(NON_ASCII_DIGITS, min_size=1, max_size=3),
    form=st.sampled_from(
        [
            ("trends", "--weeks", "{}"),
            ("config", "set", "journal.day_boundary", "{}:00"),
            ("config", "set", "journal.day_boundary", "04:{}"),
            ("config", "set", "targets.beverage_ml", "{}"),
            ("trends", "--weeks", "1_{}"),
        ]
    ),
)
def test_digits_of_other_scripts_and_underscores_are_refused_everywhere(journal, template: Path, digits, form):
    fresh(template).refuses(*(p.replace("{}", digits) for p in form))


@pytest.mark.parametrize(
    "args",
    [
        ("trends", "--weeks", "1_2"),
        ("config", "set", "journal.day_boundary", "0_4:00"),
        ("trends", "--weeks", "12.0"),
        ("config", "set", "journal.day_boundary", "4"),
    ],
)
def test_underscored_and_odd_numbers_are_refused(journal: Journal, args):
    journal.refuses(*args)


@pytest.mark.parametrize(
    "option",
    [("--retired", "today"), ("--first-used", "2026-01-01"), ("--life", "500"), ("--start", "10"), ("--note", "x")],
)
def test_a_shoe_option_without_a_name_is_refused_not_ignored(journal: Journal, option):
    journal.refuses("shoe", *option, reason="name")


@pytest.mark.parametrize("version", ["true", "false", "1.0", '"1"', "null", "[1]"])
def test_an_export_whose_version_is_not_a_whole_number_is_refused(journal: Journal, tmp_path: Path, version):
    path = tmp_path / "in.json"
    path.write_text(f'{{"format": "cramplog-export", "version": {version}, "entries": []}}')
    journal.refuses("import", str(path), reason="version")


def test_a_deeply_nested_config_file_is_one_line(journal: Journal):
    from cramplog.paths import config_file

    path = Path(config_file())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("x = " + "[" * 100_000 + "]" * 100_000 + "\n")
    code, out, err = journal("drink", "100")
    assert code == 2 and err.startswith("error: config file") and len(err.splitlines()) == 1
    path.write_text("[targets]\nbeverage_ml = " + "9" * 5000 + "\n")
    code, out, err = journal("drink", "100")
    assert code == 2 and err.startswith("error: config file") and len(err.splitlines()) == 1


def test_a_file_name_with_escapes_is_written_and_named_without_them(journal: Journal, tmp_path: Path, monkeypatch):
    """Found by the hostile corpus: `export -o NAME` echoed the name raw ("wrote ...")."""
    monkeypatch.chdir(tmp_path)
    name = "\x1b]0;pwned\x07\x1b[2Jx.json"
    for args in (("export", "-o", name), ("backup", "-o", name + ".db"), ("report", "-o", name + ".md")):
        code, out, err = journal(*args)
        assert code == 0, err
        assert not any(ch in out + err for ch in "\x1b\x07\x9b"), args
    assert (tmp_path / name).is_file()


@pytest.mark.parametrize("old_id", ["[]", "1.5", "true", '"3"', "1" + "0" * 40])
def test_an_imported_record_whose_id_is_no_number_is_refused(journal: Journal, tmp_path: Path, old_id: str):
    """Found by the hostile corpus: a shoe whose export `id` was a list crashed the import."""
    path = tmp_path / "in.json"
    path.write_text(f'[{{"kind": "shoe", "first_used": "2026-01-01", "tz": "UTC", "name": "Kinvara", "id": {old_id}}}]')
    journal.refuses("import", str(path), reason="id")


ODD_PATHS = [
    ("file:x.db", 2),
    ("./file:x.db", 0),
    ("a" * 300 + ".db", 2),
    ("~nosuchuser/j.db", 2),
    (" ", 2),
    (os.fsdecode(b"\xff\xfe.db"), 0),
    ("new\nline.db", 0),
    ("a?b#c%d.db", 0),
    ("-", 0),
    ("sub/../j.db", 0),
    ("/".join(["d"] * 2100) + "/j.db", 2),
    ("/dev/null", 2),
    ("/proc/self/status", 2),
    (".", 2),
]


@pytest.mark.parametrize(("name", "expected"), ODD_PATHS, ids=[repr(n)[:30] for n, _ in ODD_PATHS])
def test_an_odd_journal_path_is_used_exactly_or_refused_in_one_line(
    tmp_path: Path, monkeypatch, name: str, expected: int
):
    """`--db` takes a file's name as the file system does, or refuses it (exit 2): never exit 1,
    never a file other than the one named (SQLite read `file:x.db` as a URI and opened x.db)."""
    from .contract import run_main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    code, out, err = run_main(name, "drink", "250")  # type: ignore[arg-type]  # as typed, not a Path
    assert code == expected, err
    if code == 2:
        assert err.startswith("error: ") and err.count("\n") == 1
        return
    assert run_main(name, "list", "--json")[0] == 0  # type: ignore[arg-type]
    made = sorted(p.name for p in tmp_path.iterdir() if p.is_file())
    assert made == [os.path.basename(name)], made


def test_a_journal_named_as_pathlib_would_tidy_it_is_the_same_journal(tmp_path: Path, monkeypatch):
    """Names are text now (`paths.tidy`): `j.db/`, `./j.db` and `sub/../j.db` name the journal
    `j.db` did, as they did when they were Paths (`j.db/` was "folder j.db does not exist")."""
    from .contract import run_main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    assert run_main("j.db", "drink", "250")[0] == 0  # type: ignore[arg-type]
    for name in ("j.db/", "./j.db", ".//j.db//", "sub/../j.db"):
        code, out, err = run_main(name, "list", "--json")  # type: ignore[arg-type]
        assert code == 0 and len(json.loads(out)["entries"]) == 1, (name, err)
    code, out, _ = run_main("j.db/", "where", "--json")  # type: ignore[arg-type]
    where = json.loads(out)
    assert (where["journal"], where["data"], where["backups"], where["journal_exists"]) == (
        "j.db",
        ".",
        "backups",
        True,
    )


def test_a_config_file_named_with_a_trailing_slash_is_read_where_it_was_written(tmp_path: Path, monkeypatch):
    """`CRAMPLOG_CONFIG=c.toml/`: `config set` wrote c.toml, then every command read `c.toml/`
    ("Not a directory") and failed."""
    from .contract import run_main

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CRAMPLOG_CONFIG", "c.toml/")
    assert run_main("j.db", "config", "set", "targets.beverage_ml", "2000")[0] == 0  # type: ignore[arg-type]
    assert run_main("j.db", "config", "get", "targets.beverage_ml")[1].strip() == "2000"  # type: ignore[arg-type]
    assert run_main("j.db", "drink", "250")[0] == 0  # type: ignore[arg-type]


def test_a_data_folder_through_a_folder_not_made_yet_is_made(tmp_path: Path, monkeypatch):
    """`XDG_DATA_HOME=~/new/../data`: `new` is made first, as the file system resolves `new/..`
    (folders were looked for after collapsing `new/..`, so `new` never was)."""
    monkeypatch.delenv("CRAMPLOG_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "new" / ".." / "data"))
    import contextlib
    import io

    from cramplog.cli import main

    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = main(["drink", "250"])
    assert code == 0, err.getvalue()
    assert (tmp_path / "data" / "cramplog" / "journal.db").is_file() and (tmp_path / "new").is_dir()


@pytest.mark.parametrize("name", ["9" * 6000, "a" * 256 + ".json", "sub/" + "b" * 300, "{file}/x.json", " "])
@pytest.mark.parametrize("command", [("export", "-o"), ("report", "-o"), ("backup", "-o"), ("import",)])
def test_a_file_name_no_file_system_takes_is_refused_in_one_line(
    journal: Journal, tmp_path: Path, monkeypatch, name: str, command
):
    """Found by the hostile corpus: `report -o` a 6,000-digit name was "unexpected OSError"."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a-file").write_text("x")
    journal.refuses(*command, name.replace("{file}", str(tmp_path / "a-file")))
