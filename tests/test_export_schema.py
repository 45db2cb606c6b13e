"""The export format's JSON Schema (schema/export.schema.json): golden, and exports validate.

Regenerate after changing an entry kind: python -m tests.test_export_schema
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import jsonschema

from cramplog.domain import entries as E
from cramplog.domain import vocab
from cramplog.domain.experiment import (
    BEHAVIOURS,
    BLOCK,
    MAX_MINUTES,
    MAX_WEEKS,
    MIN_WEEKS,
    OUTCOMES,
    REASON,
    SEEDS,
    nights_for,
)
from cramplog.domain.experiment import FIELDS as PLAN_FIELDS
from cramplog.domain.fields import VOCABULARIES
from cramplog.storage.transfer import EXPORT_VERSION

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "schema" / "export.schema.json"
WORDS = VOCABULARIES


def _type(name: str, annotation: str) -> dict:
    nullable = "None" in annotation
    base = annotation.replace(" | None", "")
    if name == "muscles":
        schema: dict = {"type": "array", "minItems": 1, "items": {"enum": list(vocab.STRETCH_MUSCLES)}}
    elif name in WORDS:
        schema = {"enum": list(WORDS[name])}
    elif base == "dt.datetime":
        schema = {"type": "string", "format": "date-time"}
    elif base == "dt.date":
        schema = {"type": "string", "format": "date"}
    else:
        schema = {"type": {"int": "integer", "float": "number", "bool": "boolean", "str": "string"}[base]}
    if nullable:
        if "enum" in schema:
            schema["enum"] = [*schema["enum"], None]
        else:
            schema["type"] = [schema["type"], "null"]
    return schema


def build_schema() -> dict:
    kinds = {}
    for kind, cls in E.KINDS.items():
        props = {"id": {"type": ["integer", "null"]}, "kind": {"const": kind}}
        required = ["kind", "at", "tz"]
        for f in dataclasses.fields(cls):
            if f.name == "id":
                continue
            props[f.name] = _type(f.name, str(f.type))
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                required.append(f.name)
        kinds[kind] = {
            "type": "object",
            "properties": props,
            "required": sorted(set(required)),
            "additionalProperties": False,
        }
    date = {"type": "string", "format": "date"}
    experiment = {
        "type": "object",
        "description": "A planned experiment: its nights are dealt again from `seed` (docs/experiment.md).",
        "properties": {
            "id": {"type": ["integer", "null"]},
            "behaviour": {"enum": list(BEHAVIOURS)},
            "minutes": {"type": "integer", "minimum": 1, "maximum": MAX_MINUTES},
            "outcome": {"enum": list(OUTCOMES)},
            "nights": {
                "type": "integer",
                "minimum": MIN_WEEKS * 7,
                "maximum": nights_for(MAX_WEEKS),
                "multipleOf": BLOCK,
            },
            "start": date,
            "seed": {"type": "integer", "minimum": 0, "maximum": SEEDS - 1},
            "stopped": {**date, "type": ["string", "null"]},
            "stop_reason": {"type": "string", "maxLength": REASON.bounds.max_length},
        },
        "required": ["behaviour", "minutes", "outcome", "nights", "start", "seed"],
        "additionalProperties": False,
    }
    assert list(experiment["properties"]) == list(PLAN_FIELDS)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://cramplog.invalid/schema/export.schema.json",
        "title": f"cramplog export, version {EXPORT_VERSION}",
        "description": "Produced by `cramplog export`; read back by `cramplog import`. Times are ISO 8601 "
        "with offset; `tz` is the IANA zone the entry was logged in; amounts are metric "
        "(ml, km, seconds, mg).",
        "type": "object",
        "required": ["format", "version", "exported_at", "entries"],
        "properties": {
            "format": {"const": "cramplog-export"},
            "version": {"const": EXPORT_VERSION},
            "exported_at": {"type": "string", "format": "date-time"},
            "generator": {"type": "string"},
            "entries": {"type": "array", "items": {"oneOf": [{"$ref": f"#/$defs/{k}"} for k in kinds]}},
            "experiments": {"type": "array", "items": {"$ref": "#/$defs/experiment"}},
        },
        "$defs": {**kinds, "experiment": experiment},
    }


def test_golden_schema_is_current():
    assert json.loads(SCHEMA.read_text()) == build_schema(), "regenerate: python -m tests.test_export_schema"


def test_an_export_of_every_kind_validates(cli, tmp_path):
    cli("shoe", "Pegasus")
    for args in (
        ("cramp", "calf", "-s", "7", "--swelling", "one_leg", "--duration", "90s"),
        ("drink", "250"),
        ("stretch", "10"),
        ("run", "5", "--shoe", "Pegasus", "--time", "30:00"),
        ("food", "banana"),
        ("diet", "vegan", "--no-b12"),
        ("med", "x", "--class", "ppi"),
        ("injury", "calf"),
        ("symptom", "tingling"),
        ("checkin", "--no-cramps", "--date", "yesterday"),
    ):
        assert cli(*args)[0] == 0
    out = tmp_path / "e.json"
    cli("export", "-o", str(out))
    document = json.loads(out.read_text())
    assert {e["kind"] for e in document["entries"]} == set(E.KINDS)
    jsonschema.validate(document, build_schema(), format_checker=jsonschema.FormatChecker())


def test_the_schema_refuses_a_bad_entry():
    bad = {
        "format": "cramplog-export",
        "version": EXPORT_VERSION,
        "exported_at": "2026-11-24T10:00:00+00:00",
        "entries": [
            {"kind": "cramp", "at": "2026-11-24T10:00:00+00:00", "tz": "UTC", "muscle": "elbow", "severity": 5}
        ],
    }
    try:
        jsonschema.validate(bad, build_schema())
    except jsonschema.ValidationError:
        return
    raise AssertionError("an unknown muscle passed the schema")


if __name__ == "__main__":
    SCHEMA.write_text(json.dumps(build_schema(), indent=2) + "\n")
