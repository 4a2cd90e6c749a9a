"""The command line as a test calls it: its own database, data and config folders, one user."""

from __future__ import annotations

from pathlib import Path

import pytest


def use_cli_folder(monkeypatch: pytest.MonkeyPatch, folder: Path, db_name: str, user: str = "chief") -> None:
    """Point the CLI at a fresh SQLite file and folders under ``folder``, acting as ``user``."""
    monkeypatch.setenv("EDITOR_APP_DB", f"sqlite:///{folder / db_name}")
    monkeypatch.setenv("EDITOR_APP_DATA_DIR", str(folder / "data"))
    monkeypatch.setenv("EDITOR_APP_CONFIG_DIR", str(folder / "config"))
    monkeypatch.setenv("EDITOR_APP_USER", user)
