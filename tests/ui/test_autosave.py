"""Edits reach the database within two seconds; a database that stops taking writes loses nothing."""

from __future__ import annotations

import time
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy.exc import OperationalError

from editor_app.domain import WorkflowState
from editor_app.services import Desk
from editor_app.settings import Settings
from editor_app.ui.main_window import MainWindow
from editor_app.ui.views.article_view import block_role
from tests.helpers.shared import seed_path
from tests.ui.helpers import TIMEOUT, idle, make_window, open_file

pytestmark = pytest.mark.gui


def type_at_end_of_first_paragraph(qtbot: QtBot, window: MainWindow, text: str) -> None:
    view = window.review.view
    block = view.document().begin()
    while block_role(block) != "body":
        block = block.next()
    cursor = QTextCursor(block)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    view.setTextCursor(cursor)
    view.setFocus()
    qtbot.keyClicks(view, text)


def first_paragraph(desk: Desk, article_id: int) -> str:
    return next(b.text for b in desk.articles.get(article_id).blocks if b.image is None)


class UnwritableDatabase:
    """A session factory whose every transaction fails the way a read-only SQLite file does."""

    def begin(self) -> Any:
        raise OperationalError("UPDATE articles", {}, Exception("attempt to write a readonly database"))

    def __call__(self, *args: object, **kwargs: object) -> Any:
        return self.begin()


def test_edit_is_stored_as_a_draft_within_two_seconds(qtbot: QtBot, desk: Desk, settings: Settings) -> None:
    window = make_window(qtbot, desk, settings)
    article_id = open_file(qtbot, window, seed_path())
    before = len(desk.articles.history(article_id))
    type_at_end_of_first_paragraph(qtbot, window, " Autosaved words.")
    typed_at = time.monotonic()
    assert window.review.has_unsaved_edits()
    qtbot.waitUntil(lambda: not window.review.has_unsaved_edits(), timeout=TIMEOUT)
    assert time.monotonic() - typed_at < 2.0
    history = desk.articles.history(article_id)
    assert len(history) == before + 1
    assert history[-1].draft
    assert history[-1].message == "autosave"
    assert first_paragraph(desk, article_id).endswith(" Autosaved words.")
    idle(qtbot)  # the re-check that follows the save
    assert "Saved" in window.review.banner.text()


def test_unwritable_database_keeps_the_text_and_the_next_save_stores_it(
    qtbot: QtBot, desk: Desk, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(qtbot, desk, settings)
    article_id = open_file(qtbot, window, seed_path())
    working = desk.ctx.session_factory
    monkeypatch.setattr(desk.ctx, "session_factory", UnwritableDatabase())

    with qtbot.waitSignal(window.review.saveFailed, timeout=TIMEOUT) as failure:
        type_at_end_of_first_paragraph(qtbot, window, " Written while the disk was read-only.")
    assert "could not be written" in failure.args[0]
    idle(qtbot)
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert len(boxes) == 1
    assert boxes[0].windowTitle() == "The database cannot be used"
    assert "Your text is kept in the editor" in boxes[0].text()
    assert "Not saved" in window.review.banner.text()
    assert "Written while the disk was read-only." in window.review.view.toPlainText()
    assert window.review.has_unsaved_edits()
    boxes[0].button(QMessageBox.StandardButton.Ok).click()

    # Typing on while it is still broken shows no second dialog (the banner says it).
    with qtbot.waitSignal(window.review.saveFailed, timeout=TIMEOUT):
        qtbot.keyClicks(window.review.view, " More.")
    idle(qtbot)
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]

    monkeypatch.setattr(desk.ctx, "session_factory", working)
    with qtbot.waitSignal(window.review.saved, timeout=TIMEOUT):
        qtbot.keyClick(window.review.view, Qt.Key.Key_Exclam)
    idle(qtbot)
    assert first_paragraph(desk, article_id).endswith(" Written while the disk was read-only. More.!")
    assert not window.review.has_unsaved_edits()
    assert "Not saved" not in window.review.banner.text()


def test_edit_after_approval_sends_the_article_back(qtbot: QtBot, desk: Desk, settings: Settings) -> None:
    window = make_window(qtbot, desk, settings)
    article_id = open_file(qtbot, window, seed_path())
    window.review.approve()
    idle(qtbot)
    assert window.review.meta is not None
    assert window.review.meta.state is WorkflowState.APPROVED
    type_at_end_of_first_paragraph(qtbot, window, " Late change.")
    qtbot.waitUntil(lambda: not window.review.has_unsaved_edits(), timeout=TIMEOUT)
    idle(qtbot)
    assert desk.workflow.state(article_id).state is WorkflowState.COPY_EDIT
    assert window.workflow.state.text().find("Copy edit") >= 0


def test_quitting_with_unsaved_work_asks_first(qtbot: QtBot, desk: Desk, settings: Settings) -> None:
    window = make_window(qtbot, desk, settings)
    article_id = open_file(qtbot, window, seed_path())
    window.review._autosave.setInterval(60_000)  # keep the edit unsaved until the question is answered
    type_at_end_of_first_paragraph(qtbot, window, " Do not lose me.")
    window.close()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "unsavedDialog") is not None, timeout=TIMEOUT)
    assert window.isVisible()  # nothing closed yet
    box = window.findChild(QMessageBox, "unsavedDialog")
    assert box is not None
    box.button(QMessageBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=TIMEOUT)
    idle(qtbot)
    assert first_paragraph(desk, article_id).endswith(" Do not lose me.")
    last = desk.articles.history(article_id)[-1]
    assert not last.draft
    assert last.message == "edited"


@pytest.mark.parametrize("detached", [False, True], ids=["thread", "helper-process"])
def test_checks_follow_the_typing_off_the_gui_thread(
    qtbot: QtBot, desk: Desk, settings: Settings, monkeypatch: pytest.MonkeyPatch, detached: bool
) -> None:
    """A long article is re-checked in a helper process (see DETACHED_WORDS); a short one in a thread."""
    from editor_app.ui.views import review_page

    monkeypatch.setattr(review_page, "DETACHED_WORDS", 10 if detached else 10**9)
    window = make_window(qtbot, desk, settings)
    open_file(qtbot, window, seed_path())
    review = window.review
    assert review._long is detached
    before = [f for f in review.flags if f.text == "Kazahkstan" and f.is_open]
    assert len(before) == 1
    checked: list[bool] = []
    review.checking.connect(checked.append)
    type_at_end_of_first_paragraph(qtbot, window, " They flew home over Kazahkstan.")
    qtbot.waitUntil(lambda: checked[-2:] == [True, False], timeout=60000)
    qtbot.waitUntil(lambda: not review.is_busy(), timeout=TIMEOUT)
    idle(qtbot)
    after = [f for f in review.flags if f.text == "Kazahkstan" and f.is_open]
    assert len(after) == 2
    assert {f.id for f in review.flag_panel.model.all_flags()} == {f.id for f in review.flags}
    span = review.view.flag_position(next(f for f in after if f.id != before[0].id))
    assert span is not None  # the new one is underlined where it was typed
