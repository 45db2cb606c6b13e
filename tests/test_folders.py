"""`folders.user_folder` names the folders platformdirs names, without importing it on Linux and
macOS; `paths` and the shell prompt both read it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import platformdirs
import pytest
from platformdirs.macos import MacOS
from platformdirs.unix import Unix

from cramplog import folders, paths
from cramplog.cli import prompt

HOMES = ("/home/ana", "/home/ana/", "/", "relative/home", "", None)
XDG = ("", "   ", "relative/xdg", "/srv/xdg", "/srv/xdg/", "~/xdg")


def _environment(monkeypatch: pytest.MonkeyPatch, home: str | None, xdg: str) -> None:
    monkeypatch.delenv("CRAMPLOG_HOME", raising=False)
    monkeypatch.delenv("ANDROID_DATA", raising=False)
    if home is None:
        monkeypatch.delenv("HOME", raising=False)
    else:
        monkeypatch.setenv("HOME", home)
    monkeypatch.setenv("XDG_DATA_HOME", xdg)
    monkeypatch.setenv("XDG_CONFIG_HOME", xdg)


@pytest.mark.parametrize("home", HOMES)
@pytest.mark.parametrize("xdg", XDG)
@pytest.mark.parametrize(("platform", "kind"), [(p, k) for p in ("linux", "darwin") for k in ("data", "config")])
def test_the_folder_is_platformdirs_folder(
    monkeypatch: pytest.MonkeyPatch, platform: str, kind: str, home: str | None, xdg: str
) -> None:
    _environment(monkeypatch, home, xdg)
    monkeypatch.setattr(sys, "platform", platform)
    dirs = (MacOS if platform == "darwin" else Unix)(appname="cramplog", appauthor=False)
    try:
        expected = dirs.user_data_dir if kind == "data" else dirs.user_config_dir
    except RuntimeError:
        pytest.skip("platformdirs finds no home folder here either")
    if folders._known_folder(kind) is None:  # decided by platformdirs itself: the machine's class
        assert home is None or not home.startswith("/")
        return
    assert folders.user_folder(kind) == expected


def test_platformdirs_decides_off_linux_and_macos(monkeypatch: pytest.MonkeyPatch) -> None:
    _environment(monkeypatch, "/home/ana", "")
    monkeypatch.setattr(sys, "platform", "win32")
    assert folders._known_folder("data") is None
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("ANDROID_DATA", "/data")
    assert folders._known_folder("data") is None


def test_cramplog_home_moves_both(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CRAMPLOG_HOME", str(tmp_path))
    assert (folders.user_folder("data"), folders.user_folder("config")) == (
        str(tmp_path / "data"),
        str(tmp_path / "config"),
    )


@pytest.mark.parametrize("xdg", XDG)
def test_the_cli_and_the_prompt_find_one_journal(monkeypatch: pytest.MonkeyPatch, xdg: str) -> None:
    """The prompt had its own copy, which took a relative `$XDG_DATA_HOME` that platformdirs
    (and so every other command) ignores: the prompt then read another journal. It reads
    `paths` now; its line comes from the journal in platformdirs' folder."""
    _environment(monkeypatch, "/home/ana", xdg)
    monkeypatch.delenv("CRAMPLOG_DB", raising=False)
    monkeypatch.delenv("CRAMPLOG_CONFIG", raising=False)
    expected = Path(platformdirs.user_data_dir("cramplog", appauthor=False)) / "journal.db"
    assert paths.db_path() == str(expected)
    assert paths.config_file() == str(Path(platformdirs.user_config_dir("cramplog", appauthor=False)) / "config.toml")
    assert prompt.db_path is paths.db_path and prompt.config_file is paths.config_file


def test_a_quick_log_does_not_import_platformdirs(tmp_path: Path) -> None:
    code = (
        "import sys; from cramplog.cli import main; code = main(['drink', '250']); "
        "print('platformdirs' in sys.modules, code)"
    )
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "False 0"
    assert (tmp_path / ".local" / "share" / "cramplog" / "journal.db").is_file()


@pytest.mark.parametrize(("xdg", "said"), [("~/xdg", True), ("relative/xdg", True), ("/srv/xdg", False), ("", False)])
def test_where_says_an_xdg_folder_it_ignores(monkeypatch, capsys, xdg, said):
    """A quoted `~/xdg` is ignored, rightly (platformdirs does too), but silently it looked like a
    journal gone missing: `where` says so, on stderr."""
    from cramplog.cli import main

    _environment(monkeypatch, "/home/ana", "")
    monkeypatch.setenv("XDG_DATA_HOME", xdg)
    monkeypatch.delenv("CRAMPLOG_DB", raising=False)
    assert main(["where"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("journal: ")
    assert ("$XDG_DATA_HOME is not an absolute path, so it is ignored" in err) is said
