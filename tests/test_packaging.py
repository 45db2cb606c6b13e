"""The wheel carries what the app needs at run time: migrations, stylesheets, entry points, and
the docs/*.md its help and messages name (`cramplog where` shows where they are installed)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation", "-q", "-w", str(out)],
        check=True,
        capture_output=True,
    )
    [built] = out.glob("cramplog-*.whl")
    return built


def test_wheel_ships_migrations_and_stylesheets(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    migrations = sorted(
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "cramplog" / "storage" / "migrations").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    )
    stylesheets = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "cramplog").rglob("*.tcss"))
    assert any(m.endswith("0001_initial_schema.py") for m in migrations)
    assert "cramplog/storage/migrations/script.py.mako" in migrations
    assert stylesheets, "the app's stylesheets are missing from the source tree"
    assert set(migrations) <= names
    assert set(stylesheets) <= names
    assert not any(n.startswith(("tests/", "bench/", "schema/")) for n in names)


def test_wheel_ships_every_doc_inside_the_package(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    docs = sorted(p.name for p in (ROOT / "docs").glob("*.md"))
    assert len(docs) >= 10 and "import.md" in docs
    assert {f"cramplog/docs/{name}" for name in docs} <= names
    assert not any(n.startswith("docs/") for n in names)


def test_wheel_declares_the_console_script(wheel):
    archive = zipfile.ZipFile(wheel)
    [entry_points] = [n for n in archive.namelist() if n.endswith("entry_points.txt")]
    assert "cramplog = cramplog.cli:console" in archive.read(entry_points).decode()


def _installed(wheel: Path, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """The wheel installed into a folder of its own, and the environment that imports it."""
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    env = {**os.environ, "PYTHONPATH": str(target), "CRAMPLOG_HOME": str(tmp_path / "home")}
    return target, env


def test_installed_copy_creates_a_journal_from_its_own_migrations(wheel, tmp_path):
    target, env = _installed(wheel, tmp_path)
    code = "import cramplog, sys; print(cramplog.__file__); sys.argv[1:] = ['drink', '250']"
    where = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True, text=True, check=True
    ).stdout
    assert where.startswith(str(target))
    for args in (["--version"], ["drink", "250"], ["list", "--json"]):
        result = subprocess.run(
            [sys.executable, "-m", "cramplog", *args], env=env, cwd=tmp_path, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr
    assert '"amount_ml": 250' in result.stdout
    shown = subprocess.run(
        [sys.executable, "-m", "cramplog", "where", "--json"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    docs = Path(json.loads(shown)["docs"])
    assert docs == target / "cramplog" / "docs"  # the installed copy's, not this source tree's
    assert (docs / "import.md").read_text() == (ROOT / "docs" / "import.md").read_text()


def test_wheel_ships_the_reports_fonts_with_their_licence(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    fonts = "cramplog/analysis/fonts/"
    assert {fonts + n for n in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "LICENSE", "MANIFEST.md")} <= names


def test_installed_copy_sets_a_report_in_its_own_embedded_font(wheel, tmp_path):
    """The fonts are read from the installed package, not from this source tree or the system."""
    _, env = _installed(wheel, tmp_path)
    out = tmp_path / "r.pdf"
    for args in (
        ["checkin", "--no-cramps"],
        ["config", "set", "report.name", "Łukasz"],
        ["report", "--identify", "-o", str(out)],
    ):
        result = subprocess.run(
            [sys.executable, "-m", "cramplog", *args], env=env, cwd=tmp_path, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr
    assert b"/FontFile2" in out.read_bytes() and b"DejaVuSans" in out.read_bytes()
