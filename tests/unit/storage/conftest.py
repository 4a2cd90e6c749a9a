"""Storage fixtures on both backends: an empty engine, or one migrated to head."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from editor_app.storage.db import make_engine, make_session_factory
from editor_app.storage.migrate import upgrade_to_head


@pytest.fixture
def empty_engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def engine(desk_url: str) -> Iterator[Engine]:
    """At head: a copy of the session's migrated template on PostgreSQL, migrated here on SQLite."""
    engine = make_engine(desk_url)
    upgrade_to_head(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def sessions(engine: Engine) -> sessionmaker[Session]:
    return make_session_factory(engine)
