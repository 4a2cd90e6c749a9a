"""The revision list: number, author, time and what happened."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from editor_app.domain import Revision
from editor_app.ui.models.roles import SORT_ROLE
from editor_app.ui.models.rows_model import RowsModel

COLUMNS = ("#", "Author", "Time", "Change")


class HistoryModel(RowsModel[Revision]):
    COLUMNS = COLUMNS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Revision] = []
        self._show_drafts = True
        self._all: list[Revision] = []

    def set_revisions(self, revisions: list[Revision]) -> None:
        self._all = list(revisions)
        self._refilter()

    def set_show_drafts(self, show: bool) -> None:
        self._show_drafts = show
        self._refilter()

    def _refilter(self) -> None:
        self.beginResetModel()
        keep = [r for r in self._all if self._show_drafts or not r.draft or r is self._all[-1]]
        self._rows = list(reversed(keep))  # newest first
        self.endResetModel()

    def revision(self, row: int) -> Revision | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def revisions(self) -> list[Revision]:
        return list(self._rows)

    def cell(self, r: Revision, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return str(r.number)
            if col == 1:
                return r.author
            if col == 2:
                return r.created_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
            return ("(autosave) " if r.draft else "") + r.message
        if role == SORT_ROLE:
            return (r.number, r.author, r.created_at.timestamp(), r.message)[col]
        if role == Qt.ItemDataRole.ForegroundRole and r.draft:
            return QBrush(QColor("#8C8C8C"))
        return None
