"""Provides streaming XML for GPX, TCX and Apple Health: events from a binary stream in bounded
memory and in time linear in the file, whatever its tokens' lengths; local tag names without
namespaces; ISO 8601 times.

The parser (expat) is fed pieces cut just before a `<`. A `<` can't appear raw inside a tag or
an attribute value, so every piece ends between two tokens and expat never re-scans a
half-fed one: expat 2.5 re-scans an unfinished token from its start at every feed, which made
a 10 MB attribute take seconds. A stretch longer than `limits.MAX_TOKEN` without a `<` is
refused (no export has one). Expat refuses entity expansion bombs itself.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator

from ..errors import InvalidInput
from .base import finite
from .limits import MAX_TOKEN, MIB, Readable, size_text

CHUNK = MIB
PIECE = 32 * 1024


def chunks(stream: Readable) -> Iterator[bytes]:
    """The stream's bytes, a chunk at a time, without the BOM and whitespace some apps write
    before `<?xml` (Strava's files start with spaces)."""
    first = True
    while data := stream.read(CHUNK):
        if first:
            data = data.lstrip(b"\xef\xbb\xbf").lstrip()
            first = not data
        if data:
            yield data


def _pieces(data: Iterable[bytes], name: str) -> Iterator[bytes]:
    """`data` re-cut so that each piece ends just before a `<` (the last piece: at the end)."""
    pending: list[bytes] = []
    size = 0
    for chunk in data:
        cut = chunk.rfind(b"<")
        if cut <= 0:
            pending.append(chunk)
            size += len(chunk)
            if size > MAX_TOKEN:
                raise InvalidInput(
                    f"{name}: more than {size_text(MAX_TOKEN)} of XML without a tag "
                    "(a value or text that long is in no export)"
                )
            continue
        pending.append(chunk[:cut])
        yield b"".join(pending)
        pending, size = [chunk[cut:]], len(chunk) - cut
    if pending:
        yield b"".join(pending)


def _split(piece: bytes) -> Iterator[bytes]:
    """`piece` (ending before a `<`) in parts of about `PIECE` bytes, each ending before a `<`:
    the elements of one part are built, handed over and cleared before the next part's, which
    keeps the tree (and the garbage collector's work) small."""
    start = 0
    while len(piece) - start > PIECE:
        cut = piece.rfind(b"<", start + 1, start + PIECE)
        if cut == -1:
            cut = piece.find(b"<", start + PIECE)  # one long token: up to its end
            if cut == -1:
                break
        yield piece[start:cut]
        start = cut
    yield piece[start:]


def events(data: Iterable[bytes], name: str) -> Iterator[tuple[str, ET.Element]]:
    """("start" | "end", element) for the XML in `data`; XML that is not well-formed is refused naming the
    file. Elements are kept by their parents: the caller clears what it has read."""
    parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(events=("start", "end"))
    try:
        for piece in _pieces(data, name):
            for part in _split(piece):
                parser.feed(part)
                yield from parser.read_events()  # type: ignore[misc]
        parser.close()
        yield from parser.read_events()  # type: ignore[misc]
    except ET.ParseError as exc:
        raise InvalidInput(f"{name}: not well-formed XML ({exc})") from None


def elements(
    stream: Readable, name: str, root: str, what: str
) -> Iterator[tuple[str, str, ET.Element, list[ET.Element]]]:
    """(event, local tag, element, the elements open around it) for a GPX or TCX file, whose
    root element must be `root` (`what` names the format in the refusal). On an "end" the
    element is no longer among the open ones: its parent is the last."""
    stack: list[ET.Element] = []
    for event, elem in events(chunks(stream), name):
        tag = local(elem.tag)
        if event == "start":
            if not stack and tag != root:
                raise InvalidInput(f"{name}: not a {what} file (root element <{tag}>)")
            stack.append(elem)
        else:
            stack.pop()
        yield event, tag, elem, stack


def local(tag: str) -> str:
    return tag.rpartition("}")[2]


def children(elem: ET.Element, name: str) -> list[ET.Element]:
    return [c for c in elem if local(c.tag) == name]


def child_text(elem: ET.Element, name: str) -> str | None:
    for c in elem:
        if local(c.tag) == name:
            return (c.text or "").strip()
    return None


def number(text: str | None) -> float | None:
    """A finite number from XML text, else None."""
    try:
        return finite(float(text)) if text else None
    except ValueError:
        return None


def iso_time(text: str | None) -> dt.datetime | None:
    """An aware instant from ISO 8601 text (a time without an offset is taken as UTC)."""
    if not text:
        return None
    try:
        at = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return at if at.tzinfo else at.replace(tzinfo=dt.timezone.utc)
