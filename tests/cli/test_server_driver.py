"""The PostgreSQL driver is an extra (`cramplog[postgresql]`): without it, a server URL gets one
line saying how to add it (exit 1, the install's fault, not the input's), and the embedded
journal works as before. Run in a child Python whose import system refuses `psycopg`, as an
install without the extra would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import cramplog

WITHOUT_PSYCOPG = """
import sys
class Missing:
    def find_spec(self, name, path=None, target=None):
        if name == "psycopg" or name.startswith("psycopg."):
            raise ModuleNotFoundError(f"No module named {name!r}")
sys.meta_path.insert(0, Missing())
from cramplog.cli import main
sys.exit(main(sys.argv[1:]))
"""


def run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": "/usr/bin:/bin",
        "CRAMPLOG_HOME": str(tmp_path / "home"),
        "TZ": "UTC",
        "LANG": "C.UTF-8",
        "PYTHONPATH": str(Path(cramplog.__file__).parent.parent),
    }  # this cramplog, not another
    return subprocess.run(
        [sys.executable, "-c", WITHOUT_PSYCOPG, *args], capture_output=True, text=True, env=env, timeout=60
    )


def test_a_server_url_without_the_driver_says_how_to_add_it(tmp_path):
    done = run(tmp_path, "--db", "postgresql://cramp:s3cret@127.0.0.1:1/cramplog", "drink", "500")
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("error: a journal on a PostgreSQL server needs the driver")
    assert "cramplog[postgresql]" in lines[0]
    assert "s3cret" not in done.stderr + done.stdout
    assert "Traceback" not in done.stderr


def test_the_embedded_journal_needs_no_driver(tmp_path):
    db = tmp_path / "journal.db"
    assert run(tmp_path, "--db", str(db), "drink", "500").returncode == 0
    listed = run(tmp_path, "--db", str(db), "list")
    assert listed.returncode == 0, listed.stderr
    assert "500" in listed.stdout
