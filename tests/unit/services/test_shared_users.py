"""Users are rows with roles; on a shared database only an admin adds users or changes roles.

Through the services and through ``editor-app users add|list|role``, on SQLite
and on a real PostgreSQL server (``backend`` fixture).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from editor_app.cli.main import main
from editor_app.domain import Role
from editor_app.errors import NotFound, PermissionDenied
from editor_app.services import Desk
from editor_app.settings import Settings
from editor_app.storage.repositories import AuditRepo
from tests.helpers.newsroom import Newsroom, newsroom


@pytest.fixture
def room(open_desk: Callable[[], Desk]) -> Newsroom:
    return newsroom(open_desk)


def _denials(desk: Desk) -> list[tuple[str, str, object]]:
    with desk.ctx.tx() as s:
        return [
            (e.actor, e.target, e.after.get("action")) for e in AuditRepo(s).list() if e.action == "denied"
        ]


def test_the_first_user_to_sign_in_is_the_admin_and_then_names_come_from_the_table(
    open_desk: Callable[[], Desk],
) -> None:
    first, second = open_desk(), open_desk()
    assert first.ctx.shared is (first.ctx.engine.dialect.name != "sqlite")
    assert first.users.sign_in("chief").role is Role.ADMIN
    with pytest.raises(NotFound, match="unknown user 'stranger'"):
        second.users.sign_in("stranger")  # no self-service accounts once someone exists
    assert [(u.name, u.role) for u in second.users.list()] == [("chief", Role.ADMIN)]


def test_only_an_admin_adds_users_or_changes_roles(room: Newsroom) -> None:
    bob = room.machine()
    with pytest.raises(PermissionDenied, match="bob \\(copy-editor\\) may not manage users"):
        bob.users.add("mallory", Role.ADMIN, actor="bob")
    with pytest.raises(PermissionDenied):
        bob.users.set_role("bob", Role.ADMIN, actor="bob")
    assert bob.users.find("mallory") is None
    assert bob.users.find("bob") == room.chief.users.find("bob")
    assert room.chief.users.find("bob").role is Role.COPY_EDITOR  # type: ignore[union-attr]
    assert _denials(room.chief) == [
        ("bob", "user:mallory", "manage-users"),
        ("bob", "user:bob", "manage-users"),
    ]

    room.chief.users.set_role("bob", Role.ADMIN, actor="chief")
    assert bob.users.add("zoe", Role.PHOTO_EDITOR, actor="bob").role is Role.PHOTO_EDITOR  # now he may


@pytest.fixture
def cli(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> Callable[..., tuple[int, str, str]]:
    """``editor-app`` on the shared database, each call a separate process-like run with --db."""
    monkeypatch.setenv("EDITOR_APP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("EDITOR_APP_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("EDITOR_APP_DB", raising=False)
    monkeypatch.delenv("EDITOR_APP_USER", raising=False)

    def run(*args: str) -> tuple[int, str, str]:
        code = main([*args, "--db", settings.db_url])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_the_users_command_enforces_the_admin(cli: Callable[..., tuple[int, str, str]]) -> None:
    # On an empty database the first actor becomes the admin, then adds the staff.
    assert cli("users", "add", "bob", "--role", "copy-editor", "--as", "chief")[0] == 0

    code, out, err = cli("users", "add", "mallory", "--role", "admin", "--as", "bob")
    assert code == 2
    assert out == ""
    assert err == "editor-app: bob (copy-editor) may not manage users\n"
    code, _, err = cli("users", "role", "bob", "admin", "--as", "bob")
    assert code == 2
    assert "may not manage users" in err
    code, _, err = cli("users", "list", "--as", "mallory")
    assert code == 0  # listing who is on the desk is open to everyone

    code, out, err = cli("users", "role", "bob", "desk", "--as", "chief")
    assert (code, out) == (0, "bob\tdesk\n"), err
    code, out, _ = cli("users", "list", "--format", "json", "--as", "bob")
    assert json.loads(out) == [{"name": "bob", "role": "desk"}, {"name": "chief", "role": "admin"}]
