"""Shared fixtures: every test runs with cramplog's paths inside its own tmp_path.

The autouse fixture points `CRAMPLOG_HOME` (and `XDG_CONFIG_HOME`, where systemd units go) at a
temporary folder and clears every other `CRAMPLOG_*` variable, so no test can read or write the
developer's real journal, config or reminder. It is the one isolation fixture; each suite's
`clock` fixture is a `FixedClock` at that suite's NOW.
"""

from __future__ import annotations

import datetime as dt
import inspect
import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cramplog.cli import main
from cramplog.domain.clock import FixedClock
from cramplog.storage.repository import JournalRepository

NOW = dt.datetime(2026, 11, 24, 13, 0, tzinfo=dt.timezone.utc)


def pytest_addoption(parser: pytest.Parser, pluginmanager: pytest.PytestPluginManager) -> None:
    """Without pytest-xdist (`-p no:xdist`, or a venv from before it was a test dependency) the
    suite runs in one process: pyproject.toml's `--numprocesses=auto --dist=loadgroup` are taken
    and ignored, not refused as unknown options (hence their long names: `-n` is xdist's alone)."""
    if not pluginmanager.has_plugin("xdist"):
        group = parser.getgroup("xdist", "pytest-xdist is off: one process")
        group.addoption("--numprocesses", dest="numprocesses", help="ignored: pytest-xdist is off")
        group.addoption("--dist", dest="dist", default="no", help="ignored: pytest-xdist is off")


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """What `--numprocesses=auto` means: one worker more than the cores this process may use. The
    tests wait on subprocesses, terminals and a browser much of the time (one process keeps 62% of
    a core busy), so a worker more keeps the cores busy: on 2 cores the whole suite took 352 s
    with 2 workers, 295 s with 3, 251 s with 4 (shared machine, one run each). One more, not
    twice as many: a busy machine stretches every test's waits. PYTEST_XDIST_AUTO_NUM_WORKERS
    still overrides it, as in xdist's own."""
    if chosen := os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return int(chosen)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return cores + 1


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A module whose tests share a module-scoped fixture (a simulated year, a built wheel, the
    docs' journal) runs in one worker (`--dist=loadgroup`), so the fixture is built once, not in
    every worker that gets one of its tests."""
    if not config.getoption("loadgroup", default=False):  # set in the workers of `--dist=loadgroup`
        return
    for item in items:
        definitions = getattr(item, "_fixtureinfo", None)
        shared = definitions and any(
            d.scope == "module" for ds in definitions.name2fixturedefs.values() for d in ds if d.baseid
        )
        if shared:
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::")[0]))


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("CRAMPLOG_HOME", str(home))
    monkeypatch.setenv("TZ", "Europe/Berlin")
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))  # systemd's units: never the machine's
    for name in [n for n in os.environ if n.startswith("CRAMPLOG_") and n != "CRAMPLOG_HOME"]:
        monkeypatch.delenv(name)  # CRAMPLOG_DB, _CONFIG, _EXIT_AFTER_PAINT, ... from the shell
    return home


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "journal.db"


@pytest.fixture
def repo(db_path: Path) -> JournalRepository:
    repository = JournalRepository.open(db_path)
    yield repository
    repository.close()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(tz_name="Europe/Berlin", at=NOW)


class Cli:
    """Runs `cramplog` through its real entry point (`main`) against one journal file."""

    def __init__(self, db: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.db = db
        self.capsys = capsys

    def __call__(self, *args: str) -> tuple[int, str, str]:
        self.capsys.readouterr()
        code = main(["--db", str(self.db), *args])
        out, err = self.capsys.readouterr()
        return code, out, err

    def entries(self) -> list[dict]:
        code, out, err = self("list", "--json")
        assert code == 0, err
        return json.loads(out)["entries"]


@pytest.fixture
def cli(db_path: Path, capsys: pytest.CaptureFixture[str], clock: FixedClock, monkeypatch: pytest.MonkeyPatch) -> Cli:
    """The CLI at a fixed instant (Tue 24 Nov 2026, 14:00 in Berlin)."""
    from cramplog.cli.context import AppContext

    monkeypatch.setattr(AppContext, "clock", property(lambda self: clock))
    return Cli(db_path, capsys)


async def still_app(pilot: Any, limit: float = 10.0) -> None:
    """Until the app has drawn everything it is going to: every message pump idle (the app's own
    test of it, `key_order.idle`) and its screen with no layout, scroll or repaint pending, on two
    looks in a row, each after a Pilot pause (at most `limit` seconds). A table's rows are laid
    out on its next idle and the screen's layout on its next frame; on a busy machine Pilot's
    pauses alone once took an Insights snapshot without its table."""
    from cramplog.ui.key_order import idle

    app, calm = pilot.app, 0
    deadline = time.monotonic() + limit
    while calm < 2 and time.monotonic() < deadline:
        await pilot.pause()
        screen = app.screen
        pending = (
            screen._layout_required
            or screen._scroll_required
            or screen._repaint_required
            or screen._recompose_required
            or screen._dirty_widgets
        )
        quiet = not pending and all(idle(node) for node in (app, *screen.walk_children(with_self=True)))
        calm = calm + 1 if quiet else 0


@pytest.fixture
def snap_compare(snap_compare: Callable[..., bool]) -> Callable[..., bool]:
    """pytest-textual-snapshot's `snap_compare`, taking its picture once the app is still
    (`still_app`) after the test's own `run_before`."""

    def compare(app: Any, *, run_before: Callable[[Any], Any] | None = None, **options: Any) -> bool:
        async def then_still(pilot: Any) -> None:
            if run_before is not None:
                done = run_before(pilot)
                if inspect.isawaitable(done):
                    await done
            await still_app(pilot)

        return snap_compare(app, run_before=then_still, **options)

    return compare
