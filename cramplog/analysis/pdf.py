"""Provides a small PDF file writer: pages of text, rectangles and lines, in a document's face.

Enough PDF (1.4, ISO 32000-1) for the clinician report and no more: text in a regular and a
bold font that the document's `Face` measures, writes and declares (`faces`: Helvetica, or an
embedded DejaVu Sans), grey or RGB fills and strokes, dashed lines, a uniform scale around a
point, page streams compressed with zlib, and the document's title and producer. Coordinates
are points from the page's top-left corner, y growing downwards as the layout and SVG think;
the page turns them into PDF's y-up space. The same pages give the same bytes: no dates, and
the file identifier is a digest of the content.
"""

from __future__ import annotations

import hashlib
import zlib
from typing import Protocol

FONTS = {False: b"/F1", True: b"/F2"}


class Face(Protocol):
    """A regular and a bold font, as a document uses them (`faces` has the two there are)."""

    def clean(self, text: str) -> str:
        """`text` as the face prints it."""
        ...

    def width(self, text: str, size: float, bold: bool = False) -> float:
        """The advance width of `text` set at `size` points (no kerning, as PDF viewers set it)."""
        ...

    def show(self, text: str, bold: bool) -> bytes:
        """`text` as the string operand of a `Tj`; the face notes the glyphs it used."""
        ...

    def objects(self, first: int) -> tuple[list[bytes], list[bytes]]:
        """The regular and bold font dictionaries, then the objects they refer to, which are
        numbered from `first`."""
        ...


def num(value: float, decimals: int = 2) -> bytes:
    """A number as PDF writes it: at most `decimals` decimals (a hundredth of a point is
    finer than any printer), no trailing zeros, never `-0`."""
    text = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
    return b"0" if text in ("-0", "") else text.encode("ascii")


def _colour(hex_colour: str, stroke: bool) -> bytes:
    r, g, b = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    if r == g == b:
        return num(round(r, 3)) + (b" G" if stroke else b" g")
    return b" ".join(num(round(c, 3)) for c in (r, g, b)) + (b" RG" if stroke else b" rg")


def literal(data: bytes) -> bytes:
    """A PDF literal string: `(...)` with its backslashes and parentheses escaped."""
    return b"(" + data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


class Page:
    """One page's content stream, built shape by shape."""

    def __init__(self, width: float, height: float, face: Face) -> None:
        self.width, self.height, self.face = width, height, face
        self.ops: list[bytes] = []

    def text(
        self,
        x: float,
        y: float,
        text: str,
        size: float,
        bold: bool = False,
        fill: str = "#000000",
        anchor: str = "start",
    ) -> None:
        """Text whose baseline starts (`start`), centres (`middle`) or ends (`end`) at (x, y)."""
        if anchor != "start":
            x -= self.face.width(text, size, bold) / (2 if anchor == "middle" else 1)
        self.ops.append(
            b"BT "
            + FONTS[bold]
            + b" "
            + num(size)
            + b" Tf "
            + _colour(fill, False)
            + b" "
            + num(x)
            + b" "
            + num(self.height - y)
            + b" Td "
            + self.face.show(text, bold)
            + b" Tj ET"
        )

    def rect(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        fill: str | None = None,
        stroke: str | None = None,
        line_width: float = 0.6,
    ) -> None:
        if not fill and not stroke:
            return
        ops = [b"q"]
        if fill:
            ops.append(_colour(fill, False))
        if stroke:
            ops += [_colour(stroke, True), num(line_width) + b" w"]
        ops.append(b" ".join(num(v) for v in (x, self.height - y - h, w, h)) + b" re")
        ops.append(b"B" if fill and stroke else b"f" if fill else b"S")
        self.ops.append(b" ".join(ops) + b" Q")

    def line(
        self,
        x1: float,
        y1: float,
        x2: float,
        y2: float,
        stroke: str = "#000000",
        line_width: float = 0.6,
        dash: tuple[float, ...] = (),
    ) -> None:
        pattern = b"[" + b" ".join(num(d) for d in dash) + b"] 0 d "
        self.ops.append(
            b"q "
            + _colour(stroke, True)
            + b" "
            + num(line_width)
            + b" w "
            + pattern
            + num(x1)
            + b" "
            + num(self.height - y1)
            + b" m "
            + num(x2)
            + b" "
            + num(self.height - y2)
            + b" l S Q"
        )

    def scale_from(self, factor: float, x: float, y: float) -> None:
        """Draw what follows `factor` times as large, the point (x, y) staying where it is;
        until `restore`."""
        top = self.height - y
        matrix = (factor, 0, 0, factor, x * (1 - factor), top * (1 - factor))
        self.ops.append(b"q " + b" ".join(num(v, 5) for v in matrix) + b" cm")

    def restore(self) -> None:
        self.ops.append(b"Q")

    def stream(self) -> bytes:
        return b"\n".join(self.ops)


def _text_string(text: str) -> bytes:
    """A string for the document information: plain if ASCII, else UTF-16 with its byte-order mark."""
    if text.isascii():
        return literal(text.encode("ascii"))
    return b"<feff" + text.encode("utf-16-be").hex().encode("ascii") + b">"


def document(pages: list[Page], face: Face, *, title: str, subject: str = "", producer: str = "cramplog") -> bytes:
    """The whole file: catalogue, page tree, the two fonts, information, pages, then what the
    fonts refer to (an embedded font's program and maps), cross-references. The pages must be
    set in `face`, so that it knows the glyphs they use."""
    fonts, font_parts = face.objects(6 + 2 * len(pages))
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids ["
        + b" ".join(b"%d 0 R" % (6 + 2 * i) for i in range(len(pages)))
        + b"] /Count %d >>" % len(pages),
        *fonts,
        b"<< /Title "
        + _text_string(title)
        + b" /Subject "
        + _text_string(subject)
        + b" /Creator "
        + _text_string(producer)
        + b" /Producer "
        + _text_string(producer)
        + b" >>",
    ]
    for i, page in enumerate(pages):
        box = b"[0 0 " + num(page.width) + b" " + num(page.height) + b"]"
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox "
            + box
            + b" /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents %d 0 R >>" % (7 + 2 * i)
        )
        data = zlib.compress(page.stream(), 6)
        objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream")
    objects += font_parts
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    digest = hashlib.md5(bytes(out), usedforsecurity=False).hexdigest().encode("ascii")
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 5 0 R /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        digest,
        digest,
        xref,
    )
    return bytes(out)
