"""The photo desk: attach files, edit captions and credits, verify, agencies, thumbnails."""

from __future__ import annotations

import builtins
import shutil
from dataclasses import dataclass
from pathlib import Path

from editor_app.domain import Article, Credit, CreditStatus, EmbeddedMetadata, ImageSlot
from editor_app.errors import ImportRejected, InvalidRequest, NotFound
from editor_app.services.core import Context, retry_stale
from editor_app.services.permissions import Action
from editor_app.services.review import ReviewService
from editor_app.storage.repositories import AgencyRepo, ArticleRepo
from editor_app.text.credits import Agency, AgencyRegistry, parse_credit


@dataclass(frozen=True)
class ImageView:
    """One image slot as the photo desk sees it."""

    number: int  # 1-based among the article's images
    block: int
    slot: ImageSlot
    credit: Credit | None
    embedded: EmbeddedMetadata | None
    mismatches: tuple[str, ...]
    file_error: str | None = None


def _norm(text: str | None) -> str:
    return " ".join((text or "").replace("\\", "/").split()).casefold()


def mismatches(slot: ImageSlot, meta: EmbeddedMetadata) -> tuple[str, ...]:
    """Where the file's embedded metadata disagrees with the slot (empty fields are not disagreements)."""
    out = []
    if slot.credit and meta.credit and _norm(slot.credit) != _norm(meta.credit):
        out.append("credit")
    if slot.caption and meta.description and _norm(slot.caption) != _norm(meta.description):
        out.append("caption")
    if slot.rights and meta.rights and _norm(slot.rights) != _norm(meta.rights):
        out.append("rights")
    return tuple(out)


