"""Entry points: a file or its bytes in, an Article out, or ``ImportRejected`` with the reason.

Size limits are enforced once the first 4 KB have shown the format (against
``os.stat``, so the format's own limit is named) and again while reading, so a
huge or growing file never lands in memory.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from editor_app.domain import Article, BlockType, content_hash
from editor_app.errors import ImportRejected
from editor_app.importers.registry import SNIFF_BYTES, Format, choose_format


def load_article(path: Path) -> Article:
    """Read and import an article file; the format is sniffed from content and extension."""
    name = path.name or str(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise ImportRejected(name, "file not found") from None
    except OSError as exc:
        raise ImportRejected(name, f"cannot be read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise ImportRejected(name, "is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise ImportRejected(name, "is not a regular file")
    try:
        with open(path, "rb") as stream:
            head = stream.read(SNIFF_BYTES)
            fmt = _choose(head, name)
            if info.st_size > fmt.max_bytes:
                raise ImportRejected(name, _too_big(info.st_size, fmt.max_bytes, fmt))
            data = head + stream.read(fmt.max_bytes + 1 - len(head))
    except OSError as exc:
        raise ImportRejected(name, f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > fmt.max_bytes:
        raise ImportRejected(name, _too_big(len(data), fmt.max_bytes, fmt))
    return _parse(data, name, fmt)


def parse_bytes(data: bytes, name: str) -> Article:
    """Import an article from its bytes; ``name`` (a file name) gives the extension and the messages."""
    fmt = _choose(data[:SNIFF_BYTES], name)
    if len(data) > fmt.max_bytes:
        raise ImportRejected(name, _too_big(len(data), fmt.max_bytes, fmt))
    return _parse(data, name, fmt)


def _choose(head: bytes, name: str) -> Format:
    if not head:
        raise ImportRejected(name, "the file is empty")
    return choose_format(head, name)


def _parse(data: bytes, name: str, fmt: Format) -> Article:
    article = fmt.parse(data, name)
    has_text = any(b.type is not BlockType.BOILERPLATE for b in article.blocks)
    if not article.headline and not has_text:
        raise ImportRejected(name, "contains no article text")
    article.source_name = name
    article.source_hash = content_hash(data)
    article.source_format = fmt.name
    return article


def _too_big(size: int, limit: int, fmt: Format | None = None) -> str:
    kind = f"{fmt.name} " if fmt else ""
    return f"is too large ({size / 2**20:,.1f} MB; the {kind}limit is {limit / 2**20:,.0f} MB)"
