"""A real desk on a temporary SQLite file, QSettings and the config folder redirected, no leftover work."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from editor_app.domain import Role  # noqa: E402
from editor_app.services import Desk  # noqa: E402
from editor_app.settings import Settings  # noqa: E402
from editor_app.ui import workers  # noqa: E402


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The offscreen platform has no window manager (no raise, size hints or keyboard grabs) and says so.
    for item in items:
        if "tests/ui/" in item.nodeid or item.nodeid.startswith("ui/"):
            item.add_marker(pytest.mark.qt_log_ignore("^This plugin does not support"))


@pytest.fixture(autouse=True)
def _config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    folder.mkdir()
    monkeypatch.setenv("EDITOR_APP_CONFIG_DIR", str(folder))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    app = QApplication.instance()
    if app is not None:
        app.setOrganizationName("editor_app-tests")
        app.setApplicationName("editor_app-tests")
    return folder


@pytest.fixture(autouse=True)
def _no_dangling_work(qtbot: object) -> Iterator[None]:
    """Fail a test that leaves background work running (napari's dangling-threads check)."""
    yield
    drained = workers.wait_all(10000)
    QApplication.processEvents()
    workers.shutdown_processes()
    assert drained, "background work still running after the test"
    assert workers.pending() == 0, f"{workers.pending()} background task(s) never reported back"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", db_url=f"sqlite:///{tmp_path}/t.sqlite3", user="desk1")


@pytest.fixture
def desk(settings: Settings) -> Iterator[Desk]:
    d = Desk.open(settings, today=date(2021, 10, 11))
    d.users.add("copy1", Role.COPY_EDITOR, actor="desk1")  # desk1 bootstraps as admin
    d.users.add("photo1", Role.PHOTO_EDITOR, actor="desk1")
    d.users.add("chief", Role.DESK, actor="desk1")
    yield d
    workers.wait_all(10000)
    d.close()
