"""Provides the PDF writer of the clinician report, A4 or Letter, on the standard library alone.

The same document as the HTML, block for block: page one is the summary (set a little smaller
if it would spill over), then the tables with their heading row repeated on every page they
continue onto, a heading never last on its page, then the method appendix; the chart is the
same vector `Drawing` the HTML shows as SVG. Every page has a footer with the period and
"page N of M". The document's face (`faces`) is chosen once from all its text: the PDF's own
Helvetica when WinAnsiEncoding holds it, else an embedded DejaVu Sans; the text is wrapped
here with that face's widths, and `pdf` writes the file.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import accumulate

from ..domain.paper import SIZES_MM
from .faces import face_for
from .pdf import Face, Page, document
from .report import Block, ReportDocument, Section
from .vector import Drawing, Label, Line, Rect

MARGIN_MM = 15
PT_PER_MM = 72 / 25.4
PAD = 6.0
"""Points between the margin and the text on every side (the frame's padding)."""
FOOTER_ROOM = 4.0
"""Points kept above the bottom margin for the footer."""
BULLET = "•"


@dataclass(frozen=True)
class Style:
    size: float
    leading: float
    bold: bool = False
    before: float = 0.0
    after: float = 3.0
    indent: float = 0.0
    right_indent: float = 0.0
    back: str | None = None
    padding: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    """Top, right, bottom, left, around a background."""

    def baseline(self, top: float) -> float:
        """Where the first line's baseline is, under `top`: the leading's extra space split above
        and below the line, the descent (a fifth of the size) under the baseline."""
        return top + self.leading - (self.leading - self.size) / 2 - 0.2 * self.size


BODY = Style(9, 12)
TITLE = Style(14.5, 18, bold=True, after=4)
H2 = Style(11, 14, bold=True, before=7, after=1)
BULLETED = Style(9, 12, after=1.5, indent=11)
NOTE = Style(8, 10.5, before=4, after=6, indent=6, right_indent=4, back="#f2f2f2", padding=(3, 4, 3, 6))
CELL = Style(7.5, 9, after=0)
HEAD = replace(CELL, bold=True)
FACT = Style(9, 12, after=0)
FACT_NAME = replace(FACT, bold=True)


def wrap(face: Face, text: str, room: float, size: float, bold: bool = False) -> list[str]:
    """`text` as `face` prints it, broken into lines no wider than `room` at spaces; a word
    wider than a line is broken where it must be."""
    space = face.width(" ", size, bold)
    lines: list[str] = []
    line: list[str] = []
    used = 0.0
    for word in face.clean(text).split(" "):
        if not word:
            continue
        wide = face.width(word, size, bold)
        if line and used + space + wide > room:
            lines.append(" ".join(line))
            line, used = [], 0.0
        while not line and wide > room and len(word) > 1:
            cut = next(n for n in range(len(word) - 1, 0, -1) if face.width(word[:n], size, bold) <= room or n == 1)
            lines.append(word[:cut])
            word = word[cut:]
            wide = face.width(word, size, bold)
        line.append(word)
        used += (space if len(line) > 1 else 0.0) + wide
    if line:
        lines.append(" ".join(line))
    return lines


# -- what flows down the page ----------------------------------------------------------------------


class Flowable:
    """A piece of the document laid out at a width: its height, the space it wants before and
    after it, how it draws, and how it splits at a page end (None: it doesn't)."""

    height: float = 0.0
    before: float = 0.0
    after: float = 0.0
    keep_with_next: bool = False

    def draw(self, page: Page, x: float, top: float) -> None:
        raise NotImplementedError

    def split(self, room: float) -> tuple[Flowable, Flowable] | None:
        return None

    def least(self) -> float:
        """The height of the smallest first part it can be split into."""
        return self.height


class Paragraph(Flowable):
    """Wrapped text: a bullet hangs in its indent; one with a background (a note) stays whole."""

    def __init__(self, face: Face, text: str | list[str], style: Style, room: float, bullet: bool = False) -> None:
        self.face, self.style, self.room, self.bullet = face, style, room, bullet
        top, _, bottom, _ = style.padding
        self.lines = (
            text
            if isinstance(text, list)
            else wrap(face, text, room - style.indent - style.right_indent, style.size, style.bold)
        )
        self.height = len(self.lines) * style.leading + top + bottom
        self.before, self.after = style.before, style.after

    def draw(self, page: Page, x: float, top: float) -> None:
        s = self.style
        pad_top, pad_right, pad_bottom, pad_left = s.padding
        if s.back:
            page.rect(
                x + s.indent - pad_left,
                top,
                self.room - s.indent - s.right_indent + pad_left + pad_right,
                self.height,
                fill=s.back,
            )
        baseline = s.baseline(top + pad_top)
        if self.bullet:
            page.text(x + 2, baseline, BULLET, s.size, s.bold)
        for n, line in enumerate(self.lines):
            page.text(x + s.indent, baseline + n * s.leading, line, s.size, s.bold)

    def split(self, room: float) -> tuple[Flowable, Flowable] | None:
        if self.style.back:
            return None
        fit = int(room // self.style.leading)
        if fit < 2 or fit >= len(self.lines):
            return None
        head = Paragraph(self.face, self.lines[:fit], self.style, self.room, self.bullet)
        tail = Paragraph(self.face, self.lines[fit:], self.style, self.room)
        head.after, tail.before = 0.0, 0.0
        return head, tail

    def least(self) -> float:
        return self.height if self.style.back else min(len(self.lines), 2) * self.style.leading


class Rule(Flowable):
    """A horizontal line across the text width (under a heading)."""

    def __init__(self, room: float, thickness: float = 0.6, colour: str = "#777777", after: float = 3.0) -> None:
        self.room, self.thickness, self.colour = room, thickness, colour
        self.height, self.after = thickness, after

    def draw(self, page: Page, x: float, top: float) -> None:
        y = top + self.thickness / 2
        page.line(x, y, x + self.room, y, self.colour, self.thickness)


@dataclass
class Cell:
    lines: list[str]
    style: Style
    underline: bool = False
    """A line below the cell: a blank to write on."""


@dataclass
class Grid(Flowable):
    """Rows of cells in columns of given widths. With `heading`, the first row is the heading:
    shaded, and repeated at the top of each page the grid continues onto; with `ruled`, every
    cell is boxed. Rows are never split."""

    rows: list[list[Cell]]
    widths: list[float]
    padding: tuple[float, float, float, float]
    heading: bool = False
    ruled: bool = False
    after: float = 0.0
    heights: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        top, _, bottom, _ = self.padding
        self.heights = [max(len(c.lines) * c.style.leading for c in row) + top + bottom for row in self.rows]
        self.height = sum(self.heights)

    @classmethod
    def of(
        cls,
        face: Face,
        texts: list[list[tuple[str, Style]]],
        widths: list[float],
        padding: tuple[float, float, float, float],
        heading: bool = False,
        ruled: bool = False,
    ) -> Grid:
        _, right, _, left = padding
        rows = [
            [Cell(wrap(face, text, w - left - right, style.size, style.bold), style) for (text, style), w in cells]
            for cells in (zip(row, widths) for row in texts)
        ]
        return cls(rows, widths, padding, heading, ruled)

    def draw(self, page: Page, x: float, top: float) -> None:
        pad_top, _, _, pad_left = self.padding
        y = top
        for r, (row, tall) in enumerate(zip(self.rows, self.heights)):
            cx = x
            if self.heading and r == 0:
                page.rect(x, y, sum(self.widths), tall, fill="#e8e8e8")
            for cell, w in zip(row, self.widths):
                s = cell.style
                for n, line in enumerate(cell.lines):
                    page.text(cx + pad_left, s.baseline(y + pad_top) + n * s.leading, line, s.size, s.bold)
                if cell.underline:
                    page.line(cx, y + tall, cx + w, y + tall, "#000000", 0.6)
                cx += w
            y += tall
        if self.ruled:
            xs, ys = list(accumulate(self.widths, initial=x)), list(accumulate(self.heights, initial=top))
            for yy in ys:
                page.line(x, yy, xs[-1], yy, "#999999", 0.4)
            for xx in xs:
                page.line(xx, top, xx, ys[-1], "#999999", 0.4)

    def split(self, room: float) -> tuple[Flowable, Flowable] | None:
        keep = 1 if self.heading else 0
        used, fit = sum(self.heights[:keep]), keep
        while fit < len(self.rows) and used + self.heights[fit] <= room:
            used += self.heights[fit]
            fit += 1
        if fit <= keep or fit >= len(self.rows):
            return None
        head = Grid(self.rows[:fit], self.widths, self.padding, self.heading, self.ruled)
        tail = Grid(self.rows[:keep] + self.rows[fit:], self.widths, self.padding, self.heading, self.ruled, self.after)
        return head, tail

    def least(self) -> float:
        return sum(self.heights[:2]) if self.heading else self.heights[0]


class Chart(Flowable):
    """The vector drawing, scaled to the text width."""

    def __init__(self, drawing: Drawing, room: float) -> None:
        self.drawing, self.scale = drawing, room / drawing.width
        self.height = drawing.height * self.scale

    def draw(self, page: Page, x: float, top: float) -> None:
        page.scale_from(self.scale, x, top)
        for s in self.drawing.shapes:
            if isinstance(s, Rect):
                page.rect(x + s.x, top + s.y, s.w, s.h, fill=s.fill, stroke=s.stroke, line_width=s.width)
            elif isinstance(s, Line):
                page.line(x + s.x1, top + s.y1, x + s.x2, top + s.y2, s.stroke, s.width, s.dash)
            elif isinstance(s, Label):
                page.text(x + s.x, top + s.y, s.text, s.size, s.bold, s.fill, s.anchor)
        page.restore()


# -- the report's blocks as flowables --------------------------------------------------------------


def _facts(face: Face, facts: list[tuple[str, str]], room: float) -> Grid:
    """Two facts a row; a blank value is a line to write on."""
    widths = [0.15 * room, 0.35 * room, 0.15 * room, 0.35 * room]
    texts = []
    for i in range(0, len(facts), 2):
        row: list[tuple[str, Style]] = []
        for name, value in facts[i : i + 2]:
            row += [(name, FACT_NAME), (value, FACT)]
        texts.append(row + [("", FACT)] * (4 - len(row)))
    grid = Grid.of(face, texts, widths, (3.0, 6.0, 2.0, 0.0))
    for r in range(len(grid.rows)):
        for j, (_, value) in enumerate(facts[2 * r : 2 * r + 2]):
            grid.rows[r][2 * j + 1].underline = not value
    return grid


def _table(face: Face, headers: list[str], rows: list[list[str]], room: float) -> Grid:
    texts = [[(h, HEAD) for h in headers]] + [[(c, CELL) for c in row] for row in rows]
    return Grid.of(face, texts, _widths(face, headers, rows, room), (1.5, 2.5, 2.0, 2.5), heading=True, ruled=True)


def _widths(face: Face, headers: list[str], rows: list[list[str]], room: float) -> list[float]:
    """Each column as wide as its longest line (up to a third of the page), headings never
    broken; when that is too wide, the columns give up what they have beyond their heading, in
    proportion; what is left over goes to them in proportion too."""
    pad, cap = 6.0, room / 3
    least = [face.width(h, HEAD.size, True) + pad for h in headers]
    most = [max([least[i], *(min(face.width(r[i], CELL.size) + pad, cap) for r in rows)]) for i in range(len(headers))]
    spare = room - sum(least)
    give = [m - low for m, low in zip(most, least)]
    if spare <= 0 or not sum(give):
        return [low * room / sum(least) for low in least]
    share = spare / sum(give)
    return [low + g * share for low, g in zip(least, give)]


def _block(face: Face, block: Block, room: float, chart: float) -> list[Flowable]:
    if block.kind == "chart" and block.drawing is not None:
        return [Chart(block.drawing, chart)]
    if block.kind == "table" and block.table is not None:
        return [_table(face, block.table.headers, block.table.rows, room)]
    if block.kind == "bullets":
        return [Paragraph(face, item, BULLETED, room, bullet=True) for item in block.items]
    if block.kind == "note":
        return [Paragraph(face, block.text, NOTE, room)]
    return [Paragraph(face, block.text, BODY, room)]


def _section(face: Face, section: Section, room: float, chart: float | None = None) -> list[Flowable]:
    """The heading and its rule, kept with the first block (a heading never ends a page)."""
    head: list[Flowable] = [Paragraph(face, section.title, H2, room), Rule(room)]
    for f in head:
        f.keep_with_next = True
    return head + [f for block in section.blocks for f in _block(face, block, room, chart or room)]


def _first_page(face: Face, doc: ReportDocument, room: float, chart: float) -> list[Flowable]:
    out: list[Flowable] = [Paragraph(face, doc.title, TITLE, room), _facts(face, doc.facts, room)]
    for section in doc.sections:
        if section.first_page:
            out += _section(face, section, room, chart)
    return out


def texts(doc: ReportDocument) -> Iterator[str]:
    """Every piece of text the document prints (the page numbers aside: digits and words)."""
    yield from (doc.title, doc.footer, BULLET)
    for name, value in doc.facts:
        yield from (name, value)
    for section in doc.sections:
        yield section.title
        for block in section.blocks:
            yield block.text
            yield from block.items
            if block.table is not None:
                yield from block.table.headers
                yield from (cell for row in block.table.rows for cell in row)
            if block.drawing is not None:
                yield from (s.text for s in block.drawing.shapes if isinstance(s, Label))


# -- pages -----------------------------------------------------------------------------------------

Placed = list[tuple[Flowable, float]]
"""A page's flowables with the distance of each one's top below the top of the text."""


def _gap(above: Flowable | None, f: Flowable) -> float:
    """Space between two flowables: the larger of the space after one and before the other
    (they overlap, as in ReportLab's frames); none at the top of a page."""
    return max(f.before - above.after, 0.0) if above is not None else 0.0


def _stacked(flowables: Sequence[Flowable]) -> tuple[Placed, float]:
    """The flowables one under the other, as on an endless page, and their total height."""
    placed, y, above = [], 0.0, None
    for f in flowables:
        y += _gap(above, f)
        placed.append((f, y))
        y += f.height + f.after
        above = f
    return placed, y - (above.after if above else 0.0)


def _paginate(flowables: Sequence[Flowable], room: float) -> list[Placed]:
    """Fill pages `room` points high: split what splits at a page end, start a new page for
    what doesn't fit, and keep a heading with the beginning of what follows it."""
    pages: list[Placed] = [[]]
    y, above = 0.0, None
    queue = deque(flowables)
    while queue:
        f = queue.popleft()
        gap = _gap(above, f)
        need = gap + f.height
        if f.keep_with_next:
            chain = [f, *_kept(queue)]
            need = gap + sum(g.height + g.after for g in chain[:-1]) + _gap(chain[-2], chain[-1]) + chain[-1].least()
        if y + need <= room or (above is None and not f.keep_with_next and f.split(room) is None):
            pages[-1].append((f, y + gap))
            y, above = y + gap + f.height + f.after, f
            continue
        parts = None if f.keep_with_next else f.split(room - y - gap)
        if parts:
            pages[-1].append((parts[0], y + gap))
            queue.appendleft(parts[1])
        elif above is None:  # a heading whose chain is taller than a page: set it anyway
            pages[-1].append((f, 0.0))
            y, above = f.height + f.after, f
            continue
        else:
            queue.appendleft(f)
        pages.append([])
        y, above = 0.0, None
    return [p for p in pages if p]


def _kept(queue: deque[Flowable]) -> list[Flowable]:
    """What a heading at the front of the page keeps with it: the rest of its chain and the
    first thing after it."""
    out: list[Flowable] = []
    for f in queue:
        out.append(f)
        if not f.keep_with_next:
            break
    return out


def _shrunk(face: Face, doc: ReportDocument, room: float, height: float) -> tuple[float, Placed]:
    """Page one at the largest scale that makes it fit (1 if it fits): the text is wrapped at
    the text width divided by that scale, so it still fills the width, while the chart keeps
    its width and shrinks with the page (as ReportLab's shrink did), leaving the text room."""

    def laid(scale: float) -> tuple[Placed, float]:
        placed, tall = _stacked(_first_page(face, doc, room / scale, room))
        return placed, tall * scale

    placed, tall = laid(1.0)
    if tall <= height:
        return 1.0, placed
    low, high = height / tall, 1.0  # at `low` it fits: wider lines are never more of them
    for _ in range(12):
        middle = (low + high) / 2
        low, high = (middle, high) if laid(middle)[1] <= height else (low, middle)
    return low, laid(low)[0]


def to_pdf(doc: ReportDocument) -> bytes:
    """The PDF file's bytes, in the face its text needs."""
    face = face_for(texts(doc))
    paper_w, paper_h = (mm * PT_PER_MM for mm in SIZES_MM.get(doc.paper, SIZES_MM["a4"]))
    margin = MARGIN_MM * PT_PER_MM
    x, top = margin + PAD, margin + PAD
    room = paper_w - 2 * margin - 2 * PAD
    height = paper_h - 2 * margin - FOOTER_ROOM - 2 * PAD
    scale, one = _shrunk(face, doc, room, height - 2)
    rest: list[Flowable] = []
    for section in doc.sections:
        if not section.first_page:
            rest += _section(face, section, room)
    laid = [(scale, one)] + [(1.0, p) for p in _paginate(rest, height)]
    pages = []
    for number, (factor, placed) in enumerate(laid, 1):
        page = Page(paper_w, paper_h, face)
        if factor < 1:
            page.scale_from(factor, x, top)
        for f, y in placed:
            f.draw(page, x, top + y)
        if factor < 1:
            page.restore()
        baseline = paper_h - 8 * PT_PER_MM
        page.text(margin, baseline, doc.footer, 7.5, fill="#404040")
        page.text(paper_w - margin, baseline, f"page {number} of {len(laid)}", 7.5, fill="#404040", anchor="end")
        pages.append(page)
    return document(pages, face, title=doc.title, subject=doc.footer)
