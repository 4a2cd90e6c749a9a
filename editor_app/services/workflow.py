"""Workflow states and approval: draft → copy edit → photo check → ready → approved → exported."""

from __future__ import annotations

from sqlalchemy.orm import Session

from editor_app.domain import WorkflowState
from editor_app.errors import InvalidRequest
from editor_app.services.core import Context, retry_stale
from editor_app.services.gate import GatePolicy, GateReport, evaluate
from editor_app.services.permissions import Action
from editor_app.storage.repositories import ArticleMeta, ArticleRepo, FlagRepo

ORDER = list(WorkflowState)

# Who moves an article out of each state.
ADVANCE_ACTION = {
    WorkflowState.DRAFT: Action.CHANGE_STATE,
    WorkflowState.COPY_EDIT: Action.EDIT_TEXT,
    WorkflowState.PHOTO_CHECK: Action.VERIFY_CREDIT,
    WorkflowState.READY: Action.APPROVE,
}


def move_state(
    ctx: Context, session: Session, article_id: int, new: WorkflowState, *, actor: str, reason: str = ""
) -> WorkflowState:
    """Set the article's state and audit the move; returns the state it left."""
    repo = ArticleRepo(session)
    old = repo.meta(article_id).state
    repo.set_state(article_id, new, actor=actor, now=ctx.now())
    after: dict[str, object] = {"state": new.value}
    if reason:
        after["reason"] = reason
    ctx.audit(
        session,
        actor,
        "state",
        f"article:{article_id}",
        article_id=article_id,
        before={"state": old.value},
        after=after,
    )
    return old


def back_to_copy_edit(ctx: Context, session: Session, article_id: int, *, actor: str) -> None:
    """The house rule for any content change: an approved or exported article goes back to copy edit."""
    if ArticleRepo(session).meta(article_id).state in (WorkflowState.APPROVED, WorkflowState.EXPORTED):
        move_state(
            ctx, session, article_id, WorkflowState.COPY_EDIT, actor=actor, reason="edited after approval"
        )


class WorkflowService:
    def __init__(self, ctx: Context, policy: GatePolicy | None = None) -> None:
        self.ctx = ctx
        self.policy = policy or GatePolicy.load()

    def state(self, article_id: int) -> ArticleMeta:
        with self.ctx.tx() as s:
            return ArticleRepo(s).meta(article_id)

    def gate(self, article_id: int) -> GateReport:
        with self.ctx.tx() as s:
            article = ArticleRepo(s).get(article_id)
            flags = FlagRepo(s).list(article_id)
        return evaluate(article, flags, self.policy)

    @retry_stale
    def advance(self, article_id: int, *, actor: str) -> WorkflowState:
        """Move to the next state; approving and exporting have their own use cases."""
        with self.ctx.tx() as s:
            ArticleRepo(s).lock(article_id)
            repo = ArticleRepo(s)
            meta = repo.meta(article_id)
            if meta.state not in ADVANCE_ACTION or meta.state is WorkflowState.READY:
                raise InvalidRequest(f"article {article_id} is {meta.state.value}; use approve or export")
            self.ctx.require(s, actor, ADVANCE_ACTION[meta.state], f"article:{article_id}", article_id)
            new = ORDER[ORDER.index(meta.state) + 1]
            move_state(self.ctx, s, article_id, new, actor=actor)
            return new

    @retry_stale
    def send_back(self, article_id: int, *, actor: str, to: WorkflowState = WorkflowState.COPY_EDIT) -> None:
        with self.ctx.tx() as s:
            ArticleRepo(s).lock(article_id)
            self.ctx.require(s, actor, Action.CHANGE_STATE, f"article:{article_id}", article_id)
            move_state(self.ctx, s, article_id, to, actor=actor)

    @retry_stale
    def approve(self, article_id: int, *, actor: str) -> ArticleMeta:
        """A desk editor approves the current revision; any later edit sends it back to copy edit."""
        with self.ctx.tx() as s:
            ArticleRepo(s).lock(article_id)
            self.ctx.require(s, actor, Action.APPROVE, f"article:{article_id}", article_id)
            repo = ArticleRepo(s)
            meta = repo.meta(article_id)
            if (
                meta.state in (WorkflowState.APPROVED, WorkflowState.EXPORTED)
                and meta.approved_revision == meta.revision
            ):
                return meta
            repo.set_state(article_id, WorkflowState.APPROVED, actor=actor, now=self.ctx.now())
            self.ctx.audit(
                s,
                actor,
                "approve",
                f"article:{article_id}",
                article_id=article_id,
                before={"state": meta.state.value},
                after={"state": "approved", "revision": meta.revision},
            )
            return repo.meta(article_id)
