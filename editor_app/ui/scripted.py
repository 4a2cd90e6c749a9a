"""A small scripted mode for crash-recovery tests and the start-up benchmark.

``EDITOR_APP_SCRIPT`` holds a JSON list of steps run against the real window,
one after the other, each waiting for the window to be ready:

- ``{"do": "wait_shown"}``: an article's text is painted, the start-up preview included;
- ``{"do": "wait_open"}``: the stored article is open (the text fully in the editor);
- ``{"do": "wait_painted"}``: the article view has painted since;
- ``{"do": "type", "text": "..."}``: type at the end of the first body paragraph;
- ``{"do": "wait_saved"}``: every edit is stored;
- ``{"do": "print", "text": "..."}``: a line on standard output (flushed);
- ``{"do": "print_state"}``: a JSON line with the notice and the first paragraphs;
- ``{"do": "print_startup"}``: a JSON line: preview shown, desk open, database modules, Qt's
  enums and the side panes loaded, garbage collection on;
- ``{"do": "quit"}``: close the window and leave.
"""

from __future__ import annotations

import gc
import json
import sys
from typing import Any

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from editor_app.ui.main_window import MainWindow
from editor_app.ui.views.article_view import block_role, from_doc

POLL_MS = 20


class ScriptRunner(QObject):
    def __init__(self, window: MainWindow, script: str) -> None:
        super().__init__(window)
        self.window = window
        loaded = json.loads(script)
        self.steps: list[dict[str, Any]] = list(loaded if isinstance(loaded, list) else [])
        self._opened = False
        self._painted = False
        self._shown = False
        window.articleOpened.connect(self._on_opened)
        window.review.view.viewport().installEventFilter(self)
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._timer.start()

    def _on_opened(self, _article_id: int) -> None:
        self._opened = True
        self._painted = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            view = self.window.review.view
            if view.article is not None and not view.is_building():
                self._shown = True
            if self._opened:
                self._painted = True
            QTimer.singleShot(0, self._tick)  # right after this paint, not on the next poll
        return False

    def _tick(self) -> None:
        if not self._timer.isActive():
            return  # not started yet, or finished
        while self.steps:
            step = self.steps[0]
            if not self._run(step):
                return
            self.steps.pop(0)
        self._timer.stop()

    def _run(self, step: dict[str, Any]) -> bool:
        """Do one step; False means "not ready yet, ask again on the next tick"."""
        review = self.window.review
        kind = step.get("do")
        if kind == "wait_open":
            return self._opened and not review.is_busy()
        if kind == "wait_painted":
            return self._painted
        if kind == "wait_shown":
            return self._shown
        if kind == "print_startup":
            startup = {
                "previewing": review.previewing,
                "desk_open": hasattr(self.window, "desk"),
                "sqlalchemy_loaded": "sqlalchemy" in sys.modules,
                "checks_loaded": "editor_app.checks.engine" in sys.modules,
                "qt_enums_loaded": "Qt" in QtCore.__dict__,  # see editor_app.ui
                "panes_built": review.panes_built,
                "gc_enabled": gc.isenabled(),  # off from launch until the desk is open
            }
            print(json.dumps(startup), flush=True)
            return True
        if kind == "type":
            block = review.view.document().begin()
            while block.isValid() and block_role(block) != "body":
                block = block.next()
            if not block.isValid():
                return True
            cursor = QTextCursor(block)
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
            review.view.setTextCursor(cursor)
            review.view.insertPlainText(str(step.get("text", "")))
            return True
        if kind == "wait_saved":
            return not review.has_unsaved_edits()
        if kind == "print":
            print(step.get("text", ""), flush=True)
            return True
        if kind == "print_state":
            paragraphs: list[str] = []
            block = review.view.document().begin()
            while block.isValid() and len(paragraphs) < 3:
                if block_role(block) == "body":
                    paragraphs.append(from_doc(block.text()))
                block = block.next()
            state = {
                "article_id": review.article_id,
                "notice": review.notice.text() if review.notice.isVisibleTo(self.window) else "",
                "paragraphs": paragraphs,
            }
            print(json.dumps(state), flush=True)
            return True
        if kind == "quit":
            self.window.close()
            QApplication.quit()
            return True
        sys.stderr.write(f"editor_app script: unknown step {step!r}\n")
        return True
