"""Alembic driven from code, so the app upgrades its database to head on open.

Alembic is imported only when there is something to migrate: a database already
at ``HEAD`` (every launch but the first after an upgrade) opens without it,
which keeps a fifth of a second off start-up. A test keeps ``HEAD`` equal to
the newest revision in ``db/migrations/versions``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from editor_app.paths import migrations_path

if TYPE_CHECKING:
    from alembic.config import Config

HEAD = "0003"


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_path()))
    # ConfigParser interpolates '%': percent-encoded URLs (socket paths, passwords) must be escaped.
    url = engine.url.render_as_string(hide_password=False).replace("%", "%%")
    cfg.set_main_option("sqlalchemy.url", url)
    cfg.attributes["engine"] = engine
    return cfg


def head_revision(engine: Engine) -> str | None:
    """The newest revision among the shipped migration scripts (asks Alembic)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, read straight from ``alembic_version``."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    return rows[0] if len(rows) == 1 else None


def is_at_head(engine: Engine) -> bool:
    return current_revision(engine) == HEAD


def upgrade_to_head(engine: Engine) -> None:
    """Create a new database or migrate an old one; every path runs the migrations."""
    if not is_at_head(engine):
        from alembic import command

        command.upgrade(alembic_config(engine), "head")


def upgrade_to(engine: Engine, revision: str) -> None:
    from alembic import command

    command.upgrade(alembic_config(engine), revision)
