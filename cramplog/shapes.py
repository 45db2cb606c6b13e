"""Provides the one registry of JSON document shapes: every document names its shape and version.

A document printed by `--json` starts with `schema`: `cramplog.<name>/<version>` (`document`);
the export file says `format` and `version` instead, as it always has. Within a version fields
are only ever added; a removal or a change of meaning bumps the version here, in
`schema/cli.schema.json` (or `schema/export.schema.json`) and in docs/json.md, which a test
holds together. Standard library only: the CLI, the analysis and storage all read it.
"""

from __future__ import annotations

from typing import Any

VERSIONS: dict[str, int] = {
    "today": 1,
    "trends": 1,
    "shoes": 1,
    "foods": 1,
    "config": 1,
    "where": 1,
    "saved": 1,
    "deleted": 1,
    "list": 1,
    "remind": 1,
    "backup": 1,
    "experiment": 1,
    "import": 1,
    "insights": 1,
    "export": 3,
}
"""Shape name -> current version."""

CSV_LEAD = ("id", "uid", "kind", "at", "tz", "note")
"""The CSV export's first columns (storage writes them); `import` knows that file by them, to say
it is not read back rather than call it another app's."""

EXPORT_FORMAT = "cramplog-export"
"""The export file's `format` (its version is `VERSIONS["export"]`)."""


def schema(name: str) -> str:
    """`cramplog.<name>/<version>`: the `schema` string of shape `name`."""
    return f"cramplog.{name}/{VERSIONS[name]}"


def document(name: str, payload: dict[str, Any]) -> dict[str, Any]:
    """`payload` as the shape `name`, its `schema` string first."""
    return {"schema": schema(name), **payload}
