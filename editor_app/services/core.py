"""What every use case shares: the database, the clock, the acting user, the audit trail."""

from __future__ import annotations

import functools
import random
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import ParamSpec, TypeVar

from sqlalchemy import Engine, event
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from editor_app.domain import AuditEntry, Role, User
from editor_app.errors import ConflictError, NotFound, PermissionDenied, Refusal, StorageError
from editor_app.services.permissions import Action, is_allowed
from editor_app.storage.repositories import AuditRepo, UserRepo


def utcnow() -> datetime:
    return datetime.now(UTC)


P = ParamSpec("P")
R = TypeVar("R")

Progress = Callable[[int, int], None]
"""Told (done, total) as a long use case goes; raising (``Cancelled``) stops it, unsaved."""

# SQLSTATEs PostgreSQL uses for "two transactions collided; run it again".
_RETRYABLE_SQLSTATES = frozenset({"40001", "40P01"})  # serialization_failure, deadlock_detected
STALE_RETRIES = 5


class StaleRead(ConflictError):
    """A row this transaction read was committed by someone else before it wrote.

    Not the user's conflict: the use case read, then another editor's commit
    landed, so the version check at flush refused the write (nothing was
    written). Re-running the whole use case on fresh data either merges (the
    other change touched something else) or meets the caller's own expected
    version and raises a real ``ConflictError`` naming who and when.
    """


def retry_stale(fn: Callable[P, R]) -> Callable[P, R]:
    """Re-run a whole use case when its transaction read stale rows (see ``StaleRead``)."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        for attempt in range(STALE_RETRIES):
            try:
                return fn(*args, **kwargs)
            except StaleRead:
                if attempt == STALE_RETRIES - 1:
                    raise
                time.sleep(random.uniform(0, 0.005 * (attempt + 1)))  # de-synchronise the colliders
        raise AssertionError("unreachable")

    return wrapper


def _sqlstate(exc: DBAPIError) -> str | None:
    return getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)


@dataclass
class Context:
    """Shared by the services of one open database."""

    engine: Engine
    session_factory: sessionmaker[Session]
    data_dir: Path
    clock: Callable[[], datetime] = field(default=utcnow)
    shared: bool = False
    read_only: str | None = None

    def __post_init__(self) -> None:
        event.listen(self.session_factory, "before_flush", self._refuse_writes_when_read_only)

    def _refuse_writes_when_read_only(self, session: Session, _context: object, _instances: object) -> None:
        if self.read_only and (session.new or session.dirty or session.deleted):
            raise StorageError(f"nothing was saved: {self.read_only}")

    @contextmanager
    def tx(self) -> Iterator[Session]:
        """One transaction per user action; storage failures become clear messages."""
        try:
            with self.session_factory.begin() as session:
                yield session
        except PermissionDenied as exc:
            if exc.audit is not None and not self.read_only:
                with self.session_factory.begin() as session:
                    self.audit(
                        session,
                        exc.audit.actor,
                        "denied",
                        exc.audit.target,
                        article_id=exc.audit.article_id,
                        after=exc.audit.details,
                    )
            raise
        except StaleDataError as exc:
            raise StaleRead(f"someone else saved this first; reload and try again ({exc})") from exc
        except DBAPIError as exc:
            if _sqlstate(exc) in _RETRYABLE_SQLSTATES:
                raise StaleRead(f"a concurrent change collided with this one ({exc.orig})") from exc
            if self.read_only:
                raise StorageError(f"nothing was saved: {self.read_only} ({exc.orig})") from exc
            if isinstance(exc, OperationalError):
                raise StorageError(f"the database could not be written: {exc.orig}") from exc
            if "malformed" in str(exc.orig):
                raise StorageError(f"the database file is damaged ({exc.orig}); restore a backup") from exc
            raise StorageError(f"database error: {exc.orig}") from exc
        except SQLAlchemyError as exc:
            raise StorageError(f"database error: {exc.__class__.__name__}: {exc}") from exc

    def now(self) -> datetime:
        return self.clock()

    def audit(
        self,
        session: Session,
        actor: str,
        action: str,
        target: str,
        *,
        article_id: int | None = None,
        before: Mapping[str, object] | None = None,
        after: Mapping[str, object] | None = None,
    ) -> None:
        AuditRepo(session).append(
            AuditEntry(
                at=self.now(),
                actor=actor,
                action=action,
                target=target,
                before=dict(before or {}),
                after=dict(after or {}),
                article_id=article_id,
            )
        )

    def actor(self, session: Session, name: str) -> User:
        """The acting user. On an empty database the first user becomes the admin."""
        repo = UserRepo(session)
        user = repo.find(name)
        if user is not None:
            return user
        if repo.count() == 0:
            user = repo.add(name, Role.ADMIN, self.now())
            self.audit(session, name, "user.bootstrap", f"user:{name}", after={"role": Role.ADMIN.value})
            return user
        raise NotFound(f"unknown user {name!r}; an admin adds users with 'editor-app users add'")

    def require(
        self, session: Session, name: str, action: Action, target: str, article_id: int | None = None
    ) -> User:
        """The acting user, if their role allows ``action``; else a refusal that is itself audited."""
        user = self.actor(session, name)
        if not is_allowed(user.role, action):
            # Written by ``tx()`` once this transaction has rolled back: a second
            # writer inside it would wait on its own lock (SQLite).
            raise PermissionDenied(
                f"{name} ({user.role.value}) may not {action.value.replace('-', ' ')}",
                audit=Refusal(name, target, article_id, {"action": action.value, "role": user.role.value}),
            )
        return user
