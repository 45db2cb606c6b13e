"""Provides `--json` output: every document is named and versioned (`shapes.py`, the registry).

The shapes are documented in docs/json.md and defined as JSON Schemas in
`schema/cli.schema.json` (a test validates each command's output against its schema).
"""

from __future__ import annotations

from typing import Any

import click

from ..shapes import document

JSON_FLAG = click.option("--json", "as_json", is_flag=True,
                         help="Print JSON (versioned shapes: docs/json.md).")


def emit(name: str, payload: dict[str, Any]) -> None:
    """Print `payload` as the shape `name`, with its `schema` string first."""
    import json  # only for --json

    click.echo(json.dumps(document(name, payload), indent=2, ensure_ascii=False))
