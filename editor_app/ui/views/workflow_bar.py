"""The workflow bar: the article's state, who is signed in and in which role, and the next steps."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from editor_app.domain import Role, User, WorkflowState
from editor_app.ui.theme import STATE_LABELS

if TYPE_CHECKING:
    from editor_app.services.articles import ArticleMeta

NEXT_STEP = {
    WorkflowState.DRAFT: "Start copy edit",
    WorkflowState.COPY_EDIT: "Send to photo check",
    WorkflowState.PHOTO_CHECK: "Mark ready",
}

STATE_COLOURS = {
    WorkflowState.DRAFT: "#8C8C8C",
    WorkflowState.COPY_EDIT: "#0072B2",
    WorkflowState.PHOTO_CHECK: "#B8860B",
    WorkflowState.READY: "#009E73",
    WorkflowState.APPROVED: "#009E73",
    WorkflowState.EXPORTED: "#5f6368",
}


class WorkflowBar(QWidget):
    advanceRequested = Signal()
    approveRequested = Signal()
    exportRequested = Signal()
    signInRequested = Signal()
    libraryRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workflowBar")
        self.back = QPushButton("◀ Library")
        self.back.setObjectName("backToLibrary")
        self.back.clicked.connect(self.libraryRequested)
        self.state = QLabel()
        self.state.setObjectName("workflowState")
        self.revision = QLabel()
        self.revision.setObjectName("workflowRevision")
        self.user = QPushButton()
        self.user.setObjectName("signedInUser")
        self.user.setFlat(True)
        self.user.setToolTip("Sign in as someone else")
        self.user.clicked.connect(self.signInRequested)
        self.advance = QPushButton()
        self.advance.setObjectName("advanceButton")
        self.advance.clicked.connect(self.advanceRequested)
        self.approve = QPushButton("Approve")
        self.approve.setObjectName("approveButton")
        self.approve.clicked.connect(self.approveRequested)
        self.export = QPushButton("Export…")
        self.export.setObjectName("exportButton")
        self.export.clicked.connect(self.exportRequested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.back)
        layout.addSpacing(8)
        layout.addWidget(self.state)
        layout.addWidget(self.revision)
        layout.addStretch(1)
        layout.addWidget(self.advance)
        layout.addWidget(self.approve)
        layout.addWidget(self.export)
        layout.addSpacing(12)
        layout.addWidget(self.user)
        self.set_meta(None)

    def set_user(self, user: User | None) -> None:
        if user is None:
            self.user.setText("Not signed in")
        else:
            self.user.setText(f"Signed in: {user.name} ({user.role.value})")
        self._user = user
        self._refresh_buttons()

    def set_meta(self, meta: ArticleMeta | None) -> None:
        self._meta = meta
        self.back.setVisible(meta is not None)
        if meta is None:
            self.state.setText("")
            self.revision.setText("")
        else:
            colour = STATE_COLOURS.get(meta.state, "#8C8C8C")
            self.state.setText(
                f"<span style='background:{colour}; color:white; border-radius:4px; padding:2px 8px'>"
                f"&nbsp;{STATE_LABELS.get(meta.state, meta.state.value)}&nbsp;</span>"
            )
            approved = (
                f" · approved by {meta.approved_by} (rev. {meta.approved_revision})"
                if meta.approved_by
                else ""
            )
            self.revision.setText(f"revision {meta.revision}{approved}")
        self._refresh_buttons()

    def _refresh_buttons(self) -> None:
        meta = getattr(self, "_meta", None)
        user = getattr(self, "_user", None)
        on_article = meta is not None
        desk = user is not None and user.role in (Role.DESK, Role.ADMIN)
        step = NEXT_STEP.get(meta.state) if meta is not None else None
        self.advance.setVisible(on_article and step is not None)
        self.advance.setText(step or "")
        self.approve.setVisible(on_article)
        self.export.setVisible(on_article)
        self.approve.setEnabled(
            on_article and desk and meta is not None and meta.state is not WorkflowState.APPROVED
        )
        self.approve.setToolTip("" if desk else "Only the desk approves")
        self.export.setEnabled(on_article and desk)
        self.export.setToolTip("" if desk else "Only the desk exports")