def _copy_in(path: Path, target: Path) -> None:
    """Copy a picture into the managed folder whole or not at all."""
    tmp = target.with_suffix(target.suffix + ".part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, tmp)
        tmp.replace(target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ImportRejected(
            str(path), f"cannot be copied into the desk's picture folder: {exc.strerror or exc}"
        ) from None


class ImageService:
    def __init__(self, ctx: Context, review: ReviewService) -> None:
        self.ctx = ctx
        self.review = review

    @property
    def images_dir(self) -> Path:
        return self.ctx.data_dir / "images"

    @property
    def thumbs_dir(self) -> Path:
        return self.ctx.data_dir / "thumbnails"

    def _block_of(self, article: Article, number: int) -> int:
        images = article.images
        if not 1 <= number <= len(images):
            raise NotFound(f"article {article.id} has {len(images)} image(s); there is no image {number}")
        return images[number - 1][0]

    def list(self, article_id: int) -> builtins.list[ImageView]:
        from editor_app.importers.image_meta import read_metadata

        with self.ctx.tx() as s:
            article = ArticleRepo(s).get(article_id)
        views = []
        for number, (block, slot) in enumerate(article.images, start=1):
            meta: EmbeddedMetadata | None = None
            error = None
            if slot.image_path:
                try:
                    meta = read_metadata(Path(slot.image_path))
                except (OSError, ValueError) as exc:
                    error = str(exc)
                except Exception as exc:
                    from editor_app.errors import UserError

                    if not isinstance(exc, UserError):
                        raise
                    error = str(exc)
            views.append(
                ImageView(
                    number=number,
                    block=block,
                    slot=slot,
                    credit=parse_credit(slot.credit) if slot.credit else None,
                    embedded=meta,
                    mismatches=mismatches(slot, meta) if meta else (),
                    file_error=error,
                )
            )
        return views

    @retry_stale
    def attach(self, article_id: int, number: int, path: Path, *, actor: str) -> ImageView:
        """Copy a picture into the managed folder (by hash) and attach it to image ``number``."""
        from editor_app.importers.image_file import inspect_image

        info = inspect_image(path)
        target = self.images_dir / f"{info.hash}{info.extension}"
        with self.ctx.tx() as s:
            ArticleRepo(s).lock(article_id)
            self.ctx.require(s, actor, Action.EDIT_IMAGE, f"article:{article_id}", article_id)
            repo = ArticleRepo(s)
            article = repo.get(article_id)
            block = self._block_of(article, number)
            slot = article.blocks[block].image
            assert slot is not None
            # Copied only once the request is allowed, so a refused attach leaves no file behind.
            if not target.exists():
                _copy_in(path, target)
            before = {"image_path": slot.image_path, "image_hash": slot.image_hash}
            slot.image_path, slot.image_hash = str(target), info.hash
            slot.status, slot.verified_by, slot.verified_at = CreditStatus.UNVERIFIED, None, None
            number_rev = repo.save_content(
                article, actor=actor, now=self.ctx.now(), message=f"attached {path.name} to image {number}"
            )
            self.ctx.audit(
                s,
                actor,
                "image.attach",
                f"article:{article_id}/image:{number}",
                article_id=article_id,
                before=before,
                after={"image_path": str(target), "image_hash": info.hash, "revision": number_rev},
            )
            self.review.after_edit(s, article_id, actor)
        return self.list(article_id)[number - 1]

    @retry_stale
    def set_field(self, article_id: int, number: int, field: str, value: str, *, actor: str) -> ImageView:
        """Change a caption, credit line, alt text or rights note; the credit must be verified again."""
        if field not in ("caption", "credit", "alt", "rights"):
            raise InvalidRequest(f"an image has no field {field!r}")
        with self.ctx.tx() as s:
            ArticleRepo(s).lock(article_id)
            self.ctx.require(s, actor, Action.EDIT_IMAGE, f"article:{article_id}", article_id)
            repo = ArticleRepo(s)
            article = repo.get(article_id)
            block = self._block_of(article, number)
            slot = article.blocks[block].image
            assert slot is not None
            old = getattr(slot, field)
            if old == value:
                return self.list(article_id)[number - 1]
            setattr(slot, field, value)
            if field in ("credit", "caption", "rights"):
                slot.status, slot.verified_by, slot.verified_at = CreditStatus.UNVERIFIED, None, None
            rev = repo.save_content(
                article, actor=actor, now=self.ctx.now(), message=f"image {number}: {field}"
            )
            self.ctx.audit(
                s,
                actor,
                f"image.{field}",
                f"article:{article_id}/image:{number}",
                article_id=article_id,
                before={field: old},
                after={field: value, "revision": rev},
            )
            self.review.after_edit(s, article_id, actor)
        return self.list(article_id)[number - 1]

    @retry_stale
    def verify(
        self,
        article_id: int,
        number: int,
        *,
        actor: str,
        status: CreditStatus = CreditStatus.VERIFIED,
        note: str = "",
    ) -> ImageView:
        """A photo editor's verdict on caption and credit; a problem needs a note."""
        if status is CreditStatus.PROBLEM and not note.strip():
            raise InvalidRequest("marking an image as a problem needs a note saying what is wrong")
        with self.ctx.tx() as s:
            ArticleRepo(s).lock(article_id)
            self.ctx.require(
                s, actor, Action.VERIFY_CREDIT, f"article:{article_id}/image:{number}", article_id
            )
            repo = ArticleRepo(s)
            article = repo.get(article_id)
            block = self._block_of(article, number)
            slot = article.blocks[block].image
            assert slot is not None
            if status is CreditStatus.VERIFIED and not slot.credit.strip():
                raise InvalidRequest(f"image {number} has no credit line to verify")
            repo.set_slot_review(article_id, block, status=status, actor=actor, now=self.ctx.now(), note=note)
            self.ctx.audit(
                s,
                actor,
                f"image.{status.value}",
                f"article:{article_id}/image:{number}",
                article_id=article_id,
                before={"status": slot.status.value},
                after={"status": status.value, "credit": slot.credit, "note": note},
            )
        return self.list(article_id)[number - 1]

    def thumbnail(self, article_id: int, number: int, max_px: int = 320) -> bytes | None:
        """Thumbnail bytes (EXIF orientation applied), cached by content hash; None without a file."""
        from editor_app.importers.image_file import ThumbnailCache

        with self.ctx.tx() as s:
            article = ArticleRepo(s).get(article_id)
        slot = article.blocks[self._block_of(article, number)].image
        if slot is None or not slot.image_path:
            return None
        return ThumbnailCache(self.thumbs_dir).thumbnail(
            Path(slot.image_path), max_px, image_hash=slot.image_hash
        )

    # -- agencies --------------------------------------------------------
    def registry(self) -> AgencyRegistry:
        """Shipped agencies merged with the desk's own from the database."""
        with self.ctx.tx() as s:
            extra = AgencyRepo(s).list()
        return AgencyRegistry(Agency(c, aliases, kind, notes) for c, aliases, kind, notes in extra)

    def agencies(self) -> builtins.list[Agency]:
        return sorted(self.registry().agencies, key=lambda a: a.canonical.casefold())

    def add_agency(
        self,
        canonical: str,
        *,
        actor: str,
        aliases: tuple[str, ...] = (),
        kind: str = "agency",
        notes: str = "",
    ) -> Agency:
        canonical = canonical.strip()
        if not canonical:
            raise InvalidRequest("an agency needs a name")
        if any(a.canonical.casefold() == canonical.casefold() for a in self.agencies()):
            raise InvalidRequest(f"agency {canonical!r} is already known; add an alias instead")
        with self.ctx.tx() as s:
            self.ctx.require(s, actor, Action.MANAGE_AGENCIES, f"agency:{canonical}")
            AgencyRepo(s).add(canonical, aliases, kind, notes)
            self.ctx.audit(
                s,
                actor,
                "agency.add",
                f"agency:{canonical}",
                after={"aliases": list(aliases), "kind": kind, "notes": notes},
            )
        return Agency(canonical, aliases, kind, notes)

    def add_alias(self, canonical: str, alias: str, *, actor: str) -> Agency:
        known = {a.canonical: a for a in self.agencies()}
        if canonical not in known:
            raise NotFound(f"no agency named {canonical!r}")
        if not alias.strip():
            raise InvalidRequest("an alias cannot be empty")
        with self.ctx.tx() as s:
            self.ctx.require(s, actor, Action.MANAGE_AGENCIES, f"agency:{canonical}")
            repo = AgencyRepo(s)
            if not repo.add_alias(canonical, alias.strip()):
                base = known[canonical]
                repo.add(canonical, (alias.strip(),), base.kind, "")
            self.ctx.audit(s, actor, "agency.alias", f"agency:{canonical}", after={"alias": alias.strip()})
        return {a.canonical: a for a in self.agencies()}[canonical]
