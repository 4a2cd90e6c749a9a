"""The photo desk's pane: thumbnails, caption, credit line and its parts, the file's own metadata, rights."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from editor_app.domain import CreditStatus, EmbeddedMetadata
from editor_app.ui.models.images_model import ImageRow, ImagesModel

MISMATCH_STYLE = "background: rgba(213, 94, 0, 0.18); border-radius: 3px; padding: 1px 3px;"
IMAGE_FILTER = "Images (*.jpg *.jpeg *.png *.tif *.tiff *.webp *.gif);;All files (*)"


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class ImagesPanel(QWidget):
    setFieldRequested = Signal(int, str, str)  # image number, field, value
    verifyRequested = Signal(int, str, str)  # image number, status, note
    attachRequested = Signal(int, str)  # image number, file path
    imageSelected = Signal(int)  # block index

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("imagesPanel")
        self.model = ImagesModel(self)
        self._row: ImageRow | None = None

        self.table = QTableView()
        self.table.setObjectName("imagesTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(52)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setColumnWidth(0, 130)
        self.table.setWordWrap(False)
        self.table.selectionModel().currentRowChanged.connect(self._on_row_changed)
        self.table.setMinimumHeight(140)

        self.preview = QLabel()
        self.preview.setObjectName("imagePreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumHeight(120)
        self.status = QLabel()
        self.status.setObjectName("imageStatus")
        self.status.setWordWrap(True)

        self.caption = QLineEdit()
        self.caption.setObjectName("captionEdit")
        self.credit = QLineEdit()
        self.credit.setObjectName("creditEdit")
        self.rights = QLineEdit()
        self.rights.setObjectName("rightsEdit")
        self.rights.setPlaceholderText("e.g. editorial use only")
        self.caption.editingFinished.connect(lambda: self._on_field_edited("caption", self.caption))
        self.credit.editingFinished.connect(lambda: self._on_field_edited("credit", self.credit))
        self.rights.editingFinished.connect(lambda: self._on_field_edited("rights", self.rights))

        self.parts = QLabel()
        self.parts.setObjectName("creditParts")
        self.parts.setWordWrap(True)
        self.parts.setTextFormat(Qt.TextFormat.RichText)
        self.embedded = QLabel()
        self.embedded.setObjectName("embeddedMetadata")
        self.embedded.setWordWrap(True)
        self.embedded.setTextFormat(Qt.TextFormat.RichText)
        self.embedded.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.note = QLineEdit()
        self.note.setObjectName("problemNote")
        self.note.setPlaceholderText("What is wrong (needed for a problem)")
        self.verify_button = QPushButton("Verify credit")
        self.verify_button.setObjectName("verifyCreditButton")
        self.verify_button.clicked.connect(self._on_verify_clicked)
        self.problem_button = QPushButton("Problem…")
        self.problem_button.setObjectName("problemButton")
        self.problem_button.clicked.connect(self._on_problem_clicked)
        self.attach_button = QPushButton("Attach file…")
        self.attach_button.setObjectName("attachButton")
        self.attach_button.clicked.connect(self._on_attach_clicked)

        fields = QGroupBox("Caption and credit")
        form = QFormLayout(fields)
        form.addRow("Caption", self.caption)
        form.addRow("Credit line", self.credit)
        form.addRow("Parts", self.parts)
        form.addRow("In the file", self.embedded)
        form.addRow("Rights", self.rights)
        form.addRow("Note", self.note)
        buttons = QHBoxLayout()
        buttons.addWidget(self.verify_button)
        buttons.addWidget(self.problem_button)
        buttons.addStretch(1)
        buttons.addWidget(self.attach_button)
        form.addRow(buttons)

        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.preview)
        detail_layout.addWidget(self.status)
        detail_layout.addWidget(fields)
        detail_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(detail)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(QLabel("<b>Images</b>"))
        layout.addWidget(self.table)
        layout.addWidget(scroll, 1)
        self._show(None)

    # -- content -----------------------------------------------------------
    def set_rows(self, rows: list[ImageRow]) -> None:
        current = self._row.number if self._row else (1 if rows else None)
        self.model.set_rows(rows)
        if current is not None and rows:
            self.select_number(min(current, len(rows)))
        else:
            self._show(None)

    def select_number(self, number: int) -> None:
        row = number - 1
        if not 0 <= row < self.model.rowCount():
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        self._show(self.model.image_row(row))

    def select_block(self, block: int) -> None:
        row = self.model.row_for_block(block)
        if row >= 0:
            self.select_number(row + 1)

    def current(self) -> ImageRow | None:
        return self._row

    def _on_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.image_row(current.row()) if current.isValid() else None
        self._show(row)
        if row is not None:
            self.imageSelected.emit(row.block)

    def _show(self, row: ImageRow | None) -> None:
        self._row = row
        for w in (self.caption, self.credit, self.rights, self.note):
            w.blockSignals(True)
        enabled = row is not None
        for widget in (
            self.caption,
            self.credit,
            self.rights,
            self.note,
            self.verify_button,
            self.problem_button,
            self.attach_button,
        ):
            widget.setEnabled(enabled)
        if row is None:
            self.preview.setText("No image selected")
            self.status.clear()
            for edit in (self.caption, self.credit, self.rights):
                edit.clear()
            self.parts.clear()
            self.embedded.clear()
        else:
            view = row.view
            if row.thumbnail is not None and not row.thumbnail.isNull():
                self.preview.setPixmap(
                    QPixmap.fromImage(row.thumbnail).scaled(
                        320,
                        200,
                        Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation,
                    )
                )
            else:
                self.preview.setText(
                    "No picture file attached" if not view.slot.image_path else "(no preview)"
                )
            status = f"<b>Image {view.number}</b> · {view.slot.status.value}"
            if view.slot.verified_by:
                status += f" by {_esc(view.slot.verified_by)}"
            if view.slot.note:
                status += f" · {_esc(view.slot.note)}"
            if view.file_error:
                status += f"<br><span style='color:#C0392B'>File: {_esc(view.file_error)}</span>"
            self.status.setText(status)
            self.caption.setText(view.slot.caption)
            self.caption.setCursorPosition(0)
            self.credit.setText(view.slot.credit)
            self.credit.setCursorPosition(0)
            self.rights.setText(view.slot.rights)
            self.note.clear()
            self.parts.setText(self._parts_html(row))
            self.embedded.setText(self._embedded_html(row))
            self.verify_button.setEnabled(bool(view.slot.credit.strip()))
            self.attach_button.setText("Replace file…" if view.slot.image_path else "Attach file…")
        for w in (self.caption, self.credit, self.rights, self.note):
            w.blockSignals(False)

    @staticmethod
    def _parts_html(row: ImageRow) -> str:
        credit = row.view.credit
        if credit is None:
            return "<i>no credit line</i>"
        parts = [
            ("Creator", credit.creator),
            ("Kind", credit.kind),
            ("Agency", credit.agency),
            ("Distributor", credit.distributor),
        ]
        shown = [f"{name}: <b>{_esc(value)}</b>" for name, value in parts if value]
        return "<br>".join(shown) + f"<br><span style='color:gray'>shape: {credit.shape}</span>"

    @staticmethod
    def _embedded_html(row: ImageRow) -> str:
        meta: EmbeddedMetadata | None = row.view.embedded
        if meta is None:
            return "<i>no file attached</i>" if not row.view.slot.image_path else "<i>no metadata read</i>"
        if meta.is_empty():
            return "<i>the file carries no credit metadata</i>"
        mismatched = set(row.view.mismatches)
        lines = []
        for field, label, value in (
            ("credit", "Credit", meta.credit),
            ("creator", "Creator", meta.creator),
            ("source", "Source", meta.source),
            ("rights", "Rights", meta.rights),
            ("caption", "Description", meta.description),
            ("usage", "Usage terms", meta.usage_terms),
        ):
            if not value:
                continue
            text = _esc(value if len(value) < 160 else value[:157] + "…")
            if field in mismatched:
                lines.append(
                    f"<span style='{MISMATCH_STYLE}' title='differs from the slot'>{label}: {text} ≠</span>"
                )
            else:
                lines.append(f"{label}: {text}")
        for warning in meta.warnings:
            lines.append(f"<span style='color:#C0392B'>{_esc(warning)}</span>")
        return "<br>".join(lines)

    # -- slots -------------------------------------------------------------
    def _on_field_edited(self, field: str, edit: QLineEdit) -> None:
        if self._row is None:
            return
        old = getattr(self._row.slot, field)
        if edit.text() != old:
            self.setFieldRequested.emit(self._row.number, field, edit.text())

    def _on_verify_clicked(self) -> None:
        if self._row is not None:
            self.verifyRequested.emit(self._row.number, CreditStatus.VERIFIED.value, self.note.text())

    def _on_problem_clicked(self) -> None:
        if self._row is not None:
            if not self.note.text().strip():
                self.note.setFocus()
                self.note.setPlaceholderText("Say what is wrong, then press Problem… again")
                return
            self.verifyRequested.emit(self._row.number, CreditStatus.PROBLEM.value, self.note.text())

    def _on_attach_clicked(self) -> None:
        if self._row is None:
            return
        path, _ = QFileDialog.getOpenFileName(self, "Attach a picture", "", IMAGE_FILTER)
        if path:
            self.attachRequested.emit(self._row.number, str(Path(path)))
