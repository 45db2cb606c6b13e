"""The command line's help, through the real entry point: commands grouped by task, options named
for what they are and alike across commands, `edit` and `config set` listing what they take."""

from __future__ import annotations

import re

import pytest

from cramplog.cli import main
from cramplog.cli.group import COMMANDS, SECTIONS


def help_of(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    capsys.readouterr()
    assert main([*args, "--help"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def headings(text: str) -> dict[str, list[str]]:
    """`Heading:` -> the first word of each indented line under it."""
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        if re.fullmatch(r"[A-Z][\w ]*:", line):
            current = found.setdefault(line[:-1], [])
        elif current is not None and line.startswith("  ") and not line.startswith("   "):
            current.append(line.split()[0])
        elif not line.strip():
            current = None
    return found


def test_the_commands_are_listed_under_one_heading_per_task_in_the_sources_order(capsys):
    listed = headings(help_of(capsys))
    assert list(listed) == ["Options", *SECTIONS]
    for heading, section in SECTIONS.items():
        assert listed[heading] == list(section)
    every = [name for heading in SECTIONS for name in listed[heading]]
    assert sorted(every) == sorted(COMMANDS) and len(every) == len(set(every)) == 28
    assert listed["Log"][:2] == ["cramp", "drink"] and "import" in listed["Data and settings"]


def complete(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], line: str, db) -> list[str]:
    """What bash completion offers for `line` (through `main`, as the shell runs it)."""
    monkeypatch.setenv("_CRAMPLOG_COMPLETE", "bash_complete")
    monkeypatch.setenv("COMP_WORDS", line)
    monkeypatch.setenv("COMP_CWORD", str(len(line.split(" ")) - 1))
    capsys.readouterr()
    with pytest.raises(SystemExit):
        main(["--db", str(db)])
    return [item.split(",", 1)[1] for item in capsys.readouterr().out.splitlines() if item]


def test_completion_still_offers_every_command_in_the_helps_order(monkeypatch, capsys, db_path):
    assert complete(monkeypatch, capsys, "cramplog ", db_path) == list(COMMANDS)
