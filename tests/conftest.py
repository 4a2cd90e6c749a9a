"""Fixtures shared by every test folder.

Databases (storage and service tests run against both backends):

- ``pg_cluster`` (session): one throwaway PostgreSQL server for the whole run
  (``tests/helpers/postgres.py``: initdb + pg_ctl, unix socket in a temp folder,
  no TCP), stopped and deleted at the end. Without the server binaries the
  tests that need it skip, saying why; with the environment variable ``CI``
  set they fail instead, so CI can never silently skip PostgreSQL.
- ``pg_url``: a fresh, empty PostgreSQL database on that server (a SQLAlchemy
  ``postgresql+psycopg://`` URL), dropped after the test.
- ``backend``: parametrized over ``["sqlite", "postgres"]``; the postgres case
  carries the ``postgres`` marker (``-m "not postgres"`` deselects it). Every
  fixture below follows it, so a test using any of them runs on both.
- ``db_url``: a fresh, empty database URL (a SQLite file in ``tmp_path``, or ``pg_url``).
- ``desk_url``: like ``db_url`` but already migrated to head (on PostgreSQL a
  copy of a template migrated once per session; a SQLite file is migrated by
  ``Desk.open``, which is quick).
- ``settings``: ``Settings`` pointing at ``desk_url`` with data in ``tmp_path``, user "alice".
- ``desk``: ``Desk.open(settings)``, today fixed at 2026-11-25; closed after.
- ``open_desk``: opens more Desks on the same database, as other editors'
  machines would (own engine, own connection pool); all closed after the test.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.helpers.postgres import PostgresCluster, PostgresUnavailable

if TYPE_CHECKING:
    from editor_app.services import Desk
    from editor_app.settings import Settings

TODAY = date(2026, 11, 25)
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PostgresCluster]:
    try:
        cluster = PostgresCluster.start()
    except PostgresUnavailable as exc:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is required in CI but unavailable: {exc}", pytrace=False)
        pytest.skip(f"PostgreSQL tests skipped: {exc}")
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def pg_url(pg_cluster: PostgresCluster) -> Iterator[str]:
    url = pg_cluster.create_database()
    yield url
    pg_cluster.drop_database(url)


@pytest.fixture(scope="session")
def pg_head_template(pg_cluster: PostgresCluster) -> str:
    from editor_app.storage.db import make_engine
    from editor_app.storage.migrate import upgrade_to_head

    url = pg_cluster.create_database("head_template")
    engine = make_engine(url)
    try:
        upgrade_to_head(engine)
    finally:
        engine.dispose()  # a template must have no connections when it is copied
    return url


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def db_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if backend == "postgres":
        return str(request.getfixturevalue("pg_url"))
    return f"sqlite:///{tmp_path / 'desk.sqlite3'}"


@pytest.fixture
def desk_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'desk.sqlite3'}"
        return
    cluster: PostgresCluster = request.getfixturevalue("pg_cluster")
    url = cluster.create_database("desk", template=request.getfixturevalue("pg_head_template"))
    yield url
    cluster.drop_database(url)


@pytest.fixture
def settings(desk_url: str, tmp_path: Path) -> Settings:
    from editor_app.settings import Settings

    return Settings(data_dir=tmp_path / "data", db_url=desk_url, user="alice")


@pytest.fixture
def open_desk(settings: Settings) -> Iterator[Callable[[], Desk]]:
    from editor_app.services import Desk

    opened: list[Desk] = []

    def _open() -> Desk:
        desk = Desk.open(settings, today=TODAY)
        opened.append(desk)
        return desk

    yield _open
    for desk in opened:
        desk.close()


@pytest.fixture
def desk(open_desk: Callable[[], Desk]) -> Desk:
    return open_desk()
