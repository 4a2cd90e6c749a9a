"""Around the review: sign-in, preferences, remembered layout, history, errors, the workers."""

from __future__ import annotations

import json
import logging
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from editor_app.errors import ImportRejected
from editor_app.services import Desk
from editor_app.settings import Settings, config_file
from editor_app.ui import window_state, workers
from editor_app.ui.dialogs.preferences import PreferencesDialog
from editor_app.ui.dialogs.sign_in import SignInDialog
from editor_app.ui.error_dialog import show_error
from editor_app.ui.main_window import MainWindow
from tests.helpers.shared import seed_path
from tests.ui.helpers import TIMEOUT, answer_dialog, idle, make_window, open_file

pytestmark = pytest.mark.gui


def test_sign_in_refuses_an_unknown_user_and_remembers_a_known_one(
    qtbot: QtBot, desk: Desk, settings: Settings
) -> None:
    window = make_window(qtbot, desk, settings)
    window.sign_in()
    shown: list[SignInDialog] = []
    answer_dialog(qtbot, SignInDialog, shown.append)
    dialog = shown[0]
    assert {dialog.name.itemText(i) for i in range(dialog.name.count())} >= {
        "desk1",
        "copy1",
        "photo1",
        "chief",
    }
    dialog.name.setCurrentText("stranger")
    assert "not a user yet" in dialog.role.text()
    dialog.accept()
    assert dialog.isVisible()
    assert "unknown user" in dialog.error.text()
    dialog.name.setCurrentText("photo1")
    assert "photo-editor" in dialog.role.text()
    dialog.accept()
    qtbot.waitUntil(lambda: window.user.name == "photo1", timeout=TIMEOUT)
    assert "photo1 (photo-editor)" in window.workflow.user.text()
    assert json.loads(config_file().read_text("utf-8"))["user"] == "photo1"


def test_preferences_are_saved(qtbot: QtBot, desk: Desk, settings: Settings, tmp_path: Path) -> None:
    window = make_window(qtbot, desk, settings)
    window.open_preferences()
    shown: list[PreferencesDialog] = []
    answer_dialog(qtbot, PreferencesDialog, shown.append)
    dialog = shown[0]
    house = tmp_path / "house.json"
    house.write_text("{}", "utf-8")
    dialog.house_style.setText(str(house))
    dialog.export_folder.setText(str(tmp_path / "exports"))
    for fmt, box in dialog.formats.items():
        box.setChecked(fmt in ("html", "pdf"))
    dialog.backup_minutes.setValue(90)
    dialog.accept()
    saved = json.loads(config_file().read_text("utf-8"))
    assert saved["backup_every_minutes"] == 90
    assert saved["house_style"] == str(house)
    assert saved["export_formats"] == ["html", "pdf"]
    assert window.settings.export_formats == ("html", "pdf")
    assert window_state.last_folder("export") == str(tmp_path / "exports")


def test_layout_and_recent_files_are_remembered(qtbot: QtBot, desk: Desk, settings: Settings) -> None:
    window = make_window(qtbot, desk, settings)
    open_file(qtbot, window, seed_path())
    window.resize(720, 540)
    window.review.splitter.setSizes([200, 700, 300])
    size = (window.width(), window.height())
    state = window.review.splitter.saveState()
    assert size != (1440, 900)
    window.close()
    idle(qtbot)
    QSettings().sync()
    again = MainWindow(desk, settings, window.user)
    qtbot.addWidget(again)
    # The offscreen screen is 800 px wide, narrower than the window's minimum: only the height
    # can come back exactly.
    assert again.height() == size[1]
    assert again.width() > 700
    assert QSettings().value("splitters/review") == state
    assert again.review.splitter.restoreState(state)
    assert window_state.recent_files()[0] == seed_path().resolve()
    again.recent_menu.aboutToShow.emit()
    assert seed_path().name in [a.text() for a in again.recent_menu.actions()]
    idle(qtbot)


