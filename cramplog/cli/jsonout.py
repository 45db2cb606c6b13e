"""Provides `--json` output: every shape is named and versioned, e.g. `cramplog.today/1`.

The shapes are documented in docs/json.md and defined as JSON Schemas in
`schema/cli.schema.json` (a test validates each command's output against its schema). Within
a version fields are only ever added; a removal or a change of meaning bumps the version.
"""

from __future__ import annotations

import json
from typing import Any

import click

VERSIONS: dict[str, int] = {
    "today": 1,
    "trends": 1,
    "shoes": 1,
    "foods": 1,
    "config": 1,
    "where": 1,
    "saved": 1,
    "deleted": 1,
    "remind": 1,
    "backup": 1,
    "experiment": 1,
    "import": 1,
    "insights": 1,
}
"""Shape name -> current version; `schema` in the output is `cramplog.<name>/<version>`.
(`insights` is written by `analysis.insights.to_json`, which names its own shape.)"""

JSON_FLAG = click.option("--json", "as_json", is_flag=True,
                         help="Print JSON (versioned shapes: docs/json.md).")


def document(name: str, payload: dict[str, Any]) -> dict[str, Any]:
    return {"schema": f"cramplog.{name}/{VERSIONS[name]}", **payload}


def dumps(value: Any) -> str:
    """`value` as indented JSON for standard output: characters as they are on a UTF-8 output,
    as `\\u` escapes on any other (a latin-1 or ascii terminal), so no character is lost."""
    import sys

    from . import is_utf8

    return json.dumps(value, indent=2, ensure_ascii=not is_utf8(sys.stdout))


def emit(name: str, payload: dict[str, Any]) -> None:
    """Print `payload` as the shape `name`, with its `schema` string first."""
    click.echo(dumps(document(name, payload)))
