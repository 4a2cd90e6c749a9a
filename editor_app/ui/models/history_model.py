"""The revision list: number, author, time and what happened."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from editor_app.domain import Revision
from editor_app.ui.models.roles import OBJECT_ROLE, SORT_ROLE

Index = QModelIndex | QPersistentModelIndex

COLUMNS = ("#", "Author", "Time", "Change")


class HistoryModel(QAbstractTableModel):
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

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r, col = self._rows[index.row()], index.column()
        if role == OBJECT_ROLE:
            return r
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
