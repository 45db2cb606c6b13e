"""Provides the two writers of the clinician report: Markdown and one self-contained HTML file.

The HTML has its styles inline and loads nothing (no fonts, scripts or images), so it opens
offline and prints on A4 or Letter with table headers repeated on every page.
"""

from __future__ import annotations

import html

from .report import Block, ReportDocument

CSS = """
body { font: 11pt/1.45 Georgia, "Times New Roman", serif; color: #111; max-width: 60rem; margin: 2rem auto;
       padding: 0 1rem; }
h1 { font-size: 1.5rem; margin-bottom: .3rem; }
h2 { font-size: 1.15rem; border-bottom: 1px solid #999; padding-bottom: .15rem; margin-top: 1.6rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: .6rem 0 1rem; }
dl.facts dt { font-weight: bold; } dl.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; margin: .5rem 0 1rem; }
th, td { border: 1px solid #bbb; padding: .2rem .4rem; text-align: left; vertical-align: top; }
th { background: #eee; }
pre { font: 8pt/1.15 "DejaVu Sans Mono", Menlo, Consolas, monospace; overflow-x: auto; }
.note { border-left: 3px solid #555; padding: .3rem .7rem; background: #f6f6f6; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  h2 { break-after: avoid; } thead { display: table-header-group; }
  tr, pre, .note { break-inside: avoid; }
  @page { margin: 15mm; }
}
""".strip()


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ") or " "


def _md_block(block: Block) -> str:
    if block.kind == "table" and block.table is not None:
        t = block.table
        lines = ["| " + " | ".join(_md_cell(h) for h in t.headers) + " |",
                 "|" + "|".join("---" for _ in t.headers) + "|"]
        lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in t.rows]
        return "\n".join(lines)
    if block.kind == "bullets":
        return "\n".join(f"- {item}" for item in block.items)
    if block.kind == "pre":
        return "```text\n" + block.text + "\n```"
    if block.kind == "note":
        return "> " + block.text
    return block.text


def to_markdown(doc: ReportDocument) -> str:
    out = [f"# {doc.title}", ""]
    out += [f"- **{name}:** {value}" for name, value in doc.facts]
    for section in doc.sections:
        out += ["", f"## {section.title}"]
        for block in section.blocks:
            out += ["", _md_block(block)]
    return "\n".join(out) + "\n"


def _html_block(block: Block) -> str:
    e = html.escape
    if block.kind == "table" and block.table is not None:
        head = "".join(f"<th>{e(h)}</th>" for h in block.table.headers)
        rows = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in block.table.rows)
        return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    if block.kind == "bullets":
        return "<ul>" + "".join(f"<li>{e(item)}</li>" for item in block.items) + "</ul>"
    if block.kind == "pre":
        return f"<pre>{e(block.text)}</pre>"
    if block.kind == "note":
        return f'<p class="note">{e(block.text)}</p>'
    return f"<p>{e(block.text)}</p>"


def to_html(doc: ReportDocument) -> str:
    e = html.escape
    facts = "".join(f"<dt>{e(name)}</dt><dd>{e(value)}</dd>" for name, value in doc.facts)
    sections = "".join(
        f'<section id="{e(s.key)}"><h2>{e(s.title)}</h2>' + "".join(_html_block(b) for b in s.blocks) + "</section>"
        for s in doc.sections)
    return ("<!DOCTYPE html>\n"
            f'<html lang="en"><head><meta charset="utf-8"><title>{e(doc.title)}</title>'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<style>\n{CSS}\n</style></head>\n"
            f'<body><h1>{e(doc.title)}</h1><dl class="facts">{facts}</dl>\n{sections}\n</body></html>\n')
