"""`remind install` writes paths that systemd and cron read back exactly, whatever they hold.

The readers here are written from the manuals, not from cramplog's code:
- systemd: specifiers first (systemd.unit(5), "Specifiers": `%%` is `%`, `%h` the home folder),
  then words split at blanks with "..." quoting and C escapes (systemd.syntax(7), "Quoting"),
  then `$$` is `$` and `$NAME`/`${NAME}` the environment (systemd.service(5), "Command lines");
- cron: `%` ends the command unless written `\\%` (crontab(5)), and the rest is /bin/sh's, so
  the line is run by the real /bin/sh with a stand-in for Python that prints what it was given.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import string
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cramplog.domain.reminder import REMINDER_UNIT as UNIT

NAME_CHARS = string.ascii_letters + string.digits + " %$\\\"'`;&|*?~#!(){}[]<>\n\t=,:@" + "éß日"
NAMES = st.one_of(
    st.text(NAME_CHARS, min_size=1, max_size=20),
    st.binary(min_size=1, max_size=8).filter(lambda b: b"/" not in b and b"\0" not in b).map(os.fsdecode),
).filter(lambda n: n not in (".", "..") and not n.endswith("\n") and len(os.fsencode(n)) < 200)
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ESCAPES = {"a": 7, "b": 8, "f": 12, "n": 10, "r": 13, "t": 9, "v": 11, "\\": 92, '"': 34, "'": 39, "s": 32}


def systemd_specifiers(line: str, home: str) -> str:
    out, i = [], 0
    while i < len(line):
        if line[i] == "%":
            spec = line[i + 1]
            assert spec in "%h", f"unexpected specifier %{spec} in {line!r}"
            out.append("%" if spec == "%" else home)
            i += 2
        else:
            out.append(line[i])
            i += 1
    return "".join(out)


def systemd_words(line: str) -> list[bytes]:
    words: list[bytes] = []
    word: bytearray | None = None
    quote, i = "", 0
    raw = line.encode("utf-8", "surrogateescape")
    text = raw.decode("latin-1")  # one character per byte: escapes make bytes
    while i < len(text):
        c = text[i]
        if not quote and c in " \t":
            if word is not None:
                words.append(bytes(word))
                word = None
            i += 1
            continue
        if word is None:
            word = bytearray()
            if c in "\"'":
                quote = c
                i += 1
                continue
        if quote and c == quote:
            quote = ""
            i += 1
            continue
        if c == "\\":
            e = text[i + 1]
            if e in ESCAPES:
                word.append(ESCAPES[e])
                i += 2
            elif e == "x":
                word.append(int(text[i + 2 : i + 4], 16))
                i += 4
            elif e in "01234567":
                word.append(int(text[i + 1 : i + 4], 8))
                i += 4
            else:
                raise AssertionError(f"unknown escape \\{e} in {line!r}")
            continue
        word.append(ord(c))
        i += 1
    assert not quote, f"unclosed quote in {line!r}"
    if word is not None:
        words.append(bytes(word))
    return words


def systemd_environment(word: bytes, env: dict[str, str]) -> bytes:
    def substitute(m: re.Match[bytes]) -> bytes:
        if m.group(0) == b"$$":
            return b"$"
        name = (m.group(1) or m.group(2)).decode()
        return os.fsencode(env.get(name, ""))

    return re.sub(rb"\$\$|\$\{(\w+)\}|\$(\w+)", substitute, word)


def exec_start(service: str, home: str, env: dict[str, str]) -> list[str]:
    line = next(li for li in service.splitlines() if li.startswith("ExecStart="))[len("ExecStart=") :]
    words = systemd_words(systemd_specifiers(line, home))
    return [os.fsdecode(systemd_environment(w, env)) for w in words]


def environment_lines(service: str, home: str) -> dict[str, str]:
    found = {}
    for line in service.splitlines():
        if line.startswith("Environment="):
            for word in systemd_words(systemd_specifiers(line[len("Environment=") :], home)):
                name, _, value = os.fsdecode(word).partition("=")
                found[name] = value
    return found


@SETTINGS
@given(name=NAMES, home_name=NAMES)
def test_the_systemd_unit_runs_exactly_the_journal_and_home_it_was_given(
    cli, tmp_path: Path, monkeypatch, name: str, home_name: str
):
    units = tmp_path / "xdg"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(units))
    home = str(tmp_path / home_name)
    monkeypatch.setenv("CRAMPLOG_HOME", home)
    journal = tmp_path / name / "journal.db"
    code, out, err = cli("--db", str(journal), "remind", "install", "--at", "9pm")
    assert code == 0, err
    service = (units / "systemd" / "user" / f"{UNIT}.service").read_text(encoding="utf-8", errors="surrogateescape")
    env = environment_lines(service, "/home/someone")
    assert env == {"CRAMPLOG_HOME": home}
    argv = exec_start(service, "/home/someone", {"HOME": "/home/someone", **env})
    assert argv == [sys.executable, "-m", "cramplog", "--db", str(journal.resolve()), "remind", "--notify"]
    timer = (units / "systemd" / "user" / f"{UNIT}.timer").read_text()
    assert "OnCalendar=*-*-* 21:00:00\n" in timer and "Persistent=true\n" in timer


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_accepts_the_units_it_is_given(cli, tmp_path: Path, monkeypatch):
    units = tmp_path / "xdg"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(units))
    journal = tmp_path / 'we%hird $HOME "x"\\\n日' / "journal.db"
    assert cli("--db", str(journal), "remind", "install")[0] == 0
    folder = units / "systemd" / "user"
    done = subprocess.run(
        ["systemd-analyze", "verify", f"./{UNIT}.service"], cwd=folder, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr


PRINTER = "#!/bin/sh\nprintf '%s\\0' \"$@\"\nprintf 'HOME=%s\\0' \"$CRAMPLOG_HOME\"\n"
"""Stands in for Python in the cron test: prints its arguments and CRAMPLOG_HOME, NUL-separated."""


@SETTINGS
@given(name=NAMES, home_name=NAMES, folder=NAMES)
def test_the_crontab_line_runs_exactly_the_journal_and_home_it_was_given(
    cli, tmp_path: Path, monkeypatch, name: str, home_name: str, folder: str
):
    python = tmp_path / "py" / folder / "python"
    python.parent.mkdir(parents=True, exist_ok=True)
    python.write_text(PRINTER)
    python.chmod(python.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setattr(sys, "executable", str(python))
    home = str(tmp_path / home_name)
    monkeypatch.setenv("CRAMPLOG_HOME", home)
    journal = tmp_path / name / "journal.db"
    code, out, err = cli("--db", str(journal), "remind", "install", "--cron", "--at", "9:30pm")
    assert code == 0, err
    line = out.rstrip("\n")
    assert "\n" not in line
    fields = line.split(" ", 5)
    assert fields[:5] == ["30", "21", "*", "*", "*"]
    command = fields[5]
    assert re.search(r"(?<!\\)%", command) is None, "an unescaped % would end cron's command"
    command = command.replace("\\%", "%")
    done = subprocess.run(["/bin/sh", "-c", command], capture_output=True, timeout=30, env={"PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    printed = [os.fsdecode(p) for p in done.stdout.split(b"\0")[:-1]]
    assert printed == ["-m", "cramplog", "--db", str(journal.resolve()), "remind", "--notify", f"HOME={home}"]


@pytest.mark.parametrize(
    ("typed", "calendar"),
    [
        ("9pm", "21:00"),
        ("9:30pm", "21:30"),
        ("21:00", "21:00"),
        ("7:05", "07:05"),
        ("12am", "00:00"),
        ("  8 PM ", "20:00"),
    ],
)
def test_the_reminder_takes_times_as_logging_does(cli, tmp_path: Path, monkeypatch, typed: str, calendar: str):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    code, out, err = cli("remind", "install", "--at", typed)
    assert code == 0, err
    assert f"OnCalendar=*-*-* {calendar}:00" in (tmp_path / "xdg/systemd/user" / f"{UNIT}.timer").read_text()


@pytest.mark.parametrize("typed", ["25:00", "9", "nine", "21:60", "٩pm", "", "1_0:00"])
def test_a_reminder_time_that_is_no_time_is_refused(cli, tmp_path: Path, monkeypatch, typed: str):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    code, out, err = cli("remind", "install", "--at", typed)
    assert (code, out) == (2, "") and err.startswith("error: --at") and len(err.splitlines()) == 1
    assert not (tmp_path / "xdg").exists()
