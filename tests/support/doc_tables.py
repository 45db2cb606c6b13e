"""Docs tables generated from the code they describe: the text between `<!-- NAME:begin -->` and
`<!-- NAME:end -->` in a docs page, checked by a test and rewritten by its module's `__main__`."""

from __future__ import annotations

from pathlib import Path

DOCS = Path(__file__).resolve().parents[2] / "docs"


def marks(name: str) -> tuple[str, str]:
    return f"<!-- {name}:begin -->", f"<!-- {name}:end -->"


def between(page: str, name: str) -> str:
    """The generated part `name` of docs page `page` (e.g. `analysis.md`), as it is now."""
    begin, end = marks(name)
    text = (DOCS / page).read_text()
    return text[text.index(begin) + len(begin) : text.index(end)].strip()


def regenerate(page: str, name: str, table: str) -> None:
    """Write `table` as the generated part `name` of `page`."""
    begin, end = marks(name)
    path = DOCS / page
    text = path.read_text()
    old = text[text.index(begin) : text.index(end) + len(end)]
    path.write_text(text.replace(old, f"{begin}\n{table}\n{end}"))
