"""PDF export with Qt's QTextDocument and QPdfWriter: typeset text that stays selectable.

Qt stamps the current time into the PDF's Info dictionary and generates a
random document id and XMP packet. We give it a document id derived from the
story and our own XMP packet dated at the approval time, then overwrite the two
Info dates in place (same byte length, so the xref offsets stay valid): the
same approved revision always gives the same bytes.

Qt needs a ``QGuiApplication`` for fonts; one is created (offscreen when there
is no display) if the process has none. Call from the thread that owns it.
"""

from __future__ import annotations

import os
import re
import uuid
from datetime import datetime
from typing import TYPE_CHECKING

import lxml.html
from lxml import etree
from lxml.etree import _Element
from lxml.html import builder as E

from editor_app.domain import Article, BlockType
from editor_app.errors import InternalError
from editor_app.exporters.base import (
    ExportContext,
    Figure,
    authors,
    byline,
    credit_line,
    exported_blocks,
    figure,
    human_date,
    item_uri,
    picture_info,
    register,
    revision,
    utc,
)
from editor_app.exporters.html import LANGUAGE
from editor_app.exporters.sanitize import clean_inline

if TYPE_CHECKING:
    from PySide6.QtGui import QGuiApplication, QTextDocument

FONT_FAMILY = "DejaVu Serif"
FONT_POINTS = 11
PICTURE_MAX_WIDTH = 600  # layout pixels: the text width of an A4 page at Qt's default print margins
PRINT_MAX_PIXELS = 1400  # about 200 dpi across that column: sharp in print, not megabytes per photo
STYLE_SHEET = """
h1 { font-size: 20pt; font-weight: bold; }
h2 { font-size: 14pt; font-weight: bold; }
p.byline { font-weight: bold; }
p.dates { font-style: italic; color: #444444; }
span.caption { font-size: 9pt; }
span.credit { font-size: 8pt; font-style: italic; color: #444444; }
blockquote { font-style: italic; }
"""
_INFO_DATE = re.compile(rb"/(CreationDate|ModDate) \((D:[0-9]{14}[^)]{0,8})\)")
_application: QGuiApplication | None = None


def _ensure_gui() -> None:
    """Qt's text layout needs a QGuiApplication; make an offscreen one when the process has none."""
    global _application
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QGuiApplication

    existing = QCoreApplication.instance()
    if existing is None:
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        # A QApplication (not a bare QGuiApplication), so the desktop window can
        # still be opened later in the same process, as the CLI and tests may.
        from PySide6.QtWidgets import QApplication

        _application = QApplication(["editor_app-pdf"])
    elif not isinstance(existing, QGuiApplication):
        raise InternalError("PDF export needs a QGuiApplication, but the process runs a QCoreApplication")


def _resource(fig: Figure) -> str:
    return f"picture-{fig.block}"


def _figure_element(fig: Figure) -> _Element | None:
    """One centred paragraph: picture, caption, credit. One paragraph, so it never splits over pages."""
    parts: list[str | _Element] = []
    info = picture_info(fig.data)
    if info is not None:
        width = min(info.width, PICTURE_MAX_WIDTH)
        height = round(info.height * width / info.width)
        parts.append(
            E.IMG({"src": _resource(fig), "width": str(width), "height": str(height), "alt": fig.alt})
        )
    for text, element in ((fig.caption, E.SPAN), (credit_line(fig.credit), E.SPAN)):
        if not text:
            continue
        if parts:
            parts.append(E.BR())
        parts.append(element({"class": "caption" if text == fig.caption else "credit"}, text))
    return E.P({"class": "figure", "align": "center"}, *parts) if parts else None


def qt_html(article: Article, ctx: ExportContext) -> tuple[str, list[Figure]]:
    """The article in the HTML subset QTextDocument renders, and the figures whose images it needs."""
    body: list[_Element] = [E.H1(clean_inline(article.headline))]
    if names := byline(article):
        body.append(E.P({"class": "byline"}, f"By {names}"))
    dates = [
        f"{label} {human_date(moment)}"
        for label, moment in (("Published", article.published), ("Updated", article.updated))
        if moment is not None
    ]
    if dates:
        body.append(E.P({"class": "dates"}, " · ".join(dates)))
    pictures: list[Figure] = []
    for index, block in exported_blocks(article):
        if block.type is BlockType.IMAGE:
            if block.image is not None:
                fig = figure(index, block.image, ctx)
                pictures.append(fig)
                if (element := _figure_element(fig)) is not None:
                    body.append(element)
            continue
        text = clean_inline(block.text)
        if not text:
            continue
        if block.type is BlockType.SUBHEADING:
            body.append(E.H2(text))
        elif block.type is BlockType.QUOTE:
            body.append(E.BLOCKQUOTE(text))
        else:
            body.append(E.P(text))
    document = E.HTML(E.BODY(*body))
    return lxml.html.tostring(document, encoding="unicode", method="html"), pictures


