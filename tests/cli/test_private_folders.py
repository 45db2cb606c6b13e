"""Every folder cramplog creates is its owner's alone (0700), however deep and whatever the umask.

docs/logging.md: "The journal is one SQLite file, readable only by you (mode 0600, folder 0700)".
A fresh home with no `~/.local` and no `~/.config` is where the parents get made, so the
commands run in a child process with umask 000, `HOME` in a temporary folder and no
`CRAMPLOG_HOME`: the platform folders are the real defaults.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

CHILD = """
import os, sys
os.umask(0)
from cramplog.cli import main
for args in (["drink", "100"], ["config", "set", "targets.beverage_ml", "2000"], ["remind", "install"],
             ["backup"]):
    assert main(args) == 0, args
"""


def test_folders_made_for_the_journal_config_units_and_backups_are_0700_at_umask_000(tmp_path: Path):
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home), "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "TZ": "UTC"}
    done = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    made = [p for p in home.rglob("*") if p.is_dir()]
    expected = {
        home / ".local",
        home / ".local/share",
        home / ".local/share/cramplog",
        home / ".local/share/cramplog/backups",
        home / ".config",
        home / ".config/cramplog",
        home / ".config/systemd",
        home / ".config/systemd/user",
    }
    assert expected <= set(made)
    loose = {
        str(p.relative_to(home)): oct(stat.S_IMODE(p.stat().st_mode))
        for p in made
        if stat.S_IMODE(p.stat().st_mode) != 0o700
    }
    assert loose == {}
    files = [p for p in home.rglob("*") if p.is_file()]
    assert files and all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in files)
