"""Export an approved article: the gate, every format, images with credits embedded, the report."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from editor_app.domain import Article, WorkflowState
from editor_app.errors import ExportBlocked, InvalidRequest, UserError
from editor_app.services.core import Context, Progress
from editor_app.services.permissions import Action
from editor_app.services.workflow import WorkflowService
from editor_app.storage.repositories import ArticleRepo, FlagRepo, OverrideRepo
from editor_app.storage.repositories import Override as StoredOverride
from editor_app.text.credits import parse_credit
from editor_app.text.filenames import safe_stem

TEXT_FORMATS = ("html", "md", "txt", "ninjs", "docx", "pdf", "newsml")
REPORT_FORMATS = ("report-html", "report-json", "claimreview")

EXPORT_MODE = 0o644  # exports are for the whole newsroom; mkstemp alone would make them owner-only


@dataclass(frozen=True)
class ExportResult:
    article_id: int
    revision: int
    files: tuple[Path, ...]
    warnings: tuple[str, ...]
    overridden: bool


def write_atomically(path: Path, data: bytes) -> None:
    """Temporary file in the same folder, fsync, then rename: a reader never sees half a file."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.fchmod(fd, EXPORT_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _inside(folder: Path, path: Path) -> Path:
    resolved = path.resolve()
    if not resolved.is_relative_to(folder.resolve()):
        raise InvalidRequest(f"refusing to write outside the export folder: {path}")
    return resolved


