"""The one place an error becomes a dialog.

A ``UserError`` (a bad file, a refused permission, a locked database) is shown
as its own message. Anything else is a bug: the user gets a short generic
message, the traceback goes to the log, and the app keeps running. Dialogs are
window-modal and opened without blocking, so background work carries on and
nothing typed is lost.
"""

from __future__ import annotations

import logging
import traceback
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

from editor_app.errors import (
    ConflictError,
    ExportBlocked,
    ImportRejected,
    PermissionDenied,
    StorageError,
    UserError,
)

log = logging.getLogger("editor_app.ui")

TITLES: list[tuple[type[UserError], str]] = [
    (ImportRejected, "Could not import the file"),
    (PermissionDenied, "Not allowed for your role"),
    (StorageError, "The database cannot be used"),
    (ConflictError, "Someone else changed this first"),
    (ExportBlocked, "Export blocked"),
]

STORAGE_HINT = (
    "Your text is kept in the editor. It will be saved as soon as the database can be written "
    "again; you can keep working."
)


def describe(exc: BaseException) -> tuple[str, str, str]:
    """Title, message and details for ``exc`` (details empty for user errors)."""
    if isinstance(exc, UserError):
        title = next((t for cls, t in TITLES if isinstance(exc, cls)), "Cannot do that")
        message = str(exc)
        if isinstance(exc, StorageError):
            message += "\n\n" + STORAGE_HINT
        return title, message, ""
    details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    return (
        "Something went wrong",
        "An unexpected error happened; the app keeps running and your text is kept. Details are in the log.",
        details,
    )


def show_error(parent: QWidget | None, exc: BaseException, *, context: str = "") -> QMessageBox:
    """Show ``exc`` to the user without blocking; returns the (open) message box."""
    from PySide6.QtWidgets import QMessageBox  # not before the first paint (see editor_app.ui)

    title, message, details = describe(exc)
    if details:
        log.error("unexpected error%s", f" while {context}" if context else "", exc_info=exc)
    if context:
        message = f"While {context}:\n{message}"
    box = QMessageBox(parent)
    box.setObjectName("errorDialog")
    box.setIcon(QMessageBox.Icon.Critical if details else QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(message)
    if details:
        box.setDetailedText(details)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    from PySide6.QtCore import Qt

    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
