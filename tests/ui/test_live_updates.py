"""Another editor's change shows in an open window within 2 seconds (SQLite polls the feed)."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from editor_app.domain import CreditStatus, FlagKind, FlagStatus
from editor_app.services import Desk
from editor_app.settings import Settings
from editor_app.ui.main_window import MainWindow
from tests.helpers.shared import seed_path
from tests.ui.helpers import idle, make_window, open_file

pytestmark = pytest.mark.gui


def test_other_editors_changes_reach_the_open_window(qtbot: QtBot, desk: Desk, settings: Settings) -> None:
    window = make_window(qtbot, desk, settings, user="chief")
    article_id = open_file(qtbot, window, seed_path())
    claim = next(f for f in window.review.flags if f.kind is FlagKind.CLAIM and f.text == "12 days")

    # Another editor on another machine: their own Desk (engine, connections) on the same database.
    other = Desk.open(settings, today=date(2021, 10, 11))
    try:
        start = time.monotonic()
        other.review.resolve(claim.id, FlagStatus.VERIFIED, actor="copy1", source="agency release")
        qtbot.waitUntil(
            lambda: any(f.id == claim.id and f.status is FlagStatus.VERIFIED for f in window.review.flags),
            timeout=2000,
        )
        assert time.monotonic() - start < 2.0

        other.images.verify(article_id, 1, actor="photo1")
        qtbot.waitUntil(lambda: _first_slot_verified(window), timeout=2000)

        other.workflow.advance(article_id, actor="copy1")  # draft -> copy edit
        qtbot.waitUntil(
            lambda: window.review.meta is not None and window.review.meta.state.value == "copy-edit",
            timeout=2000,
        )
    finally:
        idle(qtbot)
        other.close()


def _first_slot_verified(window: MainWindow) -> bool:
    rows = window.review.images_panel.model.rows()
    return bool(rows) and rows[0].slot.status is CreditStatus.VERIFIED


def test_feed_is_closed_with_the_window(qtbot: QtBot, desk: Desk, settings: Settings, tmp_path: Path) -> None:
    window = make_window(qtbot, desk, settings, user="chief")
    assert window._feed is not None
    window.close()
    assert window._feed is None
