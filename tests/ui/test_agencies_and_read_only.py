"""The agency registry edited from the window, and the banner of a read-only database."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from editor_app.services import Desk
from editor_app.settings import Settings
from editor_app.ui.dialogs.agencies import AgenciesDialog
from tests.ui.helpers import make_window

pytestmark = pytest.mark.gui


def test_photo_editor_adds_an_agency_and_an_alias(qtbot: QtBot, desk: Desk, settings: Settings) -> None:
    window = make_window(qtbot, desk, settings, user="photo1")
    dialog = AgenciesDialog(desk, "photo1", window)
    qtbot.addWidget(dialog)
    names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert "Getty Images" in names
    dialog.name.setText("Kosmos Pictures")
    dialog.notes.setText("Handouts: editorial use only")
    dialog._on_add()
    assert any(a.canonical == "Kosmos Pictures" for a in desk.images.agencies())
    row = next(
        r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 0).text() == "Kosmos Pictures"
    )
    dialog.table.selectRow(row)
    dialog.alias.setText("Kosmos Pix")
    dialog._on_add_alias()
    agency = next(a for a in desk.images.agencies() if a.canonical == "Kosmos Pictures")
    assert "Kosmos Pix" in agency.aliases
    assert "Kosmos Pix" in dialog.table.item(row, 1).text()


def test_a_locked_database_shows_a_read_only_banner(qtbot: QtBot, desk: Desk, settings: Settings) -> None:
    desk.close()
    db = Path(settings.db_url.removeprefix("sqlite:///"))
    script = (
        "import sqlite3, sys\n"
        f"c = sqlite3.connect({str(db)!r}, isolation_level=None)\n"
        "c.execute('BEGIN IMMEDIATE')\n"
        "print('locked', flush=True)\n"
        "sys.stdin.readline()\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "locked"
        locked = Desk.open(settings, today=date(2021, 10, 11))
        window = make_window(qtbot, locked, settings, user="desk1")
        banner = window.read_only_label
        assert "locked by another process" in banner.text()
        assert banner.isVisible()
        locked.close()
    finally:
        proc.communicate("\n", timeout=10)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
