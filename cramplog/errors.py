"""Provides the one exception family every layer raises and the CLI and UI translate.

Anything a user can cause is an `InvalidInput` (exit code 2, one line, nothing written);
`NotFound` is a special case of it. Other `CramplogError`s exit 1.
"""

from __future__ import annotations


class CramplogError(Exception):
    """Base class: the message is written for the user, not for a developer."""


class InvalidInput(CramplogError):
    """Input that cannot be accepted; `field` names the offending field when there is one."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFound(InvalidInput):
    """An ID, shoe or other reference that does not exist in the journal."""


class JournalError(CramplogError):
    """The journal file cannot be opened, migrated or written."""
