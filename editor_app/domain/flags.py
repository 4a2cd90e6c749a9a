"""Findings (what a check reports) and flags (a finding with a review record)."""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class FlagKind(StrEnum):
    SPELLING = "spelling"
    PROPER_NOUN = "proper-noun"
    CLAIM = "claim"
    DATE = "date"
    QUOTE = "quote"
    TITLE = "title"
    JUNK = "junk"
    STYLE = "style"
    CREDIT = "credit"
    CAPTION = "caption"
    MANUAL = "manual"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class FlagStatus(StrEnum):
    OPEN = "open"
    VERIFIED = "verified"
    CORRECTED = "corrected"
    DISPUTED = "disputed"
    WAIVED = "waived"


@dataclass(frozen=True)
class Finding:
    """One thing a check wants a person to look at.

    Offsets are into ``Block.field_text(field)`` of block ``block``;
    ``block`` is -1 for the headline and -2 for the byline.
    ``data`` holds check-specific extras (a quote's speaker, a parsed date).
    """

    kind: FlagKind
    severity: Severity
    block: int
    start: int
    end: int
    text: str
    message: str
    rule: str
    suggestions: tuple[str, ...] = ()
    field: str = "text"
    data: dict[str, str] = dataclasses.field(default_factory=dict, compare=False, hash=False)
    id: str = ""


@dataclass
class Flag:
    """A finding with its place in the fact-check sheet."""

    id: str
    kind: FlagKind
    severity: Severity
    block: int
    start: int
    end: int
    text: str
    message: str
    rule: str
    suggestions: tuple[str, ...] = ()
    field: str = "text"
    data: dict[str, str] = dataclasses.field(default_factory=dict)
    status: FlagStatus = FlagStatus.OPEN
    manual: bool = False
    present: bool = True  # False once the text no longer has it (kept for the record)
    note: str = ""
    source: str = ""
    replacement: str = ""
    assigned_to: str = ""
    created_by: str = ""
    resolved_by: str | None = None
    resolved_at: datetime | None = None
    version: int = 0

    @classmethod
    def from_finding(cls, finding: Finding) -> Flag:
        return cls(
            id=finding.id,
            kind=finding.kind,
            severity=finding.severity,
            block=finding.block,
            start=finding.start,
            end=finding.end,
            text=finding.text,
            message=finding.message,
            rule=finding.rule,
            suggestions=finding.suggestions,
            field=finding.field,
            data=dict(finding.data),
        )

    @property
    def is_open(self) -> bool:
        return self.status is FlagStatus.OPEN


def make_flag_id(rule: str, field_name: str, text: str, before: str, after: str, occurrence: int) -> str:
    """Stable id from what a flag says and its nearby words, not from its block index.

    So inserting or editing another paragraph leaves the id unchanged, and a
    resolved flag stays resolved.
    """
    key = "\x1f".join((rule, field_name, text, before, after, str(occurrence)))
    return hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()
