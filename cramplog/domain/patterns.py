"""Provides `Pattern`: a regular expression compiled when first used, not when imported, and
`ascii_digits`, which spares a plain number its pattern.

Python 3.11 compiles a regular expression in Python code, about 1.1 million instructions for
one of the field readers' (0.2-0.3 ms): the fourteen the domain declares cost a quick log 3 ms
at import, though most commands use one or two of them, or none.
"""

from __future__ import annotations

import re
from typing import Any


class Pattern:
    """`re.compile(pattern, flags)` on first use; then the compiled pattern's methods."""

    __slots__ = ("_pattern", "_flags", "_compiled")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._pattern, self._flags = pattern, flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self._pattern, self._flags)
        return self._compiled

    def match(self, text: str) -> re.Match[str] | None:
        return self.compiled.match(text)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        return self.compiled.fullmatch(text)

    def search(self, text: str) -> re.Match[str] | None:
        return self.compiled.search(text)

    def findall(self, text: str) -> list[Any]:
        return self.compiled.findall(text)

    def sub(self, replacement: str, text: str) -> str:
        return self.compiled.sub(replacement, text)


def ascii_digits(text: str) -> bool:
    """Whether `text` is one run of ASCII digits (`250`, `7`): what a quick log types most, and
    what every number pattern of the domain matches whole. Readers answer it without compiling
    their pattern (`tests/domain/test_parsers.py` holds them to the same answers)."""
    return text.isascii() and text.isdigit()
