"""Fixtures for the check tests: the seed article through the real importer, and a fixed "today"."""

from __future__ import annotations

from datetime import date

import pytest

from editor_app.checks.base import CheckContext
from editor_app.domain import Article
from editor_app.importers import load_article
from tests.helpers.shared import seed_path


@pytest.fixture
def ctx() -> CheckContext:
    return CheckContext(today=date(2021, 10, 12))


@pytest.fixture
def seed() -> Article:
    return load_article(seed_path())
