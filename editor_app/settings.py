"""Settings declared once: where data lives, which database, who is signed in.

Environment variables win over the config file so tests and scripts can point
the app anywhere without touching the user's files:

- ``EDITOR_APP_DATA_DIR``: folder for the SQLite file, images, thumbnails, backups.
- ``EDITOR_APP_DB``: any SQLAlchemy URL (``sqlite:///...``, ``postgresql+psycopg://...``).
- ``EDITOR_APP_USER``: the acting user's name.
"""

from __future__ import annotations

import getpass
import json
import os
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from platformdirs import user_config_dir, user_data_dir

APP_NAME = "editor_app"
SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Settings:
    """Every default in one place; ``schema_version`` lets later releases upgrade the file."""

    data_dir: Path
    db_url: str
    user: str
    house_style: str = ""
    export_formats: tuple[str, ...] = ("html", "md", "txt", "ninjs", "docx", "pdf", "newsml")
    backup_every_minutes: int = 30
    schema_version: int = SCHEMA_VERSION

    @property
    def images_dir(self) -> Path:
        return self.data_dir / "images"


def config_file() -> Path:
    base = os.environ.get("EDITOR_APP_CONFIG_DIR") or user_config_dir(APP_NAME, appauthor=False)
    return Path(base) / "settings.json"


def default_user() -> str:
    try:
        return getpass.getuser() or "editor"
    except (KeyError, OSError):
        return "editor"


def load_settings(*, db_url: str | None = None, user: str | None = None) -> Settings:
    """Settings from defaults, the config file, the environment, then explicit arguments."""
    data_dir = Path(os.environ.get("EDITOR_APP_DATA_DIR") or user_data_dir(APP_NAME, appauthor=False))
    stored: dict[str, object] = {}
    path = config_file()
    if path.is_file():
        try:
            loaded = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(loaded, dict):
                stored = loaded
        except (OSError, ValueError):
            stored = {}
    settings = Settings(
        data_dir=data_dir,
        db_url=str(stored.get("db_url") or f"sqlite:///{data_dir / 'editor_app.sqlite3'}"),
        user=str(stored.get("user") or default_user()),
        house_style=str(stored.get("house_style") or ""),
    )
    formats = stored.get("export_formats")
    if isinstance(formats, list) and all(isinstance(f, str) for f in formats):
        settings = replace(settings, export_formats=tuple(formats))
    backup = stored.get("backup_every_minutes")
    if isinstance(backup, int) and backup >= 0:
        settings = replace(settings, backup_every_minutes=backup)
    env_db = os.environ.get("EDITOR_APP_DB")
    env_user = os.environ.get("EDITOR_APP_USER")
    return replace(
        settings,
        db_url=db_url or env_db or settings.db_url,
        user=user or env_user or settings.user,
    )


def save_settings(settings: Settings) -> None:
    """Remember the user's choices (not the data folder, which follows the platform)."""
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = asdict(settings)
    data.pop("data_dir")
    data["export_formats"] = list(settings.export_formats)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=2), encoding="utf-8")
    tmp.replace(path)
