"""The garbage collector is paused while `cramplog` starts and on again before a command runs:
a long command (the app, `serve`, an import) must collect as any program does."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from cramplog.cli import collector, main


@pytest.fixture
def paused() -> Iterator[None]:
    collector.pause()
    try:
        yield
    finally:
        collector.resume()
        gc.enable()
        gc.unfreeze()


@pytest.mark.usefixtures("paused")
@pytest.mark.parametrize("words", [["list"], ["drink", "250"], ["where"]])
def test_a_subcommand_runs_with_the_collector_on(tmp_path: Path, words: list[str]) -> None:
    assert not gc.isenabled()
    assert main(["--db", str(tmp_path / "j.db"), *words]) == 0
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0  # what startup made is left out of its passes


def test_the_entry_point_pauses_it_and_a_command_turns_it_on(tmp_path: Path) -> None:
    """Through `console()`, as the installed `cramplog` runs: the command's callback sees the
    collector on."""
    code = (
        "import gc, sys; from cramplog.cli import console, group\n"
        "seen = []\n"
        "real = group.LazyGroup.get_command\n"
        "def spy(self, ctx, name):\n"
        "    seen.append(gc.isenabled()); command = real(self, ctx, name); seen.append(gc.isenabled())\n"
        "    return command\n"
        "group.LazyGroup.get_command = spy\n"
        f"sys.argv = ['cramplog', '--db', {str(tmp_path / 'j.db')!r}, 'list']\n"
        "console(); print(seen[:2])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "[False, True]"
