"""Export: formats, folder, and what the gate says is left; progress and cancel while it runs."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from editor_app.ui.models.flags_model import where

if TYPE_CHECKING:
    from editor_app.services.gate import GateReport

FORMAT_LABELS = {
    "html": "HTML",
    "md": "Markdown",
    "txt": "Plain text",
    "ninjs": "ninjs (JSON)",
    "docx": "Word (DOCX)",
    "pdf": "PDF",
    "newsml": "NewsML-G2",
}


class ExportDialog(QDialog):
    """Collects the choices; the page runs the export and reports back here."""

    exportRequested = Signal(list, str, str)  # formats, folder, override reason ("" for none)
    cancelRequested = Signal()

    def __init__(
        self,
        formats: Sequence[str],
        chosen: Sequence[str],
        folder: str,
        gate: GateReport,
        *,
        approved: bool,
        can_override: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export article")
        self._gate = gate
        self._running = False
        self.checks: dict[str, QCheckBox] = {}
        fmt_box = QGroupBox("Formats")
        grid = QGridLayout(fmt_box)
        for i, fmt in enumerate(formats):
            box = QCheckBox(FORMAT_LABELS.get(fmt, fmt))
            box.setObjectName(f"format-{fmt}")
            box.setChecked(fmt in chosen)
            box.toggled.connect(self._update_buttons)
            self.checks[fmt] = box
            grid.addWidget(box, i // 4, i % 4)

        self.folder = QLineEdit(folder)
        self.folder.setObjectName("exportFolder")
        self.folder.textChanged.connect(self._update_buttons)
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._on_browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(QLabel("Folder"))
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        self.replace = QCheckBox("Replace files that are already there")
        self.replace.setObjectName("replaceExisting")

        gate_box = QGroupBox("What is left (the export gate)")
        self.gate_list = QListWidget()
        self.gate_list.setObjectName("gateList")
        self.gate_summary = QLabel()
        self.gate_summary.setObjectName("gateSummary")
        self.gate_summary.setWordWrap(True)
        gate_layout = QVBoxLayout(gate_box)
        gate_layout.addWidget(self.gate_summary)
        gate_layout.addWidget(self.gate_list)
        self._fill_gate(gate, approved)

        self.override = QCheckBox("Override the gate (desk editors; the reason is recorded in the report)")
        self.override.setObjectName("overrideGate")
        self.reason = QLineEdit()
        self.reason.setObjectName("overrideReason")
        self.reason.setPlaceholderText("Why this goes out with items still open")
        blocked = not gate.ok
        self.override.setVisible(blocked)
        self.reason.setVisible(blocked)
        self.override.setEnabled(can_override)
        self.reason.setEnabled(False)
        self.override.toggled.connect(self.reason.setEnabled)
        self.override.toggled.connect(self._update_buttons)
        self.reason.textChanged.connect(self._update_buttons)

        self.progress = QProgressBar()
        self.progress.setObjectName("exportProgress")
        policy = self.progress.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.progress.setSizePolicy(policy)
        self.progress.setVisible(False)
        self.outcome = QLabel()
        self.outcome.setObjectName("exportResult")
        self.outcome.setWordWrap(True)
        self.export_button = QPushButton("Export")
        self.export_button.setObjectName("exportButton")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self._on_export)
        self.close_button = QPushButton("Cancel")
        self.close_button.setObjectName("closeButton")
        self.close_button.clicked.connect(self._on_close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(fmt_box)
        layout.addLayout(folder_row)
        layout.addWidget(self.replace)
        layout.addWidget(gate_box, 1)
        layout.addWidget(self.override)
        layout.addWidget(self.reason)
        layout.addWidget(self.outcome)
        layout.addLayout(buttons)
        self.resize(640, 520)
        self._approved = approved
        self._update_buttons()

    def _fill_gate(self, gate: GateReport, approved: bool) -> None:
        red, amber = QBrush(QColor("#C0392B")), QBrush(QColor("#B8860B"))
        lines = []
        if not approved:
            lines.append("Not approved yet: a desk editor approves the article first.")
        if gate.ok:
            lines.append("Ready to export." if approved else "The gate has nothing left to clear.")
        else:
            parts = []
            if gate.blocking:
                parts.append(f"{len(gate.blocking)} open required flag(s)")
            if gate.unverified and gate.credits_block:
                parts.append(f"{len(gate.unverified)} unverified image credit(s)")
            lines.append("Blocked: " + ", ".join(parts) + ".")
        if gate.recommended:
            lines.append(f"{len(gate.recommended)} recommended flag(s) still open (they do not block).")
        self.gate_summary.setText("<br>".join(lines))
        for flag in gate.blocking:
            item = QListWidgetItem(
                f"Required · {where(flag)} · {flag.kind.value}: “{flag.text}” — {flag.message}"
            )
            item.setForeground(red)
            self.gate_list.addItem(item)
        for block, credit in gate.unverified:
            item = QListWidgetItem(f"Credit not verified · block {block}: {credit}")
            item.setForeground(red if gate.credits_block else amber)
            self.gate_list.addItem(item)
        for flag in gate.recommended:
            item = QListWidgetItem(
                f"Recommended · {where(flag)} · {flag.kind.value}: “{flag.text}” — {flag.message}"
            )
            item.setForeground(amber)
            self.gate_list.addItem(item)
        if self.gate_list.count() == 0:
            self.gate_list.addItem("Nothing left open.")

    def chosen_formats(self) -> list[str]:
        return [fmt for fmt, box in self.checks.items() if box.isChecked()]

    def _update_buttons(self) -> None:
        ok = bool(self.chosen_formats()) and bool(self.folder.text().strip()) and self._approved
        if not self._gate.ok:
            ok = ok and self.override.isChecked() and bool(self.reason.text().strip())
        self.export_button.setEnabled(ok and not self._running)

    def _on_browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Export to folder", self.folder.text())
        if folder:
            self.folder.setText(folder)

    def _on_export(self) -> None:
        reason = self.reason.text().strip() if self.override.isChecked() else ""
        self.set_running(True)
        self.exportRequested.emit(self.chosen_formats(), self.folder.text().strip(), reason)

    def _on_close(self) -> None:
        if self._running:
            self.cancelRequested.emit()
            self.close_button.setEnabled(False)
            self.outcome.setText("Cancelling after the current file…")
        else:
            self.reject()

    def set_running(self, running: bool) -> None:
        self._running = running
        self.progress.setVisible(running or self.progress.value() > 0)
        if running:
            self.progress.setRange(0, 0)
            self.outcome.clear()
        self.close_button.setText("Cancel" if running else "Close")
        self.close_button.setEnabled(True)
        for box in self.checks.values():
            box.setEnabled(not running)
        self._update_buttons()

    def set_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def show_result(self, files: Sequence[Path], warnings: Sequence[str]) -> None:
        self.set_running(False)
        self.progress.setValue(self.progress.maximum())
        text = f"<b>Exported {len(files)} file(s)</b> to {self.folder.text()}:<br>" + "<br>".join(
            p.name for p in files[:12]
        )
        if warnings:
            text += "<br><span style='color:#B8860B'>" + "<br>".join(warnings[:5]) + "</span>"
        self.outcome.setText(text)
        self.export_button.setEnabled(False)

    def show_failure(self, message: str) -> None:
        self.set_running(False)
        self.progress.setVisible(False)
        self.outcome.setText(f"<span style='color:#C0392B'>{message}</span>")
