"""A journal URL's password never reaches any output, whatever the URL's shape.

The shapes come from docs/server.md ("the password ... never printed: error messages,
`cramplog where` and the app show the URL with the password as `***`") and from what people
paste: an unencoded `/ ? # @ %` or space in the password, a malformed URL, another database's
URL (`mysql://`, `sqlite://`), `postgresql:` without `//`, the password as a query setting,
libpq's `key=value` form. No server answers on 127.0.0.1 port 1, so every command that opens
the journal fails the way a wrong URL does, which is where messages quote it.
"""

from __future__ import annotations

import contextlib
import io
import os
import string
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cramplog import urls
from cramplog.cli import main
from cramplog.paths import JournalURL
from cramplog.urls import masked, passwords, without_password

ALPHABET = string.ascii_letters + string.digits + "/?#@%:[]&=+;~!$'()*,.-_ "
PASSWORDS = st.text(ALPHABET, min_size=5, max_size=14).map(lambda p: f"Zq{p}")
"""Every character a password may hold unencoded; `Zq` keeps it out of every other word."""

SHAPES = [
    "postgresql://cramp:{pw}@127.0.0.1:1/cramplog",
    "postgres://cramp:{pw}@127.0.0.1:1/cramplog?sslmode=disable&connect_timeout=2",
    "postgresql+psycopg://cramp:{pw}@[::1/cramplog",
    "postgresql://cramp@127.0.0.1:1/cramplog?password={pw}&connect_timeout=2",
    "postgresql://cramp@127.0.0.1:1/cramplog?sslmode=disable&pass%77ord={pw}",
    "mysql://cramp:{pw}@127.0.0.1/cramplog",
    "sqlite://cramp:{pw}@127.0.0.1/cramplog",
    "postgresql:cramp:{pw}@127.0.0.1/cramplog",
    "host=127.0.0.1 port=1 password={pw}",
]
COMMANDS = [
    ("where",),
    ("where", "--json"),
    ("drink", "100"),
    ("--debug", "drink", "100"),
    ("list",),
    ("remind",),
    ("remind", "install", "--cron"),
    ("remind", "install"),
    ("today", "--prompt"),
    ("today",),
    ("backup",),
    ("export",),
]


def _run(args: list[str]) -> str:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        main(args)
    return out.getvalue() + err.getvalue()


def _leaks(text: str, password: str) -> list[str]:
    forms = {password, unquote(password), unquote(password.replace("+", " "))}
    return [form for form in forms if len(form) >= 5 and form in text]


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(password=PASSWORDS, shape=st.sampled_from(SHAPES), by_env=st.booleans())
def test_no_command_prints_the_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, password: str, shape: str, by_env: bool
):
    url = shape.format(pw=password)
    units = tmp_path / "xdg"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(units))
    monkeypatch.delenv("CRAMPLOG_DB", raising=False)
    if by_env:
        monkeypatch.setenv("CRAMPLOG_DB", url)
    for command in COMMANDS:
        args = ([] if by_env else ["--db", url]) + list(command)
        if command[0] == "--debug" and not by_env:
            args = ["--debug", "--db", url, *command[1:]]
        shown = _run(args)
        assert not _leaks(shown, password), (url, command, shown)
    for written in units.rglob("*"):
        if written.is_file():
            assert not _leaks(written.read_text(), password), (url, written)


@given(
    user=st.text(string.ascii_lowercase, min_size=1, max_size=8),
    password=PASSWORDS,
    rest=st.sampled_from(
        [
            "@127.0.0.1/db",
            "@h:5432/db?sslmode=verify-full&sslrootcert=/a@b/root.crt",
            "@[::1",
            "@/run/postgresql",
            "@h/db#frag",
        ]
    ),
)
def test_masking_hides_the_user_part_whatever_it_holds(user: str, password: str, rest: str):
    url = f"postgresql://{user}:{password}{rest}"
    for shown in (masked(url), str(JournalURL(url)), without_password(url)):
        assert not _leaks(shown, password), shown
    assert masked(url).startswith(f"postgresql://{user}:***@")
    assert password in passwords(url)


@given(st.text(alphabet="ap:=/@ .sqlitedbworx%", max_size=24) | st.text(max_size=24))
def test_a_url_is_told_from_a_file_name_without_its_patterns_only_when_it_cannot_be_one(text: str):
    """`looks_like_url` answers a text without `:` or `=` without compiling its patterns (a quick
    log's `--db`): the same answer the patterns give, for any text."""
    import re

    by_patterns = re.match(urls._SCHEME, text) is not None or any(
        urls._secret_key(m.group(1)) for m in re.finditer(urls._SETTING, text)
    )
    assert urls.looks_like_url(text) == by_patterns


def test_what_is_not_a_password_is_still_shown():
    url = "postgresql://cramp@homeserver:5432/cramplog?sslmode=verify-full&sslrootcert=~/.postgresql/root.crt"
    assert masked(url) == url
    assert (
        without_password("postgresql://cramp:pw@h/db?password=x&sslmode=require")
        == "postgresql://cramp@h/db?sslmode=require"
    )
    assert masked("postgresql://cramp:s%2Fcret@h/db?PassWord=two") == "postgresql://cramp:***@h/db?PassWord=***"


def test_another_databases_url_is_refused_not_made_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    for url in ("mysql://u:secret1@h/db", "sqlite:///journal.db", "postgresql:u:secret1@h/db", "file:x.db"):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["--db", url, "drink", "100"])
        assert code == 2, err.getvalue()
        assert err.getvalue().startswith("error: journal ") and "secret1" not in err.getvalue()
        assert out.getvalue() == ""
    assert os.listdir(tmp_path) == []


def test_a_file_that_is_not_a_csv_is_not_echoed(tmp_path: Path):
    """Review B: `import ~/.pgpass --from csv --map ...` printed the file's first line whole,
    password and all, as the list of "columns"."""
    from .contract import run_main

    pgpass = tmp_path / "pgpass"
    pgpass.write_text("homeserver:5432:cramplog:cramp:Zq-s3cret-pw\n")
    code, out, err = run_main(
        tmp_path / "j.db",
        "import",
        str(pgpass),
        "--from",
        "csv",
        "--kind",
        "drink",
        "--map",
        "time=Date, amount_ml=Water",
    )
    assert code == 2 and "Zq-s3cret-pw" not in err and "no column 'Date'" in err, err
    wide = tmp_path / "wide.csv"
    wide.write_text(",".join(f"c{i}" for i in range(40)) + ",A" + "x" * 200 + "\n1\n")
    code, _, err = run_main(
        tmp_path / "j.db",
        "import",
        str(wide),
        "--from",
        "csv",
        "--kind",
        "drink",
        "--map",
        "time=Date, amount_ml=Water",
    )
    assert code == 2 and "c0, c1" in err and "29 more" in err and "x" * 40 not in err, err


def test_the_backup_passphrase_is_masked_in_every_message(tmp_path: Path):
    """Review B: `import /proc/self/environ` echoed the whole environment, CRAMPLOG_PASSPHRASE too."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("CRAMPLOG_")},
        "CRAMPLOG_HOME": str(tmp_path / "home"),
        "CRAMPLOG_PASSPHRASE": "Zq-horse-battery",
    }
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "cramplog",
            "--db",
            str(tmp_path / "j.db"),
            "import",
            "/proc/self/environ",
            "--from",
            "csv",
            "--kind",
            "drink",
            "--map",
            "time=A, amount_ml=B",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 2 and "Zq-horse-battery" not in done.stderr + done.stdout, done.stderr
