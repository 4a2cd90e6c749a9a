"""Where the app's shipped files live, in a checkout and in an installed wheel alike."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def resource_path(*parts: str) -> Path:
    """Path of a file under ``resources/`` (installed as ``editor_app.resources``)."""
    return Path(str(files("editor_app.resources"))).joinpath(*parts)


def migrations_path() -> Path:
    """The Alembic script folder (``db/migrations``, installed as ``editor_app.migrations``)."""
    return Path(str(files("editor_app.migrations")))
