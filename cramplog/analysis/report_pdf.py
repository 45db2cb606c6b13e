"""Provides the PDF writer of the clinician report (ReportLab), A4 or Letter.

The same document as the HTML, block for block: page one is the summary, then the tables with
their headings repeated on every page, then the method appendix; the chart is the same vector
`Drawing` the HTML shows as SVG. Every page has a footer with the period and "page N of M".
Text is set in Bitstream Vera, which ships inside ReportLab, so nothing is looked for on the
machine. ReportLab is imported here only (about 0.1 s), never by other commands.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from .report import Block, ReportDocument, Section
from .vector import Drawing, Label, Line, Rect

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

MARGIN_MM = 15
FONT, BOLD = "CramplogSans", "CramplogSans-Bold"


def to_pdf(doc: ReportDocument) -> bytes:
    """The PDF file's bytes."""
    from reportlab.lib.pagesizes import A4, letter
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepInFrame, PageBreak, SimpleDocTemplate

    _fonts()
    size = letter if doc.paper == "letter" else A4
    buffer = io.BytesIO()
    template = SimpleDocTemplate(
        buffer, pagesize=size, leftMargin=MARGIN_MM * mm, rightMargin=MARGIN_MM * mm, topMargin=MARGIN_MM * mm,
        bottomMargin=MARGIN_MM * mm + 4, title=doc.title, author="", subject=doc.footer, creator="cramplog",
        producer="cramplog", invariant=True)
    styles = _styles()
    width = template.width - 12  # the frame's own padding, 6 pt a side
    first = [s for s in doc.sections if s.first_page]
    one: list[Flowable] = [_paragraph(doc.title, styles["title"]), _facts(doc.facts, width, styles)]
    for section in first:
        one += _section(section, width, styles, keep=False)
    # Page one is one page: a summary that would spill over (many red flags or medicines) is
    # set a little smaller instead.
    story: list[Flowable] = [KeepInFrame(width, template.height - 14, one, mode="shrink")]
    if len(first) < len(doc.sections):
        story.append(PageBreak())
    for section in doc.sections[len(first):]:
        story += _section(section, width, styles)
    canvas = _numbered_canvas()
    template.build(story, canvasmaker=lambda *args, **kwargs: canvas(doc.footer, *args, **kwargs))
    return buffer.getvalue()


def _fonts() -> None:
    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    folder = Path(reportlab.__file__).parent / "fonts"
    pdfmetrics.registerFont(TTFont(FONT, str(folder / "Vera.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(folder / "VeraBd.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)


def _styles() -> dict[str, Any]:
    from reportlab.lib.colors import HexColor
    from reportlab.lib.styles import ParagraphStyle

    body = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=12, spaceAfter=3)
    return {
        "title": ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=14.5, leading=18, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=body, fontName=BOLD, fontSize=11, leading=14, spaceBefore=7,
                             spaceAfter=1),
        "body": body,
        "bullet": ParagraphStyle("bullet", parent=body, leftIndent=11, bulletIndent=2, spaceAfter=1.5),
        "note": ParagraphStyle("note", parent=body, fontSize=8, leading=10.5, backColor=HexColor("#f2f2f2"),
                               borderPadding=(3, 4, 3, 6),
                               borderColor=HexColor("#000000"), leftIndent=6, rightIndent=4, spaceBefore=4,
                               spaceAfter=6),
        "cell": ParagraphStyle("cell", parent=body, fontSize=7.5, leading=9, spaceAfter=0),
        "head": ParagraphStyle("head", parent=body, fontName=BOLD, fontSize=7.5, leading=9, spaceAfter=0),
        "fact": ParagraphStyle("fact", parent=body, spaceAfter=0),
        "factname": ParagraphStyle("factname", parent=body, fontName=BOLD, spaceAfter=0),
    }


def _paragraph(text: str, style: Any, bullet: str | None = None) -> Flowable:
    from reportlab.platypus import Paragraph

    return Paragraph(escape(text), style, bulletText=bullet)


def _facts(facts: list[tuple[str, str]], width: float, styles: dict[str, Any]) -> Flowable:
    """Two facts a row; a blank value is a line to write on."""
    from reportlab.lib.colors import black
    from reportlab.platypus import Table, TableStyle

    rows, commands = [], []
    for i in range(0, len(facts), 2):
        row: list[Any] = []
        for j, (name, value) in enumerate(facts[i:i + 2]):
            row += [_paragraph(name, styles["factname"]), _paragraph(value, styles["fact"])]
            if not value:
                commands.append(("LINEBELOW", (2 * j + 1, i // 2), (2 * j + 1, i // 2), 0.6, black))
        rows.append(row + [""] * (4 - len(row)))
    columns = [0.15 * width, 0.35 * width, 0.15 * width, 0.35 * width]
    table = Table(rows, colWidths=columns, hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 2), *commands]))
    return table


