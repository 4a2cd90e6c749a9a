"""Rolling backups of a local SQLite desk (a shared PostgreSQL server has its own)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from editor_app.errors import InvalidRequest
from editor_app.services.core import Context
from editor_app.storage.db import is_sqlite
from editor_app.storage.health import backup_sqlite

KEEP = 10


class BackupService:
    def __init__(self, ctx: Context, *, keep: int = KEEP) -> None:
        self.ctx = ctx
        self.keep = keep

    @property
    def folder(self) -> Path:
        return self.ctx.data_dir / "backups"

    def list(self) -> list[Path]:
        return sorted(self.folder.glob("editor_app-*.sqlite3"))

    def backup_now(self) -> Path:
        """Copy the database now; only the newest ``keep`` copies are kept."""
        if not is_sqlite(self.ctx.engine.url.render_as_string()):
            raise InvalidRequest(
                "backups here are for a local SQLite desk; a shared server is backed up there"
            )
        stamp = self.ctx.now().strftime("%Y%m%d-%H%M%S-%f")
        target = backup_sqlite(self.ctx.engine, self.folder / f"editor_app-{stamp}.sqlite3")
        for old in self.list()[: -self.keep]:
            old.unlink(missing_ok=True)
        return target

    def maybe_backup(self, every_minutes: int) -> Path | None:
        """Back up when the newest copy is older than ``every_minutes`` (0 turns backups off)."""
        if every_minutes <= 0 or not is_sqlite(self.ctx.engine.url.render_as_string()):
            return None
        existing = self.list()
        if existing:
            newest = datetime.fromtimestamp(existing[-1].stat().st_mtime, tz=self.ctx.now().tzinfo)
            if (self.ctx.now() - newest).total_seconds() < every_minutes * 60:
                return None
        return self.backup_now()
