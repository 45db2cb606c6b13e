"""Import hygiene: the quick-log path stays light, and layers only import downwards.

Only a fresh process proves that a deferred import really defers (harlequin's lesson), so the
quick-log checks run `cramplog` in a subprocess and inspect `sys.modules` at exit.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "cramplog"
HEAVY = ("pandas", "scipy", "statsmodels", "textual", "alembic", "numpy", "sqlalchemy", "psycopg")

PROBE = """
import json, sys
from cramplog.cli import main
code = main(sys.argv[1:])
heavy = sorted({m.split('.')[0] for m in sys.modules} & set(json.loads(%r)))
print(file=sys.stderr)  # the app (no terminal) draws on stderr: the answer gets a line of its own
print(json.dumps({"code": code, "heavy": heavy}), file=sys.stderr)
"""


def run_probe(tmp_path: Path, *args: str, watch: tuple[str, ...] = HEAVY, **extra_env: str) -> dict:
    env = {"CRAMPLOG_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin", "TZ": "UTC", **extra_env}
    db = tmp_path / "j.db"
    result = subprocess.run([sys.executable, "-c", PROBE % json.dumps(watch), "--db", str(db), *args],
                            capture_output=True, text=True, env=env, timeout=60, stdin=subprocess.DEVNULL)
    return json.loads(result.stderr.strip().splitlines()[-1])


@pytest.mark.parametrize("args", [
    ("cramp", "calf", "-s", "7", "--side", "left", "--context", "stretching", "--at", "20 min ago"),
    ("drink", "250"),
    ("stretch", "10", "--muscles", "calf,hamstring"),
    ("run", "5.2", "--time", "31:00", "--effort", "6"),
    ("symptom", "tingling"),
    ("today",),
    ("checkin", "--no-cramps", "--date", "yesterday"),
    ("list", "--json"),
    ("edit", "1", "--amount", "200"),
    ("delete", "1"),
])
def test_journal_commands_import_nothing_heavy_not_even_sqlalchemy(tmp_path, args):
    """One writer on the standard library's sqlite3 serves every command that reads or writes
    entries; SQLAlchemy and Alembic are for creating and upgrading a journal only."""
    assert run_probe(tmp_path, "drink", "100")["code"] == 0  # the journal exists (first run migrates)
    probe = run_probe(tmp_path, *args)
    assert probe == {"code": 0, "heavy": []}


def test_the_probe_would_notice_a_heavy_import(tmp_path):
    """Guard against a probe that cannot fail: `--help` of the analysis path is still light,
    but opening a brand-new journal runs the migrations and so does import Alembic."""
    probe = run_probe(tmp_path, "drink", "100")
    assert probe["heavy"] == ["alembic", "sqlalchemy"]


def test_the_app_starts_on_textual_alone(tmp_path):
    """Bare `cramplog` on a current journal, up to its first painted dashboard (the benchmark's
    hook), loads Textual and nothing the dashboard doesn't need: no pandas or plotext (Trends and
    Insights import them when opened), no SQLAlchemy or Alembic (the journal is current), and
    not even click (`cli.main` opens the app before the command line parser is imported)."""
    assert run_probe(tmp_path, "drink", "100")["code"] == 0  # a current journal, with an entry
    probe = run_probe(tmp_path, watch=(*HEAVY, "click"), CRAMPLOG_EXIT_AFTER_PAINT="1", TERM="xterm-256color")
    assert probe == {"code": 0, "heavy": ["textual"]}


def imports_of(path: Path) -> set[str]:
    """Absolute module names imported anywhere in `path` (relative imports resolved)."""
    tree = ast.parse(path.read_text())
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
                found.add(module)
                found.update(f"{module}.{alias.name}" for alias in node.names)
            elif node.module:
                found.add(node.module)
    return found


def layer_of(path: Path) -> str:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else path.stem


FORBIDDEN = {
    # layer: prefixes it must never import
    "domain": ("sqlalchemy", "alembic", "pandas", "numpy", "scipy", "statsmodels", "textual",
               "click", "cramplog.storage", "cramplog.analysis", "cramplog.ui", "cramplog.cli"),
    "storage": ("pandas", "scipy", "statsmodels", "textual", "click",
                "cramplog.analysis", "cramplog.ui", "cramplog.cli"),
    "analysis": ("textual", "click", "cramplog.ui", "cramplog.cli"),
    "ui": ("cramplog.cli",),
    "cli": (),
    # Other apps' files -> domain entries; pure, so the writer stays the only way in.
    "importers": ("sqlalchemy", "alembic", "pandas", "scipy", "statsmodels", "textual", "click",
                  "cramplog.storage", "cramplog.analysis", "cramplog.ui", "cramplog.cli"),
    # Root modules sit under every layer: they import only each other and the domain.
    "errors": ("cramplog.",),
    "shapes": ("cramplog.",),
    "paths": ("cramplog.", "click", "sqlalchemy", "textual"),
    "urls": ("cramplog.", "click", "sqlalchemy", "textual"),
    "files": ("cramplog.domain", "cramplog.storage", "cramplog.analysis", "cramplog.ui", "cramplog.cli",
              "click", "sqlalchemy", "textual"),
    "config": ("cramplog.storage", "cramplog.analysis", "cramplog.ui", "cramplog.cli", "click", "sqlalchemy",
               "textual"),
}
ALLOWED_ROOT_IMPORTS = {"files": {"cramplog.errors", "cramplog.paths"}, "paths": {"cramplog.errors", "cramplog.urls"}}
SQL_ONLY_IN = {"storage"}


def python_files() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts or p.name == "env.py")


@pytest.mark.parametrize("path", python_files(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_layers_import_only_downwards(path):
    layer = layer_of(path)
    imported = imports_of(path)
    allowed = ALLOWED_ROOT_IMPORTS.get(layer, set())
    for prefix in FORBIDDEN.get(layer, ()):
        bad = sorted(m for m in imported if (m == prefix.rstrip(".") or m.startswith(prefix.rstrip(".") + "."))
                     and not any(m == a or m.startswith(a + ".") for a in allowed))
        assert not bad, f"{layer} must not import {bad}"
    if layer not in SQL_ONLY_IN:
        assert not any(m.split(".")[0] in ("sqlalchemy", "sqlite3", "alembic") for m in imported), \
            "SQL belongs in cramplog.storage"
    if layer != "ui":
        assert not any(m.split(".")[0] == "textual" for m in imported), "Textual belongs in cramplog.ui"


def test_the_layer_check_sees_every_layer_and_every_root_module():
    layers = {layer_of(p) for p in python_files()}
    assert {"domain", "storage", "analysis", "ui", "cli", "importers"} <= layers
    roots = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__", "__main__"}
    assert roots <= set(FORBIDDEN), f"a root module without rules: {sorted(roots - set(FORBIDDEN))}"
