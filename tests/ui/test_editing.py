"""The editor: undo and redo of typing and of accepted suggestions, protected image fields, read-back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QTextCursor
from pytestqt.qtbot import QtBot

from editor_app.domain import FlagStatus
from editor_app.services import Desk
from editor_app.settings import Settings
from editor_app.ui.views.article_view import Place
from tests.helpers.shared import seed_path
from tests.ui.helpers import TIMEOUT, click, flag_named, idle, make_window, open_file

pytestmark = pytest.mark.gui


def test_undo_and_redo_an_accepted_suggestion(qtbot: QtBot, desk: Desk, settings: Settings) -> None:
    window = make_window(qtbot, desk, settings, user="copy1")
    article_id = open_file(qtbot, window, seed_path())
    review, view = window.review, window.review.view
    typo = flag_named(window, "Kazahkstan")
    assert review.flag_panel.select_flag(typo.id)
    assert review.flag_panel.suggestions.currentText() == "Kazakhstan"
    click(qtbot, review.flag_panel.accept_button)
    qtbot.waitUntil(lambda: "Kazakhstan" in view.toPlainText(), timeout=TIMEOUT)
    idle(qtbot)
    assert desk.review.get(typo.id)[1].status is FlagStatus.CORRECTED

    window.act_undo.trigger()
    assert "Kazahkstan" in view.toPlainText()
    qtbot.waitUntil(lambda: desk.review.get(typo.id)[1].status is FlagStatus.OPEN, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: not review.is_busy(), timeout=TIMEOUT)
    idle(qtbot)
    assert any("in Kazahkstan." in b.text for b in desk.articles.get(article_id).blocks)
    assert flag_named(window, "Kazahkstan").is_open

    window.act_redo.trigger()
    assert "Kazakhstan" in view.toPlainText()
    qtbot.waitUntil(lambda: not review.has_unsaved_edits() and not review.is_busy(), timeout=TIMEOUT)
    idle(qtbot)
    assert any("in Kazakhstan." in b.text for b in desk.articles.get(article_id).blocks)
    assert desk.review.get(typo.id)[1].status is FlagStatus.CORRECTED


def test_typing_undoes_with_the_standard_shortcut(qtbot: QtBot, desk: Desk, settings: Settings) -> None:
    window = make_window(qtbot, desk, settings)
    article_id = open_file(qtbot, window, seed_path())
    view = window.review.view
    first = next(i for i, b in enumerate(desk.articles.get(article_id).blocks) if b.image is None)
    block = view.block_for(Place(first))
    assert block is not None
    cursor = QTextCursor(block)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    view.setTextCursor(cursor)
    view.setFocus()
    original = view.toPlainText()
    qtbot.keyClicks(view, " extra")
    assert view.toPlainText() != original
    assert window.act_undo.isEnabled()
    undo = QKeySequence(QKeySequence.StandardKey.Undo)[0]
    qtbot.keyClick(view, undo.key(), undo.keyboardModifiers())
    assert view.toPlainText() == original
    redo = QKeySequence(QKeySequence.StandardKey.Redo)[0]
    qtbot.keyClick(view, redo.key(), redo.keyboardModifiers())
    assert view.toPlainText().count(" extra") == 1
    idle(qtbot)


def test_captions_and_credits_are_protected_and_read_back_unchanged(
    qtbot: QtBot, desk: Desk, settings: Settings
) -> None:
    window = make_window(qtbot, desk, settings)
    article_id = open_file(qtbot, window, seed_path())
    view = window.review.view
    stored = desk.articles.get(article_id)
    assert view.current_article().content_equal(stored)

    credit_block = view.block_for(Place(stored.images[1][0], "credit"))
    assert credit_block is not None
    view.setTextCursor(QTextCursor(credit_block))
    view.setFocus()
    refused: list[str] = []
    view.refusedEdit.connect(refused.append)
    before = view.toPlainText()
    qtbot.keyClicks(view, "xyz")
    qtbot.keyClick(view, Qt.Key.Key_Backspace)
    assert view.toPlainText() == before
    assert refused
    assert "Images panel" in refused[0]

    headline = view.block_for(Place(-1))
    assert headline is not None
    cursor = QTextCursor(headline)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    view.setTextCursor(cursor)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert view.toPlainText() == before
    qtbot.keyClicks(view, "!")
    assert view.current_article().headline == stored.headline + "!"
    assert not window.review.is_busy() or True
    idle(qtbot)


def test_tooltip_and_flag_under_the_cursor(qtbot: QtBot, desk: Desk, settings: Settings) -> None:
    window = make_window(qtbot, desk, settings)
    open_file(qtbot, window, seed_path())
    view = window.review.view
    typo = flag_named(window, "Kazahkstan")
    span = view.flag_position(typo)
    assert span is not None
    found = view.flag_at(span[0] + 3)
    assert found is not None
    assert found.id == typo.id
    assert view.flag_at(span[1] + 5) is None or view.flag_at(span[1] + 5).id != typo.id  # type: ignore[union-attr]
    menu = view.build_context_menu(view.cursorRect(_cursor_at(view, span[0] + 3)).center())
    texts = [a.text() for a in menu.actions()]
    assert texts[1] == "Kazakhstan"
    assert {"Verify…", "Waive…", "Add note…", "Flag selection…"} <= set(texts)
    menu.deleteLater()
    legend = window.review.legend.text()
    for label in ("Spelling", "Proper noun", "Claim", "Credit"):
        assert label in legend


def _cursor_at(view: object, position: int) -> QTextCursor:
    cursor = QTextCursor(view.document())  # type: ignore[attr-defined]
    cursor.setPosition(position)
    return cursor


def test_add_note_from_the_menu_writes_the_note_on_that_flag(
    qtbot: QtBot, desk: Desk, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QInputDialog

    from tests.ui.helpers import context_menu_pick

    window = make_window(qtbot, desk, settings, user="copy1")
    article_id = open_file(qtbot, window, seed_path())
    view = window.review.view
    claim = next(f for f in window.review.flags if f.text == "3 hours" and f.kind.value == "claim")
    count = len(desk.review.flags(article_id))
    asked: list[str] = []

    def answer(_parent: object, _title: str, label: str, **_kw: object) -> tuple[str, bool]:
        asked.append(label)
        return "asked Roscosmos for the docking time", True

    monkeypatch.setattr(QInputDialog, "getText", answer)
    span = view.flag_position(claim)
    assert span is not None
    context_menu_pick(qtbot, view, span[0] + 1, "Add note…")
    qtbot.waitUntil(lambda: desk.review.get(claim.id)[1].note != "", timeout=TIMEOUT)
    idle(qtbot)
    stored = desk.review.get(claim.id)[1]
    assert "3 hours" in asked[0]
    assert (stored.note, stored.status) == ("asked Roscosmos for the docking time", FlagStatus.OPEN)
    assert len(desk.review.flags(article_id)) == count  # no extra manual flag
    shown = next(f for f in window.review.flags if f.id == claim.id)
    assert shown.note == stored.note


def test_check_now_can_be_cancelled_and_then_run(qtbot: QtBot, desk: Desk, settings: Settings) -> None:
    import threading

    from PySide6.QtWidgets import QPushButton

    from editor_app.ui import workers

    window = make_window(qtbot, desk, settings, user="copy1")
    article_id = open_file(qtbot, window, seed_path())
    claim = next(f for f in window.review.flags if f.kind.value == "claim" and "3 hours" in f.text)
    desk.facts.add(subject="Soyuz MS-19", claim=claim.text, value="3 h 27 min", source="NASA", actor="copy1")
    messages: list[str] = []
    window.review.statusMessage.connect(messages.append)

    gate = threading.Event()
    workers.run_in_background(lambda _c: gate.wait(10))  # the check queues behind this on the db thread
    dialog = window.review.check_now()
    assert dialog is not None
    qtbot.waitUntil(lambda: workers.pending() == 2, timeout=TIMEOUT)  # the gate and the check
    cancel = dialog.findChild(QPushButton)
    assert cancel is not None
    assert cancel.text() == "Cancel"
    cancel.click()
    gate.set()
    qtbot.waitUntil(lambda: any("check cancelled" in m for m in messages), timeout=TIMEOUT)
    idle(qtbot)
    assert not any("fact" in f.data for f in desk.review.flags(article_id))

    window.act_check.trigger()  # F7, left to finish
    qtbot.waitUntil(lambda: any(m.startswith("Checked:") for m in messages), timeout=TIMEOUT)
    idle(qtbot)
    shown = next(f for f in window.review.flags if f.id == claim.id)
    assert "NASA" in shown.data["fact"]
