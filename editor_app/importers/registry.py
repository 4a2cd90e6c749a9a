"""Which importer reads a file: content sniffing first, then the file name's extension.

Binary signatures decide before the name does (a Word file renamed ``.txt`` is
still read as Word; a PDF is refused whatever it is called). Among text
formats the extension decides, except that a complete HTML document is read
as HTML even when saved as ``.txt``; a name without an extension is sniffed.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from pathlib import PurePath

from editor_app.domain import Article
from editor_app.errors import ImportRejected

MiB = 1024 * 1024
# Largest text file (plain, Markdown, HTML) we read: far above any article, small enough to parse quickly.
MAX_TEXT_BYTES = 20 * MiB
# Largest Markdown file: markdown-it-py reads about 0.5 MB/s, so this bounds an import to ~10 s.
MAX_MARKDOWN_BYTES = 5 * MiB
# Largest Word file; pictures make DOCX files bigger than their text.
MAX_DOCX_BYTES = 50 * MiB
# Bytes read from the start of a file to decide its format.
SNIFF_BYTES = 4096


@dataclass(frozen=True)
class Format:
    """One importable format. Its parser module is imported on first use, so that importing
    ``editor_app.importers`` does not load lxml, markdown-it and python-docx up front."""

    name: str
    extensions: tuple[str, ...]
    max_bytes: int
    module: str

    def parse(self, data: bytes, name: str) -> Article:
        parser: Callable[[bytes, str], Article] = import_module(f"editor_app.importers.{self.module}").parse
        return parser(data, name)


TEXT = Format("text", (".txt", ".text"), MAX_TEXT_BYTES, "plaintext")
MARKDOWN = Format("markdown", (".md", ".markdown", ".mdown", ".mkd"), MAX_MARKDOWN_BYTES, "markdown")
HTML = Format("html", (".html", ".htm", ".xhtml"), MAX_TEXT_BYTES, "html")
DOCX = Format("docx", (".docx",), MAX_DOCX_BYTES, "docx")
FORMATS: tuple[Format, ...] = (TEXT, MARKDOWN, HTML, DOCX)
SUPPORTED_EXTENSIONS: tuple[str, ...] = tuple(ext for f in FORMATS for ext in f.extensions)
MAX_FILE_BYTES = max(f.max_bytes for f in FORMATS)

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_REFUSED_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "an old-style Word .doc (or a password-protected) file; save it as .docx",
    ),
    (b"{\\rtf", "an RTF document; save it as .docx"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "a program, not a document"),
)
_HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S
)
_HTML_TAGS = re.compile(r"<(?:head|body|article|main|title)[\s>]", re.I)
_MARKDOWN = re.compile(r"^(?:#{1,6}\s+\S|!\[[^\]\n]*\]\(|>\s+\S|\s{0,3}[-*]\s+\S.*\n\s{0,3}[-*]\s+\S)", re.M)


def choose_format(head: bytes, name: str) -> Format:
    """The importer for a file, from its first bytes and its name; ``ImportRejected`` if none fits."""
    if head.startswith(_ZIP_MAGIC):
        return DOCX
    for magic, what in _REFUSED_MAGIC:
        if head.startswith(magic):
            raise ImportRejected(name, f"is {what}, not an article format we read")
    if head[8:12] == b"WEBP" and head.startswith(b"RIFF"):
        raise ImportRejected(name, "is a WebP image, not an article format we read")
    ext = PurePath(name).suffix.lower()
    if ext in DOCX.extensions:
        raise ImportRejected(
            name, "is not a Word document: a .docx file is a zip archive and this one is not"
        )
    text = _sniff_text(head)
    if ext in HTML.extensions:
        return HTML
    if ext in MARKDOWN.extensions:
        return MARKDOWN
    if ext in TEXT.extensions:
        return HTML if _HTML_START.match(text) else TEXT
    if ext:
        supported = ", ".join(SUPPORTED_EXTENSIONS)
        raise ImportRejected(name, f"has an unsupported file type '{ext}' (supported: {supported})")
    if _HTML_START.match(text) or _HTML_TAGS.search(text[:1024]):
        return HTML
    if _MARKDOWN.search(text):
        return MARKDOWN
    return TEXT


def _sniff_text(head: bytes) -> str:
    """A lenient decoding of the first bytes, good enough to look for tags and Markdown marks."""
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom) and not head.startswith(codecs.BOM_UTF32_LE):
            return head[2:].decode(codec, "ignore")
    return head.removeprefix(codecs.BOM_UTF8).decode("utf-8", "ignore")
