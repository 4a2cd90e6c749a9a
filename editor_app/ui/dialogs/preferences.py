"""Preferences: the database, the house style file and export defaults."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from editor_app.settings import Settings
from editor_app.ui.dialogs.export_dialog import FORMAT_LABELS


class PreferencesDialog(QDialog):
    def __init__(
        self, settings: Settings, formats: Sequence[str], export_folder: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle("Preferences")
        self._settings = settings
        self.db_url = QLineEdit(settings.db_url)
        self.db_url.setObjectName("dbUrl")
        self.house_style = QLineEdit(settings.house_style)
        self.house_style.setObjectName("houseStyle")
        self.house_style.setPlaceholderText("(shipped house style)")
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._on_browse_house)
        house_row = QHBoxLayout()
        house_row.addWidget(self.house_style, 1)
        house_row.addWidget(browse)
        self.export_folder = QLineEdit(export_folder)
        self.export_folder.setObjectName("exportFolderDefault")
        folder_browse = QPushButton("Choose…")
        folder_browse.clicked.connect(self._on_browse_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.export_folder, 1)
        folder_row.addWidget(folder_browse)
        self.formats: dict[str, QCheckBox] = {}
        grid = QGridLayout()
        for i, fmt in enumerate(formats):
            box = QCheckBox(FORMAT_LABELS.get(fmt, fmt))
            box.setObjectName(f"default-{fmt}")
            box.setChecked(fmt in settings.export_formats)
            self.formats[fmt] = box
            grid.addWidget(box, i // 4, i % 4)
        form = QFormLayout()
        form.addRow("Database", self.db_url)
        form.addRow("House style file", house_row)
        form.addRow("Export folder", folder_row)
        form.addRow("Export formats", grid)
        self.backup_minutes = QSpinBox()
        self.backup_minutes.setObjectName("backupMinutes")
        self.backup_minutes.setRange(0, 24 * 60)
        self.backup_minutes.setSuffix(" min")
        self.backup_minutes.setSpecialValueText("off")
        self.backup_minutes.setValue(settings.backup_every_minutes)
        form.addRow("Back up the database every", self.backup_minutes)
        note = QLabel("A new database or house style takes effect the next time the app starts.")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    def result_settings(self) -> Settings:
        return replace(
            self._settings,
            db_url=self.db_url.text().strip() or self._settings.db_url,
            house_style=self.house_style.text().strip(),
            export_formats=tuple(f for f, box in self.formats.items() if box.isChecked()),
            backup_every_minutes=self.backup_minutes.value(),
        )

    def _on_browse_house(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "House style file", "", "JSON (*.json)")
        if path:
            self.house_style.setText(path)

    def _on_browse_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Default export folder", self.export_folder.text())
        if folder:
            self.export_folder.setText(folder)
