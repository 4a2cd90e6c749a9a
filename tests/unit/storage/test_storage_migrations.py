"""Alembic migrations behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect, text

from editor_app.domain import BlockType, CreditStatus, FlagStatus
from editor_app.storage.db import make_session_factory
from editor_app.storage.migrate import (
    HEAD,
    alembic_config,
    current_revision,
    head_revision,
    upgrade_to,
    upgrade_to_head,
)
from editor_app.storage.models import Base
from editor_app.storage.repositories import ArticleRepo, AuditRepo, FlagRepo, UserRepo

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)


def test_an_empty_database_upgrades_to_head(empty_engine: Engine) -> None:
    assert current_revision(empty_engine) is None
    upgrade_to_head(empty_engine)
    assert current_revision(empty_engine) == head_revision(empty_engine)
    tables = set(inspect(empty_engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert "alembic_version" in tables


def test_the_head_constant_matches_the_newest_migration(empty_engine: Engine) -> None:
    """``HEAD`` lets a launch skip importing Alembic; it must name the newest script."""
    assert head_revision(empty_engine) == HEAD


def test_the_revision_chain_is_linear(empty_engine: Engine) -> None:
    script = ScriptDirectory.from_config(alembic_config(empty_engine))
    assert len(script.get_heads()) == 1, f"branched history: heads {script.get_heads()}"
    assert len(script.get_bases()) == 1, f"several roots: {script.get_bases()}"
    walked = list(script.walk_revisions())  # head first
    assert walked[0].revision == script.get_current_head()
    for newer, older in zip(walked, walked[1:], strict=False):
        assert newer.down_revision == older.revision
        assert not newer.is_merge_point
        assert not newer.is_branch_point
    assert walked[-1].down_revision is None
    assert [r.revision for r in reversed(walked)][:3] == ["0001", "0002", "0003"]


def test_models_and_migrations_agree(engine: Engine) -> None:
    """What ``alembic check`` does: autogenerate against head finds nothing to add."""
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def _insert_at_0001(conn: Connection) -> int:
    """Rows as the 0001 app wrote them, keys drawn from the database as it would; returns the article id."""
    now = {"now": NOW}
    conn.execute(
        text(
            "INSERT INTO users (name, role, created_at) VALUES ('chief', 'admin', :now), "
            "('copy1', 'copy-editor', :now)"
        ),
        now,
    )
    article_id = conn.execute(
        text(
            "INSERT INTO articles (headline, bylines, published, updated, source_name, source_hash, "
            "source_format, state, revision, created_at, changed_at, changed_by, version) VALUES "
            "('Crew returns from orbit', :bylines, '2026-11-20T08:00:00+00:00', NULL, 'crew.txt', "
            "'abc', 'text', 'copy-edit', 1, :now, :now, 'chief', 1) RETURNING id"
        ),
        {**now, "bylines": '["By Ana Ruiz"]'},
    ).scalar_one()
    ids = {**now, "a": article_id}
    conn.execute(
        text(
            "INSERT INTO blocks (article_id, position, type, text, alt, caption, credit, image_path, "
            "image_hash, rights, credit_status, verified_by, verified_at, note, changed_at, changed_by, "
            "version) VALUES "
            "(:a, 0, 'paragraph', 'The capsule landed at dawn.', '', '', '', NULL, NULL, '', "
            "'unverified', NULL, NULL, '', :now, 'chief', 1), "
            "(:a, 1, 'image', '', 'capsule', 'The capsule after landing.', 'Photo: Ana Ruiz', NULL, "
            "NULL, '', 'verified', 'photo1', :now, '', :now, 'chief', 1)"
        ),
        ids,
    )
    conn.execute(
        text(
            'INSERT INTO flags (article_id, key, kind, severity, block, start, "end", field, text, '
            "message, rule, suggestions, data, status, manual, present, note, source, replacement, "
            "assigned_to, created_by, resolved_by, resolved_at, version) VALUES "
            "(:a, 'k1', 'claim', 'warning', 0, 4, 11, 'text', 'capsule', 'verify', 'claims', '[]', "
            "'{}', 'open', false, true, '', '', '', '', 'chief', NULL, NULL, 1)"
        ),
        ids,
    )
    conn.execute(
        text(
            "INSERT INTO audit_log (at, actor, action, target, article_id, before, after) VALUES "
            "(:now, 'chief', 'article.import', 'article:1', :a, '{}', '{\"blocks\": 2}')"
        ),
        ids,
    )
    return int(article_id)


def test_a_database_at_0001_with_data_upgrades_cleanly(empty_engine: Engine) -> None:
    upgrade_to(empty_engine, "0001")
    assert current_revision(empty_engine) == "0001"
    with empty_engine.begin() as conn:
        article_id = _insert_at_0001(conn)
    upgrade_to_head(empty_engine)
    assert current_revision(empty_engine) == head_revision(empty_engine)

    with make_session_factory(empty_engine).begin() as s:
        article = ArticleRepo(s).get(article_id)
        meta = ArticleRepo(s).meta(article_id)
        flag = FlagRepo(s).get(article_id, "k1")
        audit = AuditRepo(s).list(article_id)
        users = UserRepo(s).list()
    assert article.headline == "Crew returns from orbit"
    assert article.bylines == ["By Ana Ruiz"]
    assert article.published == datetime(2026, 11, 20, 8, tzinfo=UTC)
    assert [b.type for b in article.blocks] == [BlockType.PARAGRAPH, BlockType.IMAGE]
    slot = article.blocks[1].image
    assert slot is not None
    assert (slot.credit, slot.status, slot.verified_by) == (
        "Photo: Ana Ruiz",
        CreditStatus.VERIFIED,
        "photo1",
    )
    assert meta.revision == 1
    assert meta.changed_by == "chief"
    assert (flag.status, flag.text) == (FlagStatus.OPEN, "capsule")
    assert [(e.actor, e.action, e.after) for e in audit] == [("chief", "article.import", {"blocks": 2})]
    assert [u.name for u in users] == ["chief", "copy1"]

    # The tables 0002 added take rows next to the old ones.
    with empty_engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO facts (subject, claim, value, source, created_by, created_at, retired, version) "
                "VALUES ('capsule', 'landed at dawn', 'dawn', 'agency', 'chief', :now, false, 1)"
            ),
            {"now": NOW},
        )
        conn.execute(
            text(
                "INSERT INTO audit_log (at, actor, action, target, article_id, before, after) "
                "VALUES (:now, 'copy1', 'flag.verified', 'flag:k1', :a, '{}', '{}')"
            ),
            {"now": NOW, "a": article_id},
        )
        actions = conn.execute(text("SELECT action FROM audit_log ORDER BY id")).scalars().all()
    assert actions == ["article.import", "flag.verified"]
