"""Plain-text export: what a reader sees, one paragraph per line, markup reduced to text."""

from __future__ import annotations

from editor_app.domain import Article, BlockType
from editor_app.exporters.base import (
    ExportContext,
    byline,
    credit_line,
    exported_blocks,
    figure,
    human_date,
    register,
)
from editor_app.exporters.sanitize import clean_inline


@register("txt", ".txt", "text/plain")
def export_plaintext(article: Article, ctx: ExportContext) -> bytes:
    headline = clean_inline(article.headline)
    parts = [headline]
    meta: list[str] = []
    if names := byline(article):
        meta.append(f"By {names}")
    for label, moment in (("Published", article.published), ("Updated", article.updated)):
        if moment is not None:
            meta.append(f"{label} {human_date(moment)}")
    if meta:
        parts.append("\n".join(meta))
    for index, block in exported_blocks(article):
        if block.type is BlockType.IMAGE:
            if block.image is None:
                continue
            fig = figure(index, block.image, ctx)
            lines = [f"[Picture: {fig.src}]" if fig.src else "[Picture]"]
            lines += [line for line in (fig.caption, credit_line(fig.credit)) if line]
            parts.append("\n".join(lines))
            continue
        text = clean_inline(block.text)
        if not text:
            continue
        if block.type is BlockType.QUOTE:
            parts.append(f"    {text}")
        else:
            parts.append(text)
    return ("\n\n".join(parts) + "\n").encode("utf-8")
