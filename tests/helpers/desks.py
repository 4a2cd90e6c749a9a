"""A Desk on a real SQLite file with a small newsroom staff, for service and CLI tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from editor_app.domain import Role
from editor_app.services import Desk
from editor_app.settings import Settings

STAFF = {
    "copy1": Role.COPY_EDITOR,
    "photo1": Role.PHOTO_EDITOR,
    "desk1": Role.DESK,
}


def make_desk(folder: Path, *, today: date = date(2021, 10, 11), url: str | None = None) -> Desk:
    settings = Settings(
        data_dir=folder,
        db_url=url or f"sqlite:///{folder / 'desk.sqlite3'}",
        user="chief",
    )
    desk = Desk.open(settings, today=today)
    if desk.users.find("chief") is None:
        desk.users.sign_in("chief")  # the first user becomes the admin
        for name, role in STAFF.items():
            desk.users.add(name, role, actor="chief")
    return desk