def _section(section: Section, width: float, styles: dict[str, Any], keep: bool = True) -> list[Flowable]:
    from reportlab.lib.colors import HexColor
    from reportlab.platypus import HRFlowable, KeepTogether

    head = [_paragraph(section.title, styles["h2"]),
            HRFlowable(width="100%", thickness=0.6, color=HexColor("#777777"), spaceBefore=0, spaceAfter=3)]
    flowables = [f for block in section.blocks for f in _block(block, width, styles)]
    if not keep:
        return head + flowables
    # A heading never ends a page: it keeps its first block with it.
    return [KeepTogether(head + flowables[:1]), *flowables[1:]]


def _block(block: Block, width: float, styles: dict[str, Any]) -> list[Flowable]:
    if block.kind == "chart" and block.drawing is not None:
        return [_drawing(block.drawing, width)]
    if block.kind == "table" and block.table is not None:
        return [_table(block.table.headers, block.table.rows, width, styles)]
    if block.kind == "bullets":
        return [_paragraph(item, styles["bullet"], "•") for item in block.items]
    if block.kind == "note":
        return [_paragraph(block.text, styles["note"])]
    return [_paragraph(block.text, styles["body"])]


def _table(headers: list[str], rows: list[list[str]], width: float, styles: dict[str, Any]) -> Flowable:
    """Headings repeated on every page; columns as wide as their text asks, within the page."""
    from reportlab.lib.colors import HexColor
    from reportlab.platypus import Table, TableStyle

    cells = [[_paragraph(h, styles["head"]) for h in headers]]
    cells += [[_paragraph(c, styles["cell"]) for c in row] for row in rows]
    table = Table(cells, colWidths=_widths(headers, rows, width), repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.4, HexColor("#999999")),
        ("BACKGROUND", (0, 0), (-1, 0), HexColor("#e8e8e8")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 2.5), ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
    ]))
    return table


def _widths(headers: list[str], rows: list[list[str]], width: float) -> list[float]:
    """Each column as wide as its longest line (up to a third of the page), headings never
    broken; when that is too wide, the columns give up what they have beyond their heading, in
    proportion; what is left over goes to them in proportion too."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    pad, cap = 6.0, width / 3
    least = [stringWidth(h, BOLD, 7.5) + pad for h in headers]
    most = [max([least[i], *(min(stringWidth(r[i], FONT, 7.5) + pad, cap) for r in rows)])
            for i in range(len(headers))]
    spare = width - sum(least)
    give = [m - low for m, low in zip(most, least)]
    if spare <= 0 or not sum(give):
        return [low * width / sum(least) for low in least]
    share = spare / sum(give)
    return [low + g * share for low, g in zip(least, give)]


def _drawing(drawing: Drawing, width: float) -> Flowable:
    """The chart's shapes, scaled to the text width, y flipped (PDF's y grows upwards)."""
    from reportlab.graphics import shapes as S
    from reportlab.lib.colors import HexColor

    scale = width / drawing.width
    out = S.Drawing(drawing.width * scale, drawing.height * scale)
    group = S.Group(transform=(scale, 0, 0, scale, 0, 0))
    top = drawing.height
    for s in drawing.shapes:
        if isinstance(s, Rect):
            group.add(S.Rect(s.x, top - s.y - s.h, s.w, s.h, fillColor=HexColor(s.fill) if s.fill else None,
                             strokeColor=HexColor(s.stroke) if s.stroke else None, strokeWidth=s.width))
        elif isinstance(s, Line):
            group.add(S.Line(s.x1, top - s.y1, s.x2, top - s.y2, strokeColor=HexColor(s.stroke), strokeWidth=s.width,
                             strokeDashArray=list(s.dash) or None))
        elif isinstance(s, Label):
            group.add(S.String(s.x, top - s.y, s.text, fontName=BOLD if s.bold else FONT, fontSize=s.size,
                               fillColor=HexColor(s.fill), textAnchor=s.anchor))
    out.add(group)
    return out


@cache
def _numbered_canvas() -> type:
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab ships no types
        """Holds the pages back until the end, so each footer can say "page N of M"."""

        def __init__(self, footer: str, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.footer = footer
            self.pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self.pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            from reportlab.lib.units import mm

            for number, page in enumerate(self.pages, 1):
                self.__dict__.update(page)
                self.setFont(FONT, 7.5)
                self.setFillGray(0.25)
                width = self._pagesize[0]
                self.drawString(MARGIN_MM * mm, 8 * mm, self.footer)
                self.drawRightString(width - MARGIN_MM * mm, 8 * mm, f"page {number} of {len(self.pages)}")
                super().showPage()
            super().save()

    return NumberedCanvas

