"""Provides the clinician report's writers: Markdown, one self-contained HTML file, and `write`
(the bytes of any format, PDF through `report_pdf`).

The HTML has its styles and charts inline (SVG) and loads nothing (no fonts, scripts, images or
links), so it opens offline. Printed, it is laid out for the report's paper (A4 or Letter):
page one holds the summary, table headings repeat on every page and rows are not split. The
Markdown keeps the text: a chart becomes the table of its figures.
"""

from __future__ import annotations

import html

from .report import Block, ReportDocument, Section
from .vector import to_svg

PAGE_CSS = {"a4": "A4", "letter": "letter"}
CSS = """
body { font: 10.5pt/1.4 Helvetica, Arial, sans-serif; color: #000; max-width: 52rem; margin: 1.5rem auto;
       padding: 0 1rem; }
h1 { font-size: 15pt; margin: 0 0 .3rem; }
h2 { font-size: 11.5pt; border-bottom: 1px solid #777; padding-bottom: .1rem; margin: 1rem 0 .35rem; }
p, ul { margin: .3rem 0; } ul { padding-left: 1.2rem; }
dl.facts { display: grid; grid-template-columns: repeat(2, max-content 1fr); gap: .1rem .8rem; margin: .4rem 0 .6rem; }
dl.facts dt { font-weight: bold; } dl.facts dd { margin: 0; }
dl.facts dd.blank { border-bottom: 1px solid #000; min-width: 10rem; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; margin: .4rem 0 .8rem; }
th, td { border: 1px solid #999; padding: .15rem .3rem; text-align: left; vertical-align: top; }
th { background: #e8e8e8; }
figure { margin: .3rem 0; } figure svg { width: 100%; height: auto; display: block; }
.note { border-left: 3px solid #000; padding: .2rem .6rem; background: #f2f2f2; font-size: 90%; }
.page-one h2 { margin-top: .7rem; }
@page { size: PAPER; margin: 15mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 9pt; line-height: 1.3; }
  h1 { font-size: 14pt; } h2 { font-size: 10.5pt; margin: .6rem 0 .25rem; }
  .page-one { break-after: page; font-size: 8.6pt; }
  .page-one h2 { margin: .4rem 0 .15rem; } .page-one p, .page-one ul { margin: .15rem 0; }
  table { font-size: 7.5pt; } th, td { padding: .05rem .25rem; }
  h2 { break-after: avoid; } thead { display: table-header-group; }
  tr, figure, .note, li { break-inside: avoid; }
}
""".strip()


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ") or " "


def _md_table(headers: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(_md_cell(h) for h in headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _md_block(block: Block) -> str:
    if block.table is not None and block.kind in ("table", "chart"):
        text = _md_table(block.table.headers, block.table.rows)
        return f"{block.drawing.title}.\n\n{text}" if block.kind == "chart" and block.drawing else text
    if block.kind == "bullets":
        return "\n".join(f"- {item}" for item in block.items)
    if block.kind == "note":
        return "> " + block.text
    return block.text


def to_markdown(doc: ReportDocument) -> str:
    out = [f"# {doc.title}", ""]
    out += [f"- **{name}:** {value or '—'}" for name, value in doc.facts]
    for section in doc.sections:
        out += ["", f"## {section.title}"]
        for block in section.blocks:
            out += ["", _md_block(block)]
    return "\n".join(out) + "\n"


def _html_block(block: Block) -> str:
    e = html.escape
    if block.kind == "chart" and block.drawing is not None:
        return f"<figure>{to_svg(block.drawing)}</figure>"
    if block.kind == "table" and block.table is not None:
        head = "".join(f"<th>{e(h)}</th>" for h in block.table.headers)
        rows = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in block.table.rows)
        return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    if block.kind == "bullets":
        return "<ul>" + "".join(f"<li>{e(item)}</li>" for item in block.items) + "</ul>"
    if block.kind == "note":
        return f'<p class="note">{e(block.text)}</p>'
    return f"<p>{e(block.text)}</p>"


def to_html(doc: ReportDocument) -> str:
    e = html.escape
    facts = "".join(
        f"<dt>{e(name)}</dt>" + (f"<dd>{e(value)}</dd>" if value else '<dd class="blank"></dd>')
        for name, value in doc.facts
    )

    def section(s: Section) -> str:
        return f'<section id="{e(s.key)}"><h2>{e(s.title)}</h2>' + "".join(map(_html_block, s.blocks)) + "</section>"

    first = [s for s in doc.sections if s.first_page]
    rest = [s for s in doc.sections if not s.first_page]
    css = CSS.replace("PAPER", PAGE_CSS.get(doc.paper, "A4"))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="en"><head><meta charset="utf-8"><title>{e(doc.title)}</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<style>\n{css}\n</style></head>\n"
        f'<body><div class="page-one"><h1>{e(doc.title)}</h1><dl class="facts">{facts}</dl>\n'
        + "".join(section(s) for s in first)
        + "</div>\n"
        + "".join(section(s) for s in rest)
        + "\n</body></html>\n"
    )


def render(document: ReportDocument, fmt: str) -> str:
    """The document as Markdown (`md`) or one self-contained HTML file (`html`)."""
    return to_html(document) if fmt == "html" else to_markdown(document)


SUFFIXES = {".html": "html", ".htm": "html", ".pdf": "pdf", ".md": "md", ".markdown": "md"}
"""The extensions that name a report format."""


def named_format(suffix: str) -> str | None:
    """The format a report file's extension names, or None (`.txt`, none)."""
    return SUFFIXES.get(suffix.lower())


def format_for(suffix: str) -> str:
    """The format a report file's extension asks for (`.pdf`, `.html`); Markdown for any other."""
    return named_format(suffix) or "md"


def write(document: ReportDocument, fmt: str) -> bytes:
    """The file's bytes in `fmt`: `md`, `html` (UTF-8) or `pdf`."""
    if fmt == "pdf":
        from .report_pdf import to_pdf

        return to_pdf(document)
    return render(document, fmt).encode("utf-8")
