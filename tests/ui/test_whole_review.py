"""A whole review of the seed through the real window, as three people would do it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from editor_app.domain import CreditStatus, FlagStatus, WorkflowState
from editor_app.services import Desk
from editor_app.settings import Settings
from editor_app.ui.dialogs.export_dialog import ExportDialog
from editor_app.ui.dialogs.sign_in import SignInDialog
from editor_app.ui.main_window import MainWindow
from tests.helpers.shared import seed_path
from tests.ui.helpers import (
    TIMEOUT,
    activate,
    answer_dialog,
    click,
    context_menu_pick,
    flag_named,
    idle,
    make_window,
    open_file,
)

pytestmark = pytest.mark.gui


def sign_in(qtbot: QtBot, window: MainWindow, name: str) -> None:
    """File > Sign in as…, type the name, press Sign in."""
    window.act_sign_in.trigger()

    def fill(dialog: SignInDialog) -> None:
        dialog.name.setCurrentText(name)
        dialog.accept()

    answer_dialog(qtbot, SignInDialog, fill)
    qtbot.waitUntil(lambda: window.user.name == name, timeout=TIMEOUT)
    activate(qtbot, window)
    assert name in window.workflow.user.text()


def test_whole_review_of_the_seed(qtbot: QtBot, desk: Desk, settings: Settings, tmp_path: Path) -> None:
    window = make_window(qtbot, desk, settings, user="copy1")
    article_id = open_file(qtbot, window, seed_path())
    review, view = window.review, window.review.view
    assert window.pages.currentWidget() is review
    assert "Kazahkstan" in view.toPlainText()

    # F8 walks the open flags in reading order until it reaches "Kazahkstan".
    view.setFocus()
    seen = []
    for _ in range(len(review.flags) + 1):
        qtbot.keyClick(view, Qt.Key.Key_F8)
        current = view.textCursor().selectedText()
        seen.append(current)
        if current == "Kazahkstan":
            break
    assert seen[-1] == "Kazahkstan", seen
    assert review.flag_panel.selected_flag() is not None
    assert review.flag_panel.selected_flag().text == "Kazahkstan"  # type: ignore[union-attr]
    # Shift+F8 goes back one, F8 returns.
    qtbot.keyClick(view, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert view.textCursor().selectedText() == seen[-2]
    qtbot.keyClick(view, Qt.Key.Key_F8)
    assert view.textCursor().selectedText() == "Kazahkstan"

    # Right-click the misspelling and accept the suggestion, as in a spelling menu.
    typo = flag_named(window, "Kazahkstan")
    start = view.textCursor().selectionStart()
    context_menu_pick(qtbot, view, start + 2, "Kazakhstan")
    qtbot.waitUntil(lambda: "Kazakhstan" in view.toPlainText(), timeout=TIMEOUT)
    idle(qtbot)
    assert "Kazahkstan" not in view.toPlainText()
    stored = desk.articles.get(article_id)
    assert any("from a site in Kazakhstan." in b.text for b in stored.blocks)
    assert flag_named(window, "Kazahkstan", open_only=False).status is FlagStatus.CORRECTED
    assert window.undo_stack.undoText() == "Accept “Kazakhstan”"
    assert not review.has_unsaved_edits()
    del typo

    # Verify a claim in place from the flags panel, with its source.
    claim = flag_named(window, "12 days")
    panel = review.flag_panel
    assert panel.select_flag(claim.id)
    assert view.textCursor().selectedText() == "12 days"
    panel.resolve_status.setCurrentIndex(panel.resolve_status.findData(FlagStatus.VERIFIED.value))
    qtbot.keyClicks(panel.source, "https://www.roscosmos.ru/ mission schedule")
    click(qtbot, panel.resolve_button)
    qtbot.waitUntil(lambda: flag_named(window, "12 days", open_only=False).status is FlagStatus.VERIFIED)
    idle(qtbot)
    verified = desk.review.get(claim.id)[1]
    assert verified.source == "https://www.roscosmos.ru/ mission schedule"
    assert verified.resolved_by == "copy1"

    # The photo editor fixes the backslash credit and verifies every credit.
    sign_in(qtbot, window, "photo1")
    images = review.images_panel
    assert images.model.rowCount() == 5
    images.select_number(2)
    assert "\\" in images.credit.text()
    images.credit.selectAll()
    qtbot.keyClicks(images.credit, "Roscosmos Press Office/TASS via Getty Images")
    qtbot.keyClick(images.credit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Roscosmos Press Office/TASS" in view.toPlainText(), timeout=TIMEOUT)
    idle(qtbot)
    assert "\\" not in view.toPlainText()
    for number in range(1, 6):
        images.select_number(number)
        click(qtbot, images.verify_button)
        idle(qtbot)
    stored = desk.articles.get(article_id)
    assert [slot.status for _i, slot in stored.images] == [CreditStatus.VERIFIED] * 5
    assert all(slot.verified_by == "photo1" for _i, slot in stored.images)
    assert stored.images[1][1].credit == "Roscosmos Press Office/TASS via Getty Images"
    assert not window.workflow.approve.isEnabled()  # photo editors do not approve

    # The desk approves and exports; the dialog lists what the gate still says.
    sign_in(qtbot, window, "chief")
    assert window.workflow.approve.isEnabled()
    click(qtbot, window.workflow.approve)
    qtbot.waitUntil(lambda: review.meta is not None and review.meta.state is WorkflowState.APPROVED)
    idle(qtbot)
    out = tmp_path / "out"
    click(qtbot, window.workflow.export)
    chosen: list[ExportDialog] = []
    answer_dialog(qtbot, ExportDialog, chosen.append)
    dialog = chosen[0]
    gate = desk.workflow.gate(article_id)
    assert not gate.unverified  # every credit verified
    assert dialog.gate_list.count() >= 1
    for fmt, box in dialog.checks.items():
        box.setChecked(fmt in ("html", "md", "txt", "ninjs", "docx"))
    dialog.folder.setText(str(out))
    if not gate.ok:  # house policy may leave required flags: the desk overrides with a reason
        assert dialog.override.isVisible()
        assert dialog.override.isEnabled()
        dialog.override.setChecked(True)
        dialog.reason.setText("Desk call: remaining items checked by phone with the agency")
    assert dialog.export_button.isEnabled()
    with qtbot.waitSignal(window.exportFinished, timeout=60000) as done:
        click(qtbot, dialog.export_button)
    result = done.args[0]
    assert not isinstance(result, BaseException), result
    idle(qtbot)
    assert "Exported" in dialog.outcome.text()
    names = {p.name for p in out.iterdir()}
    assert {n.rsplit(".", 1)[-1] for n in names} >= {"html", "md", "txt", "json", "docx"}
    plan = desk.exports.plan(desk.articles.get(article_id), ["html", "md", "txt", "ninjs", "docx"], out)
    html = plan["html"].read_text("utf-8")
    assert "Kazakhstan" in html
    assert "Kazahkstan" not in html
    assert "Roscosmos Press Office/TASS via Getty Images" in html
    assert "Roscosmos Press Office\\TASS" not in html
    for fmt in ("md", "txt"):
        text = plan[fmt].read_text("utf-8")
        assert "from a site in Kazakhstan" in text, fmt
    ninjs = json.loads(plan["ninjs"].read_text("utf-8"))
    assert ninjs["headline"] == "Russian Crew to Film First Movie in Space"
    assert "Kazakhstan" in json.dumps(ninjs)
    assert plan["docx"].stat().st_size > 1000
    assert desk.workflow.state(article_id).state is WorkflowState.EXPORTED
    qtbot.waitUntil(lambda: review.meta is not None and review.meta.state is WorkflowState.EXPORTED)
    dialog.close_button.click()
    QApplication.processEvents()
