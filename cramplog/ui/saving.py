"""Provides `SavingForm`, the base of a screen that may be waiting for the journal to write its
entry: the key rule (`keys.allowed`, loaded at startup) asks it by type, and the entry form,
loaded after the first paint, inherits it. A leaf module: it imports nothing of the app.
"""

from __future__ import annotations


class SavingForm:
    """A screen that can be waiting for the journal to write what it holds (the entry form):
    `keys.allowed` lets `q` through while it is (the app quits once the entry is written).

    A base the form inherits rather than a name looked up at run time, so that mypy checks the
    flag; declared apart so that the key rule need not import the form."""

    saving: bool = False
    """A save of this screen's entry is being written; until it is, the screen can't be left."""
