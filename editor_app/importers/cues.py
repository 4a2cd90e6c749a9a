"""Recognising the furniture of a scraped article by its shape: date lines, bylines,
ad and navigation lines, subheadings and picture labels.

Shared by every format, so a byline or an ad line is read the same way from
plain text, Markdown, HTML and Word. Ad and navigation phrases are data
(``resources/boilerplate.json``), not code.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from editor_app.importers.dates import parse_date
from editor_app.paths import resource_path

# Longest line that can be a byline, date line or subheading.
MAX_CUE_CHARS = 160

_DECOR = " \t|•·*_-–—:"
_LABEL = re.compile(
    r"^(?P<label>(?:last\s+|first\s+)?(?:updated?|modified|edited|published|posted|pub\.?|date[d]?)"
    r"(?:\s+(?:on|at))?)\s*[:.\-–—]?\s*",
    re.I,
)
_PIECE_SPLIT = re.compile(r"\s+[|•·]\s+|\s+[–—]\s+")
_BYLINE = re.compile(
    r"^(?:(?:written|words|story|text|reporting|reported)\s+)?by\s*[:\-]?\s+(?P<names>.+)$", re.I
)
_NAME_SPLIT = re.compile(r"\s*,\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*|\s*;\s*", re.I)
_PARTICLES = frozenset(
    [
        "de",
        "da",
        "di",
        "del",
        "della",
        "der",
        "den",
        "van",
        "von",
        "du",
        "la",
        "le",
        "bin",
        "ibn",
        "al",
        "el",
        "dos",
        "das",
        "ter",
        "ten",
        "st.",
        "mc",
    ]
)
_NAME_TOKEN = re.compile(r"^(?:[^\W\d_][\w'’.\-]*|[^\W\d_]\.)$")
_TERMINAL = (".", "!", "?", "…", '"', "”", "’", "'")
_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "in",
        "into",
        "nor",
        "of",
        "on",
        "or",
        "over",
        "per",
        "the",
        "to",
        "up",
        "via",
        "vs",
        "with",
    ]
)


@dataclass(frozen=True)
class DateCue:
    published: datetime | None = None
    updated: datetime | None = None


@dataclass(frozen=True)
class BoilerplateRules:
    anchored: re.Pattern[str]  # the patterns that start with "^", as one alternation tried at the start
    floating: re.Pattern[str]  # the others, searched anywhere in the line
    max_words: int
    byline_roles: frozenset[str]
    drop_class_words: frozenset[str]
    drop_class_substrings: tuple[str, ...]


@cache
def rules() -> BoilerplateRules:
    """The shipped furniture rules from ``resources/boilerplate.json``."""
    data = json.loads(resource_path("boilerplate.json").read_text(encoding="utf-8"))
    return BoilerplateRules(
        anchored=_alternation(p[1:] for p in data["line_patterns"] if p.startswith("^")),
        floating=_alternation(p for p in data["line_patterns"] if not p.startswith("^")),
        max_words=int(data["max_words"]),
        byline_roles=frozenset(w.lower() for w in data["byline_roles"]),
        drop_class_words=frozenset(w.lower() for w in data["html_drop_class_words"]),
        drop_class_substrings=tuple(w.lower() for w in data["html_drop_class_substrings"]),
    )


def _alternation(patterns: Iterable[str]) -> re.Pattern[str]:
    parts = [f"(?:{p})" for p in patterns]
    return re.compile("|".join(parts) if parts else "(?!)", re.I)


def is_boilerplate(line: str) -> bool:
    """An ad, navigation or sign-up line ("Advertisement - Continue Reading Below")."""
    text = line.strip(_DECOR)
    if not text or len(text) > MAX_CUE_CHARS:
        return False
    r = rules()
    if len(text.split()) > r.max_words:
        return False
    return r.anchored.match(text) is not None or r.floating.search(text) is not None


def date_cue(line: str) -> DateCue | None:
    """A line that is only dates: "| LAST UPDATE 10/10/2021", "Published 3/4/2022 | Updated 3/5/2022"."""
    text = line.strip(_DECOR)
    if not text or len(text) > MAX_CUE_CHARS or not any(c.isdigit() for c in text):
        return None
    published: datetime | None = None
    updated: datetime | None = None
    for piece in _PIECE_SPLIT.split(text):
        piece = piece.strip(_DECOR)
        if not piece:
            continue
        label = _LABEL.match(piece)
        when = parse_date(piece[label.end() :] if label else piece)
        if when is None:
            return None
        if label and label["label"].lower().startswith(("updated", "update", "last", "modified", "edited")):
            updated = updated or when
        else:
            published = published or when
    if published is None and updated is None:
        return None
    return DateCue(published, updated)


def byline_names(line: str) -> list[str] | None:
    """Authors from a byline ("By A and B", "By A, B and C", "By A, Staff Writer"); None if not one."""
    text = line.strip(_DECOR)
    if not text or len(text) > MAX_CUE_CHARS:
        return None
    pieces = [p.strip(_DECOR) for p in _PIECE_SPLIT.split(text)]
    match = _BYLINE.match(pieces[0])
    if match is None:
        return None
    names: list[str] = []
    for part in _NAME_SPLIT.split(match["names"].strip()):
        part = part.strip(" .,;")
        if not part:
            continue
        words = part.split()
        if all(w.lower().strip(".") in rules().byline_roles for w in words) and names:
            continue  # a job title after a name
        if not _is_name(words):
            return None
        names.append(part)
    # Anything after "|" must be a date ("By Jane Roe | March 4, 2022") or a job title.
    for rest in pieces[1:]:
        if (
            rest
            and date_cue(rest) is None
            and not all(w.lower() in rules().byline_roles for w in rest.split())
        ):
            return None
    return names or None


def byline_date(line: str) -> DateCue | None:
    """The date carried on a byline line after a separator, if any."""
    pieces = [p for p in _PIECE_SPLIT.split(line.strip(_DECOR)) if p.strip(_DECOR)]
    for piece in pieces[1:]:
        cue = date_cue(piece)
        if cue is not None:
            return cue
    return None


def is_heading_line(line: str) -> bool:
    """A short title-case line with no sentence punctuation: a subheading in plain text."""
    text = line.strip()
    if not text or len(text) > 80 or text.endswith((".", ",", ";", ":", '"', "”")):
        return False
    words = text.split()
    if len(words) > 12 or not text[0].isupper():
        return False
    if len(words) == 1:
        return len(text) >= 4 and text.isalpha()
    letters = [c for c in text if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return True
    significant = [w for w in words[1:] if w.lower().strip("'\"“”‘’()") not in _SMALL_WORDS]
    return all(w[:1].isupper() or w[:1].isdigit() or not w[:1].isalnum() for w in significant)


def ends_sentence(line: str) -> bool:
    return line.rstrip().endswith(_TERMINAL)


def is_caption_like(line: str) -> bool:
    """A picture label that reads as a sentence (a caption) rather than keywords (alt text)."""
    text = line.strip()
    return len(text.split()) >= 3 and ends_sentence(text) and text[:1].isupper()


def _is_name(words: list[str]) -> bool:
    if not 1 <= len(words) <= 6:
        return False
    if words[0].lower() in _SMALL_WORDS - {"the"}:
        return False
    for index, word in enumerate(words):
        bare = word.strip("()")
        if not bare or not _NAME_TOKEN.match(bare):
            return False
        lower = bare.lower()
        allowed = lower in _PARTICLES or lower.startswith("al-") or (index == 0 and lower == "the")
        if not bare[0].isupper() and not allowed:
            return False
    return True
