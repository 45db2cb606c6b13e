"""The contract suite's journal: a template made once, copied fresh for each case, driven
through the real entry point (`cramplog.cli.main --db`), with the contract's checks
(`refuses`: exit 2, one `error:` line, nothing on stdout, the file byte-identical)."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings

from cramplog.cli import main

HUGE = str(10**30)
ESC = "\x1b]0;pwned\x07\x1b[2J\x1b[31m"


def run_main(db: Path, *args: str) -> tuple[int, str, str]:
    raw = io.BytesIO()  # stdout as a terminal's: text, with the bytes beneath (`report` writes those)
    out, err = io.TextIOWrapper(raw, encoding="utf-8", newline=""), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--db", str(db), *args])
    out.flush()
    return code, raw.getvalue().decode("utf-8"), err.getvalue()


class Journal:
    """A fresh copy of the template journal, driven through `main`."""

    def __init__(self, template: Path, folder: Path) -> None:
        self.db = folder / "journal.db"
        shutil.copyfile(template, self.db)

    def __call__(self, *args: str) -> tuple[int, str, str]:
        return run_main(self.db, *args)

    def files(self) -> dict[str, bytes | None]:
        return {
            suffix: (p.read_bytes() if p.exists() else None)
            for suffix in ("", "-wal")
            for p in [self.db.with_name(self.db.name + suffix)]
        }

    def refuses(self, *args: str, reason: str = "") -> None:
        before = self.files()
        code, out, err = self(*args)
        lines = err.splitlines()
        assert code == 2, (args, code, err)
        assert len(lines) == 1 and lines[0].startswith("error:"), (args, err)
        assert reason.lower() in lines[0].lower(), (args, lines[0])
        assert out == "", (args, out)
        assert not any(ch in lines[0] for ch in "\x1b\x07\x9b\r"), lines[0]
        assert self.files() == before, args

    def accepts(self, *args: str) -> str:
        code, out, err = self(*args)
        assert code == 0, (args, err)
        assert "\x1b" not in out and "\x07" not in out
        self.readable()
        return out

    def readable(self) -> None:
        code, out, err = self("export")
        assert code == 0, err
        entries = json.loads(out)["entries"]
        code, out, err = self("export", "--format", "csv")
        assert code == 0, err
        assert len(out.splitlines()) >= len(entries) + 1
        code, out, err = self("list", "--json")
        assert code == 0, err
        assert len(json.loads(out)["entries"]) == len(entries)
        code, out, err = self("list")
        assert code == 0, err
        assert "\x1b" not in out and "\x07" not in out
        code, out, err = self("insights")
        assert code == 0, err


HYPOTHESIS = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def fresh(template: Path) -> Journal:
    return Journal(template, Path(tempfile.mkdtemp(prefix="contract-")))
