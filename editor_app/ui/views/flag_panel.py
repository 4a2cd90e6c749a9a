"""The flags pane: grouped by kind, filtered by status and severity, resolved in place."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from editor_app.domain import Flag, FlagStatus, Severity
from editor_app.ui.models.flags_model import FlagsModel, where
from editor_app.ui.theme import KIND_LABELS
from editor_app.ui.views.article_view import suggestion_label

AUTO_EXPAND_MAX = 300
RESOLVE_CHOICES = (FlagStatus.VERIFIED, FlagStatus.DISPUTED, FlagStatus.WAIVED)


class FlagPanel(QWidget):
    flagSelected = Signal(object)  # Flag
    acceptRequested = Signal(object, int)  # flag, suggestion index
    resolveRequested = Signal(object, str, str, str)  # flag, status, source, note
    reopenRequested = Signal(object)  # flag

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("flagPanel")
        self.model = FlagsModel(self)
        self._selected: Flag | None = None

        self.status_filter = QComboBox()
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.addItem("Open", FlagStatus.OPEN.value)
        self.status_filter.addItem("All statuses", "")
        for status in FlagStatus:
            if status is not FlagStatus.OPEN:
                self.status_filter.addItem(status.value.capitalize(), status.value)
        self.severity_filter = QComboBox()
        self.severity_filter.setObjectName("severityFilter")
        self.severity_filter.addItem("All severities", "")
        for severity in Severity:
            self.severity_filter.addItem(severity.value.capitalize(), severity.value)
        self.status_filter.currentIndexChanged.connect(self._on_filter_changed)
        self.severity_filter.currentIndexChanged.connect(self._on_filter_changed)

        self.counts = QLabel()
        self.counts.setObjectName("flagCounts")
        self.counts.setWordWrap(True)

        self.tree = QTreeView()
        self.tree.setObjectName("flagTree")
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setRootIsDecorated(True)
        self.tree.header().setStretchLastSection(True)
        self.tree.setColumnWidth(0, 170)
        self.tree.setColumnWidth(1, 70)
        self.tree.selectionModel().currentChanged.connect(self._on_current_changed)
        self.model.modelReset.connect(self._on_model_reset)

        box = QGroupBox("Resolve")
        box.setObjectName("resolveBox")
        self.message = QLabel("Select a flag.")
        self.message.setObjectName("flagMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.suggestions = QComboBox()
        self.suggestions.setObjectName("suggestions")
        self.accept_button = QPushButton("Accept")
        self.accept_button.setObjectName("acceptButton")
        self.accept_button.clicked.connect(self._on_accept_clicked)
        self.resolve_status = QComboBox()
        self.resolve_status.setObjectName("resolveStatus")
        for status in RESOLVE_CHOICES:
            self.resolve_status.addItem(status.value.capitalize(), status.value)
        self.source = QLineEdit()
        self.source.setObjectName("resolveSource")
        self.source.setPlaceholderText("URL, document or person contacted")
        self.note = QLineEdit()
        self.note.setObjectName("resolveNote")
        self.note.setPlaceholderText("Note (a reason is needed to waive)")
        self.resolve_button = QPushButton("Resolve")
        self.resolve_button.setObjectName("resolveButton")
        self.resolve_button.clicked.connect(self._on_resolve_clicked)
        self.source.returnPressed.connect(self._on_resolve_clicked)
        self.reopen_button = QPushButton("Reopen")
        self.reopen_button.setObjectName("reopenButton")
        self.reopen_button.clicked.connect(self._on_reopen_clicked)

        suggest_row = QHBoxLayout()
        suggest_row.addWidget(self.suggestions, 1)
        suggest_row.addWidget(self.accept_button)
        resolve_row = QHBoxLayout()
        resolve_row.addWidget(self.resolve_status, 1)
        resolve_row.addWidget(self.resolve_button)
        resolve_row.addWidget(self.reopen_button)
        form = QFormLayout(box)
        form.addRow(self.message)
        form.addRow("Suggestion", suggest_row)
        form.addRow("Source", self.source)
        form.addRow("Note", self.note)
        form.addRow("Verdict", resolve_row)

        filters = QHBoxLayout()
        filters.addWidget(self.status_filter)
        filters.addWidget(self.severity_filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        title = QLabel("<b>Flags</b>")
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addWidget(self.counts)
        layout.addWidget(self.tree, 1)
        layout.addWidget(box)
        self._show_flag(None)

    # -- content -----------------------------------------------------------
    def set_flags(self, flags: list[Flag]) -> None:
        current = self._selected.id if self._selected else None
        self.model.set_flags(flags)
        counts = self.model.counts()
        self.counts.setText(
            " · ".join(
                f"{n} {status.value}" for status, n in counts.items() if n or status is FlagStatus.OPEN
            )
        )
        if current is not None:
            self.select_flag(current, emit=False)

    def select_flag(self, flag_id: str, *, emit: bool = True) -> bool:
        index = self.model.index_of(flag_id)
        if not index.isValid():
            self._show_flag(next((f for f in self.model.all_flags() if f.id == flag_id), None))
            return False
        if not emit:
            self.tree.selectionModel().blockSignals(True)
        self.tree.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.tree.scrollTo(index)
        if not emit:
            self.tree.selectionModel().blockSignals(False)
            self._show_flag(self.model.flag(index))
        return True

    def selected_flag(self) -> Flag | None:
        return self._selected

    # -- slots -------------------------------------------------------------
    def _on_model_reset(self) -> None:
        # Expand the kind groups one by one (expandAll() walks every flag row); very long
        # groups stay folded until asked for, so a long article opens without a freeze.
        for row in range(self.model.rowCount()):
            index = self.model.index(row, 0)
            if self.model.rowCount(index) <= AUTO_EXPAND_MAX:
                self.tree.expand(index)

    def _on_filter_changed(self) -> None:
        status = self.status_filter.currentData()
        severity = self.severity_filter.currentData()
        self.model.set_filter(
            FlagStatus(status) if status else None, Severity(severity) if severity else None
        )
        if self._selected is not None:
            self.select_flag(self._selected.id, emit=False)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        flag = self.model.flag(current)
        self._show_flag(flag)
        if flag is not None:
            self.flagSelected.emit(flag)

    def _show_flag(self, flag: Flag | None) -> None:
        self._selected = flag
        self.suggestions.clear()
        enabled = flag is not None and flag.is_open
        if flag is None:
            self.message.setText("Select a flag to see what it says and resolve it.")
        else:
            text = (
                f"<b>{KIND_LABELS.get(flag.kind, flag.kind.value)}</b> · {where(flag)} · "
                f"{flag.severity.value}<br>{_esc(flag.message)}"
            )
            if flag.data.get("fact"):
                text += f"<br><i>Saved fact: {_esc(flag.data['fact'])}</i>"
            if not flag.is_open:
                text += f"<br>{flag.status.value} by {flag.resolved_by or '?'}"
                if flag.source:
                    text += f" · source: {_esc(flag.source)}"
                if flag.note:
                    text += f" · {_esc(flag.note)}"
            self.message.setText(text)
            for s in flag.suggestions:
                self.suggestions.addItem(suggestion_label(s))
        has_suggestions = enabled and flag is not None and bool(flag.suggestions)
        self.suggestions.setEnabled(has_suggestions)
        self.accept_button.setEnabled(has_suggestions)
        for w in (self.resolve_status, self.source, self.note, self.resolve_button):
            w.setEnabled(enabled)
        self.reopen_button.setEnabled(flag is not None and not flag.is_open)

    def _on_accept_clicked(self) -> None:
        if self._selected is not None and self.suggestions.currentIndex() >= 0:
            self.acceptRequested.emit(self._selected, self.suggestions.currentIndex())

    def _on_resolve_clicked(self) -> None:
        if self._selected is None or not self._selected.is_open:
            return
        self.resolveRequested.emit(
            self._selected, self.resolve_status.currentData(), self.source.text(), self.note.text()
        )

    def _on_reopen_clicked(self) -> None:
        if self._selected is not None:
            self.reopenRequested.emit(self._selected)

    def clear_resolve_inputs(self) -> None:
        self.source.clear()
        self.note.clear()


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
