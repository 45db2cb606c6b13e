"""Provides the two typefaces the report's PDF can be set in, and the rule choosing between them.

A document whose every character is in WinAnsiEncoding is set in the PDF's own Helvetica
(`helvetica`: nothing embedded, the smallest file). Any other character (a Polish or Czech
name, Cyrillic, Greek) and the whole document is set in DejaVu Sans, embedded (`fonts/`,
subset to the glyphs used): one face for every line, so the page never mixes two. A character
DejaVu Sans lacks (CJK), or one from a right-to-left script (which would need shaping this
writer doesn't do), is printed as U+FFFD, the replacement character, and reads back as it.

A face owns how its text is measured (`width`), written into a content stream (`show`) and
declared in the file (`objects`); the layout asks the document's face, never a font.
"""

from __future__ import annotations

import hashlib
import struct
import unicodedata
import zlib
from collections.abc import Iterable
from functools import cache
from importlib.resources import files

from . import helvetica
from .pdf import Face, literal, num
from .truetype import TrueType

REPLACEMENT = "\ufffd"
"""What the embedded face prints for a character it can't: the replacement character."""
_RIGHT_TO_LEFT = ("R", "AL")
_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")


def _plain(text: str) -> str:
    """Composed (NFC: a letter and its accent as one character where Unicode has one), control
    characters as spaces."""
    return "".join(c if c >= " " else " " for c in unicodedata.normalize("NFC", text))


class WinAnsi:
    """Helvetica and Helvetica-Bold, every PDF reader's own, in WinAnsiEncoding."""

    def clean(self, text: str) -> str:
        return helvetica.encode(_plain(text)).decode("cp1252")

    def width(self, text: str, size: float, bold: bool = False) -> float:
        return helvetica.width(_plain(text), size, bold)

    def show(self, text: str, bold: bool) -> bytes:
        return literal(helvetica.encode(_plain(text)))

    def objects(self, first: int) -> tuple[list[bytes], list[bytes]]:
        fonts = [
            b"<< /Type /Font /Subtype /Type1 /BaseFont /" + name + b" /Encoding /WinAnsiEncoding >>"
            for name in (b"Helvetica", b"Helvetica-Bold")
        ]
        return fonts, []


@cache
def dejavu() -> tuple[TrueType, TrueType]:
    """DejaVu Sans and DejaVu Sans Bold, read once a process, when a document first needs them."""
    folder = files(__package__).joinpath("fonts")
    regular, bold = (TrueType.parse(folder.joinpath(name).read_bytes()) for name in _FILES)
    return regular, bold


