"""Autosave for the editor: store the text at once, check it separately.

``ArticleService.save`` re-runs every check inside the saving transaction, so
on a long article the text would reach the database only after the checks
finished. The editor promises its text is stored within two seconds of the
last keystroke, so a draft save stores the revision and nothing else, and
``recheck`` brings the flags in step afterwards (in its own transaction, on
its own thread, superseded by the next one when the editor keeps typing).
"""

from __future__ import annotations

from editor_app.domain import Article, Flag, Revision, WorkflowState
from editor_app.errors import InvalidRequest
from editor_app.services.articles import _changed_blocks
from editor_app.services.core import Context
from editor_app.services.permissions import Action
from editor_app.services.review import ReviewService
from editor_app.storage.repositories import ArticleRepo


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
                before=_changed_blocks(before, article, old=True),
                after={**_changed_blocks(before, article, old=False), "revision": number},
            )
            meta = repo.meta(article.id)
            if meta.state in (WorkflowState.APPROVED, WorkflowState.EXPORTED):
                repo.set_state(article.id, WorkflowState.COPY_EDIT, actor=actor, now=now)
                self.ctx.audit(
                    s,
                    actor,
                    "state",
                    f"article:{article.id}",
                    article_id=article.id,
                    before={"state": meta.state.value},
                    after={"state": "copy-edit", "reason": "edited after approval"},
                )
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
