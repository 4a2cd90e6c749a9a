"""Open, import, list, edit, and the revision history of articles."""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from pathlib import Path

from editor_app.domain import Article, Revision, WorkflowState, content_hash
from editor_app.domain.serialize import article_to_dict
from editor_app.errors import InvalidRequest, NotFound
from editor_app.importers import load_article
from editor_app.services.core import Context, Progress, retry_stale
from editor_app.services.permissions import Action
from editor_app.services.review import ReviewService
from editor_app.storage.repositories import ArticleMeta, ArticleRepo, ArticleSummary
from editor_app.text.worddiff import DiffPiece, word_diff

SKIP_HASH_ABOVE = 50 * 1024 * 1024  # larger files are left to the importer's own size check


@dataclass(frozen=True)
class ImportResult:
    """What one import did: a new article, a new revision of a stored one, or nothing."""

    article_id: int
    revision: int
    outcome: str  # "created" | "revision" | "unchanged"
    source: str


@dataclass(frozen=True)
class BlockChange:
    """One block's old and new text between two revisions, word by word."""

    block: int
    field: str
    pieces: tuple[DiffPiece, ...]


class ArticleService:
    def __init__(self, ctx: Context, review: ReviewService) -> None:
        self.ctx = ctx
        self.review = review

    # -- reading ---------------------------------------------------------
    def get(self, article_id: int) -> Article:
        with self.ctx.tx() as s:
            return ArticleRepo(s).get(article_id)

    def meta(self, article_id: int) -> ArticleMeta:
        with self.ctx.tx() as s:
            return ArticleRepo(s).meta(article_id)

    def block_versions(self, article_id: int) -> builtins.list[int]:
        with self.ctx.tx() as s:
            return ArticleRepo(s).block_versions(article_id)

    def list(self, text: str = "", state: WorkflowState | None = None) -> builtins.list[ArticleSummary]:
        with self.ctx.tx() as s:
            return ArticleRepo(s).summaries(text, state)

    # -- importing -------------------------------------------------------
    def import_file(
        self,
        path: Path,
        *,
        actor: str,
        on_duplicate: str = "revision",
        progress: Progress | None = None,
    ) -> ImportResult:
        """Parse and store ``path``; the same content twice becomes a revision, not a duplicate.

        ``on_duplicate`` is "revision" (store as the stored article's next
        revision when its text differs), "skip", or "new" (a separate article).
        Parsing happens before any write, so a rejected file stores nothing;
        ``progress`` follows the first check, and a cancel there stores nothing.
        """
        if on_duplicate == "skip":
            known = self._stored_copy(path)
            if known is not None:
                return known
        article = load_article(path)
        with self.ctx.tx() as s:
            self.ctx.require(s, actor, Action.IMPORT, f"file:{path.name}")
            repo = ArticleRepo(s)
            existing = repo.find_by_hash(article.source_hash) if article.source_hash else None
            now = self.ctx.now()
            if existing is not None and on_duplicate != "new":
                current = repo.get(existing)
                meta = repo.meta(existing)
                if on_duplicate == "skip" or current.content_equal(
                    _with_identity(article, existing, current.version)
                ):
                    return ImportResult(existing, meta.revision, "unchanged", path.name)
                article.id, article.version = existing, current.version
                number = repo.save_content(article, actor=actor, now=now, message=f"re-imported {path.name}")
                self.ctx.audit(
                    s,
                    actor,
                    "article.reimport",
                    f"article:{existing}",
                    article_id=existing,
                    after={"revision": number, "source": path.name},
                )
                self.review.sync_flags(s, existing, actor, progress=progress)
                return ImportResult(existing, number, "revision", path.name)
            article_id = repo.add(article, actor=actor, now=now, message=f"imported {path.name}")
            self.ctx.audit(
                s,
                actor,
                "article.import",
                f"article:{article_id}",
                article_id=article_id,
                after={"source": path.name, "hash": article.source_hash, "blocks": len(article.blocks)},
            )
            self.review.sync_flags(s, article_id, actor, progress=progress)
            return ImportResult(article_id, 1, "created", path.name)

    def _stored_copy(self, path: Path) -> ImportResult | None:
        """The stored article with this file's exact bytes, found without parsing the file again."""
        try:
            if not path.is_file() or path.stat().st_size > SKIP_HASH_ABOVE:
                return None
            digest = content_hash(path.read_bytes())
        except OSError:
            return None  # the importer reports the problem with the file
        with self.ctx.tx() as s:
            repo = ArticleRepo(s)
            existing = repo.find_by_hash(digest)
            if existing is None:
                return None
            return ImportResult(existing, repo.meta(existing).revision, "unchanged", path.name)

    # -- editing ---------------------------------------------------------
    @retry_stale
    def save(
        self,
        article: Article,
        *,
        actor: str,
        message: str = "edited",
        expected_blocks: dict[int, int] | None = None,
        check_article_version: bool = True,
        draft: bool = False,
    ) -> int:
        """Store an edited article as the next revision and re-check it; returns the revision number.

        With ``check_article_version=False`` and ``expected_blocks`` (the blocks
        this editor changed, with the versions they started from) only those
        blocks are written, so other editors' edits to other blocks are kept.
        """
        if article.id is None:
            raise InvalidRequest("only a stored article can be saved")
        with self.ctx.tx() as s:
            repo = ArticleRepo(s)
            repo.lock(article.id)
            self.ctx.require(s, actor, Action.EDIT_TEXT, f"article:{article.id}", article.id)
            before = repo.get(article.id)
            number = repo.save_content(
                article,
                actor=actor,
                now=self.ctx.now(),
                message=message,
                expected_version=article.version if check_article_version else None,
                expected_blocks=expected_blocks,
                draft=draft,
            )
            after = repo.get(article.id)  # what was stored: a merge wrote only some blocks
            self.ctx.audit(
                s,
                actor,
                "article.edit",
                f"article:{article.id}",
                article_id=article.id,
                before=changed_blocks(before, after, old=True),
                after={**changed_blocks(before, after, old=False), "revision": number},
            )
            self.review.after_edit(s, article.id, actor)
            return number

    def edit_block(
        self, article_id: int, index: int, text: str, *, actor: str, expected_version: int | None = None
    ) -> int:
        """Replace one block's text; other editors' edits to other blocks are kept."""
        with self.ctx.tx() as s:
            repo = ArticleRepo(s)
            article = repo.get(article_id)
            versions = repo.block_versions(article_id)
        if not 0 <= index < len(article.blocks):
            raise InvalidRequest(f"article {article_id} has no block {index}")
        if article.blocks[index].image is not None:
            raise InvalidRequest(f"block {index} is an image; set its caption or credit instead")
        article.blocks[index].text = text
        expected = {index: expected_version if expected_version is not None else versions[index]}
        return self.save(
            article,
            actor=actor,
            message=f"edited block {index}",
            expected_blocks=expected,
            check_article_version=False,
        )

    # -- history ---------------------------------------------------------
    def history(self, article_id: int) -> builtins.list[Revision]:
        with self.ctx.tx() as s:
            return ArticleRepo(s).revisions(article_id)

    def revision(self, article_id: int, number: int) -> Article:
        with self.ctx.tx() as s:
            return ArticleRepo(s).revision_content(article_id, number)

    def diff(self, article_id: int, rev_a: int, rev_b: int) -> builtins.list[BlockChange]:
        """Word-level changes from ``rev_a`` to ``rev_b``, block by block and field by field."""
        with self.ctx.tx() as s:
            repo = ArticleRepo(s)
            a, b = repo.revision_content(article_id, rev_a), repo.revision_content(article_id, rev_b)
        changes: builtins.list[BlockChange] = []
        if a.headline != b.headline:
            changes.append(BlockChange(-1, "text", tuple(word_diff(a.headline, b.headline))))
        for i in range(max(len(a.blocks), len(b.blocks))):
            old = article_to_dict_block(a, i)
            new = article_to_dict_block(b, i)
            for name in ("text", "alt", "caption", "credit"):
                if old.get(name, "") != new.get(name, ""):
                    changes.append(
                        BlockChange(i, name, tuple(word_diff(old.get(name, ""), new.get(name, ""))))
                    )
        return changes

    def restore(self, article_id: int, number: int, *, actor: str) -> int:
        """Bring back an earlier revision's text as a new revision (history is never rewritten)."""
        old = self.revision(article_id, number)
        current = self.get(article_id)
        old.id, old.version = article_id, current.version
        old.source_name, old.source_hash, old.source_format = (
            current.source_name,
            current.source_hash,
            current.source_format,
        )
        return self.save(old, actor=actor, message=f"restored revision {number}")


def article_to_dict_block(article: Article, index: int) -> dict[str, str]:
    if index >= len(article.blocks):
        return {}
    data = article_to_dict(Article(headline="", blocks=[article.blocks[index]]))["blocks"][0]
    return {k: v for k, v in data.items() if isinstance(v, str)}


def _with_identity(article: Article, article_id: int, version: int) -> Article:
    copy = article.copy()
    copy.id, copy.version = article_id, version
    return copy


def changed_blocks(before: Article, after: Article, *, old: bool) -> dict[str, object]:
    """The blocks an edit touched, for the audit log (before or after side)."""
    out: dict[str, object] = {}
    side = before if old else after
    if before.headline != after.headline:
        out["headline"] = side.headline
    for i in range(max(len(before.blocks), len(after.blocks))):
        a = article_to_dict_block(before, i)
        b = article_to_dict_block(after, i)
        if a != b:
            out[f"block {i}"] = a if old else b
    return out


__all__ = ["ArticleService", "BlockChange", "ImportResult", "NotFound"]