class Embedded:
    """DejaVu Sans and DejaVu Sans Bold, embedded as Type0 fonts (Identity-H): the content
    stream shows glyph numbers, two bytes each; /ToUnicode gives the characters back."""

    def __init__(self) -> None:
        self.fonts = dejavu()
        regular, bold = self.fonts
        self.covers = frozenset(regular.cmap) & frozenset(bold.cmap)
        self.used: tuple[dict[int, str], dict[int, str]] = ({}, {})
        """Per font, each glyph shown and the character it stands for."""

    def clean(self, text: str) -> str:
        return "".join(
            c if ord(c) in self.covers and unicodedata.bidirectional(c) not in _RIGHT_TO_LEFT else REPLACEMENT
            for c in _plain(text)
        )

    def width(self, text: str, size: float, bold: bool = False) -> float:
        font = self.fonts[bold]
        return sum(font.advances[font.cmap[ord(c)]] for c in self.clean(text)) * size / font.units_per_em

    def show(self, text: str, bold: bool) -> bytes:
        font, used = self.fonts[bold], self.used[bold]
        gids = []
        for c in self.clean(text):
            gid = font.cmap[ord(c)]
            used[gid] = min(used.get(gid, c), c)  # a glyph two characters share: the lower reads back
            gids.append(gid)
        return b"<" + struct.pack(f">{len(gids)}H", *gids).hex().encode("ascii") + b">"

    def objects(self, first: int) -> tuple[list[bytes], list[bytes]]:
        fonts: list[bytes] = []
        extra: list[bytes] = []
        for font, used in zip(self.fonts, self.used):
            n = first + len(extra)
            scale = 1000 / font.units_per_em
            name = _subset_tag(used) + b"+" + _postscript_name(font)
            widths = b" ".join(b"%d [%s]" % (gid, num(font.advances[gid] * scale)) for gid in sorted(used))
            program = font.subset(set(used))
            packed = zlib.compress(program, 9)
            fonts.append(
                b"<< /Type /Font /Subtype /Type0 /BaseFont /"
                + name
                + b" /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (n, n + 3)
            )
            descriptor = (
                b"<< /Type /FontDescriptor /FontName /"
                + name
                + b" /Flags 4 /FontBBox ["
                + b" ".join(num(v * scale) for v in font.bbox)
                + b"] /ItalicAngle "
                + num(font.italic_angle)
                + b" /Ascent "
                + num(font.ascent * scale)
                + b" /Descent "
                + num(font.descent * scale)
                + b" /CapHeight "
                + num(font.cap_height * scale)
                + b" /StemV %d /FontFile2 %d 0 R >>" % (_stem_v(font.weight), n + 2)
            )
            cmap = zlib.compress(_to_unicode(used), 9)
            extra += [
                b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /"
                + name
                + b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
                + b" /FontDescriptor %d 0 R /CIDToGIDMap /Identity /W [" % (n + 1)
                + widths
                + b"] >>",
                descriptor,
                b"<< /Length %d /Filter /FlateDecode /Length1 %d >>\nstream\n" % (len(packed), len(program))
                + packed
                + b"\nendstream",
                b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
            ]
        return fonts, extra


def face_for(texts: Iterable[str]) -> Face:
    """The face a document is set in: Helvetica when WinAnsiEncoding holds every character of
    `texts`, else the embedded DejaVu Sans. Decided once, for the whole document."""
    for text in texts:
        try:
            _plain(text).encode("cp1252")
        except UnicodeEncodeError:
            return Embedded()
    return WinAnsi()


def _stem_v(weight: int) -> int:
    """A TrueType font states no stem width: estimated from the weight class as ReportLab's
    TrueType embedding does (87 for a regular face, 165 for a bold one)."""
    return 50 + int((weight / 65) ** 2)


def _postscript_name(font: TrueType) -> bytes:
    """The font's PostScript name (`name` table, name 6), as the PDF's BaseFont."""
    offset, _ = font.tables[b"name"]
    count, strings = struct.unpack_from(">HH", font.data, offset + 2)
    for i in range(count):
        platform, _, _, name_id, length, at = struct.unpack_from(">6H", font.data, offset + 6 + 12 * i)
        start = offset + strings + at
        if name_id == 6:
            raw = font.data[start : start + length]
            return raw.decode("utf-16-be" if platform in (0, 3) else "latin-1").encode("ascii")
    raise ValueError("the font has no PostScript name")


def _subset_tag(used: dict[int, str]) -> bytes:
    """Six capital letters naming the subset (ISO 32000-1 §9.6.4), the same for the same glyphs."""
    digest = hashlib.md5(repr(sorted(used)).encode("ascii"), usedforsecurity=False).digest()
    return bytes(65 + b % 26 for b in digest[:6])


def _to_unicode(used: dict[int, str]) -> bytes:
    """The /ToUnicode CMap: each glyph shown back to its character (ISO 32000-1 §9.10.3)."""
    pairs = [b"<%04x> <%s>" % (gid, used[gid].encode("utf-16-be").hex().encode("ascii")) for gid in sorted(used)]
    blocks = b"".join(
        b"%d beginbfchar\n" % len(pairs[i : i + 100]) + b"\n".join(pairs[i : i + 100]) + b"\nendbfchar\n"
        for i in range(0, len(pairs), 100)
    )
    return (
        b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        b"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        b"1 begincodespacerange\n<0000> <ffff>\nendcodespacerange\n"
        + blocks
        + b"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    )
