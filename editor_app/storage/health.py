"""Is the SQLite file sound and free to write? And a consistent copy of it (SQLite's backup API)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import make_url


@dataclass(frozen=True)
class Health:
    """What opening found: ``None`` reasons mean fine."""

    corrupt: str | None = None
    locked: str | None = None

    @property
    def read_only_reason(self) -> str | None:
        if self.corrupt:
            return f"the database file is damaged ({self.corrupt}); it is open read-only"
        if self.locked:
            return f"the database is locked by another process ({self.locked}); it is open read-only"
        return None


def sqlite_file(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory ones."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def check_sqlite(path: Path, *, lock_timeout: float = 1.0) -> Health:
    """``PRAGMA quick_check`` and a test for the write lock, on an existing file.

    Uses a plain sqlite3 connection so nothing of the app's engine (pragmas,
    migrations) touches a file that may be damaged.
    """
    if not path.exists():
        return Health()
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=lock_timeout)
    except sqlite3.Error as exc:
        return Health(corrupt=str(exc))
    try:
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        except sqlite3.DatabaseError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                return Health(locked=str(exc))
            return Health(corrupt=str(exc))
        problems = [r[0] for r in rows if r and r[0] != "ok"]
        if problems:
            return Health(corrupt="; ".join(problems[:3]))
    finally:
        conn.close()
    try:
        conn = sqlite3.connect(str(path), timeout=lock_timeout, isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ROLLBACK")
        finally:
            conn.close()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            return Health(locked=str(exc))
        if "readonly" in str(exc) or "read-only" in str(exc):
            return Health(locked="the file is not writable")
        raise
    return Health()


def read_only_url(path: Path) -> str:
    """A SQLAlchemy URL that opens ``path`` read-only (SQLite refuses any write)."""
    return f"sqlite:///file:{path}?mode=ro&uri=true"


def backup_sqlite(engine: Engine, target: Path) -> Path:
    """A consistent copy of the live database, taken with SQLite's online backup API."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    raw = engine.raw_connection()
    try:
        source = raw.driver_connection
        assert isinstance(source, sqlite3.Connection)
        dest = sqlite3.connect(str(partial))
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        raw.close()
    partial.replace(target)
    return target
