"""Light and dark palettes that follow the system, and the one colour per flag kind."""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from editor_app.domain import FlagKind, FlagStatus, WorkflowState

# Chosen to be told apart on white and on a dark grey, and by colour-blind readers
# (Okabe-Ito hues first).
KIND_COLOURS: dict[FlagKind, str] = {
    FlagKind.SPELLING: "#D55E00",
    FlagKind.PROPER_NOUN: "#E69F00",
    FlagKind.CLAIM: "#0072B2",
    FlagKind.DATE: "#009E73",
    FlagKind.QUOTE: "#CC79A7",
    FlagKind.TITLE: "#56B4E9",
    FlagKind.JUNK: "#8C8C8C",
    FlagKind.STYLE: "#9467BD",
    FlagKind.CREDIT: "#C0392B",
    FlagKind.CAPTION: "#B8860B",
    FlagKind.MANUAL: "#2E8B57",
}

KIND_LABELS: dict[FlagKind, str] = {
    FlagKind.SPELLING: "Spelling",
    FlagKind.PROPER_NOUN: "Proper noun",
    FlagKind.CLAIM: "Claim",
    FlagKind.DATE: "Date",
    FlagKind.QUOTE: "Quote",
    FlagKind.TITLE: "Title",
    FlagKind.JUNK: "Scrape junk",
    FlagKind.STYLE: "House style",
    FlagKind.CREDIT: "Credit",
    FlagKind.CAPTION: "Caption",
    FlagKind.MANUAL: "Editor's flag",
}

STATUS_COLOURS: dict[FlagStatus, str] = {
    FlagStatus.OPEN: "#D55E00",
    FlagStatus.VERIFIED: "#009E73",
    FlagStatus.CORRECTED: "#009E73",
    FlagStatus.DISPUTED: "#C0392B",
    FlagStatus.WAIVED: "#8C8C8C",
}

STATE_LABELS: dict[WorkflowState, str] = {
    WorkflowState.DRAFT: "Draft",
    WorkflowState.COPY_EDIT: "Copy edit",
    WorkflowState.PHOTO_CHECK: "Photo check",
    WorkflowState.READY: "Ready",
    WorkflowState.APPROVED: "Approved",
    WorkflowState.EXPORTED: "Exported",
}


def kind_colour(kind: FlagKind) -> QColor:
    return QColor(KIND_COLOURS.get(kind, "#D55E00"))


def is_dark() -> bool:
    """Whether the system's colour scheme is dark (what the desktop says, not the palette)."""
    from PySide6.QtCore import Qt

    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def looks_dark(palette: QPalette) -> bool:
    """Whether a palette has dark windows: how the first paint guesses the scheme (see ``first_palette``)."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def dark_palette() -> QPalette:
    p = QPalette()
    base, window, text = QColor("#1e1f22"), QColor("#2b2d30"), QColor("#dfe1e5")
    p.setColor(QPalette.ColorRole.Window, window)
    p.setColor(QPalette.ColorRole.WindowText, text)
    p.setColor(QPalette.ColorRole.Base, base)
    p.setColor(QPalette.ColorRole.AlternateBase, QColor("#26282b"))
    p.setColor(QPalette.ColorRole.ToolTipBase, QColor("#3c3f41"))
    p.setColor(QPalette.ColorRole.ToolTipText, text)
    p.setColor(QPalette.ColorRole.Text, text)
    p.setColor(QPalette.ColorRole.PlaceholderText, QColor("#8c8f94"))
    p.setColor(QPalette.ColorRole.Button, window)
    p.setColor(QPalette.ColorRole.ButtonText, text)
    p.setColor(QPalette.ColorRole.BrightText, QColor("#ff6b6b"))
    p.setColor(QPalette.ColorRole.Highlight, QColor("#2f65ca"))
    p.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    p.setColor(QPalette.ColorRole.Link, QColor("#6ea8fe"))
    p.setColor(QPalette.ColorRole.Mid, QColor("#3c3f41"))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6f737a"))
    return p


_system_palette: QPalette | None = None  # the platform's palette, before we changed it


def apply_palette(app: QApplication, dark: bool) -> None:
    """Our dark palette when the system is dark; the system's own palette otherwise."""
    global _system_palette
    if _system_palette is None:
        _system_palette = QPalette(app.palette())
    app.setPalette(dark_palette() if dark else _system_palette)


def first_palette(app: QApplication) -> None:
    """The palette for the first paint, from the platform's palette alone.

    The desktop's colour scheme is an enum of ``Qt``, which takes ~40 ms to
    load (see ``editor_app.ui``); ``follow_system``, right after the first
    paint, asks it and corrects the palette if the guess was wrong.
    """
    if looks_dark(app.palette()):
        apply_palette(app, True)


def follow_system(app: QApplication) -> None:
    """Dark or light as the system says, now and whenever it changes."""
    apply_palette(app, is_dark())
    QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_palette(app, is_dark()))
