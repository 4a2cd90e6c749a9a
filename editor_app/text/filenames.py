"""Safe file names made from headlines: no separators, no "..", no reserved names, bounded length."""

from __future__ import annotations

import re
import unicodedata

_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
MAX_STEM = 80


def safe_stem(text: str, *, fallback: str = "article", max_len: int = MAX_STEM) -> str:
    """A lowercase ASCII slug usable as a file name on every platform."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    slug = slug[:max_len].rstrip("-")
    if not slug or slug.split(".")[0] in _RESERVED:
        slug = f"{fallback}-{slug}" if slug else fallback
    return slug
