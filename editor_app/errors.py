"""Error hierarchy: user errors become clear messages, internal errors are bugs.

Everything a user can cause (a bad file, an unknown id, a refused permission)
raises a ``UserError`` subclass; the CLI prints its message on one line and
the GUI shows it in a dialog. Anything else is a bug.
"""

from __future__ import annotations

from dataclasses import dataclass


class EditorError(Exception):
    """Base of every error the app raises on purpose."""


class UserError(EditorError):
    """Caused by input or environment; the message is shown to the user as is."""


class ImportRejected(UserError):
    """A file could not be imported; nothing was stored."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class Cancelled(UserError):
    """The user stopped a long task; what it had finished stays, the rest is not saved."""


class NotFound(UserError):
    """An id (article, flag, revision, user, slot) does not exist."""


class InvalidRequest(UserError):
    """A request that is well-formed but not allowed in the current state."""


@dataclass(frozen=True)
class Refusal:
    """What an audited refusal records: who tried what, on what."""

    actor: str
    target: str
    article_id: int | None
    details: dict[str, object]


class PermissionDenied(UserError):
    """The acting user's role may not do this; ``audit`` is what the refusal records."""

    def __init__(self, message: str, *, audit: Refusal | None = None) -> None:
        super().__init__(message)
        self.audit = audit


class ConflictError(UserError):
    """Someone else changed the same thing first (optimistic locking)."""

    def __init__(self, message: str, *, changed_by: str | None = None, changed_at: str | None = None) -> None:
        super().__init__(message)
        self.changed_by = changed_by
        self.changed_at = changed_at


class ExportBlocked(UserError):
    """The export gate refused: open required flags or unverified credits remain."""


class StorageError(UserError):
    """The database cannot be opened, read or written."""


class InternalError(EditorError):
    """A bug: reported with details, never expected."""
