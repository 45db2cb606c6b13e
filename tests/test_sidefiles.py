"""The files SQLite keeps beside a database are named once (`cramplog.sidefiles`).

`files` (which clears what a killed write left) sits below storage (which backs up, restores
and refuses to overwrite a journal's files), so neither may keep its own list: one added to
SQLite's would be moved by one and left behind by the other.
"""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest

from cramplog.files import clear_leftovers
from cramplog.sidefiles import SIDE_FILES, main_file, with_side_files

PACKAGE = Path(__file__).resolve().parents[1] / "cramplog"


def _suffix_literals(path: Path) -> list[int]:
    """Lines of `path` where a side file's suffix is written out as a string (or an f-string's part)."""
    tree = ast.parse(path.read_text(), str(path))
    exact = [n for n in ast.walk(tree) if isinstance(n, ast.Constant) and n.value in SIDE_FILES]
    parts = [
        part
        for node in ast.walk(tree)
        if isinstance(node, ast.JoinedStr)
        for part in node.values
        if isinstance(part, ast.Constant) and part.value.startswith(SIDE_FILES) and part.value not in SIDE_FILES
    ]
    return sorted(node.lineno for node in (*exact, *parts))


def test_no_module_but_sidefiles_spells_out_a_side_files_suffix():
    found = {
        str(path.relative_to(PACKAGE)): lines
        for path in PACKAGE.rglob("*.py")
        if path.name != "sidefiles.py" and "migrations" not in path.parts and (lines := _suffix_literals(path))
    }
    assert found == {}


def test_the_scan_would_notice_a_suffix_written_out(tmp_path):
    """Guard against a scan that cannot fail."""
    module = tmp_path / "m.py"
    module.write_text(
        'def f(p):\n    """A `-wal` in a docstring is prose."""\n    name = "poll-journal"\n'
        '    return f"{p}-shm", p + "-journal", f"{p}-wal.bak"\n'
    )
    assert _suffix_literals(module) == [4, 4, 4]


def test_a_database_and_its_side_files_name_each_other():
    assert [main_file(name) for name in with_side_files("j.db")] == ["j.db"] * (1 + len(SIDE_FILES))
    assert main_file("j.db-walrus") == "j.db-walrus"


@pytest.mark.parametrize("suffix", ["", *SIDE_FILES])
def test_a_killed_writes_copy_goes_with_every_side_file_sqlite_left_beside_it(tmp_path, suffix):
    target = tmp_path / "journal-daily.db"
    dead, alive = 2**22 + 777, os.getpid()
    gone = tmp_path / f".{target.name}.{dead}-abcdef.part{suffix}"
    kept = tmp_path / f".{target.name}.{alive}-abcdef.part{suffix}"
    for path in (gone, kept):
        path.write_bytes(b"SQLite format 3\x00half")
    clear_leftovers(target)
    assert not gone.exists() and kept.exists()
