"""Spelling: lowercase words the dictionary does not know, with ranked suggestions.

Capitalised words the dictionary does not know are names until shown otherwise;
``names.ProperNounCheck`` gives them their own verdict across the article.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from editor_app.checks.base import CheckContext
from editor_app.checks.lexicon import speller, suggester
from editor_app.checks.textutil import OPAQUE, WORD, finding, sentence_starts
from editor_app.domain import Article, Block, BlockType, Finding, FlagKind, Severity

TEXT_TYPES = frozenset({BlockType.PARAGRAPH, BlockType.SUBHEADING, BlockType.QUOTE})
_ACRONYM_MAX = 6


@dataclass(frozen=True)
class Unknown:
    """A word the dictionary does not know, where it is, and what surrounds it."""

    start: int
    end: int
    word: str
    #: the word without a possessive ending ("Peresild" for "Peresild's")
    stem: str
    #: first word of a sentence (capitalised for grammar, not because it is a name)
    initial: bool = False
    #: next to another unknown capitalised word ("Yulia Peresild"): a person's name
    in_name: bool = False


def _possessive_base(word: str) -> str:
    for tail in ("'s", "’s"):
        if word.endswith(tail) and len(word) > len(tail) + 1:
            return word[: -len(tail)]
    return word


_FINE, _LOWER, _CAPS = 0, 1, 2
_classes: dict[str, int] = {}
#: words known to be fine (a set, so a whole text's words are checked in one C-level difference)
_fine: set[str] = set()


def _classify(word: str) -> int:
    """Fine, unknown lowercase word, or unknown capitalised word (remembered per process)."""
    if len(word) < 2 or (word.isupper() and len(word) <= _ACRONYM_MAX):
        return _FINE
    sp = speller()
    if sp.ok(word):
        return _FINE
    base = _possessive_base(word)
    if base != word and sp.ok(base):
        return _FINE
    return _LOWER if word.islower() else _CAPS


def forget_words() -> None:
    _classes.clear()
    _fine.clear()


@lru_cache(maxsize=50_000)
def scan(text: str) -> tuple[tuple[Unknown, ...], tuple[Unknown, ...]]:
    """(lowercase unknowns, capitalised unknowns) in a text; cached by the text itself."""
    lower: list[Unknown] = []
    caps: list[Unknown] = []
    classes = _classes
    suspects: set[str] = set()
    for w in set(WORD.findall(text)).difference(_fine):
        c = classes.get(w)
        if c is None:
            c = _classify(w)
            if c == _FINE:
                if len(_fine) > 500_000:
                    _fine.clear()
                _fine.add(w)
                continue
            if len(classes) > 100_000:
                classes.clear()
            classes[w] = c
        if c != _FINE:
            suspects.add(w)
    if not suspects:
        return (), ()
    opaque = [m.span() for m in OPAQUE.finditer(text)] if ("@" in text or "/" in text or "#" in text) else []
    for w in suspects:
        pos = text.find(w)
        while pos != -1:
            m = WORD.match(text, pos)
            hidden = bool(opaque) and any(s <= pos < e for s, e in opaque)
            if m is not None and m.end() == pos + len(w) and not hidden:
                u = Unknown(pos, m.end(), w, _possessive_base(w))
                (caps if classes[w] == _CAPS else lower).append(u)
            pos = text.find(w, pos + 1)
    lower.sort(key=lambda u: u.start)
    caps.sort(key=lambda u: u.start)
    if caps:
        starts = sentence_starts(text)
        caps = [replace(u, initial=u.start in starts) for u in caps]
        if len(caps) > 1:
            caps = [_mark_names(text, u, caps) for u in caps]
    return tuple(lower), tuple(caps)


def _mark_names(text: str, u: Unknown, caps: list[Unknown]) -> Unknown:
    for other in caps:
        if other is not u and (text[other.end : u.start] == " " or text[u.end : other.start] == " "):
            return replace(u, in_name=True)
    return u


def checked_fields(index: int, block: Block) -> list[str]:
    """Fields whose words are prose a reader sees (the headline counts; alt text and credits do not)."""
    if block.type in TEXT_TYPES or index < 0:
        return ["text"] if block.text else []
    if block.type is BlockType.IMAGE and block.image is not None and block.image.caption.strip():
        return ["caption"]
    return []


class SpellingCheck:
    """Lowercase words the en_US dictionary (and the desk's accepted list) does not know."""

    name = "spelling"
    rules = ("spelling.unknown",)

    def check_block(self, article: Article, index: int, block: Block, ctx: CheckContext) -> Iterable[Finding]:
        out: list[Finding] = []
        for field in checked_fields(index, block):
            text = block.field_text(field)
            lower, _caps = scan(text)
            for u in lower:
                out.append(
                    finding(
                        FlagKind.SPELLING,
                        Severity.ERROR,
                        index,
                        text,
                        u.start,
                        u.end,
                        f"{u.word!r} is not in the dictionary.",
                        "spelling.unknown",
                        suggester().suggest(u.word),
                        field=field,
                    )
                )
        return out
