"""The library: every stored article with its state and what is still open; search, sort, filter, import."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from editor_app.domain import WorkflowState
from editor_app.ui.models.articles_model import ArticlesModel
from editor_app.ui.models.roles import SORT_ROLE
from editor_app.ui.theme import STATE_LABELS

if TYPE_CHECKING:
    from editor_app.services.articles import ArticleSummary

SEARCH_DEBOUNCE_MS = 250


class LibraryView(QWidget):
    openRequested = Signal(int)
    queryChanged = Signal(str, str)  # text, state value ("" for all)
    importRequested = Signal()
    filesDropped = Signal(list)  # list[Path]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("libraryView")
        self.setAcceptDrops(True)
        self.model = ArticlesModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)

        self.search = QLineEdit()
        self.search.setObjectName("librarySearch")
        self.search.setPlaceholderText("Search headlines and text…")
        self.search.setClearButtonEnabled(True)
        self.state = QComboBox()
        self.state.setObjectName("stateFilter")
        self.state.addItem("All states", "")
        for state in WorkflowState:
            self.state.addItem(STATE_LABELS[state], state.value)
        self.import_button = QPushButton("Import…")
        self.import_button.setObjectName("importButton")
        self.import_button.clicked.connect(self.importRequested)
        self.count = QLabel()
        self.count.setObjectName("libraryCount")

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self._on_query_settled)
        self.search.textChanged.connect(self._debounce.start)
        self.state.currentIndexChanged.connect(self._on_query_settled)

        self.table = QTableView()
        self.table.setObjectName("libraryTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(5, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col, width in ((1, 160), (2, 100), (3, 90), (4, 130), (5, 170)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(col, width)
        self.table.doubleClicked.connect(self._on_activated)
        self.table.activated.connect(self._on_activated)

        self.empty = QLabel(
            "<p style='font-size:14pt'>No articles yet.</p>"
            "<p>Import a scraped article, a Word file, HTML or NewsML with <b>Import…</b>, "
            "or drop files here.</p>"
        )
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setObjectName("libraryEmpty")

        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.state)
        bar.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 6)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.count)
        self.set_rows([])

    def set_rows(self, rows: list[ArticleSummary]) -> None:
        self.model.set_rows(rows)
        filtered = bool(self.search.text() or self.state.currentData())
        self.empty.setVisible(not rows and not filtered)
        self.table.setVisible(bool(rows) or filtered)
        n = len(rows)
        self.count.setText(f"{n} article{'s' if n != 1 else ''}" + (" (filtered)" if filtered else ""))

    def query(self) -> tuple[str, str]:
        return self.search.text().strip(), str(self.state.currentData() or "")

    def select_article(self, article_id: int) -> None:
        row = self.model.row_of(article_id)
        if row >= 0:
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            self.table.selectRow(index.row())
            self.table.scrollTo(index)

    def selected_article(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.summary(self.proxy.mapToSource(index).row()).id

    def _on_query_settled(self) -> None:
        text, state = self.query()
        self.queryChanged.emit(text, state)

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.openRequested.emit(self.model.summary(self.proxy.mapToSource(index).row()).id)

    # -- dropping files ----------------------------------------------------
    def dragEnterEvent(self, e: QDragEnterEvent) -> None:
        if e.mimeData().hasUrls() and any(u.isLocalFile() for u in e.mimeData().urls()):
            e.acceptProposedAction()
        else:
            e.ignore()

    def dragMoveEvent(self, e: QDragEnterEvent) -> None:  # type: ignore[override]
        self.dragEnterEvent(e)

    def dropEvent(self, e: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in e.mimeData().urls() if u.isLocalFile()]
        if paths:
            e.acceptProposedAction()
            self.filesDropped.emit(paths)
