"""Word (.docx) articles, read with python-docx after the package itself has been checked.

A DOCX is a zip of XML parts, so before python-docx sees it the zip is
checked with ``zipfile``: entry count, declared unpacked size (zip bombs),
encryption, and every XML part for a DTD (external entities, entity
expansion). Only then is the document opened.

Styles give the structure: Title or the first Heading 1 is the headline (else
the first paragraph), Heading 2 and below are subheadings, Quote and Intense
Quote are quotes. A picture becomes an image slot whose alt text is the
drawing's description; a Caption-style paragraph after it is its caption and
a credit-shaped line its credit. Text inside content controls and tracked
insertions is read; deletions, footnotes and comments are not article text.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

import docx
from docx.document import Document as DocxDocument
from docx.opc.exceptions import OpcError
from lxml import etree

from editor_app.domain import Article, BlockType
from editor_app.errors import ImportRejected
from editor_app.importers.builder import ArticleBuilder
from editor_app.importers.decoding import normalise_inline
from editor_app.text.credits import looks_like_credit

MiB = 1024 * 1024
# Declared unpacked size of all parts together; more than this is a zip bomb, not an article.
MAX_DOCX_UNPACKED_BYTES = 200 * MiB
# A part that unpacks to more than this many times its packed size (and is big) is a bomb.
MAX_COMPRESSION_RATIO = 200
MAX_DOCX_ENTRIES = 2000

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = {
    "w": _W,
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "v": "urn:schemas-microsoft-com:vml",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
}
_OUTSIDE_TEXT = "not(ancestor::w:drawing) and not(ancestor::w:pict) and not(ancestor::mc:Fallback)"
_TEXT_NODES = etree.XPath(
    f".//w:t[{_OUTSIDE_TEXT} and not(ancestor::w:del) and not(ancestor::w:moveFrom)]"
    f" | .//w:tab[{_OUTSIDE_TEXT} and not(ancestor::w:pPr)]"
    f" | .//w:br[{_OUTSIDE_TEXT}] | .//w:cr[{_OUTSIDE_TEXT}] | .//w:noBreakHyphen[{_OUTSIDE_TEXT}]",
    namespaces=_NS,
)
_PICTURES = etree.XPath(
    ".//w:drawing[not(ancestor::mc:Fallback)][.//a:blip]"
    " | .//w:pict[not(ancestor::mc:Fallback)][.//v:imagedata]",
    namespaces=_NS,
)
_DOC_PR = etree.XPath(".//wp:docPr", namespaces=_NS)
_VML_SHAPE = etree.XPath(".//v:shape", namespaces=_NS)
_ROWS = etree.XPath("./w:tr", namespaces=_NS)
_CELLS = etree.XPath("./w:tc", namespaces=_NS)
_CELL_PARAGRAPHS = etree.XPath(".//w:p", namespaces=_NS)
_HEADING = re.compile(r"^heading ([1-9])$")
_STYLE_NAME = etree.XPath("string(./w:name/@w:val)", namespaces=_NS)
_STYLE_BASE = etree.XPath("string(./w:basedOn/@w:val)", namespaces=_NS)
_NUMBERED = etree.XPath("boolean(./w:pPr/w:numPr)", namespaces=_NS)
_STYLE_ID = etree.XPath("string(./w:pPr/w:pStyle/@w:val)", namespaces=_NS)
# What unpacking a damaged zip entry raises: bad CRC, bad deflate stream, unknown compression method.
_UNPACK_ERRORS = (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError)
# What python-docx raises on a package that is a valid zip but not a valid Word document.
_PACKAGE_ERRORS = (OpcError, KeyError, etree.XMLSyntaxError, *_UNPACK_ERRORS)
_CONTAINERS = {f"{{{_W}}}{name}" for name in ("sdt", "sdtContent", "customXml", "ins", "smartTag")}


def parse(data: bytes, name: str) -> Article:
    check_package(data, name)
    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
    except _PACKAGE_ERRORS as exc:
        raise ImportRejected(name, f"is not a readable Word document ({_describe(exc)})") from None
    return _read_body(body, _style_chains(document))


def check_package(data: bytes, name: str) -> None:
    """Refuse a package that is not a safe zip of well-formed, DTD-free XML parts."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.LargeZipFile, *_UNPACK_ERRORS) as exc:  # NotImplementedError: "zip file version 6.4"
        raise ImportRejected(
            name, f"is not a valid Word document: not a readable zip archive ({exc})"
        ) from None
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_DOCX_ENTRIES:
            raise ImportRejected(
                name, f"has {len(entries):,} parts (limit {MAX_DOCX_ENTRIES:,}); not a document"
            )
        total = sum(e.file_size for e in entries)
        if total > MAX_DOCX_UNPACKED_BYTES:
            raise ImportRejected(
                name,
                f"would unpack to {total / MiB:,.0f} MB (limit {MAX_DOCX_UNPACKED_BYTES / MiB:,.0f} MB); "
                "refused as a possible zip bomb",
            )
        for entry in entries:
            if entry.flag_bits & 0x1:
                raise ImportRejected(name, "is encrypted; remove the password in Word and save again")
            if entry.file_size > MiB and entry.file_size > MAX_COMPRESSION_RATIO * max(
                entry.compress_size, 1
            ):
                raise ImportRejected(
                    name,
                    f"part {entry.filename} is compressed {entry.file_size // max(entry.compress_size, 1):,}"
                    " to 1; refused as a possible zip bomb",
                )
        names = {e.filename for e in entries}
        if "[Content_Types].xml" not in names:
            raise ImportRejected(name, "is a zip archive but not a Word document (no [Content_Types].xml)")
        for entry in entries:
            if entry.filename.lower().endswith((".xml", ".rels")):
                _check_xml_part(archive, entry, name)


