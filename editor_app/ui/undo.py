"""Undo and redo for the article: the document's own edits and accepted suggestions on one QUndoStack.

QTextDocument keeps its own undo history (positions, merged keystrokes); each
entry it adds is mirrored here as a command that replays it, so the window's
Undo menu, Ctrl+Z in the editor and accepted suggestions share one order.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QTextDocument, QUndoCommand

from editor_app.domain import Flag


class DocumentEditCommand(QUndoCommand):
    """One entry of the document's history; the first redo is the edit the user already made."""

    def __init__(self, document: QTextDocument, text: str = "Typing") -> None:
        super().__init__(text)
        self._doc = document
        self._done = True

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._doc.redo()

    def undo(self) -> None:
        self._doc.undo()


class AcceptSuggestionCommand(DocumentEditCommand):
    """An accepted suggestion: undoing it brings the old words back and reopens the flag."""

    def __init__(
        self,
        document: QTextDocument,
        flag: Flag,
        replacement: str,
        on_undo: Callable[[Flag], None],
        on_redo: Callable[[Flag], None],
    ) -> None:
        super().__init__(document, f"Accept “{replacement}”")
        self.flag = flag
        self.replacement = replacement
        self._on_undo = on_undo
        self._on_redo = on_redo

    def redo(self) -> None:
        first = self._done
        super().redo()
        if not first:
            self._on_redo(self.flag)

    def undo(self) -> None:
        super().undo()
        self._on_undo(self.flag)
