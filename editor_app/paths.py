"""Where the app's shipped files live, in a checkout and in an installed wheel alike."""

from __future__ import annotations

from functools import cache
from importlib.util import find_spec
from pathlib import Path


@cache
def _package_dir(name: str) -> Path:
    """A data package's folder, found without importing ``importlib.resources``.

    (That module pulls in tempfile and zip support, a noticeable share of the
    window's start-up; our packages are always plain folders.)
    """
    spec = find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"the package {name} is missing from this installation")
    return Path(next(iter(spec.submodule_search_locations)))


def resource_path(*parts: str) -> Path:
    """Path of a file under ``resources/`` (installed as ``editor_app.resources``)."""
    return _package_dir("editor_app.resources").joinpath(*parts)


def migrations_path() -> Path:
    """The Alembic script folder (``db/migrations``, installed as ``editor_app.migrations``)."""
    return _package_dir("editor_app.migrations")
