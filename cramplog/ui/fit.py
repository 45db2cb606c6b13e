"""Text laid out for the width there is: lines broken between items, never inside one.

A phone through `cramplog serve` gives a screen about 48 columns wide; text that was laid out
for 80 was cut there ("severity 7 · 1 to…") or wrapped inside a pair that belongs together
(`y` on one line, `symptom` on the next). Items here are the pieces that must stay whole: a
key and its word, a clause of an entry ("shoe 'Pegasus 40',"), a dashboard value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rich.cells import cell_len, chop_cells

CLAUSE_BREAK = re.compile(r"(?<=[,;]) ")
"""Where an entry's description breaks best: after a comma or a semicolon."""
PHRASE_BREAK = re.compile(r"(?<=[,;:·]) | (?=\()")
"""Where a sentence of keys breaks best: after a comma, colon or `·`, or before a parenthesis."""
WORD_BREAK = re.compile(r" (?!(?:km|mi|ml|L|mg|min|h|fl|oz)\b)")
"""Between two words, but not between a number and its unit (`640.0 km`, `8 fl oz`)."""


def pack(items: Iterable[str], width: int, gap: str = "  ") -> list[str]:
    """`items` on as few lines of `width` cells as they go, `gap` between two on a line.

    A line breaks only between items; an item wider than a whole line goes on from where the
    line is and breaks between its words, a number kept with its unit (a word wider than a
    line, between its characters: nothing is cut).
    """
    width = max(1, width)
    lines: list[str] = []
    line = ""
    for item in items:
        if line and cell_len(line) + cell_len(gap) + cell_len(item) <= width:
            line += gap + item
        elif cell_len(item) <= width:  # an item that fits a line starts one
            if line:
                lines.append(line)
            line = item
        else:  # a longer one fills this line, then breaks between its words
            for index, word in enumerate(WORD_BREAK.split(item)):
                sep = gap if index == 0 else " "
                if line and cell_len(line) + cell_len(sep) + cell_len(word) <= width:
                    line += sep + word
                    continue
                if line:
                    lines.append(line)
                pieces = chop_cells(word, width) if cell_len(word) > width else [word]
                lines += pieces[:-1]
                line = pieces[-1]
    lines.append(line)
    return lines


def clauses(text: str, sep: str = " · ") -> list[str]:
    """`text` split after each `sep`, which stays at the end of its clause (`10 min today ·`),
    so that a line broken there still reads as the list it is."""
    parts = text.split(sep)
    mark = sep.rstrip()
    return [part + mark for part in parts[:-1]] + parts[-1:]


def clause_lines(text: str, width: int) -> list[str]:
    """An entry's description on lines of `width`, broken after a comma or semicolon where it
    can (`shoe 'Pegasus 40'` stays whole), between words where a clause is longer than a line."""
    return pack(CLAUSE_BREAK.split(text), width, " ")
