"""Who may do what. Enforced here, in the services, not by hiding buttons."""

from __future__ import annotations

from enum import StrEnum

from editor_app.domain import FlagKind, Role


class Action(StrEnum):
    IMPORT = "import"
    EDIT_TEXT = "edit-text"
    RESOLVE_TEXT_FLAG = "resolve-text-flag"
    RESOLVE_IMAGE_FLAG = "resolve-image-flag"
    EDIT_IMAGE = "edit-image"
    VERIFY_CREDIT = "verify-credit"
    MANAGE_AGENCIES = "manage-agencies"
    MANAGE_FACTS = "manage-facts"
    CHANGE_STATE = "change-state"
    APPROVE = "approve"
    EXPORT = "export"
    OVERRIDE_GATE = "override-gate"
    MANAGE_USERS = "manage-users"


_ALL = frozenset(Role)
_TEXT = frozenset({Role.COPY_EDITOR, Role.DESK, Role.ADMIN})
_PHOTO = frozenset({Role.PHOTO_EDITOR, Role.DESK, Role.ADMIN})
_DESK = frozenset({Role.DESK, Role.ADMIN})

ALLOWED: dict[Action, frozenset[Role]] = {
    Action.IMPORT: _ALL,
    Action.EDIT_TEXT: _TEXT,
    Action.RESOLVE_TEXT_FLAG: _TEXT,
    Action.RESOLVE_IMAGE_FLAG: _PHOTO,
    Action.EDIT_IMAGE: _PHOTO,
    Action.VERIFY_CREDIT: _PHOTO,
    Action.MANAGE_AGENCIES: _PHOTO,
    Action.MANAGE_FACTS: _ALL,
    Action.CHANGE_STATE: _ALL,
    Action.APPROVE: _DESK,
    Action.EXPORT: _DESK,
    Action.OVERRIDE_GATE: _DESK,
    Action.MANAGE_USERS: frozenset({Role.ADMIN}),
}

IMAGE_FLAG_KINDS = frozenset({FlagKind.CREDIT, FlagKind.CAPTION})


def flag_action(kind: FlagKind) -> Action:
    """Credit and caption flags are the photo desk's; every other kind is the copy desk's."""
    return Action.RESOLVE_IMAGE_FLAG if kind in IMAGE_FLAG_KINDS else Action.RESOLVE_TEXT_FLAG


def is_allowed(role: Role, action: Action) -> bool:
    return role in ALLOWED[action]
