"""Start-up: the file is on screen before the desk opens; then the window comes alive over it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from editor_app.services import Desk
from editor_app.services.preview import preview_file
from editor_app.settings import Settings
from editor_app.ui.main_window import DeskStarter, MainWindow
from tests.helpers.shared import seed_path
from tests.ui.helpers import TIMEOUT, idle

pytestmark = pytest.mark.gui


@pytest.fixture
def opened() -> Iterator[list[Desk]]:
    desks: list[Desk] = []
    yield desks
    for d in desks:
        d.close()


def _starting_window(qtbot: QtBot, settings: Settings, path: Path | None) -> MainWindow:
    window = MainWindow(None, settings, None)
    qtbot.addWidget(window)
    if path is not None:
        article = preview_file(path)
        assert article is not None
        window.show_preview(article)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_preview_then_desk_then_the_stored_article(
    qtbot: QtBot, desk: Desk, settings: Settings, opened: list[Desk], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR_APP_USER", settings.user)  # sign in as settings.user, no dialog
    window = _starting_window(qtbot, settings, seed_path())
    view = window.review.view
    qtbot.waitUntil(lambda: not view.is_building(), timeout=TIMEOUT)
    assert window.pages.currentWidget() is window.review
    assert "Kazahkstan" in view.toPlainText()
    assert view.isReadOnly()
    assert window.review.banner.text() == "Opening the desk…"
    assert not window.act_import.isEnabled()
    assert not window.menuBar().isEnabled()
    assert window.review.flags == []

    left: list[int] = []
    starter = DeskStarter(window, settings, seed_path(), opened, leave=left.append)
    with qtbot.waitSignal(window.articleOpened, timeout=TIMEOUT) as blocker:
        starter.begin()
    idle(qtbot)
    article_id = blocker.args[0]
    assert desk.articles.get(article_id).headline == view.current_article().headline
    assert not window.review.previewing
    assert not view.isReadOnly()
    assert window.user.name == "desk1"
    assert window.menuBar().isEnabled()
    assert window.act_import.isEnabled()
    assert any(f.text == "Kazahkstan" for f in window.review.flags)  # checked: the flags are on screen
    assert left == []


def test_a_starting_window_is_a_shell_until_its_first_paint(qtbot: QtBot, settings: Settings) -> None:
    """Menus and the article first; the library, side panes and shortcuts right after."""
    window = _starting_window(qtbot, settings, seed_path())
    review = window.review
    qtbot.waitUntil(lambda: not review.view.is_building(), timeout=TIMEOUT)
    assert not review.panes_built
    assert not hasattr(window, "library")
    assert window.act_next_flag.shortcut().isEmpty()
    sizes = review.splitter.sizes()
    assert sizes[0] > 100  # the panes' places are kept, so nothing jumps
    assert sizes[2] > 100

    window.finish_building()
    idle(qtbot)
    assert review.panes_built
    assert review.splitter.widget(0) is review.flag_panel
    assert review.splitter.widget(2) is review.side
    assert review.splitter.sizes() == sizes
    assert window.pages.indexOf(window.library) == 0
    assert not window.library.isEnabled()  # the desk is not open yet
    assert window.act_next_flag.shortcut().toString() == "F8"
    assert window.pages.currentWidget() is review
    window.finish_building()  # twice: nothing more
    assert window.pages.count() == 2


def test_with_no_file_the_starting_window_shows_the_library(qtbot: QtBot, settings: Settings) -> None:
    window = _starting_window(qtbot, settings, None)
    window.finish_building()
    assert window.pages.currentWidget() is window.library
    assert not window.library.isEnabled()


def test_a_file_that_cannot_be_imported_after_its_preview_leaves_the_library(
    qtbot: QtBot,
    desk: Desk,
    settings: Settings,
    opened: list[Desk],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setenv("EDITOR_APP_USER", settings.user)  # sign in as settings.user, no dialog
    copy = tmp_path / "vanishing.txt"
    copy.write_bytes(seed_path().read_bytes())
    window = _starting_window(qtbot, settings, copy)
    copy.unlink()  # gone before the desk gets to import it
    errors: list[str] = []
    monkeypatch.setattr(
        "editor_app.ui.main_window.show_error",
        lambda _parent, exc, **_kw: errors.append(str(exc)),
    )
    with qtbot.waitSignal(window.importsFinished, timeout=TIMEOUT):
        DeskStarter(window, settings, copy, opened, leave=lambda _c: None).begin()
    idle(qtbot)
    assert errors
    assert "vanishing.txt" in errors[0]
    assert window.pages.currentWidget() is window.library
    assert not window.review.previewing


def test_a_desk_that_cannot_open_says_why_and_leaves(
    qtbot: QtBot, settings: Settings, opened: list[Desk], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker_file = tmp_path / "not-a-folder"
    blocker_file.write_text("x")
    bad = Settings(data_dir=settings.data_dir, db_url=f"sqlite:///{blocker_file}/desk.sqlite3", user="desk1")
    window = _starting_window(qtbot, bad, seed_path())
    said: list[str] = []

    def critical(_parent: Any, title: str, text: str, *_a: Any) -> QMessageBox.StandardButton:
        said.append(f"{title}: {text}")
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "critical", critical)
    left: list[int] = []
    DeskStarter(window, bad, seed_path(), opened, leave=left.append).begin()
    qtbot.waitUntil(lambda: bool(left), timeout=TIMEOUT)
    idle(qtbot)
    assert left == [2]
    assert said
    assert said[0].startswith("Cannot open the desk: ")
    assert "database" in said[0]
    assert not window.isVisible()
    assert opened == []
