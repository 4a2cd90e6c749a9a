"""The check contract and the context every check receives.

A check is a small object with a ``name`` and either ``check_block`` (looks at
one block; re-run only for the blocks that changed) or ``check_article``
(article-wide consistency, re-run on every change). Both return findings with
an empty ``id``; the engine assigns stable ids.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol, runtime_checkable

from editor_app.domain import Article, Block, Finding


@dataclass(frozen=True)
class CheckContext:
    """What checks may know besides the article.

    Attributes:
        today: the date "now" is compared against (fixed in tests).
        house: house-style settings (``resources/house_style.json`` merged with overrides).
        archive_credit_sources: credit sources seen in other stored articles, with counts,
            for cross-archive consistency.
        extra_agencies: agency names and aliases added in the database.
    """

    today: date = field(default_factory=date.today)
    house: Mapping[str, object] = field(default_factory=dict)
    archive_credit_sources: Mapping[str, int] = field(default_factory=dict)
    extra_agencies: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@runtime_checkable
class BlockCheck(Protocol):
    name: str

    def check_block(self, article: Article, index: int, block: Block, ctx: CheckContext) -> Iterable[Finding]:
        """Findings inside one block (and only that block)."""
        ...


@runtime_checkable
class ArticleCheck(Protocol):
    name: str

    def check_article(self, article: Article, ctx: CheckContext) -> Iterable[Finding]:
        """Findings that need the whole article (consistency across blocks, headline, byline)."""
        ...