def _xmp(article: Article, ctx: ExportContext, document_id: uuid.UUID) -> bytes:
    """Our own XMP packet: Qt's would carry the current time and a random id."""
    rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    ns = {
        "x": "adobe:ns:meta/",
        "rdf": rdf,
        "dc": "http://purl.org/dc/elements/1.1/",
        "xmp": "http://ns.adobe.com/xap/1.0/",
        "xmpMM": "http://ns.adobe.com/xap/1.0/mm/",
        "pdf": "http://ns.adobe.com/pdf/1.3/",
    }

    def q(prefix: str, name: str) -> str:
        return f"{{{ns[prefix]}}}{name}"

    stamp = utc(ctx.generated_at).replace(microsecond=0).isoformat()
    meta = etree.Element(q("x", "xmpmeta"), nsmap=ns)
    description = etree.SubElement(etree.SubElement(meta, q("rdf", "RDF")), q("rdf", "Description"))
    description.set(q("rdf", "about"), "")
    title = etree.SubElement(etree.SubElement(description, q("dc", "title")), q("rdf", "Alt"))
    item = etree.SubElement(title, q("rdf", "li"))
    item.set("{http://www.w3.org/XML/1998/namespace}lang", "x-default")
    item.text = clean_inline(article.headline)
    names = authors(article)
    if names:
        creators = etree.SubElement(etree.SubElement(description, q("dc", "creator")), q("rdf", "Seq"))
        for name in names:
            etree.SubElement(creators, q("rdf", "li")).text = name
    etree.SubElement(description, q("dc", "language")).text = LANGUAGE
    for name in ("CreateDate", "ModifyDate", "MetadataDate"):
        etree.SubElement(description, q("xmp", name)).text = stamp
    etree.SubElement(description, q("xmp", "CreatorTool")).text = "editor_app"
    etree.SubElement(description, q("xmpMM", "DocumentID")).text = f"uuid:{document_id}"
    etree.SubElement(description, q("xmpMM", "VersionID")).text = str(revision(article, ctx))
    etree.SubElement(description, q("pdf", "Producer")).text = "editor_app (Qt PDF)"
    packet = etree.tostring(meta, encoding="utf-8")
    return b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>' + packet + b'<?xpacket end="w"?>'


def _fix_info_dates(pdf: bytes, moment: datetime) -> bytes:
    """Put the approval time into /CreationDate and /ModDate without moving a byte."""
    stamp = utc(moment).strftime("D:%Y%m%d%H%M%S")

    def replace(match: re.Match[bytes]) -> bytes:
        old = match.group(2)
        new = (stamp + "Z").encode("ascii")
        if len(new) > len(old):
            new = stamp.encode("ascii")
        return b"/" + match.group(1) + b" (" + new + b")" + b" " * (len(old) - len(new))

    return _INFO_DATE.sub(replace, pdf)


def _keep_figures_whole(doc: QTextDocument) -> None:
    """Mark paragraphs holding a picture unbreakable, so a caption never lands on the next page."""
    from PySide6.QtGui import QTextBlockFormat, QTextCursor

    unbreakable = QTextBlockFormat()
    unbreakable.setNonBreakableLines(True)
    block = doc.begin()
    while block.isValid():
        if "\ufffc" in block.text():  # the object replacement character stands for an image
            QTextCursor(block).mergeBlockFormat(unbreakable)
        block = block.next()


def document_id(article: Article, ctx: ExportContext) -> uuid.UUID:
    """A UUID fixed by the story and its approved revision."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"{item_uri(article, ctx)}#revision-{revision(article, ctx)}")


@register("pdf", ".pdf", "application/pdf")
def export_pdf(article: Article, ctx: ExportContext) -> bytes:
    _ensure_gui()
    from PySide6.QtCore import QHashSeed

    # The PDF engine writes its fonts in QHash order, which follows a per-process random seed.
    QHashSeed.setDeterministicGlobalSeed()
    try:
        return _render(article, ctx)
    finally:
        QHashSeed.resetRandomGlobalSeed()


def _render(article: Article, ctx: ExportContext) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, QUrl, QUuid
    from PySide6.QtGui import QFont, QImage, QPageSize, QPdfWriter, QTextDocument

    markup, pictures = qt_html(article, ctx)
    font = QFont(FONT_FAMILY, FONT_POINTS)
    # Ligatures would turn "Office" into "O\ufb03ce" for anyone searching or copying the text.
    for feature in ("liga", "clig", "dlig"):
        font.setFeature(QFont.Tag(feature), 0)
    doc = QTextDocument()
    doc.setDefaultFont(font)
    doc.setDefaultStyleSheet(STYLE_SHEET)
    for fig in pictures:
        if fig.data:
            image = QImage.fromData(fig.data)
            if image.width() > PRINT_MAX_PIXELS:
                image = image.scaledToWidth(PRINT_MAX_PIXELS, Qt.TransformationMode.SmoothTransformation)
            if not image.isNull():
                doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(_resource(fig)), image)
    doc.setHtml(markup)
    _keep_figures_whole(doc)
    doc.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, clean_inline(article.headline))

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    ident = document_id(article, ctx)
    writer.setTitle(clean_inline(article.headline))
    writer.setAuthor(byline(article))
    writer.setCreator("editor_app")
    writer.setDocumentId(QUuid(str(ident)))
    writer.setDocumentXmpMetadata(QByteArray(_xmp(article, ctx, ident)))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    doc.print_(writer)
    del writer  # finishes the PDF into the buffer
    buffer.close()
    return _fix_info_dates(bytes(data.data()), ctx.generated_at)
