"""Provides `--json` output: every document is named and versioned (`shapes.py`, the registry).

The shapes are documented in docs/json.md and defined as JSON Schemas in
`schema/cli.schema.json` (a test validates each command's output against its schema).
"""

from __future__ import annotations

from typing import Any

import click

from ..shapes import document

JSON_FLAG = click.option("--json", "as_json", is_flag=True, help="Print JSON (versioned shapes: docs/json.md).")


def dumps(value: Any) -> str:
    """`value` as indented JSON for standard output: characters as they are on a UTF-8 output,
    as `\\u` escapes on any other (a latin-1 or ascii terminal), so no character is lost."""
    import json  # only for --json
    import sys

    from . import is_utf8

    return json.dumps(value, indent=2, ensure_ascii=not is_utf8(sys.stdout))


def emit(name: str, payload: dict[str, Any]) -> None:
    """Print `payload` as the shape `name`, with its `schema` string first."""
    click.echo(dumps(document(name, payload)))
