"""Bytes that are not UTF-8 outside the entry fields (review B, M2): exit 2 with one line.

A command line's or a variable's undecodable bytes reach Python as lone surrogates; the entry
fields refused them, but a stop reason, a setting, the backup passphrase and a server URL's
`%ff` ended in "unexpected UnicodeEncodeError/UnicodeDecodeError", exit 1.
"""

from __future__ import annotations

import pytest

BYTES = "\udcff\udcfe"  # what $'\xff\xfe' becomes in sys.argv


def test_a_stop_reason_that_is_not_utf8_is_refused_and_a_long_one_is_not_cut(journal):
    journal.accepts("experiment", "plan", "--yes")
    journal.refuses("experiment", "stop", "--yes", "--reason", f"a{BYTES}", reason="not UTF-8")
    journal.refuses("experiment", "stop", "--yes", "--reason", "x" * 2001, reason="longer than 2000")
    journal.accepts("experiment", "stop", "--yes", "--reason", "y" * 2000)
    code, out, _ = journal("experiment", "--json")
    assert code == 0 and "y" * 2000 in out


def test_a_setting_that_is_not_utf8_is_refused(journal):
    journal.refuses("config", "set", "report.name", BYTES, reason="not UTF-8")


def test_a_passphrase_that_is_not_utf8_is_refused(journal, tmp_path, monkeypatch):
    monkeypatch.setenv("CRAMPLOG_PASSPHRASE", BYTES)
    journal.refuses("backup", "--encrypt", "-o", str(tmp_path / "x.age"), reason="not UTF-8")
    assert not (tmp_path / "x.age").exists()


@pytest.mark.parametrize(
    "url", ["postgresql://cramp:pw%ff@127.0.0.1:1/db", f"postgresql://cramp:pw{BYTES}@127.0.0.1:1/db"]
)
def test_a_server_url_that_is_not_utf8_is_refused_without_its_password(journal, url):
    from .contract import run_main

    code, out, err = run_main(url, "drink", "500")  # type: ignore[arg-type]
    assert (code, out) == (2, "") and err.startswith("error: ") and len(err.splitlines()) == 1
    assert "not UTF-8" in err and "pw" not in err