class ExportService:
    def __init__(self, ctx: Context, workflow: WorkflowService) -> None:
        self.ctx = ctx
        self.workflow = workflow

    def plan(self, article: Article, formats: Sequence[str], out_dir: Path) -> dict[str, Path]:
        """Where each format would be written (the GUI shows this and asks before overwriting)."""
        from editor_app.exporters import extension

        stem = safe_stem(article.headline)
        return {fmt: _inside(out_dir, out_dir / f"{stem}{extension(fmt)}") for fmt in formats}

    def export(
        self,
        article_id: int,
        formats: Sequence[str],
        out_dir: Path,
        *,
        actor: str,
        force: bool = False,
        override: str | None = None,
        progress: Progress | None = None,
    ) -> ExportResult:
        """Write the approved revision in ``formats`` into ``out_dir``, plus images and the review report.

        Refuses unless the article is approved and the gate passes, or a desk editor
        overrides it with a written reason (recorded, and printed in the report).
        """
        # Imported here, not at the top: the renderers (python-docx, lxml) are not needed to start the app.
        from editor_app.exporters import FORMATS, export
        from editor_app.exporters.base import ExportContext, ExportImage, Override, ReviewRecord

        unknown = [f for f in formats if f not in FORMATS]
        if unknown:
            raise InvalidRequest(
                f"unknown export format(s) {', '.join(unknown)}; known: {', '.join(TEXT_FORMATS)}"
            )
        if not formats:
            raise InvalidRequest("choose at least one export format")
        if override is not None and not override.strip():
            raise InvalidRequest("an override needs a written reason")
        with self.ctx.tx() as s:
            self.ctx.require(s, actor, Action.EXPORT, f"article:{article_id}", article_id)
            if override:
                self.ctx.require(s, actor, Action.OVERRIDE_GATE, f"article:{article_id}", article_id)
            repo = ArticleRepo(s)
            meta = repo.meta(article_id)
            article = repo.get(article_id)
            flags = FlagRepo(s).list(article_id)
        if meta.state not in (WorkflowState.APPROVED, WorkflowState.EXPORTED) or meta.approved_at is None:
            raise ExportBlocked(
                f"article {article_id} is {meta.state.value}; a desk editor approves it first"
            )
        gate = self.workflow.gate(article_id)
        if not gate.ok and not override:
            raise ExportBlocked(gate.describe())

        out_dir.mkdir(parents=True, exist_ok=True)
        all_formats = [*dict.fromkeys([*formats, *REPORT_FORMATS])]
        targets = self.plan(article, all_formats, out_dir)
        stem = safe_stem(article.headline)
        image_targets: dict[int, Path] = {}
        for number, (block, slot) in enumerate(article.images, start=1):
            if slot.image_path:
                suffix = Path(slot.image_path).suffix.lower() or ".jpg"
                image_targets[block] = _inside(out_dir, out_dir / "images" / f"{stem}-{number:02d}{suffix}")
        existing = [p for p in [*targets.values(), *image_targets.values()] if p.exists()]
        if existing and not force:
            names = ", ".join(p.name for p in existing[:5])
            raise InvalidRequest(f"{len(existing)} file(s) already exist in {out_dir} ({names}); use --force")

        with self.ctx.tx() as s:
            if override:
                OverrideRepo(s).add(
                    StoredOverride(article_id, meta.revision, actor, self.ctx.now(), override)
                )
                self.ctx.audit(
                    s,
                    actor,
                    "export.override",
                    f"article:{article_id}",
                    article_id=article_id,
                    after={"reason": override, "blocking": gate.describe()},
                )
            overrides = OverrideRepo(s).list(article_id)

        total = len(image_targets) + len(all_formats)
        done = 0
        warnings: list[str] = []
        images: list[ExportImage] = []
        written: list[Path] = []
        for block, target in image_targets.items():
            picture = article.blocks[block].image
            assert picture is not None
            assert picture.image_path
            warnings.extend(self._write_image(Path(picture.image_path), target, article, block))
            written.append(target)
            images.append(ExportImage(block, f"images/{target.name}", target.read_bytes()))
            done += 1
            if progress:
                progress(done, total)
        record = ReviewRecord(
            flags=tuple(flags),
            images=tuple(article.images),
            overrides=tuple(
                Override(o.actor, o.at, o.reason) for o in overrides if o.revision == meta.revision
            ),
            approved_by=meta.approved_by,
            approved_at=meta.approved_at,
            revision=meta.revision,
        )
        ctx = ExportContext(generated_at=meta.approved_at, images=tuple(images), record=record)
        for fmt in all_formats:
            try:
                data = export(fmt, article, ctx)
            except UserError:
                raise
            except Exception as exc:  # a failing renderer must not leave the desk guessing
                raise UserError(f"export to {fmt} failed: {exc.__class__.__name__}: {exc}") from exc
            write_atomically(targets[fmt], data)
            written.append(targets[fmt])
            done += 1
            if progress:
                progress(done, total)
        with self.ctx.tx() as s:
            ArticleRepo(s).lock(article_id)
            ArticleRepo(s).set_state(article_id, WorkflowState.EXPORTED, actor=actor, now=self.ctx.now())
            self.ctx.audit(
                s,
                actor,
                "export",
                f"article:{article_id}",
                article_id=article_id,
                after={
                    "formats": list(formats),
                    "folder": str(out_dir),
                    "revision": meta.revision,
                    "files": [p.name for p in written],
                    "override": override or "",
                },
            )
        return ExportResult(article_id, meta.revision, tuple(written), tuple(warnings), bool(override))

    @staticmethod
    def _write_image(src: Path, target: Path, article: Article, block: int) -> list[str]:
        """Copy the picture with the approved caption and credit embedded (pixels untouched)."""
        from editor_app.exporters.image_credits import embed_credits

        slot = article.blocks[block].image
        assert slot is not None
        credit = parse_credit(slot.credit)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=target.suffix, dir=target.parent)
        os.fchmod(fd, EXPORT_MODE)
        os.close(fd)
        try:
            warnings = embed_credits(
                src,
                Path(tmp),
                caption=slot.caption,
                credit=credit,
                creator=credit.creator or "",
                rights=slot.rights,
                source=credit.agency or credit.creator or "",
                usage_kind=credit.kind or "",
            )
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        number = [b for b, _ in article.images].index(block) + 1  # as the photo desk numbers images
        return [f"image {number}: {w}" for w in warnings]
