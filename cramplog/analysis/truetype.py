"""Provides what a PDF needs from a TrueType font file, read with `struct`: metrics, the
character map, advance widths, and a subset of its outlines.

Tables read (OpenType spec, "Font tables"): `head` (units per em, bounding box, the `loca`
format), `hhea` and `hmtx` (advance widths), `maxp` (the glyph count), `cmap` (format 4, and
12 when present, Unicode subtables), `OS/2` (weight; cap height from version 2, else the
height of `H`), `post` (italic angle), `loca` and `glyf` (outlines, for the subset). The
subset keeps every glyph's number (so a PDF can use /CIDToGIDMap /Identity) and empties the
outlines of glyphs not used, keeping the components a composite glyph is built from.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

SUBSET_TABLES = (b"cvt ", b"fpgm", b"glyf", b"head", b"hhea", b"hmtx", b"loca", b"maxp", b"prep")
"""The tables a PDF's embedded TrueType font needs (ISO 32000-1 §9.9, Table 126's note)."""

_MORE_COMPONENTS, _WORDS, _SCALE, _XY_SCALE, _TWO_BY_TWO = 0x20, 0x01, 0x08, 0x40, 0x80


@dataclass(frozen=True)
class TrueType:
    """One font file's metrics in font units (`units_per_em` to the em) and its glyph data."""

    data: bytes
    tables: dict[bytes, tuple[int, int]]
    """Each table's offset and length in `data`."""
    units_per_em: int
    bbox: tuple[int, int, int, int]
    ascent: int
    descent: int
    cap_height: int
    italic_angle: float
    weight: int
    advances: tuple[int, ...]
    """Each glyph's advance width, by glyph number."""
    cmap: dict[int, int]
    """Code point to glyph number; the glyphs the font draws for characters."""
    loca: tuple[int, ...]

    @classmethod
    def parse(cls, data: bytes) -> TrueType:
        tables = _directory(data)

        def table(tag: bytes) -> bytes:
            offset, length = tables[tag]
            return data[offset : offset + length]

        head, hhea, maxp, os2, post = (table(t) for t in (b"head", b"hhea", b"maxp", b"OS/2", b"post"))
        units_per_em = struct.unpack_from(">H", head, 18)[0]
        bbox = struct.unpack_from(">4h", head, 36)
        long_loca = struct.unpack_from(">h", head, 50)[0] == 1
        ascent, descent = struct.unpack_from(">hh", hhea, 4)
        metrics = struct.unpack_from(">H", hhea, 34)[0]
        glyphs = struct.unpack_from(">H", maxp, 4)[0]
        hmtx = table(b"hmtx")
        widths = [struct.unpack_from(">H", hmtx, 4 * i)[0] for i in range(metrics)]
        advances = tuple(widths + [widths[-1]] * (glyphs - metrics))
        weight = struct.unpack_from(">H", os2, 4)[0]
        italic = struct.unpack_from(">i", post, 4)[0] / 65536
        raw = table(b"loca")
        loca = (
            struct.unpack_from(f">{glyphs + 1}L", raw)
            if long_loca
            else tuple(2 * v for v in struct.unpack_from(f">{glyphs + 1}H", raw))
        )
        cmap = _cmap(table(b"cmap"))
        if struct.unpack_from(">H", os2, 0)[0] >= 2:
            cap = struct.unpack_from(">h", os2, 88)[0]
        else:  # an older OS/2 table has no cap height: the top of H
            h = cmap.get(ord("H"), 0)
            cap = _box(table(b"glyf")[loca[h] : loca[h + 1]])[3]
        return cls(data, tables, units_per_em, bbox, ascent, descent, cap, italic, weight, advances, cmap, loca)

    def glyph(self, gid: int) -> bytes:
        """The glyph's outline data in `glyf` (empty for a glyph without contours, like space)."""
        offset = self.tables[b"glyf"][0]
        return self.data[offset + self.loca[gid] : offset + self.loca[gid + 1]]

    def components(self, gid: int) -> list[int]:
        """The glyphs a composite glyph is built from (none for a simple glyph)."""
        outline = self.glyph(gid)
        if len(outline) < 10 or struct.unpack_from(">h", outline, 0)[0] >= 0:
            return []
        out, at = [], 10
        while True:
            flags, component = struct.unpack_from(">HH", outline, at)
            out.append(component)
            at += 4 + (4 if flags & _WORDS else 2)
            at += 2 if flags & _SCALE else 4 if flags & _XY_SCALE else 8 if flags & _TWO_BY_TWO else 0
            if not flags & _MORE_COMPONENTS:
                return out

    def closure(self, gids: set[int]) -> set[int]:
        """`gids`, glyph 0 (.notdef), and every component they are built from, however deep."""
        todo, seen = [0, *gids], set()
        while todo:
            gid = todo.pop()
            if gid not in seen:
                seen.add(gid)
                todo += self.components(gid)
        return seen

    def subset(self, gids: set[int]) -> bytes:
        """A font file drawing only `gids` (and what they are built from), glyph numbers kept."""
        keep = self.closure(gids)
        glyf, offsets = bytearray(), []
        for gid in range(len(self.advances)):
            offsets.append(len(glyf))
            if gid in keep:
                glyf += self.glyph(gid)
                glyf += b"\0" * (-len(glyf) % 4)
        offsets.append(len(glyf))
        head = bytearray(self._table(b"head"))
        head[8:12] = b"\0\0\0\0"  # checkSumAdjustment, set below
        head[50:52] = struct.pack(">h", 1)  # long offsets in loca
        tables = {tag: self._table(tag) for tag in SUBSET_TABLES if tag in self.tables}
        tables |= {b"head": bytes(head), b"glyf": bytes(glyf), b"loca": struct.pack(f">{len(offsets)}L", *offsets)}
        font = bytearray(_file(tables))
        adjust = (0xB1B0AFBA - _checksum(bytes(font))) & 0xFFFFFFFF
        at = font.find(b"head", 12)
        head_offset = struct.unpack_from(">L", font, at + 8)[0]
        font[head_offset + 8 : head_offset + 12] = struct.pack(">L", adjust)
        return bytes(font)

    def _table(self, tag: bytes) -> bytes:
        offset, length = self.tables[tag]
        return self.data[offset : offset + length]


