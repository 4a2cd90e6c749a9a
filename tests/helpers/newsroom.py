"""A newsroom on one database: several editors, each on their own Desk (own engine and pool)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from editor_app.domain import Article, Block, BlockType, ImageSlot, Role
from editor_app.services import Desk
from editor_app.storage.repositories import ArticleRepo

STAFF = {"alice": Role.COPY_EDITOR, "bob": Role.COPY_EDITOR, "pia": Role.PHOTO_EDITOR, "dana": Role.DESK}


def article() -> Article:
    """Written for these tests; plain facts, our own words."""
    return Article(
        headline="Harbour ferry returns after winter repairs",
        bylines=["By Jo Marsh"],
        blocks=[
            Block(
                BlockType.PARAGRAPH, "The harbour ferry resumed service on Monday after six weeks of repairs."
            ),
            Block(BlockType.PARAGRAPH, "Crews replaced both engines and repainted the hull."),
            Block(BlockType.PARAGRAPH, "Tickets cost the same as last year, the operator said."),
            Block(
                BlockType.IMAGE,
                "",
                ImageSlot(alt="ferry", caption="The ferry leaves the north pier.", credit="Photo: Jo Marsh"),
            ),
            Block(BlockType.PARAGRAPH, "Timetables are posted at both piers."),
        ],
    )


@dataclass
class Newsroom:
    """The chief (admin, first to sign in) and staff; ``machine()`` opens another editor's Desk."""

    chief: Desk
    machine: Callable[[], Desk]

    def add_article(self) -> int:
        with self.chief.ctx.tx() as s:
            article_id = ArticleRepo(s).add(article(), actor="chief", now=self.chief.ctx.now())
            self.chief.ctx.audit(s, "chief", "article.import", f"article:{article_id}", article_id=article_id)
        return article_id


def newsroom(open_desk: Callable[[], Desk]) -> Newsroom:
    chief = open_desk()
    chief.users.sign_in("chief")
    for name, role in STAFF.items():
        chief.users.add(name, role, actor="chief")
    return Newsroom(chief, open_desk)
