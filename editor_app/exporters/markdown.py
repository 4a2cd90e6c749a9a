"""CommonMark export.

Every text run is escaped so nothing in it can become markup: no raw HTML, no
link or image syntax, no line-start construct (heading, list, quote, code).
Image file names are percent-encoded relative paths.
"""

from __future__ import annotations

import re

from editor_app.domain import Article, BlockType
from editor_app.exporters.base import (
    ExportContext,
    Figure,
    byline,
    credit_line,
    exported_blocks,
    figure,
    human_date,
    register,
)
from editor_app.exporters.sanitize import clean_inline

# Inline punctuation CommonMark (and GFM tables/strikethrough) could read as syntax.
_INLINE = re.compile(r"([\\`*_\[\]<>&|~])")
# Constructs that only count at the start of a line.
_LINE_START = re.compile(r"^([#>+=-])")
_ORDERED = re.compile(r"^(\d+)([.)])")
_HARD_BREAK = "  \n"


def escape(text: str) -> str:
    """``text`` as literal Markdown text (already folded to one line)."""
    escaped = _INLINE.sub(r"\\\1", text)
    escaped = _ORDERED.sub(r"\1\\\2", escaped)
    return _LINE_START.sub(r"\\\1", escaped)


def _figure(fig: Figure) -> str:
    lines: list[str] = []
    if fig.src is not None:
        lines.append(f"![{escape(fig.alt)}]({fig.src})")
    text: list[str] = []
    if fig.caption:
        text.append(f"*{escape(fig.caption)}*")
    if fig.credit:
        text.append(escape(credit_line(fig.credit)))
    if text:
        if lines:
            lines.append("")
        lines.append(_HARD_BREAK.join(text))
    return "\n".join(lines)


@register("md", ".md", "text/markdown")
def export_markdown(article: Article, ctx: ExportContext) -> bytes:
    parts = [f"# {escape(clean_inline(article.headline))}"]
    meta: list[str] = []
    if names := byline(article):
        meta.append(f"*By {escape(names)}*")
    for label, moment in (("Published", article.published), ("Updated", article.updated)):
        if moment is not None:
            meta.append(f"*{label} {escape(human_date(moment))}*")
    if meta:
        parts.append(_HARD_BREAK.join(meta))
    for index, block in exported_blocks(article):
        if block.type is BlockType.IMAGE:
            if block.image is not None and (rendered := _figure(figure(index, block.image, ctx))):
                parts.append(rendered)
            continue
        text = clean_inline(block.text)
        if not text:
            continue
        if block.type is BlockType.SUBHEADING:
            parts.append(f"## {escape(text)}")
        elif block.type is BlockType.QUOTE:
            parts.append(f"> {escape(text)}")
        else:
            parts.append(escape(text))
    return ("\n\n".join(parts) + "\n").encode("utf-8")