def _box(outline: bytes) -> tuple[int, int, int, int]:
    """A glyph's bounding box (xMin, yMin, xMax, yMax); zeros for a glyph without contours."""
    return struct.unpack_from(">4h", outline, 2) if outline else (0, 0, 0, 0)


def _directory(data: bytes) -> dict[bytes, tuple[int, int]]:
    version, count = struct.unpack_from(">LH", data, 0)
    if version not in (0x00010000, 0x74727565):
        raise ValueError("not a TrueType font file")
    tables = {}
    for i in range(count):
        tag, _, offset, length = struct.unpack_from(">4sLLL", data, 12 + 16 * i)
        tables[tag] = (offset, length)
    return tables


def _cmap(table: bytes) -> dict[int, int]:
    """The Unicode character map: format 12 (every plane) when the font has it, else format 4."""
    count = struct.unpack_from(">H", table, 2)[0]
    found: dict[int, int] = {}
    for i in range(count):
        platform, encoding, offset = struct.unpack_from(">HHL", table, 4 + 8 * i)
        if (platform, encoding) in ((3, 1), (3, 10), (0, 3), (0, 4)):
            found.setdefault(struct.unpack_from(">H", table, offset)[0], offset)
    if 12 in found:
        return _format12(table, found[12])
    if 4 in found:
        return _format4(table, found[4])
    raise ValueError("the font has no Unicode character map")


def _format4(table: bytes, at: int) -> dict[int, int]:
    segments = struct.unpack_from(">H", table, at + 6)[0] // 2
    ends = struct.unpack_from(f">{segments}H", table, at + 14)
    starts = struct.unpack_from(f">{segments}H", table, at + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", table, at + 16 + 4 * segments)
    range_at = at + 16 + 6 * segments
    ranges = struct.unpack_from(f">{segments}H", table, range_at)
    out = {}
    for i, (start, end, delta, offset) in enumerate(zip(starts, ends, deltas, ranges)):
        for code in range(start, end + 1):
            if code == 0xFFFF:
                continue
            if offset == 0:
                gid = (code + delta) & 0xFFFF
            else:
                index = range_at + 2 * i + offset + 2 * (code - start)
                gid = struct.unpack_from(">H", table, index)[0]
                gid = (gid + delta) & 0xFFFF if gid else 0
            if gid:
                out[code] = gid
    return out


def _format12(table: bytes, at: int) -> dict[int, int]:
    groups = struct.unpack_from(">L", table, at + 12)[0]
    out = {}
    for i in range(groups):
        start, end, first = struct.unpack_from(">3L", table, at + 16 + 12 * i)
        for code in range(start, end + 1):
            out[code] = first + code - start
    return out


def _checksum(data: bytes) -> int:
    padded = data + b"\0" * (-len(data) % 4)
    words: tuple[int, ...] = struct.unpack(f">{len(padded) // 4}L", padded)
    return sum(words) & 0xFFFFFFFF


def _file(tables: dict[bytes, bytes]) -> bytes:
    """A font file of `tables`, in tag order, each at a four-byte boundary with its checksum."""
    count = len(tables)
    power = 1 << (count.bit_length() - 1)
    header = struct.pack(">LHHHH", 0x00010000, count, 16 * power, power.bit_length() - 1, 16 * (count - power))
    offset = 12 + 16 * count
    directory, body = bytearray(), bytearray()
    for tag in sorted(tables):
        data = tables[tag]
        directory += struct.pack(">4sLLL", tag, _checksum(data), offset + len(body), len(data))
        body += data + b"\0" * (-len(data) % 4)
    return header + bytes(directory) + bytes(body)
