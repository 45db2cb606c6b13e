"""A bad value in a hand-edited config file (review B, M7).

It blocked every command, export included, with a line that named neither the file nor the key
("error: name must be plain text of at most 100 characters"). Now the line names both, and
export and backup still work (a warning, the defaults), so the journal can always be saved.
"""

from __future__ import annotations

import json

import pytest


@pytest.fixture(
    params=[
        ('[report]\nname = "Eve\\u001b[31m"\n', "report.name"),
        ('[targets]\nbeverage_ml = "lots"\n', "targets.beverage_ml"),
    ]
)
def bad_config(request, tmp_path, monkeypatch):
    text, key = request.param
    path = tmp_path / "config.toml"
    path.write_text(text)
    monkeypatch.setenv("CRAMPLOG_CONFIG", str(path))
    return path, key


def test_a_command_names_the_file_and_the_key(journal, bad_config):
    path, key = bad_config
    journal.refuses("list", reason=f"config file {path}: {key}: ")
    journal.refuses("drink", "500", reason=key)


def test_export_and_backup_still_save_the_journal(journal, bad_config, tmp_path):
    path, key = bad_config
    code, out, err = journal("export")
    assert code == 0 and len(json.loads(out)["entries"]) == 6
    assert err.splitlines() == [line for line in err.splitlines() if line.startswith("warning: ")]
    assert f"{path}: {key}" in err and "default settings" in err
    code, _, err = journal("backup", "-o", str(tmp_path / "copy.db"))
    assert code == 0 and (tmp_path / "copy.db").stat().st_size > 0, err