def _check_xml_part(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, name: str) -> None:
    try:
        blob = archive.read(entry)
    except _UNPACK_ERRORS as exc:
        raise ImportRejected(name, f"part {entry.filename} cannot be unpacked ({exc})") from None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        tree = etree.fromstring(blob, parser).getroottree()
    except etree.XMLSyntaxError as exc:
        raise ImportRejected(name, f"part {entry.filename} is not well-formed XML ({exc})") from None
    info = tree.docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
        raise ImportRejected(
            name,
            f"part {entry.filename} declares a DTD (entities are not allowed in Word documents); refused",
        )


def _style_chains(document: DocxDocument) -> dict[str, list[str]]:
    """Paragraph style id -> lower-case names of the style and the styles it is based on.

    Read straight from styles.xml (one pass, dictionary lookups): python-docx's per-style
    objects search the whole styles part for every ``base_style``.
    """
    names: dict[str, str] = {}
    bases: dict[str, str] = {}
    for style in document.styles.element.iterchildren(f"{{{_W}}}style"):
        style_id = style.get(f"{{{_W}}}styleId")
        if not style_id:
            continue
        names[style_id] = str(_STYLE_NAME(style)).lower()
        base = str(_STYLE_BASE(style))
        if base:
            bases[style_id] = base
    chains: dict[str, list[str]] = {}
    for style_id in names:
        chain: list[str] = []
        current: str | None = style_id
        while current is not None and current in names and len(chain) < 10:
            chain.append(names[current])
            current = bases.get(current)
        chains[style_id] = chain
    return chains


def _read_body(body: etree._Element, styles: dict[str, list[str]]) -> Article:
    builder = ArticleBuilder()
    elements = _body_elements(body)
    paragraphs = [e for e in elements if e.tag == f"{{{_W}}}p"]
    styled_headline = any(_kind(p, styles) in ("title", "h1") for p in paragraphs)
    for element in elements:
        if element.tag == f"{{{_W}}}tbl":
            _read_table(element, builder)
        else:
            _read_paragraph(element, styles, builder, styled_headline)
    return builder.build()


def _body_elements(body: etree._Element) -> list[etree._Element]:
    """Paragraphs and tables in reading order, looking inside content controls (without recursion)."""
    found: list[etree._Element] = []
    stack = list(reversed(list(body)))
    while stack:
        element = stack.pop()
        if element.tag in (f"{{{_W}}}p", f"{{{_W}}}tbl"):
            found.append(element)
        elif element.tag in _CONTAINERS:
            stack.extend(reversed(list(element)))
    return found


def _kind(paragraph: etree._Element, styles: dict[str, list[str]]) -> str:
    """title, h1..h9, quote, caption, list or body, from the paragraph style and the styles it is based on."""
    style_id = str(_STYLE_ID(paragraph))
    for style in styles.get(style_id, [style_id.lower()]):
        if style == "title":
            return "title"
        heading = _HEADING.match(style)
        if heading:
            return f"h{heading.group(1)}"
        if style in ("quote", "intense quote"):
            return "quote"
        if style == "caption":
            return "caption"
        if style.startswith("list"):
            return "list"
    if _NUMBERED(paragraph):
        return "list"
    return "body"


def _read_paragraph(
    paragraph: etree._Element, styles: dict[str, list[str]], builder: ArticleBuilder, styled_headline: bool
) -> None:
    for picture in _PICTURES(paragraph):
        builder.add_image(alt=_picture_alt(picture))
    lines = [normalise_inline(line) for line in _paragraph_text(paragraph).split("\n")]
    lines = [line for line in lines if line]
    if not lines:
        return
    text = " ".join(lines)
    kind = _kind(paragraph, styles)
    if kind == "caption" and builder.attach_to_image(text, caption_style=True):
        return
    if builder.open_image() is not None and looks_like_credit(text) and builder.attach_to_image(text):
        return
    if builder.headline is None and (kind in ("title", "h1") or (not styled_headline and kind == "body")):
        builder.set_headline(text)
    elif kind in ("title",) or kind.startswith("h"):
        builder.add(BlockType.SUBHEADING, text)
    elif kind == "quote":
        builder.add(BlockType.QUOTE, text)
    else:
        while lines and builder.take_meta_line(lines[0]):
            lines.pop(0)
        builder.add(BlockType.PARAGRAPH, " ".join(lines))


def _paragraph_text(paragraph: etree._Element) -> str:
    parts: list[str] = []
    for node in _TEXT_NODES(paragraph):
        local = etree.QName(node).localname
        if local == "t":
            parts.append(node.text or "")
        elif local == "tab":
            parts.append(" ")
        elif local == "noBreakHyphen":
            parts.append("-")
        else:
            parts.append("\n")
    return "".join(parts)


def _picture_alt(picture: etree._Element) -> str:
    for props in _DOC_PR(picture):
        alt = props.get("descr") or props.get("title") or ""
        if alt.strip():
            return normalise_inline(alt)
    for shape in _VML_SHAPE(picture):
        alt = shape.get("alt") or ""
        if alt.strip():
            return normalise_inline(alt)
    return ""


def _read_table(table: etree._Element, builder: ArticleBuilder) -> None:
    """Each table row becomes one paragraph, cells separated by " | "."""
    for row in _ROWS(table):
        cells = []
        for cell in _CELLS(row):
            text = " ".join(normalise_inline(_paragraph_text(p)) for p in _CELL_PARAGRAPHS(cell))
            if text.strip():
                cells.append(text.strip())
        if cells:
            builder.add(BlockType.PARAGRAPH, " | ".join(cells))


def _describe(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 200 else text[:200] + "…"
