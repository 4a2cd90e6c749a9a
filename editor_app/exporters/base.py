"""The export contract: context, registry, and the parts every format shares.

An exporter is a pure function from an approved ``Article`` and an
``ExportContext`` to bytes. The context carries the only timestamp an export
may use (the approval time), so exporting the same revision twice gives the
same bytes. Gatekeeping, file names and writing files belong to the services.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO

from PIL import Image

from editor_app.domain import Article, Block, BlockType, Flag, ImageSlot, content_hash
from editor_app.errors import InvalidRequest
from editor_app.exporters.sanitize import clean_inline, safe_relative_url, safe_url
from editor_app.text.keywords import is_keyword_string


@dataclass(frozen=True)
class Override:
    """A desk decision to export despite the gate, kept for the review report."""

    actor: str
    at: datetime
    reason: str


@dataclass(frozen=True)
class ExportImage:
    """One picture as exported beside the text."""

    block: int
    file_name: str | None
    data: bytes | None


@dataclass(frozen=True)
class ReviewRecord:
    """What the review report tells: flags, image checks, overrides and the approval."""

    flags: tuple[Flag, ...]
    images: tuple[tuple[int, ImageSlot], ...]
    overrides: tuple[Override, ...]
    approved_by: str | None
    approved_at: datetime | None
    revision: int
    organisation: str = "editor_app desk"


@dataclass(frozen=True)
class ExportContext:
    """Everything an export needs besides the article.

    ``generated_at`` is the approval time and the only timestamp written.
    """

    generated_at: datetime
    images: tuple[ExportImage, ...] = ()
    record: ReviewRecord | None = None
    article_url: str | None = None

    def image_for(self, block: int) -> ExportImage | None:
        return next((image for image in self.images if image.block == block), None)

    def require_record(self, fmt: str) -> ReviewRecord:
        if self.record is None:
            raise InvalidRequest(f"{fmt}: the review report needs the review record of the approved revision")
        return self.record


Render = Callable[[Article, ExportContext], bytes]


@dataclass(frozen=True)
class Exporter:
    """One output format: its name, file extension, media type and renderer."""

    name: str
    extension: str
    media_type: str
    render: Render


FORMATS: dict[str, Exporter] = {}


def register(name: str, extension: str, media_type: str) -> Callable[[Render], Render]:
    """Decorator adding a renderer to ``FORMATS`` under ``name``."""

    def add(render: Render) -> Render:
        FORMATS[name] = Exporter(name, extension, media_type, render)
        return render

    return add


def _exporter(fmt: str) -> Exporter:
    try:
        return FORMATS[fmt]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise InvalidRequest(f"unknown export format {fmt!r}; known formats: {known}") from None


def export(fmt: str, article: Article, ctx: ExportContext) -> bytes:
    """Render ``article`` in format ``fmt``; the same inputs always give the same bytes."""
    return _exporter(fmt).render(article, ctx)


def extension(fmt: str) -> str:
    """File extension (with its dot) for ``fmt``; reports get compound ones so no two formats clash."""
    return _exporter(fmt).extension


# ---- shared views of the article, so every format drops and cleans the same things ----


@dataclass(frozen=True)
class Figure:
    """An image slot as readers see it: cleaned caption, credit and alt, and its file."""

    block: int
    caption: str
    credit: str
    alt: str
    rights: str
    src: str | None
    data: bytes | None


def figure(index: int, slot: ImageSlot, ctx: ExportContext) -> Figure:
    """The exported view of one image slot.

    Keyword alt strings are dropped (never shown as alt or caption); the caption
    is only ``slot.caption``.
    """
    alt = clean_inline(slot.alt)
    if is_keyword_string(alt):
        alt = ""
    image = ctx.image_for(index)
    return Figure(
        block=index,
        caption=clean_inline(slot.caption),
        credit=clean_inline(slot.credit),
        alt=alt,
        rights=clean_inline(slot.rights),
        src=safe_relative_url(image.file_name) if image else None,
        data=image.data if image else None,
    )


def exported_blocks(article: Article) -> list[tuple[int, Block]]:
    """Body blocks with their indexes, boilerplate left out."""
    return [(i, b) for i, b in enumerate(article.blocks) if b.type is not BlockType.BOILERPLATE]


def figures(article: Article, ctx: ExportContext) -> list[Figure]:
    return [figure(i, b.image, ctx) for i, b in exported_blocks(article) if b.image is not None]


_BY = re.compile(r"^\s*by\s+", re.IGNORECASE)


def authors(article: Article) -> list[str]:
    """Byline names, cleaned, without a leading "By"."""
    names = (_BY.sub("", clean_inline(name)) for name in article.bylines)
    return [name for name in names if name]


def byline(article: Article) -> str:
    """ "Sharon Renee", "A and B", "A, B and C"; empty when there is no byline."""
    names = authors(article)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


_CREDIT_PREFIX = re.compile(
    r"^\s*(ap\s+photos?|photo(graph)?s?|pictures?|images?|credits?|courtesy)\b", re.IGNORECASE
)


def credit_line(credit: str) -> str:
    """A credit as a labelled line for formats without a credit element ("Photo: X")."""
    if not credit or _CREDIT_PREFIX.match(credit):
        return credit
    return f"Photo: {credit}"


def utc(moment: datetime) -> datetime:
    """``moment`` in UTC; a naive time is taken to be UTC already (how the app stores times)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def iso_utc(moment: datetime) -> str:
    """ISO 8601 in UTC with a "Z", to the second: "2021-10-10T12:00:00Z"."""
    return utc(moment).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def iso_local(moment: datetime) -> str:
    """ISO 8601 as stored (a date alone when the time is midnight and no zone is known)."""
    if moment.tzinfo is None and moment.time() == datetime.min.time():
        return moment.date().isoformat()
    return moment.replace(microsecond=0).isoformat()


