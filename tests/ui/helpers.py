"""Driving the real window: wait for background work, answer dialogs, find flags."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu, QWidget
from pytestqt.qtbot import QtBot

from editor_app.domain import Flag
from editor_app.services import Desk
from editor_app.settings import Settings
from editor_app.ui import workers
from editor_app.ui.main_window import MainWindow
from editor_app.ui.views.article_view import ArticleView

TIMEOUT = 20000


def idle(qtbot: QtBot) -> None:
    """Wait until no background task is left and every result has been delivered."""
    qtbot.waitUntil(lambda: workers.pending() == 0, timeout=TIMEOUT)


def make_window(qtbot: QtBot, desk: Desk, settings: Settings, user: str = "desk1") -> MainWindow:
    found = desk.users.find(user)
    assert found is not None
    window = MainWindow(desk, settings, found)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    activate(qtbot, window)
    idle(qtbot)
    return window


def activate(qtbot: QtBot, window: QWidget) -> None:
    """Make the window active again (offscreen has no window manager to do it after a dialog)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=TIMEOUT)


def open_file(qtbot: QtBot, window: MainWindow, path: Path) -> int:
    with qtbot.waitSignal(window.articleOpened, timeout=TIMEOUT) as blocker:
        window.import_files([path])
    idle(qtbot)
    activate(qtbot, window)
    article_id = blocker.args[0]
    assert isinstance(article_id, int)
    return article_id


def flag_named(window: MainWindow, text: str, *, open_only: bool = True) -> Flag:
    for flag in window.review.flags:
        if flag.text == text and (flag.is_open or not open_only):
            return flag
    raise AssertionError(
        f"no {'open ' if open_only else ''}flag on {text!r}: {[f.text for f in window.review.flags]}"
    )


def context_menu_pick(qtbot: QtBot, view: ArticleView, position: int, action_text: str) -> None:
    """Right-click at a document position and pick an action from the real popup menu."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(position)
    point = view.cursorRect(cursor).center() + QPoint(1, 0)
    picked: list[str] = []

    def pick() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(10, pick)
            return
        for action in menu.actions():
            if action.text().replace("&", "") == action_text:
                picked.append(action.text())
                menu.close()
                action.trigger()
                return
        picked.append("(missing) " + ", ".join(a.text() for a in menu.actions()))
        menu.close()

    QTimer.singleShot(0, pick)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, view.viewport().mapToGlobal(point))
    QApplication.sendEvent(view.viewport(), event)
    qtbot.waitUntil(lambda: bool(picked), timeout=TIMEOUT)
    assert picked[0] == action_text, picked[0]


def answer_dialog(qtbot: QtBot, kind: type[QWidget], fill: Callable[[Any], None]) -> None:
    """Wait for a dialog of ``kind`` to open (non-blocking ``open()``), then fill it in."""

    def find() -> Any:
        for w in QApplication.topLevelWidgets():
            if isinstance(w, kind) and w.isVisible():
                return w
        return None

    qtbot.waitUntil(lambda: find() is not None, timeout=TIMEOUT)
    fill(find())


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
