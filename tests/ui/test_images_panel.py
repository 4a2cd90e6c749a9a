"""The images pane: attach a real picture, see its thumbnail and its own metadata beside the credit line."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from editor_app.domain import CreditStatus
from editor_app.services import Desk
from editor_app.settings import Settings
from editor_app.ui.views.article_view import Place
from tests.helpers.shared import seed_path, shared_path
from tests.ui.helpers import TIMEOUT, click, idle, make_window, open_file

pytestmark = pytest.mark.gui


def test_attach_a_picture_and_compare_its_metadata(
    qtbot: QtBot, desk: Desk, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    picture = shared_path("fixtures", "images", "IPTC-PhotometadataRef-Std2021.1.jpg")
    window = make_window(qtbot, desk, settings, user="photo1")
    article_id = open_file(qtbot, window, seed_path())
    panel = window.review.images_panel
    panel.select_number(1)
    assert panel.attach_button.text() == "Attach file…"
    assert "no file attached" in panel.embedded.text()

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(picture), ""))
    click(qtbot, panel.attach_button)
    qtbot.waitUntil(
        lambda: panel.current() is not None and panel.current().thumbnail is not None, timeout=TIMEOUT
    )  # type: ignore[union-attr]
    idle(qtbot)
    row = panel.current()
    assert row is not None
    assert row.slot.image_path is not None
    assert Path(row.slot.image_path).exists()
    assert row.thumbnail is not None
    assert max(row.thumbnail.width(), row.thumbnail.height()) <= 320
    assert panel.attach_button.text() == "Replace file…"
    assert "Credit Line (ref2021.1)" in panel.embedded.text()
    assert "Creator1 (ref2021.1)" in panel.embedded.text()
    # The slot's credit line and the file's disagree: highlighted, and said in the tooltip.
    assert "credit" in row.view.mismatches
    assert "≠" in panel.embedded.text()
    assert "Differs from the file's metadata" in panel.model.data(panel.model.index(0, 0), 3)

    # The thumbnail is in the article too, in place of the placeholder.
    view = window.review.view
    block = view.block_for(Place(row.block, "image"))
    assert block is not None
    stored = desk.articles.get(article_id).images[0][1]
    assert stored.image_hash == row.slot.image_hash

    # A problem needs a note; then it is recorded.
    click(qtbot, panel.problem_button)
    assert "Say what is wrong" in panel.note.placeholderText()
    panel.note.setText("Credit in the file names another agency")
    click(qtbot, panel.problem_button)
    qtbot.waitUntil(lambda: desk.articles.get(article_id).images[0][1].status is CreditStatus.PROBLEM)
    idle(qtbot)
    assert "problem" in panel.status.text()
    assert "another agency" in panel.status.text()
