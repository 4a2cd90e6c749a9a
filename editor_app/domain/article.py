"""The article as a copy editor sees it: headline, bylines, dates and ordered blocks."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from editor_app.domain.images import CreditStatus


class BlockType(StrEnum):
    """Kinds of body block; boilerplate is kept for the record but never exported."""

    PARAGRAPH = "paragraph"
    SUBHEADING = "subheading"
    QUOTE = "quote"
    IMAGE = "image"
    BOILERPLATE = "boilerplate"


@dataclass
class ImageSlot:
    """A picture in the body: what readers see (caption, credit) and what the file holds.

    Attributes:
        alt: alternative text as imported (often an SEO keyword string in scrapes).
        caption: the caption readers see.
        credit: the credit line exactly as written (kept verbatim, backslashes and all).
        image_path: path of the attached file in the managed folder, if any.
        image_hash: SHA-256 of the attached file's bytes.
        rights: rights and usage notes ("editorial use only").
        status: the photo editor's verdict on caption and credit.
    """

    alt: str = ""
    caption: str = ""
    credit: str = ""
    image_path: str | None = None
    image_hash: str | None = None
    rights: str = ""
    status: CreditStatus = CreditStatus.UNVERIFIED
    verified_by: str | None = None
    verified_at: datetime | None = None
    note: str = ""


@dataclass
class Block:
    """One body block. Image blocks carry an ``ImageSlot``; their ``text`` is empty."""

    type: BlockType
    text: str = ""
    image: ImageSlot | None = None

    def field_text(self, name: str) -> str:
        """Text of a checkable field: ``text`` or, on image blocks, ``alt``/``caption``/``credit``."""
        if name == "text":
            return self.text
        if self.image is None:
            raise KeyError(name)
        value = getattr(self.image, name)
        if not isinstance(value, str):
            raise KeyError(name)
        return value


@dataclass
class Article:
    """A whole article. ``id`` and ``version`` are set once it is stored."""

    headline: str
    blocks: list[Block] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)
    published: datetime | None = None
    updated: datetime | None = None
    source_name: str | None = None
    source_hash: str | None = None
    source_format: str | None = None
    id: int | None = None
    version: int = 0

    @property
    def reference_date(self) -> datetime | None:
        """The date the article speaks from (updated, else published)."""
        return self.updated or self.published

    def blocks_of(self, *types: BlockType) -> list[tuple[int, Block]]:
        """Blocks of the given types with their indexes."""
        return [(i, b) for i, b in enumerate(self.blocks) if b.type in types]

    @property
    def images(self) -> list[tuple[int, ImageSlot]]:
        """Image slots with their block indexes."""
        return [(i, b.image) for i, b in enumerate(self.blocks) if b.image is not None]

    def text_at(self, block: int, field_name: str = "text") -> str:
        """Text of a checkable place: block -1 is the headline, -2 the first byline."""
        if block == -1:
            return self.headline
        if block == -2:
            return self.bylines[0] if self.bylines else ""
        if not 0 <= block < len(self.blocks):
            raise IndexError(block)
        return self.blocks[block].field_text(field_name)

    def set_text(self, block: int, field_name: str, value: str) -> None:
        """Replace the text of a checkable place (see ``text_at``)."""
        if block == -1:
            self.headline = value
        elif block == -2:
            self.bylines[:1] = [value]
        elif field_name == "text":
            self.blocks[block].text = value
        else:
            slot = self.blocks[block].image
            if slot is None or field_name not in ("alt", "caption", "credit", "rights"):
                raise KeyError(field_name)
            setattr(slot, field_name, value)

    def word_count(self) -> int:
        return sum(len(b.text.split()) for b in self.blocks if b.type is not BlockType.BOILERPLATE)

    def copy(self) -> Article:
        """A deep-enough copy: new block and slot objects, so edits do not leak back."""
        return replace(
            self,
            bylines=list(self.bylines),
            blocks=[replace(b, image=replace(b.image) if b.image is not None else None) for b in self.blocks],
        )

    def content_equal(self, other: Article) -> bool:
        """Equal as text and structure, ignoring storage identity (id, version)."""
        return replace(self, id=None, version=0) == replace(other, id=None, version=0)


def content_hash(data: bytes) -> str:
    """SHA-256 hex digest: the one way the app fingerprints files and text."""
    return hashlib.sha256(data).hexdigest()
