"""Every command in the README and docs/ runs as written, in order, on a fresh journal.

Like sqlite-utils' docs tests: the commands are taken from the Markdown itself (fenced blocks and
inline code that starts with `cramplog `), run through a real shell with the installed
`cramplog` first on PATH, one sandbox per document, and each must exit 0. A command that needs
something only the reader has (their Strava export) is listed in NEEDS_YOUR_FILES with the
reason; the list is checked against the docs so it cannot go stale.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"```[^\n]*\n(.*?)```", re.S)
INLINE = re.compile(r"`((?:CRAMPLOG_\w+=\S+ )?cramplog [^`]+)`")
PLACEHOLDER = re.compile(r"\b(?:PATH|FILE|ID|COMMAND|KIND|NAME|ITEM|SHELL|KEY|VALUE|MAP|DATE|N|URL)\b|…|\.\.\.")
NEEDS_YOUR_FILES = {
    "cramplog import ~/Downloads/export_12345678.zip": "your Strava bulk export",
    "cramplog import export.zip dailysummary.csv": "your Apple Health and Cronometer exports",
    "cramplog import ~/watch/GARMIN/Activity/": "your watch's files",
    "cramplog import water.csv": "your spreadsheet",
    "cramplog import drinks.csv": "your spreadsheet",
    "cramplog import runs.csv": "your spreadsheet",
    "cramplog import TrackAndGraph.csv": "your Track & Graph export",
    "cramplog import nomie.csv": "your Nomie export",
    "cramplog import bearable.csv": "your Bearable export",
    "cramplog backup --encrypt -o ~/Sync/": "your synced folder, and a passphrase typed at the prompt",
    "cramplog restore ~/Sync/": "your encrypted backup, and its passphrase typed at the prompt",
    "cramplog serve --host 0.0.0.0": "a server that runs until Ctrl+C (tests/serve starts it)",
    "CRAMPLOG_DB='postgresql://cramp@homeserver/cramplog' cramplog import": "your PostgreSQL server",
}
"""Command prefixes that need what only the reader has: their own files, or a passphrase typed at
a terminal (each is run on generated files, or with CRAMPLOG_PASSPHRASE, by other tests)."""


def commands(doc: Path, tables_only: bool = False) -> list[str]:
    """The commands of `doc` in the order shown; `tables_only`: those of its tables alone (what a
    person who pastes a page's tables, skipping its prose, runs)."""
    text = doc.read_text(encoding="utf-8")
    if tables_only:
        text = "\n".join(line if line.startswith("|") else "" for line in text.splitlines())
    found: list[tuple[int, str]] = []
    for block in FENCE.finditer(text):
        for line in block.group(1).splitlines():
            line = line.strip().removeprefix("$ ")
            if re.match(r"(?:mkdir -p \S+ && )?(?:CRAMPLOG_\w+=\S+ )?(?:\.venv/bin/)?cramplog ", line):
                found.append((block.start(), line))
    prose = FENCE.sub(lambda m: " " * len(m.group(0)), text)
    found += [(m.start(), m.group(1)) for m in INLINE.finditer(prose)]
    out = []
    for _, command in sorted(found):
        command = re.sub(r"\s+#.*$", "", command).strip()  # a trailing comment explains, not runs
        if command and not PLACEHOLDER.search(command) and not command.startswith(tuple(NEEDS_YOUR_FILES)):
            out.append(command)
    return out


def test_the_docs_have_commands_and_the_skip_list_is_current():
    everything = "\n".join(d.read_text() for d in DOCS)
    assert sum(len(commands(d)) for d in DOCS) >= 40
    for prefix in NEEDS_YOUR_FILES:
        assert prefix in everything, f"{prefix!r} is no longer in the docs; drop it from NEEDS_YOUR_FILES"


@pytest.mark.slow
@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.name)
def test_every_command_runs_as_written_on_a_fresh_journal(doc, tmp_path):
    _run_in_order(doc, commands(doc), tmp_path)


TABLED = [d for d in DOCS if commands(d, tables_only=True)]


@pytest.mark.slow
@pytest.mark.parametrize("doc", TABLED, ids=lambda d: d.name)
def test_the_tables_alone_run_as_written_on_a_fresh_journal(doc, tmp_path):
    """A page's tables pasted without its prose work too: an ID in an example never counts on an
    entry made by a snippet in the prose."""
    _run_in_order(doc, commands(doc, tables_only=True), tmp_path)


def _run_in_order(doc: Path, found: list[str], tmp_path: Path) -> None:
    if not found:
        pytest.skip(f"{doc.name} shows no cramplog command")
    bin_dir = Path(sys.executable).parent
    assert shutil.which("cramplog", path=str(bin_dir)), "cramplog is not installed beside this Python"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CRAMPLOG_")}
    env.update(
        CRAMPLOG_HOME=str(tmp_path / "home"),
        PATH=f"{bin_dir}:{env.get('PATH', '')}",
        TZ="Europe/Berlin",
        HOME=str(tmp_path),
    )
    failures = []
    for command in found:
        command = command.replace(".venv/bin/cramplog", "cramplog")
        done = subprocess.run(
            ["bash", "-c", command],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            stdin=subprocess.DEVNULL,
        )
        if done.returncode != 0:
            failures.append(f"{command}\n    -> exit {done.returncode}: {done.stderr.strip()[:300]}")
    assert not failures, f"{doc.name}: commands that fail as written:\n" + "\n".join(failures)
