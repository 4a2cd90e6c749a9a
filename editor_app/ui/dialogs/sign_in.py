"""Sign in: who is working, and in which role (roles are given by an admin, shown here)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from editor_app.domain import User
from editor_app.errors import UserError

ROLE_HELP = {
    "copy-editor": "edits text and resolves text flags",
    "photo-editor": "edits captions and credits and verifies them",
    "desk": "does both, approves and exports",
    "admin": "everything, and manages users",
}


class SignInDialog(QDialog):
    """Pick a user; ``sign_in`` (a service call) checks the name before the dialog closes."""

    def __init__(
        self,
        users: list[User],
        sign_in: Callable[[str], User],
        current: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("signInDialog")
        self.setWindowTitle("Sign in")
        self._users = {u.name: u for u in users}
        self._sign_in = sign_in
        self.user: User | None = None
        self.name = QComboBox()
        self.name.setObjectName("userName")
        self.name.setEditable(True)
        self.name.addItems(sorted(self._users))
        if current:
            self.name.setCurrentText(current)
        self.role = QLabel()
        self.role.setObjectName("userRole")
        self.role.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("signInError")
        self.error.setStyleSheet("color:#C0392B")
        self.error.setWordWrap(True)
        self.name.currentTextChanged.connect(self._on_name_changed)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Sign in")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("User", self.name)
        form.addRow("Role", self.role)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Who is working at this desk?"))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._on_name_changed(self.name.currentText())
        self.setMinimumWidth(380)

    def _on_name_changed(self, name: str) -> None:
        user = self._users.get(name.strip())
        self.error.clear()
        if user is not None:
            self.role.setText(f"<b>{user.role.value}</b>: {ROLE_HELP.get(user.role.value, '')}")
        elif not self._users:
            self.role.setText("<b>admin</b>: the first user of a new database is its admin")
        else:
            self.role.setText("<i>not a user yet: an admin adds users and gives their roles</i>")

    def accept(self) -> None:
        name = self.name.currentText().strip()
        if not name:
            self.error.setText("Type or pick a user name.")
            return
        try:
            self.user = self._sign_in(name)
        except UserError as exc:
            self.error.setText(str(exc))
            return
        super().accept()
