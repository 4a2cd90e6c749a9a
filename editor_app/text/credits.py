"""Credit lines: recognising them by shape (parsing into parts comes with the credits desk).

Recognition is by shape, not by one article: agency and wire names from
``resources/agencies.json``, "via <distributor>", "AP Photo/", "/Reuters",
"Courtesy of", "Photo:", and slash-separated source chains.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

from editor_app.paths import resource_path


@dataclass(frozen=True)
class Agency:
    canonical: str
    aliases: tuple[str, ...]
    kind: str
    notes: str

    @property
    def names(self) -> tuple[str, ...]:
        return (self.canonical, *self.aliases)


@cache
def shipped_agencies() -> tuple[Agency, ...]:
    """The agency registry shipped in ``resources/agencies.json``."""
    data = json.loads(resource_path("agencies.json").read_text(encoding="utf-8"))
    return tuple(
        Agency(a["canonical"], tuple(a.get("aliases", ())), a.get("kind", "agency"), a.get("notes", ""))
        for a in data["agencies"]
    )


_PREFIX = re.compile(r"^\s*(photo(graph)?s?|image|credit|courtesy( of)?|picture)\s*[:\-]?\s+\S", re.I)
_AP = re.compile(r"^\s*AP\s+Photos?\s*/", re.I)
_VIA = re.compile(r"\bvia\s+[A-Z][\w&.\- ]+$")
_SEP = re.compile(r"\s*[/\\|]\s*")


@cache
def _agency_pattern() -> re.Pattern[str]:
    names = sorted({n for a in shipped_agencies() for n in a.names}, key=len, reverse=True)
    return re.compile(r"(?<![\w])(" + "|".join(re.escape(n) for n in names) + r")(?![\w])")


def looks_like_credit(line: str) -> bool:
    """True for a line shaped like a photo credit rather than prose or a caption.

    Credit lines are short, carry no sentence punctuation at the end, and either
    start with a credit prefix, or name a known agency in a slash chain or after
    "via".
    """
    text = line.strip()
    if not text or len(text) > 160 or text.endswith((".", "?", "!", ":")) and not _PREFIX.match(text):
        return False
    if len(text.split()) > 16:
        return False
    if _AP.match(text) or _PREFIX.match(text) and len(text.split()) <= 10:
        return True
    has_agency = bool(_agency_pattern().search(text))
    if _VIA.search(text) and has_agency:
        return True
    parts = [p for p in _SEP.split(text) if p]
    if len(parts) >= 2 and has_agency:
        return all(p[:1].isupper() or p[:1].isdigit() for p in parts)
    return False
