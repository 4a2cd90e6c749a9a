"""Revisions with author and time, tracked changes between any two, and restore."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from editor_app.domain import Revision
from editor_app.ui.models.history_model import HistoryModel

if TYPE_CHECKING:
    from editor_app.services.articles import BlockChange

INSERT_STYLE = "color:#0b7a3e; background:rgba(0,158,115,0.15); text-decoration:underline;"
DELETE_STYLE = "color:#b03a2e; background:rgba(192,57,43,0.12); text-decoration:line-through;"


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")


def changes_html(changes: list[BlockChange], a: int, b: int) -> str:
    """Tracked changes as a word processor shows them: insertions underlined, deletions struck."""
    if not changes:
        return f"<p><i>No differences between revision {a} and revision {b}.</i></p>"
    out = [f"<p><b>Revision {a} → {b}</b>: {len(changes)} changed place(s)</p>"]
    for change in changes:
        where = "Headline" if change.block == -1 else f"Block {change.block}"
        if change.field != "text":
            where += f" ({change.field})"
        pieces = []
        for p in change.pieces:
            if p.op == "equal":
                pieces.append(_esc(p.text))
            elif p.op == "insert":
                pieces.append(f"<span style='{INSERT_STYLE}'>{_esc(p.text)}</span>")
            else:
                pieces.append(f"<span style='{DELETE_STYLE}'>{_esc(p.text)}</span>")
        out.append(f"<p><span style='color:gray'>{where}</span><br>{''.join(pieces)}</p>")
    return "\n".join(out)


class HistoryView(QWidget):
    compareRequested = Signal(int, int)
    restoreRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyView")
        self.model = HistoryModel(self)
        self.table = QTableView()
        self.table.setObjectName("historyTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 36)
        self.table.setColumnWidth(1, 80)
        self.table.setColumnWidth(2, 130)
        self.table.selectionModel().currentRowChanged.connect(self._on_row_changed)

        self.from_rev = QComboBox()
        self.from_rev.setObjectName("fromRevision")
        self.to_rev = QComboBox()
        self.to_rev.setObjectName("toRevision")
        self.compare_button = QPushButton("Compare")
        self.compare_button.setObjectName("compareButton")
        self.compare_button.clicked.connect(self._on_compare_clicked)
        self.restore_button = QPushButton("Restore this revision")
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.clicked.connect(self._on_restore_clicked)
        self.show_drafts = QCheckBox("Show autosaves")
        self.show_drafts.setChecked(False)
        self.show_drafts.toggled.connect(self._on_show_drafts)
        self.model.set_show_drafts(False)
        self.diff = QTextBrowser()
        self.diff.setObjectName("diffView")
        self.diff.setOpenLinks(False)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.show_drafts)
        row.addStretch(1)
        row.addWidget(self.restore_button)
        top_layout.addWidget(self.table, 1)
        top_layout.addLayout(row)
        compare = QHBoxLayout()
        compare.addWidget(QLabel("From"))
        compare.addWidget(self.from_rev, 1)
        compare.addWidget(QLabel("to"))
        compare.addWidget(self.to_rev, 1)
        compare.addWidget(self.compare_button)
        top_layout.addLayout(compare)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(self.diff)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(QLabel("<b>History</b>"))
        layout.addWidget(split, 1)
        self._revisions: list[Revision] = []

    def set_revisions(self, revisions: list[Revision]) -> None:
        self._revisions = list(revisions)
        self.model.set_revisions(revisions)
        for combo in (self.from_rev, self.to_rev):
            combo.blockSignals(True)
            combo.clear()
            for r in reversed(revisions):
                label = f"{r.number} · {r.author} · {r.created_at.astimezone():%d %b %H:%M}"
                combo.addItem(label + (" (autosave)" if r.draft else ""), r.number)
            combo.blockSignals(False)
        if len(revisions) >= 2:
            self.to_rev.setCurrentIndex(0)
            self.from_rev.setCurrentIndex(1)
        self.restore_button.setEnabled(False)

    def show_changes(self, changes: list[BlockChange], a: int, b: int) -> None:
        self.diff.setHtml(changes_html(changes, a, b))

    def _on_row_changed(self, current: object, _previous: object) -> None:
        revision = self.model.revision(self.table.currentIndex().row())
        latest = self._revisions[-1].number if self._revisions else None
        self.restore_button.setEnabled(revision is not None and revision.number != latest)
        if revision is not None and latest is not None and revision.number != latest:
            self.from_rev.setCurrentIndex(max(0, self.from_rev.findData(revision.number)))
            self.to_rev.setCurrentIndex(0)
            self.compareRequested.emit(revision.number, latest)

    def _on_compare_clicked(self) -> None:
        a, b = self.from_rev.currentData(), self.to_rev.currentData()
        if isinstance(a, int) and isinstance(b, int):
            self.compareRequested.emit(a, b)

    def _on_restore_clicked(self) -> None:
        revision = self.model.revision(self.table.currentIndex().row())
        if revision is not None:
            self.restoreRequested.emit(revision.number)

    def _on_show_drafts(self, show: bool) -> None:
        self.model.set_show_drafts(show)
