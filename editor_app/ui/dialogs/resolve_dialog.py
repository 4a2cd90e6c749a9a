"""Resolve one flag: a verdict, the source it rests on, and a note."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from editor_app.domain import Flag, FlagStatus
from editor_app.ui.theme import KIND_LABELS

CHOICES = (FlagStatus.VERIFIED, FlagStatus.DISPUTED, FlagStatus.WAIVED)


class ResolveDialog(QDialog):
    def __init__(self, flag: Flag, status: FlagStatus | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resolveDialog")
        self.setWindowTitle("Resolve flag")
        self.flag = flag
        self.status = QComboBox()
        self.status.setObjectName("status")
        for s in CHOICES:
            self.status.addItem(s.value.capitalize(), s.value)
        if status is not None and status in CHOICES:
            self.status.setCurrentIndex(CHOICES.index(status))
        self.source = QLineEdit()
        self.source.setObjectName("source")
        self.source.setPlaceholderText("URL, document or person contacted")
        self.note = QLineEdit()
        self.note.setObjectName("note")
        self.error = QLabel()
        self.error.setStyleSheet("color:#C0392B")
        self.status.currentIndexChanged.connect(self._on_status_changed)
        label = KIND_LABELS.get(flag.kind, flag.kind.value)
        what = QLabel(f"<b>{label}</b>: “{_esc(flag.text)}”<br>{_esc(flag.message)}")
        what.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Verdict", self.status)
        form.addRow("Source", self.source)
        form.addRow("Note", self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        self._on_status_changed()

    def chosen(self) -> FlagStatus:
        return FlagStatus(self.status.currentData())

    def _on_status_changed(self) -> None:
        waive = self.chosen() is FlagStatus.WAIVED
        self.note.setPlaceholderText("Why this can be left as it is" if waive else "Optional note")
        self.error.clear()

    def accept(self) -> None:
        status = self.chosen()
        if status in (FlagStatus.VERIFIED, FlagStatus.DISPUTED) and not self.source.text().strip():
            self.error.setText(f"{status.value.capitalize()} needs a source.")
            self.source.setFocus()
            return
        if status is FlagStatus.WAIVED and not self.note.text().strip():
            self.error.setText("Waiving needs a reason.")
            self.note.setFocus()
            return
        super().accept()


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
