"""audit log append-only in the database; change notifications for live updates

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25

The audit log must stay trustworthy even against someone with a SQL prompt, so
the database itself refuses UPDATE, DELETE (and on PostgreSQL TRUNCATE) of
``audit_log`` rows, whoever asks, the table owner included.

On PostgreSQL every new audit row is also announced with NOTIFY on the
``editor_app_changes`` channel (delivered at commit, never for a rolled-back
change): every change a user makes writes an audit row, so this one trigger is
the live-update feed for flags, credits, edits and state changes alike.

Note for later migrations: on SQLite a ``batch_alter_table`` on ``audit_log``
rebuilds the table and drops these triggers; such a migration must recreate them.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHANNEL = "editor_app_changes"

PG_UPGRADE = [
    """
    CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'audit entries are never changed or deleted; append a new entry instead';
    END
    $$
    """,
    """
    CREATE TRIGGER audit_log_append_only
    BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()
    """,
    """
    CREATE TRIGGER audit_log_no_truncate
    BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()
    """,
    f"""
    CREATE FUNCTION audit_log_notify() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM pg_notify('{CHANNEL}', json_build_object(
            'id', NEW.id,
            'article_id', NEW.article_id,
            'action', NEW.action,
            'actor', NEW.actor,
            'target', NEW.target,
            'at', NEW.at
        )::text);
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER audit_log_notify
    AFTER INSERT ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_notify()
    """,
]

PG_DOWNGRADE = [
    "DROP TRIGGER IF EXISTS audit_log_notify ON audit_log",
    "DROP FUNCTION IF EXISTS audit_log_notify()",
    "DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log",
    "DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log",
    "DROP FUNCTION IF EXISTS audit_log_refuse_change()",
]

SQLITE_UPGRADE = [
    """
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN
        SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused');
    END
    """,
    """
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN
        SELECT RAISE(ABORT, 'audit_log is append-only: DELETE refused');
    END
    """,
]

SQLITE_DOWNGRADE = [
    "DROP TRIGGER IF EXISTS audit_log_no_delete",
    "DROP TRIGGER IF EXISTS audit_log_no_update",
]


def _statements(upgrade: bool) -> list[str]:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        return PG_UPGRADE if upgrade else PG_DOWNGRADE
    if dialect == "sqlite":
        return SQLITE_UPGRADE if upgrade else SQLITE_DOWNGRADE
    raise NotImplementedError(f"no append-only audit trigger for {dialect}")


def upgrade() -> None:
    for statement in _statements(upgrade=True):
        op.execute(statement)


def downgrade() -> None:
    for statement in _statements(upgrade=False):
        op.execute(statement)
