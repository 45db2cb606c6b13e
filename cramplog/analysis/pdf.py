"""Provides a small PDF file writer: pages of text, rectangles and lines, in the base-14 fonts.

Enough PDF (1.4, ISO 32000-1) for the clinician report and no more: Helvetica and
Helvetica-Bold in WinAnsiEncoding (`helvetica`, nothing embedded), grey or RGB fills and
strokes, dashed lines, a uniform scale around a point, page streams compressed with zlib, and
the document's title and producer. Coordinates are points from the page's top-left corner, y
growing downwards as the layout and SVG think; the page turns them into PDF's y-up space. The
same pages give the same bytes: no dates, and the file identifier is a digest of the content.
"""

from __future__ import annotations

import hashlib
import zlib

from .helvetica import encode, width

FONTS = {False: b"/F1", True: b"/F2"}
_BASE_FONTS = ("Helvetica", "Helvetica-Bold")


def _num(value: float, decimals: int = 2) -> bytes:
    """A number as PDF writes it: at most `decimals` decimals (a hundredth of a point is
    finer than any printer), no trailing zeros, never `-0`."""
    text = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
    return b"0" if text in ("-0", "") else text.encode("ascii")


def _colour(hex_colour: str, stroke: bool) -> bytes:
    r, g, b = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    if r == g == b:
        return _num(round(r, 3)) + (b" G" if stroke else b" g")
    return b" ".join(_num(round(c, 3)) for c in (r, g, b)) + (b" RG" if stroke else b" rg")


def literal(data: bytes) -> bytes:
    """A PDF literal string: `(...)` with its backslashes and parentheses escaped."""
    return b"(" + data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


class Page:
    """One page's content stream, built shape by shape."""

    def __init__(self, width: float, height: float) -> None:
        self.width, self.height = width, height
        self.ops: list[bytes] = []

    def text(
        self,
        x: float,
        y: float,
        text: str | bytes,
        size: float,
        bold: bool = False,
        fill: str = "#000000",
        anchor: str = "start",
    ) -> None:
        """Text whose baseline starts (`start`), centres (`middle`) or ends (`end`) at (x, y)."""
        data = text if isinstance(text, bytes) else encode(text)
        if anchor != "start":
            x -= width(data, size, bold) / (2 if anchor == "middle" else 1)
        self.ops.append(
            b"BT "
            + FONTS[bold]
            + b" "
            + _num(size)
            + b" Tf "
            + _colour(fill, False)
            + b" "
            + _num(x)
            + b" "
            + _num(self.height - y)
            + b" Td "
            + literal(data)
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
            ops += [_colour(stroke, True), _num(line_width) + b" w"]
        ops.append(b" ".join(_num(v) for v in (x, self.height - y - h, w, h)) + b" re")
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
        pattern = b"[" + b" ".join(_num(d) for d in dash) + b"] 0 d "
        self.ops.append(
            b"q "
            + _colour(stroke, True)
            + b" "
            + _num(line_width)
            + b" w "
            + pattern
            + _num(x1)
            + b" "
            + _num(self.height - y1)
            + b" m "
            + _num(x2)
            + b" "
            + _num(self.height - y2)
            + b" l S Q"
        )

    def scale_from(self, factor: float, x: float, y: float) -> None:
        """Draw what follows `factor` times as large, the point (x, y) staying where it is;
        until `restore`."""
        top = self.height - y
        matrix = (factor, 0, 0, factor, x * (1 - factor), top * (1 - factor))
        self.ops.append(b"q " + b" ".join(_num(v, 5) for v in matrix) + b" cm")

    def restore(self) -> None:
        self.ops.append(b"Q")

    def stream(self) -> bytes:
        return b"\n".join(self.ops)


def _text_string(text: str) -> bytes:
    """A string for the document information: plain if ASCII, else UTF-16 with its byte-order mark."""
    if text.isascii():
        return literal(text.encode("ascii"))
    return b"<feff" + text.encode("utf-16-be").hex().encode("ascii") + b">"


def document(pages: list[Page], *, title: str, subject: str = "", producer: str = "cramplog") -> bytes:
    """The whole file: catalogue, page tree, the two fonts, information, pages, cross-references."""
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids ["
        + b" ".join(b"%d 0 R" % (6 + 2 * i) for i in range(len(pages)))
        + b"] /Count %d >>" % len(pages),
        *(
            b"<< /Type /Font /Subtype /Type1 /BaseFont /" + name.encode("ascii") + b" /Encoding /WinAnsiEncoding >>"
            for name in _BASE_FONTS
        ),
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
        box = b"[0 0 " + _num(page.width) + b" " + _num(page.height) + b"]"
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox "
            + box
            + b" /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents %d 0 R >>" % (7 + 2 * i)
        )
        data = zlib.compress(page.stream(), 6)
        objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream")
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