def human_date(moment: datetime) -> str:
    """ "10 October 2021", with the time when there is one: "10 October 2021, 14:05 UTC"."""
    day = f"{moment.day} {moment:%B %Y}"
    if moment.tzinfo is None and moment.time() == datetime.min.time():
        return day
    zone = moment.tzname() or ""
    return f"{day}, {moment:%H:%M}{' ' + zone if zone else ''}"


def dump_json(value: object, *, script_safe: bool = False) -> bytes:
    """Stable, readable JSON; ``script_safe`` also makes it safe inside an HTML ``<script>`` element."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    if script_safe:
        for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
            text = text.replace(char, escape)
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return (text + "\n").encode("utf-8")


def revision(article: Article, ctx: ExportContext) -> int:
    """The approved revision number (from the review record), at least 1."""
    number = ctx.record.revision if ctx.record is not None else article.version
    return max(1, number)


def item_uri(article: Article, ctx: ExportContext) -> str:
    """A stable identifier for the story: its web address, else a URN from its id or source."""
    if url := safe_url(ctx.article_url):
        return url
    if article.id is not None:
        key = f"article-{article.id}"
    else:
        key = (article.source_hash or content_hash(article.headline.encode("utf-8")))[:16]
    return f"urn:editor-app:{key}"


@dataclass(frozen=True)
class PictureInfo:
    media_type: str
    width: int
    height: int


_PIL_MEDIA = {
    "JPEG": "image/jpeg",
    "PNG": "image/png",
    "GIF": "image/gif",
    "WEBP": "image/webp",
    "TIFF": "image/tiff",
    "BMP": "image/bmp",
}


def picture_info(data: bytes | None) -> PictureInfo | None:
    """Media type and pixel size of image bytes, or None when Pillow cannot read them."""
    if not data:
        return None
    try:
        with Image.open(BytesIO(data)) as image:
            media = _PIL_MEDIA.get(image.format or "", Image.MIME.get(image.format or "", ""))
            return PictureInfo(media or "application/octet-stream", image.width, image.height)
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
