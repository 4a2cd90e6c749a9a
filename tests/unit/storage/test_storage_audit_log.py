"""The audit log is append-only in the database itself, not only in the app."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from alembic import command
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from editor_app.domain import AuditEntry
from editor_app.storage.migrate import alembic_config, upgrade_to_head
from editor_app.storage.repositories import AuditRepo
from tests.helpers.postgres import PostgresCluster

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)


def _append(sessions: sessionmaker[Session], action: str) -> None:
    with sessions.begin() as s:
        AuditRepo(s).append(
            AuditEntry(at=NOW, actor="chief", action=action, target="article:1", after={"n": 1}, article_id=1)
        )


def assert_refused(engine: Engine, statement: str) -> None:
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(text(statement))


def _actions(sessions: sessionmaker[Session]) -> list[tuple[str, str]]:
    with sessions.begin() as s:
        return [(e.actor, e.action) for e in AuditRepo(s).list()]


REFUSED = [
    "UPDATE audit_log SET actor = 'mallory'",
    "UPDATE audit_log SET after = before WHERE action = 'flag.verified'",
    "DELETE FROM audit_log",
    "DELETE FROM audit_log WHERE action = 'article.import'",
]


def test_the_database_refuses_to_change_or_delete_audit_rows(
    engine: Engine, sessions: sessionmaker[Session]
) -> None:
    _append(sessions, "article.import")
    _append(sessions, "flag.verified")
    for statement in REFUSED:
        assert_refused(engine, statement)
    assert _actions(sessions) == [("chief", "article.import"), ("chief", "flag.verified")]
    _append(sessions, "state")  # appending still works
    assert len(_actions(sessions)) == 3


def test_the_orm_cannot_edit_an_audit_row_either(engine: Engine, sessions: sessionmaker[Session]) -> None:
    from editor_app.storage.models import AuditRow

    _append(sessions, "article.import")
    with sessions.begin() as s:
        row = s.query(AuditRow).one()
        row.actor = "mallory"
        with pytest.raises(DBAPIError, match="append-only"):
            s.flush()
        s.rollback()
    with sessions.begin() as s:
        s.delete(s.query(AuditRow).one())
        with pytest.raises(DBAPIError, match="append-only"):
            s.flush()
        s.rollback()
    assert _actions(sessions) == [("chief", "article.import")]


@pytest.mark.postgres
def test_postgres_refuses_even_the_table_owner_and_a_superuser(
    pg_url: str, pg_cluster: PostgresCluster
) -> None:
    import psycopg

    from editor_app.storage.db import make_engine, make_session_factory

    engine = make_engine(pg_url)
    try:
        upgrade_to_head(engine)
        sessions = make_session_factory(engine)
        _append(sessions, "article.import")
        with engine.connect() as conn:
            owner, me, superuser = conn.execute(
                text(
                    "SELECT tableowner, current_user, (SELECT rolsuper FROM pg_roles WHERE "
                    "rolname = current_user) FROM pg_tables WHERE tablename = 'audit_log'"
                )
            ).one()
        assert owner == me == "desk"
        assert superuser is False
        assert_refused(engine, "UPDATE audit_log SET actor = 'owner'")
        assert_refused(engine, "DELETE FROM audit_log")
        assert_refused(engine, "TRUNCATE audit_log")

        database = engine.url.database
        assert database
        with psycopg.connect(pg_cluster.conninfo(database), autocommit=True) as su:
            assert su.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").fetchone() == (
                True,
            )
            for statement in ("UPDATE audit_log SET actor = 'root'", "DELETE FROM audit_log"):
                with pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"):
                    su.execute(statement.encode())
        assert _actions(sessions) == [("chief", "article.import")]
    finally:
        engine.dispose()


def test_downgrading_0003_lifts_the_guard_and_upgrading_restores_it(
    engine: Engine, sessions: sessionmaker[Session]
) -> None:
    _append(sessions, "article.import")
    command.downgrade(alembic_config(engine), "0002")
    with engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET actor = 'someone'"))  # nothing stops it at 0002
    upgrade_to_head(engine)
    assert _actions(sessions) == [("someone", "article.import")]
    assert_refused(engine, "UPDATE audit_log SET actor = 'again'")
    assert_refused(engine, "DELETE FROM audit_log")