def test_history_compares_and_restores(qtbot: QtBot, desk: Desk, settings: Settings) -> None:
    window = make_window(qtbot, desk, settings)
    article_id = open_file(qtbot, window, seed_path())
    article = desk.articles.get(article_id)
    index = next(i for i, b in enumerate(article.blocks) if "Kazahkstan" in b.text)
    desk.articles.edit_block(
        article_id, index, article.blocks[index].text.replace("Kazahkstan", "Kazakhstan"), actor="desk1"
    )
    window.review.refresh()
    idle(qtbot)
    history = window.review.history
    assert history.model.rowCount() == 2
    with qtbot.waitSignal(window.review.history.compareRequested, timeout=TIMEOUT):
        history.table.selectRow(1)  # revision 1, compared with the latest
    qtbot.waitUntil(lambda: "Kazahkstan" in history.diff.toPlainText(), timeout=TIMEOUT)
    idle(qtbot)
    html = history.diff.toHtml()
    assert "line-through" in html
    assert "Kazakhstan" in history.diff.toPlainText()
    assert history.restore_button.isEnabled()
    history.restore_button.click()
    qtbot.waitUntil(lambda: "Kazahkstan" in window.review.view.toPlainText(), timeout=TIMEOUT)
    idle(qtbot)
    assert desk.articles.history(article_id)[-1].message == "restored revision 1"
    assert history.model.rowCount() == 3


def test_errors_become_dialogs_and_the_app_keeps_running(
    qtbot: QtBot, desk: Desk, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    window = make_window(qtbot, desk, settings)
    box = show_error(window, ImportRejected("notes.docx", "the file is not a Word document"))
    assert box.windowTitle() == "Could not import the file"
    assert box.text() == "notes.docx: the file is not a Word document"
    assert not box.detailedText()
    box.close()
    with caplog.at_level(logging.ERROR, logger="editor_app.ui"):
        try:
            raise KeyError("boom")
        except KeyError as exc:
            bug = show_error(window, exc, context="testing")
    assert bug.windowTitle() == "Something went wrong"
    assert "KeyError" in bug.detailedText()
    assert any("unexpected error" in r.message for r in caplog.records)
    bug.close()
    assert window.isVisible()


def test_background_work_reports_on_the_gui_thread_with_progress_and_cancel(qtbot: QtBot) -> None:
    threads: list[object] = []
    progress: list[tuple[int, int]] = []
    started = threading.Event()

    def work(control: workers.TaskControl) -> int:
        threads.append(threading.current_thread())
        started.set()
        done = 0
        for i in range(1000):
            if control.cancelled():
                break
            control.progress(i + 1, 1000)
            done += 1
            threading.Event().wait(0.001)
        return done

    results: list[int] = []
    task = workers.run_in_background(
        work, results.append, None, None, on_progress=lambda d, t: progress.append((d, t)), pool_name="cpu"
    )
    assert started.wait(5)
    qtbot.waitUntil(lambda: bool(progress), timeout=TIMEOUT)
    task.control.cancel()
    qtbot.waitUntil(lambda: bool(results), timeout=TIMEOUT)
    assert threads[0] is not threading.main_thread()
    assert 0 < results[0] < 1000
    assert progress[-1][1] == 1000

    failures: list[BaseException] = []
    workers.run_in_background(lambda _c: 1 / 0, None, failures.append, None)
    qtbot.waitUntil(lambda: bool(failures), timeout=TIMEOUT)
    assert isinstance(failures[0], ZeroDivisionError)
    assert QApplication.instance() is not None
    idle(qtbot)
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def test_the_first_paint_guesses_dark_from_the_platform_palette(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QColor, QPalette

    from editor_app.ui import theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    original = app.palette()
    try:
        theme.first_palette(app)  # the platform's light palette: left as it is
        assert app.palette().window().color() == original.window().color()
        dark_platform = QPalette(original)
        dark_platform.setColor(QPalette.ColorRole.Window, QColor("#202020"))
        app.setPalette(dark_platform)
        monkeypatch.setattr(theme, "_system_palette", None)
        theme.first_palette(app)
        assert app.palette().window().color() == theme.dark_palette().window().color()
        assert app.palette().text().color().lightness() > 180
    finally:
        app.setPalette(original)


def test_palette_follows_the_system_colour_scheme(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    from editor_app.ui import theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    original = app.palette()
    scheme = [Qt.ColorScheme.Dark]
    monkeypatch.setattr(theme, "is_dark", lambda: scheme[0] == Qt.ColorScheme.Dark)
    theme.follow_system(app)
    try:
        assert app.palette().window().color().lightness() < 80
        assert app.palette().text().color().lightness() > 180
        scheme[0] = Qt.ColorScheme.Light  # the desktop switches back: Qt tells us
        QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
        assert app.palette().window().color().lightness() > 180
    finally:
        app.setPalette(original)
