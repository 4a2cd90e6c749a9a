"""Word (.docx) export with python-docx: headline, byline, paragraphs, pictures with captions and credits.

python-docx stamps the save time into the zip entries; the package is
rewritten with every entry dated at the approval time, in a fixed order, so
two exports of one revision are byte-identical.
"""

from __future__ import annotations

import zipfile
from io import BytesIO

import docx
from docx.document import Document as DocxDocument
from docx.image.exceptions import UnrecognizedImageError
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.shared import Inches
from PIL import Image

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
    revision,
    utc,
)
from editor_app.exporters.html import LANGUAGE
from editor_app.exporters.sanitize import clean_inline

MAX_PICTURE_WIDTH = Inches(6)
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def _add_picture(document: DocxDocument, fig: Figure) -> None:
    if not fig.data:
        return
    try:
        shape = document.add_picture(BytesIO(fig.data))
    except UnrecognizedImageError:
        # Word reads JPEG/PNG/GIF/BMP/TIFF; anything else Pillow can open goes in as PNG.
        try:
            with Image.open(BytesIO(fig.data)) as image:
                png = BytesIO()
                image.save(png, format="PNG")
        except (OSError, ValueError):
            return
        shape = document.add_picture(BytesIO(png.getvalue()))
    if shape.width > MAX_PICTURE_WIDTH:
        shape.height = int(shape.height * MAX_PICTURE_WIDTH / shape.width)
        shape.width = MAX_PICTURE_WIDTH
    shape._inline.docPr.set("descr", fig.alt)


def _add_figure(document: DocxDocument, fig: Figure) -> None:
    _add_picture(document, fig)
    if fig.caption:
        document.add_paragraph(fig.caption, style="Caption")
    if fig.credit:
        credit = document.add_paragraph(style="Caption")
        credit.add_run(credit_line(fig.credit)).italic = True


def _drop_thumbnail(document: DocxDocument) -> None:
    """The stock template carries a thumbnail of another document; it must not ship."""
    rels = document.part.package.rels
    for key in [key for key, rel in rels.items() if rel.reltype == RT.THUMBNAIL]:
        del rels[key]


def _build(article: Article, ctx: ExportContext) -> DocxDocument:
    document = docx.Document()
    _drop_thumbnail(document)
    headline = clean_inline(article.headline)
    names = byline(article)
    approved = utc(ctx.generated_at).replace(tzinfo=None, microsecond=0)
    props = document.core_properties
    props.title = headline
    props.author = names
    props.last_modified_by = (ctx.record.approved_by or "") if ctx.record else ""
    props.comments = ""
    props.subject = ""
    props.keywords = ""
    props.category = ""
    props.language = LANGUAGE
    props.revision = revision(article, ctx)
    props.created = approved
    props.modified = approved

    document.add_heading(headline, level=0)
    if names:
        document.add_paragraph().add_run(f"By {names}").bold = True
    for label, moment in (("Published", article.published), ("Updated", article.updated)):
        if moment is not None:
            document.add_paragraph().add_run(f"{label} {human_date(moment)}").italic = True
    for index, block in exported_blocks(article):
        if block.type is BlockType.IMAGE:
            if block.image is not None:
                _add_figure(document, figure(index, block.image, ctx))
            continue
        text = clean_inline(block.text)
        if not text:
            continue
        if block.type is BlockType.SUBHEADING:
            document.add_heading(text, level=2)
        elif block.type is BlockType.QUOTE:
            document.add_paragraph(text, style="Quote")
        else:
            document.add_paragraph(text)
    return document


def _zip_time(ctx: ExportContext) -> tuple[int, int, int, int, int, int]:
    moment = utc(ctx.generated_at)
    stamp = (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)
    return max(stamp, _ZIP_EPOCH)


def _restamp(package: bytes, date_time: tuple[int, int, int, int, int, int]) -> bytes:
    """The same zip with fixed entry times and attributes: "[Content_Types].xml" first, then by name."""
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(package)) as source, zipfile.ZipFile(out, "w") as target:
        names = sorted(source.namelist(), key=lambda name: (name != "[Content_Types].xml", name))
        for name in names:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, source.read(name))
    return out.getvalue()


@register("docx", ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
def export_docx(article: Article, ctx: ExportContext) -> bytes:
    buffer = BytesIO()
    _build(article, ctx).save(buffer)
    return _restamp(buffer.getvalue(), _zip_time(ctx))
