"""Import hygiene: the quick-log path stays light, and layers only import downwards.

Only a fresh process proves that a deferred import really defers (harlequin's lesson), so the
quick-log checks run `cramplog` in a subprocess and inspect `sys.modules` at exit. The layers
are import-linter contracts in pyproject.toml, run here and by CI.
"""

from __future__ import annotations

import json
import os
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
watched = json.loads(%r)
heavy = sorted({w for m in sys.modules for w in watched if m == w or m.startswith(w + '.')})
print(file=sys.stderr)  # the app (no terminal) draws on stderr: the answer gets a line of its own
print(json.dumps({"code": code, "heavy": heavy}), file=sys.stderr)
"""


def run_probe(
    tmp_path: Path, *args: str, watch: tuple[str, ...] = HEAVY, as_typed: bool = False, **extra_env: str
) -> dict:
    """Run `cramplog ARGS` on a journal of its own and say which of `watch` it imported. With
    `as_typed`, as a user types it: the journal in the data folder of a home of its own, no
    `--db`, the machine's zone (`bench/quicklog` times that path); else `--db` and `TZ=UTC`."""
    if as_typed:
        env = {"HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin", **extra_env}
        where: list[str] = []
    else:
        env = {"CRAMPLOG_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin", "TZ": "UTC", **extra_env}
        where = ["--db", str(tmp_path / "j.db")]
    result = subprocess.run(
        [sys.executable, "-c", PROBE % json.dumps(watch), *where, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    return json.loads(result.stderr.strip().splitlines()[-1])


@pytest.mark.parametrize(
    "args",
    [
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
    ],
)
def test_journal_commands_import_nothing_heavy_not_even_sqlalchemy(tmp_path, args):
    """One writer on the standard library's sqlite3 serves every command that reads or writes
    entries; SQLAlchemy and Alembic are for creating and upgrading a journal only."""
    assert run_probe(tmp_path, "drink", "100")["code"] == 0  # the journal exists (first run migrates)
    probe = run_probe(tmp_path, *args)
    assert probe == {"code": 0, "heavy": []}


QUICK_LOGS = [
    ("drink", "250"),
    ("cramp", "calf", "--side", "left", "-s", "7", "--context", "stretching"),
]
"""The two quick logs `bench/quicklog` times against jrnl and the floor (issue 27)."""
QUICK_NEVER = (
    "cramplog.cli.prompt",  # the shell prompt: `cli.route` decides before click, on the standard library
    "cramplog.cli.tui",  # the app's opener: likewise
    "cramplog.storage.backup",
    "cramplog.storage.image",
    "cramplog.files",  # the day's copy: made once,
    "subprocess",
    "hashlib",  # then a stat or two (`backup_names.daily_due`)
    "tomllib",  # the config file's reader: only when there is one
    "cramplog.domain.summary",
    "textwrap",  # a check-in turned off; a red flag's text
    "cramplog.cli.completion",
    "cramplog.storage.pg",  # tab completion; a journal on a server
    "pathlib",  # 3 ms with what it imports (urllib.parse, ipaddress): names are text (`paths`)
    "cramplog.domain.experiment",  # planned experiments: read by their own commands
    "unicodedata",  # shared libraries: a shoe's name key,
    "bisect",  # a report's red flags,
    "zlib",  # imports and the PDF (the schema's fingerprint is integer arithmetic)
)
"""Modules of ours a quick log has no use for: each import costs every log (`bench/quicklog`)."""


@pytest.mark.parametrize("as_typed", [False, True], ids=["--db", "as typed"])
@pytest.mark.parametrize("args", QUICK_LOGS)
def test_a_quick_log_imports_only_what_it_uses(tmp_path, args, as_typed):
    """A quick log on a current journal loads none of `QUICK_NEVER` (nor anything heavy), on a
    journal named with `--db` (checked whole once) and on the one in the data folder."""
    assert run_probe(tmp_path, "drink", "100", as_typed=as_typed)["code"] == 0  # the journal exists; today's copy made
    probe = run_probe(tmp_path, *args, watch=(*HEAVY, *QUICK_NEVER, *zone_modules(as_typed)), as_typed=as_typed)
    assert probe == {"code": 0, "heavy": []}


def zone_modules(as_typed: bool) -> tuple[str, ...]:
    """zoneinfo (2.5 ms), where the C library reads the machine's zone from tzdata's file
    (`domain.zones`): TZ=UTC, or as typed /etc/localtime linked into the tzdata folder."""
    from cramplog.domain.zones import TZDATA

    linked = os.path.realpath("/etc/localtime").startswith(f"{TZDATA}/") if as_typed else True
    has_file = os.path.exists(os.path.realpath("/etc/localtime") if as_typed else os.path.join(TZDATA, "UTC"))
    return ("zoneinfo",) if sys.platform == "linux" and linked and has_file else ()


PATTERNS_PROBE = """
import json, sys
from cramplog.cli import main
code = main(sys.argv[1:])
from cramplog.domain.patterns import Pattern
compiled = sorted({p._pattern for name, module in list(sys.modules.items()) if name.startswith("cramplog.")
                   for p in vars(module).values() if isinstance(p, Pattern) and p._compiled is not None})
print(json.dumps({"code": code, "compiled": compiled}), file=sys.stderr)
"""


def compiled_patterns(tmp_path: Path, *args: str) -> dict:
    env = {"CRAMPLOG_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin", "TZ": "UTC"}
    result = subprocess.run(
        [sys.executable, "-c", PATTERNS_PROBE, "--db", str(tmp_path / "j.db"), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    return json.loads(result.stderr.strip().splitlines()[-1])


@pytest.mark.parametrize("args", QUICK_LOGS)
def test_a_quick_log_compiles_none_of_the_domains_patterns(tmp_path, args):
    """`250` and `-s 7` are plain numbers, read without their patterns (`patterns.ascii_digits`):
    compiling one costs 0.1-0.3 ms. A unit (`drink 1cup`) does compile the amount's, as the guard
    shows."""
    assert compiled_patterns(tmp_path, "drink", "100")["code"] == 0
    assert compiled_patterns(tmp_path, *args) == {"code": 0, "compiled": []}
    assert compiled_patterns(tmp_path, "drink", "1cup")["compiled"] != []


@pytest.mark.parametrize("as_typed", [False, True], ids=["--db", "as typed"])
def test_the_prompt_runs_on_the_standard_library_it_needs(tmp_path, as_typed):
    """`today --prompt` runs before every shell prompt: it reads `paths` and `domain.zones` as
    every command does, and still imports no typing, dataclasses or pathlib (8, 8 and 3 ms), nor
    zoneinfo for the machine's own zone."""
    assert run_probe(tmp_path, "drink", "100", as_typed=as_typed)["code"] == 0
    watch = ("click", "typing", "dataclasses", "pathlib", *zone_modules(as_typed))
    assert run_probe(tmp_path, "today", "--prompt", watch=watch, as_typed=as_typed) == {"code": 0, "heavy": []}


def test_the_quick_log_probe_would_notice_a_module_it_forbids(tmp_path):
    """Guard against a list that cannot fail: `today --prompt` does import the prompt."""
    assert run_probe(tmp_path, "drink", "100")["code"] == 0
    probe = run_probe(tmp_path, "today", "--prompt", watch=QUICK_NEVER)
    assert probe["heavy"] == ["cramplog.cli.prompt"]


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


ROOT = PACKAGE.parent
CONFIG = ROOT / "pyproject.toml"


def _lint(config: Path) -> int:
    from importlinter.cli import lint_imports

    return lint_imports(config_filename=str(config), no_cache=True, no_logo=True)


def test_the_import_contracts_hold(monkeypatch, capsys):
    """The layers, what each layer may never import, and no circles: pyproject.toml's
    [tool.importlinter] contracts (CI runs them as `lint-imports` too)."""
    monkeypatch.chdir(ROOT)
    code = _lint(CONFIG)
    assert code == 0, capsys.readouterr().out


def test_the_layers_name_every_package_and_root_module():
    """A new package or root module cannot slip past the layers unnamed."""
    import tomllib

    config = tomllib.loads(CONFIG.read_text())["tool"]["importlinter"]
    [layers] = [c for c in config["contracts"] if c["type"] == "layers"]
    named = {name.strip() for layer in layers["layers"] for name in layer.split("|")}
    found = {f"cramplog.{p.name}" for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    found |= {f"cramplog.{p.stem}" for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    assert named == found


def test_the_contracts_would_notice_a_broken_rule(tmp_path, monkeypatch, capsys):
    """Guard against contracts that cannot fail: forbid what the command line does import."""
    config = tmp_path / "contracts.toml"
    config.write_text(
        '[tool.importlinter]\nroot_package = "cramplog"\ninclude_external_packages = true\n\n'
        '[[tool.importlinter.contracts]]\nname = "a rule the code breaks"\ntype = "forbidden"\n'
        'source_modules = ["cramplog.cli"]\nforbidden_modules = ["click"]\n'
    )
    monkeypatch.chdir(ROOT)
    assert _lint(config) != 0
    assert "cramplog.cli" in capsys.readouterr().out


def test_the_app_module_does_not_load_the_entry_form():
    """The entry form is imported once the dashboard is painted (`EntryForms.prepare`); the app
    and its key rule (`keys.allowed`, which asks a form whether it is saving) must not need it."""
    code = "import sys, cramplog.ui.app; print('cramplog.ui.modals.entry_form' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "False", result.stderr
