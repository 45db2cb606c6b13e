"""JSON that failed its own schema (review B, "JSON that fails the schema").

- `where --json` on a server journal gave null where the schema said string/boolean; the schema
  now says what null means there (docs/json.md).
- An instant whose zone's offset had seconds (Amsterdam 1920, +01:19:32) was written
  `...+01:19:32`, which is not RFC 3339 `date-time`; it is now written in UTC.
- `today --prompt --json` printed the prompt where JSON was asked for; now refused.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from cramplog.domain import entries as E

from .contract import run_main

SCHEMA = json.loads((Path(__file__).parents[2] / "schema" / "cli.schema.json").read_text())
EXPORT = json.loads((Path(__file__).parents[2] / "schema" / "export.schema.json").read_text())


def valid(document: dict, schema: dict) -> None:
    jsonschema.validate(document, schema, format_checker=jsonschema.FormatChecker())


def test_where_on_a_server_journal_fits_the_schema(tmp_path):
    code, out, err = run_main("postgresql://cramp:Zq-pw@127.0.0.1:1/db", "where", "--json")  # type: ignore[arg-type]
    assert code == 0, err
    doc = json.loads(out)
    assert doc["backups"] is None and doc["journal_exists"] is None
    defs = SCHEMA.get("$defs") or SCHEMA["definitions"]
    valid(doc, {**SCHEMA, **defs["where"]})


@pytest.mark.parametrize(
    ("zone", "local"),
    [
        ("Europe/Amsterdam", "1920-06-01 12:00"),
        ("Africa/Monrovia", "1960-06-01 12:00"),
        ("Pacific/Kiritimati", "1900-06-01 12:00"),
    ],
)
def test_an_offset_with_seconds_is_written_as_rfc_3339(tmp_path, monkeypatch, zone, local):
    monkeypatch.setenv("TZ", zone)
    db = tmp_path / "journal.db"
    code, _, err = run_main(db, "drink", "400", "--at", local)
    assert code == 0, err
    code, out, _ = run_main(db, "export")
    document = json.loads(out)
    valid(document, EXPORT)
    [entry] = document["entries"]
    assert entry["at"].endswith("+00:00") and entry["tz"] == zone
    code, out, _ = run_main(db, "list", "--json")
    assert json.loads(out)["entries"][0]["at"] == entry["at"]
    (tmp_path / "e.json").write_text(json.dumps(document))
    other = tmp_path / "other.db"
    assert run_main(other, "import", str(tmp_path / "e.json"))[0] == 0
    code, out, _ = run_main(other, "list")
    assert f"{local[:10]} {local[11:]}" in out  # read back at the wall-clock time it was typed


def test_an_ordinary_offset_keeps_its_local_form():
    import datetime as dt
    from zoneinfo import ZoneInfo

    at = dt.datetime(2026, 11, 24, 14, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    assert E.instant_text(at) == "2026-11-24T14:00:00+01:00"


def test_today_prompt_json_is_refused(journal):
    journal.refuses("today", "--prompt", "--json", reason="has no --json")
