"""The library: drop several files at once, search, filter by state, sort, and a bad file among them."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from editor_app.domain import WorkflowState
from editor_app.paths import resource_path
from editor_app.services import Desk
from editor_app.settings import Settings
from editor_app.ui import window_state
from editor_app.ui.main_window import ImportOutcome
from tests.helpers.shared import seed_path
from tests.ui.helpers import TIMEOUT, idle, make_window

pytestmark = pytest.mark.gui


def samples() -> list[Path]:
    folder = resource_path("samples")
    return sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".md", ".html", ".docx"))


def drop(view: object, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(
        QPoint(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(view, enter)  # type: ignore[arg-type]
    assert enter.isAccepted()
    event = QDropEvent(
        QPointF(QPoint(50, 50)),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(view, event)  # type: ignore[arg-type]


def test_drop_several_files_then_search_filter_and_sort(
    qtbot: QtBot, desk: Desk, settings: Settings, tmp_path: Path
) -> None:
    window = make_window(qtbot, desk, settings)
    library = window.library
    assert library.empty.isVisible()
    bad = tmp_path / "not-an-article.docx"
    bad.write_bytes(b"this is not a zip file")
    files = [seed_path(), *samples(), bad]
    with qtbot.waitSignal(window.importsFinished, timeout=60000) as finished:
        drop(library, files)
    outcome = finished.args[0]
    assert isinstance(outcome, ImportOutcome)
    assert len(outcome.results) == len(files) - 1
    assert len(outcome.failures) == 1
    assert "not-an-article.docx" in outcome.failures[0]
    qtbot.waitUntil(lambda: library.model.rowCount() == len(files) - 1, timeout=TIMEOUT)
    idle(qtbot)
    errors = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert len(errors) == 1
    assert "not-an-article.docx" in errors[0].text()
    errors[0].close()
    assert not library.empty.isVisible()
    assert window.pages.currentWidget() is library  # several files: stay in the library
    assert window_state.recent_files()[0].name in {p.name for p in files}

    # Search by text (debounced) finds the seed by a word of its body.
    with qtbot.waitSignal(window.libraryRefreshed, timeout=TIMEOUT):
        qtbot.keyClicks(library.search, "Shkaplerov")
    assert library.model.rowCount() == 1
    assert library.model.summary(0).headline == "Russian Crew to Film First Movie in Space"
    with qtbot.waitSignal(window.libraryRefreshed, timeout=TIMEOUT):
        library.search.clear()
    assert library.model.rowCount() == len(files) - 1

    # Filter by state.
    seed_id = next(r.id for r in desk.articles.list() if r.headline.startswith("Russian Crew"))
    desk.workflow.advance(seed_id, actor="desk1")
    with qtbot.waitSignal(window.libraryRefreshed, timeout=TIMEOUT):
        library.state.setCurrentIndex(library.state.findData(WorkflowState.COPY_EDIT.value))
    assert [library.model.summary(r).id for r in range(library.model.rowCount())] == [seed_id]
    assert library.model.data(library.model.index(0, 2)) == "Copy edit"
    with qtbot.waitSignal(window.libraryRefreshed, timeout=TIMEOUT):
        library.state.setCurrentIndex(0)

    # Sort by open flags, most first.
    library.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    proxy = library.proxy
    counts = [int(proxy.data(proxy.index(r, 3))) for r in range(proxy.rowCount())]
    assert counts == sorted(counts, reverse=True)
    assert counts[0] > 0

    # Opening a row shows the review view.
    with qtbot.waitSignal(window.articleOpened, timeout=TIMEOUT):
        library.openRequested.emit(seed_id)
    idle(qtbot)
    assert window.workflow.state.text().find("Copy edit") >= 0


def test_importing_the_same_file_again_opens_the_stored_article(
    qtbot: QtBot, desk: Desk, settings: Settings
) -> None:
    window = make_window(qtbot, desk, settings)
    with qtbot.waitSignal(window.articleOpened, timeout=TIMEOUT) as first:
        window.import_files([seed_path()])
    idle(qtbot)
    window.show_library()
    idle(qtbot)
    with qtbot.waitSignal(window.importsFinished, timeout=TIMEOUT) as again:
        window.import_files([seed_path()])
    assert again.args[0].results[0].outcome == "unchanged"
    qtbot.waitUntil(lambda: window.review.article_id == first.args[0], timeout=TIMEOUT)
    idle(qtbot)
    assert len(desk.articles.list()) == 1
