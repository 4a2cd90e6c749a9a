"""The library table: one row per stored article summary."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from editor_app.domain import WorkflowState
from editor_app.ui.models.roles import SORT_ROLE
from editor_app.ui.models.rows_model import RowsModel
from editor_app.ui.theme import STATE_LABELS

if TYPE_CHECKING:
    from editor_app.services.articles import ArticleSummary

COLUMNS = ("Headline", "Byline", "State", "Open flags", "Unverified credits", "Last change")


def local_time(value: datetime) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M")


class ArticlesModel(RowsModel["ArticleSummary"]):
    COLUMNS = COLUMNS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ArticleSummary] = []

    def set_rows(self, rows: list[ArticleSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def summary(self, row: int) -> ArticleSummary:
        return self._rows[row]

    def row_of(self, article_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == article_id), -1)

    def cell(self, r: ArticleSummary, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                r.headline or "(no headline)",
                ", ".join(r.bylines),
                STATE_LABELS.get(r.state, r.state.value),
                str(r.open_flags),
                str(r.unverified_credits),
                f"{local_time(r.changed_at)} · {r.changed_by}",
            )[col]
        if role == SORT_ROLE:
            states = list(WorkflowState)
            return (
                r.headline.lower(),
                ", ".join(r.bylines).lower(),
                states.index(r.state),
                r.open_flags,
                r.unverified_credits,
                r.changed_at.timestamp(),
            )[col]
        if role == Qt.ItemDataRole.ToolTipRole and col == 0:
            return f"{r.headline}\nRevision {r.revision}"
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (3, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col in (3, 4):
            value = r.open_flags if col == 3 else r.unverified_credits
            return QBrush(QColor("#C0392B")) if value else None
        return None
