"""What the window remembers between runs (QSettings): geometry, splitters, recent files, last folders."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

MAX_RECENT = 10


def qsettings() -> QSettings:
    return QSettings()


def save_window(window: QMainWindow, splitters: dict[str, QSplitter]) -> None:
    s = qsettings()
    s.setValue("window/geometry", window.saveGeometry())
    s.setValue("window/state", window.saveState())
    for name, splitter in splitters.items():
        s.setValue(f"splitters/{name}", splitter.saveState())


def restore_window(window: QMainWindow, splitters: dict[str, QSplitter]) -> bool:
    """Put the window back as it was; False when there was nothing to restore."""
    s = qsettings()
    geometry = s.value("window/geometry")
    restored = False
    if isinstance(geometry, QByteArray) and not geometry.isEmpty():
        restored = window.restoreGeometry(geometry)
    state = s.value("window/state")
    if isinstance(state, QByteArray):
        window.restoreState(state)
    for name, splitter in splitters.items():
        value = s.value(f"splitters/{name}")
        if isinstance(value, QByteArray):
            splitter.restoreState(value)
    return restored


def recent_files() -> list[Path]:
    value = qsettings().value("recent/files", [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return []
    return [Path(v) for v in value if isinstance(v, str) and v]


def add_recent_file(path: Path) -> list[Path]:
    path = path.resolve()
    files = [path, *(p for p in recent_files() if p != path)][:MAX_RECENT]
    qsettings().setValue("recent/files", [str(p) for p in files])
    return files


def clear_recent_files() -> None:
    qsettings().setValue("recent/files", [])


def last_folder(kind: str) -> str:
    value = qsettings().value(f"folders/{kind}", "")
    return value if isinstance(value, str) else ""


def set_last_folder(kind: str, folder: Path) -> None:
    qsettings().setValue(f"folders/{kind}", str(folder))
