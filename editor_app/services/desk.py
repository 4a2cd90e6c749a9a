"""The Desk: every use case over one open database (the GUI and the CLI build one each)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from editor_app.domain import AuditEntry
from editor_app.errors import StorageError, UserError
from editor_app.services.articles import ArticleService
from editor_app.services.backup import BackupService
from editor_app.services.core import Context
from editor_app.services.drafts import DraftService
from editor_app.services.export import ExportService
from editor_app.services.facts import FactService
from editor_app.services.images import ImageService
from editor_app.services.live import ChangeFeed
from editor_app.services.review import ReviewService
from editor_app.services.users import UserService
from editor_app.services.workflow import WorkflowService
from editor_app.settings import Settings
from editor_app.storage.db import is_sqlite, make_engine, make_session_factory
from editor_app.storage.health import check_sqlite, read_only_url, sqlite_file
from editor_app.storage.migrate import is_at_head, upgrade_to_head
from editor_app.storage.repositories import AuditRepo


class Desk:
    """Every use case over one open database; built once per process (or per test)."""

    def __init__(
        self, ctx: Context, *, house: dict[str, object] | None = None, today: date | None = None
    ) -> None:
        self.ctx = ctx
        self.review = ReviewService(ctx, house=house, today=today)
        self.articles = ArticleService(ctx, self.review)
        self.users = UserService(ctx)
        self.facts = FactService(ctx, self.review)
        self.workflow = WorkflowService(ctx)
        self.images = ImageService(ctx, self.review)
        self.exports = ExportService(ctx, self.workflow)
        self.backups = BackupService(ctx)
        self.drafts = DraftService(ctx, self.review)

    @classmethod
    def open(cls, settings: Settings, *, today: date | None = None) -> Desk:
        """Open (creating or migrating) the database named by ``settings``."""
        read_only: str | None = None
        path = sqlite_file(settings.db_url)
        try:
            if path is not None:
                read_only = check_sqlite(path).read_only_reason
            if read_only and path is not None:
                engine = make_engine(read_only_url(path))
                if not is_at_head(engine):
                    raise StorageError(f"{read_only}, and it is too old to read without upgrading it")
            else:
                engine = make_engine(settings.db_url)
                upgrade_to_head(engine)
        except (SQLAlchemyError, OSError) as exc:
            raise StorageError(f"cannot open the database {_redact(settings.db_url)}: {exc}") from exc
        ctx = Context(
            engine=engine,
            session_factory=make_session_factory(engine),
            data_dir=settings.data_dir,
            shared=not is_sqlite(settings.db_url),
            read_only=read_only,
        )
        return cls(ctx, house=_load_house(settings.house_style), today=today)

    def change_feed(self) -> ChangeFeed:
        """Changes anyone commits from now on (LISTEN/NOTIFY on PostgreSQL, polling on SQLite)."""
        return ChangeFeed(self.ctx.engine)

    def audit_log(self, article_id: int | None = None) -> list[AuditEntry]:
        """The append-only record, oldest first (of one article, or all)."""
        with self.ctx.tx() as s:
            return AuditRepo(s).list(article_id)

    @property
    def read_only(self) -> str | None:
        """Why the database is open read-only (damaged or locked file), or None."""
        return self.ctx.read_only

    def close(self) -> None:
        self.ctx.engine.dispose()


def _redact(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def _load_house(path: str) -> dict[str, object]:
    """A desk's house-style overrides (JSON); empty means the shipped defaults."""
    if not path:
        return {}
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UserError(f"house style file {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise UserError(f"house style file {path}: expected a JSON object")
    return data
