"""Making imported text safe to write into any export format.

Article text is plain text, but scraped input may carry markup (``<script>``,
``<img onerror=...>``, ``<iframe>``). Every exporter passes text through
``clean_text`` first, which turns markup into its visible text and drops the
content of elements that never show (scripts, styles, frames), then escapes it
for its own syntax. URLs go through ``safe_url``/``safe_relative_url``, so no
``javascript:`` (or any non-web scheme) ever becomes a link.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

import lxml.html
from lxml import etree

# Only tags that look like markup trigger parsing, so "x < y" and "AT&T" pass untouched.
_MARKUP = re.compile(r"<[A-Za-z!/?]")
_PASSES = 3
# Characters XML 1.0 forbids, plus the non-characters FFFE/FFFF and lone surrogates.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_WHITESPACE = re.compile(r"\s+")
_DROPPED_ELEMENTS = (
    "script",
    "style",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "noscript",
    "template",
    "svg",
    "math",
    "head",
)
_WEB_SCHEMES = frozenset({"http", "https"})


def clean_text(text: str) -> str:
    """Visible text of ``text``: markup reduced to its text, hidden content dropped."""
    text = _NOT_XML.sub("", text)
    # Later passes catch markup that was escaped inside the first ("&lt;script&gt;").
    for _ in range(_PASSES):
        if not _MARKUP.search(text):
            return text
        fragment = lxml.html.fragment_fromstring(text, create_parent="div")
        etree.strip_elements(fragment, *_DROPPED_ELEMENTS, with_tail=False)
        text = _NOT_XML.sub("", fragment.text_content())
    # Still tag-shaped after that: what is left is text, but no reader should see a tag.
    return _MARKUP.sub(lambda m: "\u2039" + m.group(0)[1:], text)


def clean_inline(text: str) -> str:
    """``clean_text`` with runs of whitespace (newlines too) folded to one space."""
    return _WHITESPACE.sub(" ", clean_text(text)).strip()


def safe_url(url: str | None) -> str | None:
    """An absolute http(s) URL, or None for anything else (``javascript:``, ``data:``, relative)."""
    if not url:
        return None
    candidate = _NOT_XML.sub("", url).strip()
    if any(c.isspace() for c in candidate) or "<" in candidate or ">" in candidate or '"' in candidate:
        return None
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return None
    if parts.scheme.lower() not in _WEB_SCHEMES or not parts.netloc:
        return None
    return candidate


def safe_relative_url(name: str | None) -> str | None:
    """A percent-encoded relative path for a file in the export folder, or None if not one.

    Absolute paths and parent steps are refused and ":" is encoded, so an image
    name can never point outside the folder or name a scheme that runs code.
    """
    if not name:
        return None
    path = _NOT_XML.sub("", name).replace("\\", "/").strip()
    if not path or path.startswith("/"):
        return None
    if any(part in ("", ".", "..") for part in path.split("/")):
        return None
    return quote(path, safe="/-._~")
