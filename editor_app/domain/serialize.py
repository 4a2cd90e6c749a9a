"""Article <-> plain dict, the one JSON shape used for revisions, the CLI and exports.

``article_to_dict`` omits keys that do not apply to a block (the documented
``editor-app show --format json`` shape); ``article_from_dict`` reads it back.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from editor_app.domain.article import Article, Block, BlockType, ImageSlot
from editor_app.domain.images import CreditStatus


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _parse(value: object) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) and value else None


def block_to_dict(block: Block, *, full: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {"type": block.type.value}
    if block.image is None:
        out["text"] = block.text
        return out
    slot = block.image
    out.update(alt=slot.alt, caption=slot.caption, credit=slot.credit)
    if full or slot.image_path:
        out["image_path"] = slot.image_path
        out["image_hash"] = slot.image_hash
    if full or slot.rights:
        out["rights"] = slot.rights
    if full:
        out.update(
            status=slot.status.value,
            verified_by=slot.verified_by,
            verified_at=_iso(slot.verified_at),
            note=slot.note,
        )
    return out


def article_to_dict(article: Article, *, full: bool = False) -> dict[str, Any]:
    """The documented JSON shape; ``full`` adds the source and slot review fields."""
    out: dict[str, Any] = {
        "id": article.id,
        "headline": article.headline,
        "bylines": list(article.bylines),
        "published": _iso(article.published),
        "updated": _iso(article.updated),
        "blocks": [block_to_dict(b, full=full) for b in article.blocks],
    }
    if full:
        out.update(
            source_name=article.source_name,
            source_hash=article.source_hash,
            source_format=article.source_format,
        )
    return out


def block_from_dict(data: dict[str, Any]) -> Block:
    kind = BlockType(data["type"])
    if kind is not BlockType.IMAGE:
        return Block(kind, str(data.get("text", "")))
    slot = ImageSlot(
        alt=str(data.get("alt", "")),
        caption=str(data.get("caption", "")),
        credit=str(data.get("credit", "")),
        image_path=data.get("image_path"),
        image_hash=data.get("image_hash"),
        rights=str(data.get("rights", "")),
        status=CreditStatus(data.get("status", CreditStatus.UNVERIFIED.value)),
        verified_by=data.get("verified_by"),
        verified_at=_parse(data.get("verified_at")),
        note=str(data.get("note", "")),
    )
    return Block(kind, "", slot)


def article_from_dict(data: dict[str, Any]) -> Article:
    return Article(
        headline=str(data.get("headline", "")),
        bylines=[str(b) for b in data.get("bylines", [])],
        published=_parse(data.get("published")),
        updated=_parse(data.get("updated")),
        blocks=[block_from_dict(b) for b in data.get("blocks", [])],
        source_name=data.get("source_name"),
        source_hash=data.get("source_hash"),
        source_format=data.get("source_format"),
        id=data.get("id"),
    )
