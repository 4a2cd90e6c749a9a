"""Article importers: plain-text scrapes, Markdown, saved HTML pages and Word files.

``load_article(path)`` and ``parse_bytes(data, name)`` pick the format by
content sniffing and extension, and return an ``Article`` or raise
``ImportRejected`` naming the file and the reason.
"""

from editor_app.importers.base import load_article, parse_bytes
from editor_app.importers.registry import (
    MAX_DOCX_BYTES,
    MAX_MARKDOWN_BYTES,
    MAX_TEXT_BYTES,
    SUPPORTED_EXTENSIONS,
)

__all__ = [
    "MAX_DOCX_BYTES",
    "MAX_MARKDOWN_BYTES",
    "MAX_TEXT_BYTES",
    "SUPPORTED_EXTENSIONS",
    "load_article",
    "parse_bytes",
]
