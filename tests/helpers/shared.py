"""Access to ../shared (third-party fixtures and the seed article), skipping when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


def shared_path(*parts: str) -> Path:
    """Path under ../shared; skips the calling test with a reason when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared is absent here (needed {'/'.join(parts)}); fixtures are read, never copied")
    return path


def seed_path() -> Path:
    return shared_path("seed", "russian-crew-space-movie.txt")
