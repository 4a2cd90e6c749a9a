"""Assembling an Article block by block, the same way for every format.

The builder owns the rules that do not depend on the format: what counts as
the article's header (dates and bylines are only read before the body
starts), which lines are boilerplate, and how a caption or credit line that
follows a picture is attached to it.
"""

from __future__ import annotations

from datetime import datetime

from editor_app.domain import Article, Block, BlockType, ImageSlot
from editor_app.importers import cues
from editor_app.text.credits import looks_like_credit

_BODY = (BlockType.PARAGRAPH, BlockType.SUBHEADING, BlockType.QUOTE)


class ArticleBuilder:
    def __init__(self) -> None:
        self.headline: str | None = None
        self.blocks: list[Block] = []
        self.bylines: list[str] = []
        self.published: datetime | None = None
        self.updated: datetime | None = None
        self._body_started = False

    @property
    def in_header(self) -> bool:
        """True until the first body text: dates and bylines are only read up here."""
        return not self._body_started

    @property
    def has_body(self) -> bool:
        return not self.in_header

    def set_headline(self, text: str) -> None:
        self.headline = " ".join(text.split())

    def set_dates(self, published: datetime | None = None, updated: datetime | None = None) -> None:
        """Record dates unless already known (the first source, usually the page's own markup, wins)."""
        self.published = self.published or published
        self.updated = self.updated or updated

    def add_bylines(self, names: list[str]) -> None:
        for name in names:
            name = " ".join(name.split())
            if name and name not in self.bylines:
                self.bylines.append(name)

    def take_meta_line(self, line: str) -> bool:
        """Consume a header date line or byline; False if the line is something else or the body began."""
        if not self.in_header:
            return False
        names = cues.byline_names(line)
        if names is not None:
            self.add_bylines(names)
            cue = cues.byline_date(line)
            if cue is not None:
                self.set_dates(cue.published, cue.updated)
            return True
        date = cues.date_cue(line)
        if date is not None:
            self.set_dates(date.published, date.updated)
            return True
        return False

    def add(self, kind: BlockType, text: str) -> None:
        """Add a text block; paragraphs that are ad or navigation lines become boilerplate."""
        text = text.strip()
        if not text:
            return
        if kind is BlockType.PARAGRAPH and cues.is_boilerplate(text):
            kind = BlockType.BOILERPLATE
        self._body_started = self._body_started or kind in _BODY
        self.blocks.append(Block(kind, text))

    def add_image(self, alt: str = "", caption: str = "", credit: str = "") -> ImageSlot:
        slot = ImageSlot(alt=alt.strip(), caption=caption.strip(), credit=credit.strip())
        self.blocks.append(Block(BlockType.IMAGE, image=slot))
        return slot

    def open_image(self) -> ImageSlot | None:
        """The picture just added, if nothing has followed it yet (so a caption or credit may)."""
        if self.blocks and self.blocks[-1].type is BlockType.IMAGE:
            return self.blocks[-1].image
        return None

    def attach_to_image(self, line: str, *, caption_style: bool = False) -> bool:
        """Attach a line after a picture as its credit (credit-shaped) or caption (marked as one)."""
        slot = self.open_image()
        text = line.strip()
        if slot is None or not text:
            return False
        if looks_like_credit(text) and not slot.credit:
            slot.credit = text
            return True
        if caption_style and not slot.caption:
            slot.caption = " ".join(text.split())
            return True
        return False

    def build(self) -> Article:
        return Article(
            headline=self.headline or "",
            blocks=self.blocks,
            bylines=self.bylines,
            published=self.published,
            updated=self.updated,
        )
