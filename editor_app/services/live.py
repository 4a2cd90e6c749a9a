"""Live updates: tell open windows that someone else changed their article.

Every change a user makes writes an audit row in the same transaction, so the
audit log is the feed. On PostgreSQL a trigger (migration 0003) announces each
new row with NOTIFY at commit; a dedicated connection LISTENs. SQLite has no
notifications, so the feed polls a cheap marker (the newest audit id) instead.

Plain callables, no Qt: ``poll()`` delivers in the caller's thread (a GUI timer
can call it), ``start()`` delivers from a background thread (a GUI adapts the
callback into a queued signal). Either way a change shows within a second.
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, func, select

from editor_app.storage.models import AuditRow
from editor_app.storage.repositories import utc

CHANNEL = "editor_app_changes"  # the NOTIFY channel of migration 0003
RESYNC = "resync"  # action of the Change sent after missed notifications: reload everything

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Change:
    """One committed change, as the audit log recorded it."""

    audit_id: int
    article_id: int | None
    action: str
    actor: str
    target: str
    at: datetime | None = None


Callback = Callable[[Change], None]


class ChangeFeed:
    """Changes committed by anyone (this process included) after the feed opened."""

    def __init__(self, engine: Engine, *, interval: float = 0.5) -> None:
        self.engine = engine
        self.interval = interval
        self.listening = engine.dialect.name == "postgresql"
        self._subs: dict[int, tuple[int | None, Callback]] = {}
        self._next_sub = 0
        self._subs_lock = threading.Lock()
        self._io_lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._listener: Any = self._listen() if self.listening else None  # a psycopg.Connection
        self._seen = 0 if self.listening else self._newest_id()

    # -- subscribing -------------------------------------------------------
    def subscribe(self, article_id: int | None, callback: Callback) -> Callable[[], None]:
        """Call ``callback`` for changes to ``article_id`` (None: every change); returns an unsubscribe.

        Subscribers to one article also get a ``RESYNC`` change (article None)
        when notifications may have been missed: reload everything then.
        """
        with self._subs_lock:
            key = self._next_sub
            self._next_sub += 1
            self._subs[key] = (article_id, callback)

        def unsubscribe() -> None:
            with self._subs_lock:
                self._subs.pop(key, None)

        return unsubscribe

    # -- receiving ---------------------------------------------------------
    def poll(self, timeout: float = 0.0) -> list[Change]:
        """Deliver the changes committed since the last poll, waiting up to ``timeout`` for the first."""
        with self._io_lock:
            if self.listening:
                changes = self._receive_pg(timeout)
            else:
                changes = self._receive_sqlite()
                if not changes and timeout > 0 and not self._stop.wait(timeout):
                    changes = self._receive_sqlite()
        for change in changes:
            self._dispatch(change)
        return changes

    def start(self) -> None:
        """Deliver from a background thread (every ``interval`` at the latest) until ``close()``."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="editor-app-change-feed", daemon=True)
            self._thread.start()

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=self.interval + 5)
            self._thread = None
        with self._io_lock:
            if self._listener is not None:
                with contextlib.suppress(Exception):
                    self._listener.close()
                self._listener = None

    def __enter__(self) -> ChangeFeed:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- internals -----------------------------------------------------------
    def _run(self) -> None:
        # Waiting on LISTEN costs nothing, so wake often: close() then returns at once.
        wait = min(self.interval, 0.1) if self.listening else self.interval
        while not self._stop.is_set():
            try:
                self.poll(timeout=wait)
            except Exception:
                log.exception("change feed: receiving failed; trying again")
                self._stop.wait(self.interval)

    def _dispatch(self, change: Change) -> None:
        with self._subs_lock:
            subs = list(self._subs.values())
        for article_id, callback in subs:
            if article_id is None or change.article_id == article_id or change.action == RESYNC:
                try:
                    callback(change)
                except Exception:
                    log.exception("change feed: a subscriber failed on %s", change)

    def _newest_id(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.scalar(select(func.max(AuditRow.id))) or 0)

    def _receive_sqlite(self) -> list[Change]:
        # SQLite has one writer, so audit ids commit in order: "newer than the last seen" misses nothing.
        if self._newest_id() <= self._seen:  # the cheap marker: nothing new, no rows fetched
            return []
        a = AuditRow
        stmt = select(a.id, a.article_id, a.action, a.actor, a.target, a.at).where(a.id > self._seen)
        with self.engine.connect() as conn:
            rows = conn.execute(stmt.order_by(a.id)).all()
        changes = [Change(r.id, r.article_id, r.action, r.actor, r.target, utc(r.at)) for r in rows]
        if changes:
            self._seen = changes[-1].audit_id
        return changes

    def _listen(self) -> Any:
        import psycopg

        cargs, cparams = self.engine.dialect.create_connect_args(self.engine.url)
        conn = psycopg.connect(*cargs, **cparams, autocommit=True)
        conn.execute(f"LISTEN {CHANNEL}")
        return conn

    def _receive_pg(self, timeout: float) -> list[Change]:
        # PostgreSQL ids are drawn before commit, so they may commit out of order: trust the
        # notifications (one per committed row, in commit order), never an "id > last" query.
        import psycopg

        changes: list[Change] = []
        try:
            if self._listener is None:
                self._listener = self._listen()
                changes.append(Change(0, None, RESYNC, "", ""))  # notifications may have been missed
            payloads = [n.payload for n in self._listener.notifies(timeout=timeout, stop_after=1)]
            payloads += [n.payload for n in self._listener.notifies(timeout=0)]
        except psycopg.OperationalError:
            log.warning("change feed: lost the database connection; reconnecting")
            with contextlib.suppress(Exception):
                self._listener.close()
            self._listener = None
            self._stop.wait(min(timeout, 1.0))
            return changes
        for payload in payloads:
            change = _from_payload(payload)
            if change is not None:
                changes.append(change)
        return changes


def _from_payload(payload: str) -> Change | None:
    try:
        data = json.loads(payload)
        at = data.get("at")
        return Change(
            audit_id=int(data["id"]),
            article_id=int(data["article_id"]) if data.get("article_id") is not None else None,
            action=str(data.get("action", "")),
            actor=str(data.get("actor", "")),
            target=str(data.get("target", "")),
            at=utc(datetime.fromisoformat(at)) if isinstance(at, str) else None,
        )
    except (ValueError, KeyError, TypeError):
        log.warning("change feed: ignoring a malformed notification %r", payload)
        return None
