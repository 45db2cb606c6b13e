"""Provides small helpers for the XML track formats (GPX, TCX): parse refusing malformed files,
local tag names without namespaces, and ISO 8601 times."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from ..errors import InvalidInput


def parse_xml(data: bytes, name: str) -> ET.Element:
    """The root element. Strava's files begin with whitespace before `<?xml`, which is dropped."""
    text = data.lstrip(b"\xef\xbb\xbf").lstrip()
    try:
        return ET.fromstring(text)
    except ET.ParseError as exc:
        raise InvalidInput(f"{name}: malformed XML ({exc})") from None


def local(tag: str) -> str:
    return tag.rpartition("}")[2]


def children(elem: ET.Element, name: str) -> list[ET.Element]:
    return [c for c in elem if local(c.tag) == name]


def child_text(elem: ET.Element, name: str) -> str | None:
    for c in elem:
        if local(c.tag) == name:
            return (c.text or "").strip()
    return None


def descendants(elem: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in elem.iter() if local(e.tag) == name]


def iso_time(text: str | None) -> dt.datetime | None:
    """An aware instant from ISO 8601 text (a time without an offset is taken as UTC)."""
    if not text:
        return None
    try:
        at = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return at if at.tzinfo else at.replace(tzinfo=dt.timezone.utc)
