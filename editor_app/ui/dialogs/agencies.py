"""The agency registry, editable by the photo desk: shipped names plus the desk's own."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor_app.errors import UserError
from editor_app.ui.error_dialog import show_error

if TYPE_CHECKING:
    from editor_app.services import Desk


class AgenciesDialog(QDialog):
    """Every agency (name, aliases, kind, notes); adds agencies and aliases through the services."""

    def __init__(self, desk: Desk, actor: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agenciesDialog")
        self.setWindowTitle("Agencies")
        self.desk = desk
        self.actor = actor
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("agenciesTable")
        self.table.setHorizontalHeaderLabels(["Agency", "Also written", "Kind", "Usage notes"])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        for column, width in enumerate((210, 280, 100)):
            self.table.setColumnWidth(column, width)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.name = QLineEdit()
        self.name.setObjectName("agencyName")
        self.name.setPlaceholderText("Agency name, e.g. Roscosmos Press Service")
        self.alias = QLineEdit()
        self.alias.setObjectName("agencyAlias")
        self.alias.setPlaceholderText("Another spelling seen in credit lines")
        self.notes = QLineEdit()
        self.notes.setObjectName("agencyNotes")
        self.notes.setPlaceholderText("Usage notes, e.g. Handouts: editorial use only")
        add = QPushButton("Add agency")
        add.setObjectName("addAgency")
        add.clicked.connect(self._on_add)
        add_alias = QPushButton("Add alias to selected")
        add_alias.setObjectName("addAlias")
        add_alias.clicked.connect(self._on_add_alias)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(add)
        buttons_row.addWidget(add_alias)
        buttons_row.addStretch(1)
        form = QFormLayout()
        form.addRow("Name", self.name)
        form.addRow("Alias", self.alias)
        form.addRow("Notes", self.notes)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons_row)
        layout.addWidget(close)
        self.resize(820, 560)
        self.reload()

    def reload(self) -> None:
        agencies = self.desk.images.agencies()
        self.table.setRowCount(len(agencies))
        for row, agency in enumerate(agencies):
            for col, value in enumerate(
                (agency.canonical, ", ".join(agency.aliases), agency.kind, agency.notes)
            ):
                self.table.setItem(row, col, QTableWidgetItem(value))

    def selected_agency(self) -> str | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return item.text() if item is not None else None

    def _on_add(self) -> None:
        try:
            aliases = (self.alias.text().strip(),) if self.alias.text().strip() else ()
            self.desk.images.add_agency(
                self.name.text(), actor=self.actor, aliases=aliases, notes=self.notes.text()
            )
        except UserError as exc:
            show_error(self, exc, context="adding an agency")
            return
        self.name.clear()
        self.alias.clear()
        self.notes.clear()
        self.reload()

    def _on_add_alias(self) -> None:
        canonical = self.selected_agency()
        if canonical is None:
            show_error(self, UserError("select the agency the alias belongs to"), context="adding an alias")
            return
        try:
            self.desk.images.add_alias(canonical, self.alias.text(), actor=self.actor)
        except UserError as exc:
            show_error(self, exc, context="adding an alias")
            return
        self.alias.clear()
        self.reload()
