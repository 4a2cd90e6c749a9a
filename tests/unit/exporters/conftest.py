"""Fixtures for the exporter tests: the seed as imported, its review record, and a hostile article."""

from __future__ import annotations

import pytest

from editor_app.domain import Article
from editor_app.exporters import ExportContext
from tests.helpers.shared import seed_path
from tests.unit.exporters.export_samples import hostile_article, hostile_context, seed_article, seed_context


@pytest.fixture(autouse=True)
def _widgets_app(qapp: object) -> None:
    """pytest-qt's QApplication first: the PDF exporter must not be the one to create the app,
    or widget tests later in the same run would find a bare QGuiApplication."""


@pytest.fixture(scope="session")
def _seed() -> Article:
    return seed_article(seed_path())


@pytest.fixture
def seed(_seed: Article) -> Article:
    """A fresh copy per test, so no test sees another's edits."""
    return _seed.copy()


@pytest.fixture
def seed_ctx(seed: Article) -> ExportContext:
    return seed_context(seed)


@pytest.fixture
def hostile() -> Article:
    return hostile_article()


@pytest.fixture
def hostile_ctx(hostile: Article) -> ExportContext:
    return hostile_context(hostile)
