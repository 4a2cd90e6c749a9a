"""IPTC ninjs (News in JSON) export.

Field names follow ninjs 1.5 (``headline``, ``byline``, ``body_html``,
``body_text``, ``associations``), the version whose flat names the desk's
systems read; ninjs 2.x moved the same data into ``headlines``/``bodies``
arrays. Each picture is an association of type "picture" with its caption in
``description_text`` and its credit line in ``byline`` (ninjs 1.5 has no
separate credit field; ``by`` maps to NewsML-G2 ``by``).
"""

from __future__ import annotations

from editor_app.domain import Article, BlockType
from editor_app.exporters.base import (
    ExportContext,
    Figure,
    byline,
    dump_json,
    exported_blocks,
    figures,
    iso_utc,
    item_uri,
    picture_info,
    register,
    revision,
)
from editor_app.exporters.html import LANGUAGE, body_fragment
from editor_app.exporters.sanitize import clean_inline

STANDARD = {
    "name": "ninjs",
    "version": "1.5",
    "schema": "http://www.iptc.org/std/ninjs/ninjs-schema_1.5.json",
}


def body_text(article: Article) -> str:
    """The story's text blocks, one paragraph per line pair; pictures are associations."""
    texts = (
        clean_inline(block.text) for _, block in exported_blocks(article) if block.type is not BlockType.IMAGE
    )
    return "\n\n".join(text for text in texts if text)


def _association(uri: str, number: int, fig: Figure) -> dict[str, object]:
    picture: dict[str, object] = {
        "uri": f"{uri}#picture{number}",
        "type": "picture",
        "representationtype": "complete" if fig.src else "incomplete",
    }
    info = picture_info(fig.data)
    if info is not None:
        picture["mimetype"] = info.media_type
    if fig.caption:
        picture["description_text"] = fig.caption
    if fig.credit:
        picture["byline"] = fig.credit
    if fig.rights:
        picture["usageterms"] = fig.rights
    if fig.src:
        rendition: dict[str, object] = {"href": fig.src}
        if info is not None:
            rendition.update(mimetype=info.media_type, width=info.width, height=info.height)
        if fig.data:
            rendition["sizeinbytes"] = len(fig.data)
        picture["renditions"] = {"original": rendition}
    return picture


@register("ninjs", ".json", "application/json")
def export_ninjs(article: Article, ctx: ExportContext) -> bytes:
    uri = item_uri(article, ctx)
    text = body_text(article)
    item: dict[str, object] = {
        "$standard": STANDARD,
        "uri": uri,
        "type": "text",
        "mimetype": "text/html",
        "representationtype": "complete",
        "version": str(revision(article, ctx)),
    }
    if article.published is not None:
        item["firstcreated"] = iso_utc(article.published)
    item["versioncreated"] = iso_utc(ctx.generated_at)
    item["pubstatus"] = "usable"
    item["language"] = LANGUAGE
    item["headline"] = clean_inline(article.headline)
    if names := byline(article):
        item["byline"] = names
    item["wordcount"] = len(text.split())
    item["body_html"] = body_fragment(article, ctx)
    item["body_text"] = text
    pictures = figures(article, ctx)
    if pictures:
        item["associations"] = {
            f"picture{number}": _association(uri, number, fig) for number, fig in enumerate(pictures, start=1)
        }
    return dump_json(item)
