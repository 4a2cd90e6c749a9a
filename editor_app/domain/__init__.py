"""Plain dataclasses and enums for articles, flags, images and review.

Standard library only: no Qt, no SQL, no Pillow.
"""

from editor_app.domain.article import Article, Block, BlockType, ImageSlot, content_hash
from editor_app.domain.flags import Finding, Flag, FlagKind, FlagStatus, Severity, make_flag_id
from editor_app.domain.images import Credit, CreditStatus, EmbeddedMetadata
from editor_app.domain.review import AuditEntry, Revision, Role, User, WorkflowState

__all__ = [
    "Article",
    "AuditEntry",
    "Block",
    "BlockType",
    "Credit",
    "CreditStatus",
    "EmbeddedMetadata",
    "Finding",
    "Flag",
    "FlagKind",
    "FlagStatus",
    "ImageSlot",
    "Revision",
    "Role",
    "Severity",
    "User",
    "WorkflowState",
    "content_hash",
    "make_flag_id",
]
