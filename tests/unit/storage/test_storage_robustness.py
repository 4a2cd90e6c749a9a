"""A damaged, locked or failing SQLite file: a clear message, read-only mode, nothing lost."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from editor_app.errors import StorageError
from editor_app.services import Desk
from tests.helpers.desks import make_desk

ARTICLE = (
    "Station Crew Swap Goes Ahead\n\nBy Desk Staff\n\nThe crew swap went ahead on Friday, officials said.\n"
)


def _article(tmp_path: Path, name: str = "a.txt", text: str = ARTICLE) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def stored(tmp_path: Path) -> tuple[Path, int]:
    desk = make_desk(tmp_path)
    article_id = desk.articles.import_file(_article(tmp_path), actor="copy1").article_id
    desk.close()
    return tmp_path, article_id


def test_damaged_file_opens_read_only_with_a_clear_reason(stored: tuple[Path, int]) -> None:
    folder, article_id = stored
    db = folder / "desk.sqlite3"
    with sqlite3.connect(db) as conn:  # fold the WAL in, so the damage lands in the main file
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(db.read_bytes())
    page = 4096
    # Scribble over the b-tree page header of one table page (not the file header).
    data[3 * page : 3 * page + 64] = b"\xff" * 64
    db.write_bytes(bytes(data))
    before = db.read_bytes()
    desk = make_desk(folder)
    assert desk.read_only is not None
    assert "damaged" in desk.read_only
    with pytest.raises(StorageError, match="nothing was saved"):
        desk.articles.import_file(_article(folder, "b.txt"), actor="copy1")
    desk.close()
    assert db.read_bytes() == before


def test_file_that_is_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "desk.sqlite3").write_bytes(b"this is a text file, not a database\n" * 100)
    with pytest.raises(StorageError, match="cannot open the database"):
        make_desk(tmp_path)


@pytest.fixture
def locker(stored: tuple[Path, int]) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the write lock, as a second app writing a long transaction would."""
    folder, _ = stored
    script = (
        "import sqlite3, sys, time\n"
        f"c = sqlite3.connect({str(folder / 'desk.sqlite3')!r}, isolation_level=None)\n"
        "c.execute('BEGIN IMMEDIATE')\n"
        "print('locked', flush=True)\n"
        "sys.stdin.readline()\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "locked"
    yield proc
    if proc.poll() is None:
        proc.communicate("\n", timeout=10)


def test_locked_file_opens_read_only_and_reads_work(
    stored: tuple[Path, int], locker: subprocess.Popen[str]
) -> None:
    folder, article_id = stored
    desk = make_desk(folder)
    assert desk.read_only is not None
    assert "locked by another process" in desk.read_only
    assert desk.articles.get(article_id).headline == "Station Crew Swap Goes Ahead"
    start = time.monotonic()
    with pytest.raises(StorageError, match="nothing was saved"):
        desk.articles.edit_block(article_id, 0, "Changed.", actor="copy1")
    assert time.monotonic() - start < 30
    desk.close()
    locker.communicate("\n", timeout=10)
    desk = make_desk(folder)
    assert desk.read_only is None
    desk.articles.edit_block(article_id, 0, "Changed.", actor="copy1")
    assert desk.articles.get(article_id).blocks[0].text == "Changed."


def test_database_failing_mid_session_loses_nothing(stored: tuple[Path, int]) -> None:
    """Simulates a full disk: every write statement fails until the fault clears."""
    folder, article_id = stored
    desk = make_desk(folder)
    failing = {"on": True}

    def full_disk(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if failing["on"] and statement.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            raise sqlite3.OperationalError("database or disk is full")

    event.listen(desk.ctx.engine, "before_cursor_execute", full_disk)
    text = "The crew swap went ahead on Friday, the agency said."
    with pytest.raises(StorageError, match="could not be written: database or disk is full"):
        desk.articles.edit_block(article_id, 0, text, actor="copy1")
    assert desk.articles.get(article_id).blocks[0].text != text
    assert [r.number for r in desk.articles.history(article_id)] == [1]
    failing["on"] = False
    desk.articles.edit_block(article_id, 0, text, actor="copy1")
    assert desk.articles.get(article_id).blocks[0].text == text
    assert [r.number for r in desk.articles.history(article_id)] == [1, 2]


def test_rolling_backups_are_real_databases(tmp_path: Path) -> None:
    desk: Desk = make_desk(tmp_path)
    article_id = desk.articles.import_file(_article(tmp_path), actor="copy1").article_id
    desk.backups.keep = 3
    copies = [desk.backups.backup_now() for _ in range(5)]
    assert desk.backups.list() == copies[-3:]
    with sqlite3.connect(copies[-1]) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        (headline,) = conn.execute("SELECT headline FROM articles WHERE id = ?", (article_id,)).fetchone()
    assert headline == "Station Crew Swap Goes Ahead"
    assert desk.backups.maybe_backup(every_minutes=30) is None  # a fresh copy exists
    assert desk.backups.maybe_backup(every_minutes=0) is None  # backups off
