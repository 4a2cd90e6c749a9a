"""Autosave for the editor: store the text at once, check it separately.

``ArticleService.save`` re-runs every check inside the saving transaction, so
on a long article the text would reach the database only after the checks
finished. The editor promises its text is stored within two seconds of the
last keystroke, so a draft save stores the revision and nothing else, and
``recheck`` brings the flags in step afterwards (in its own transaction, on
its own thread, superseded by the next one when the editor keeps typing).
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from editor_app.domain import Article, Flag, Revision
from editor_app.errors import InvalidRequest
from editor_app.services.articles import changed_blocks
from editor_app.services.core import Context
from editor_app.services.permissions import Action
from editor_app.services.review import ReviewService
from editor_app.services.workflow import back_to_copy_edit
from editor_app.storage.db import is_sqlite, make_engine, make_session_factory
from editor_app.storage.repositories import ArticleRepo


@dataclass(frozen=True)
class DetachedConfig:
    """Enough to open the same database in another process (picklable)."""

    db_url: str
    data_dir: str
    house: dict[str, object]
    today: date | None


class DraftService:
    def __init__(self, ctx: Context, review: ReviewService) -> None:
        self.ctx = ctx
        self.review = review

    def save_draft(
        self, article: Article, *, actor: str, message: str = "autosave", draft: bool = True
    ) -> int:
        """Store the editor's text as the next revision without checking it; returns the number.

        ``article.version`` guards against someone else's change (ConflictError).
        Like any edit, it sends an approved article back to copy edit.
        """
        if article.id is None:
            raise InvalidRequest("only a stored article can be saved")
        with self.ctx.tx() as s:
            self.ctx.require(s, actor, Action.EDIT_TEXT, f"article:{article.id}", article.id)
            repo = ArticleRepo(s)
            before = repo.get(article.id)
            now = self.ctx.now()
            number = repo.save_content(
                article,
                actor=actor,
                now=now,
                message=message,
                expected_version=article.version,
                draft=draft,
            )
            self.ctx.audit(
                s,
                actor,
                "article.autosave" if draft else "article.edit",
                f"article:{article.id}",
                article_id=article.id,
                before=changed_blocks(before, article, old=True),
                after={**changed_blocks(before, article, old=False), "revision": number},
            )
            back_to_copy_edit(self.ctx, s, article.id, actor=actor)
            return number

    def recheck(self, article_id: int, *, actor: str) -> list[Flag]:
        """Bring the flags in step with the stored text, as after any edit (gone text: corrected)."""
        with self.ctx.tx() as s:
            self.ctx.actor(s, actor)
            return self.review.sync_flags(s, article_id, actor, after_edit=True)

    def latest_draft(self, article_id: int) -> Revision | None:
        """The newest revision if it is an autosave (text nobody saved on purpose yet)."""
        with self.ctx.tx() as s:
            revisions = ArticleRepo(s).revisions(article_id)
        return revisions[-1] if revisions and revisions[-1].draft else None

    def detached_config(self) -> DetachedConfig:
        return DetachedConfig(
            db_url=self.ctx.engine.url.render_as_string(hide_password=False),
            data_dir=str(self.ctx.data_dir),
            house=dict(self.review.house),
            today=self.review.today,
        )


_detached: dict[DetachedConfig | tuple[str, str], DraftService] = {}


CHUNK = 400  # flags per pickled chunk handed back from the helper process


def _detached_drafts(config: DetachedConfig) -> DraftService:
    key = (config.db_url, config.data_dir)
    drafts = _detached.get(key)
    if drafts is None:
        engine = make_engine(config.db_url)
        ctx = Context(
            engine=engine,
            session_factory=make_session_factory(engine),
            data_dir=Path(config.data_dir),
            shared=not is_sqlite(config.db_url),
        )
        drafts = DraftService(ctx, ReviewService(ctx, house=config.house, today=config.today))
        _detached[key] = drafts
    return drafts


def _chunks(flags: list[Flag]) -> list[bytes]:
    return [pickle.dumps(flags[i : i + CHUNK]) for i in range(0, len(flags), CHUNK)]


def recheck_detached(config: DetachedConfig, article_id: int, actor: str) -> list[bytes]:
    """``DraftService.recheck`` in a separate process (one engine per process, reused).

    The checks are CPU-bound Python; on a very long article they would hold the
    interpreter lock for a tenth of a second at a time, and the window shares it.
    In a process of its own they cannot stall the window at all. The flags come
    back as small pickled chunks (``decode_flags``): unpickling thousands of flags
    in one call would itself hold the lock for tens of milliseconds.
    """
    return _chunks(_detached_drafts(config).recheck(article_id, actor=actor))


def decode_flags(chunks: list[bytes]) -> list[Flag]:
    flags: list[Flag] = []
    for chunk in chunks:
        flags.extend(pickle.loads(chunk))  # noqa: S301 - our own helper process's output
    return flags
