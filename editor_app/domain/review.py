"""Users, roles, workflow states, revisions and the audit trail."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class Role(StrEnum):
    COPY_EDITOR = "copy-editor"
    PHOTO_EDITOR = "photo-editor"
    DESK = "desk"
    ADMIN = "admin"


class WorkflowState(StrEnum):
    DRAFT = "draft"
    COPY_EDIT = "copy-edit"
    PHOTO_CHECK = "photo-check"
    READY = "ready"
    APPROVED = "approved"
    EXPORTED = "exported"


@dataclass(frozen=True)
class User:
    name: str
    role: Role
    id: int | None = None


@dataclass(frozen=True)
class Revision:
    """One saved state of an article's text; ``number`` counts from 1 per article."""

    number: int
    author: str
    created_at: datetime
    message: str = ""
    flag_id: str | None = None
    draft: bool = False


@dataclass(frozen=True)
class AuditEntry:
    """Append-only record of one change: who, when, what it was, what it became."""

    at: datetime
    actor: str
    action: str
    target: str
    before: dict[str, object] = field(default_factory=dict)
    after: dict[str, object] = field(default_factory=dict)
    article_id: int | None = None
    id: int | None = None
