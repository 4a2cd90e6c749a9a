"""Spelling: lowercase words the dictionary does not know, with ranked suggestions.

Capitalised words the dictionary does not know are names until shown otherwise;
``names.ProperNounCheck`` gives them their own verdict across the article.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from itertools import filterfalse
from typing import NamedTuple

from editor_app.checks.base import CheckContext
from editor_app.checks.lexicon import speller, suggester
from editor_app.checks.textutil import OPAQUE, WORD, break_ends, finding, starts_sentence
from editor_app.domain import Article, Block, BlockType, Finding, FlagKind, Severity

TEXT_TYPES = frozenset({BlockType.PARAGRAPH, BlockType.SUBHEADING, BlockType.QUOTE})
_ACRONYM_MAX = 6


class Unknown(NamedTuple):
    """A word the dictionary does not know, where it is, and what surrounds it.

    A named tuple: thousands are built per article, three times faster than a frozen dataclass.
    """

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
    if word.endswith(("'s", "’s")) and len(word) > 3:
        return word[:-2]
    return word


_FINE, _LOWER, _CAPS = 0, 1, 2
_classes: dict[str, int] = {}
#: words known to be fine, so a whole text's words are checked in one C-level set difference (a dict:
#: the garbage collector does not walk a dict of strings, and ``set.difference`` takes one as fast)
_fine: dict[str, None] = {}
#: whitespace-separated tokens whose words are all fine ("said," "“Yes"), for the same reason;
#: ``WORD`` never looks past whitespace, so a text's words are its tokens' words
_fine_tokens: dict[str, None] = {}
#: the other tokens, with their words that are not fine
_unfine_tokens: dict[str, tuple[str, ...]] = {}
_MAX_WORDS = 500_000
_MAX_CLASSES = 100_000
#: characters around a word that ``WORD`` never takes into it nor lets stand just before it (a
#: dot does, before: ".com"); a token that is letters with only these around it is that one word
_LEADING = "\"'“‘([«"
_TRAILING = "\"'”’)]».,;:!?…"


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
    _fine_tokens.clear()
    _unfine_tokens.clear()


def _suspects(text: str) -> set[str]:
    """The words of ``text`` that are not fine (unknown lowercase or capitalised words)."""
    tokens = set(filterfalse(_fine_tokens.__contains__, text.split()))
    suspects: set[str] = set()
    if not tokens:
        return suspects
    if len(_fine_tokens) > _MAX_WORDS or len(_unfine_tokens) > _MAX_WORDS or len(_classes) > _MAX_CLASSES:
        # an unfine token's words must keep their class until ``scan`` reads it: forget both at once
        _fine_tokens.clear()
        _unfine_tokens.clear()
        _classes.clear()
    unfine = _unfine_tokens
    fresh: list[str] = []
    for tok in tokens:
        bad = unfine.get(tok)
        if bad is None:
            fresh.append(tok)
        else:
            suspects.update(bad)
    if not fresh:
        return suspects
    # a token of letters only is one word (``WORD`` never looks past whitespace): no regex needed
    alone = set(filter(str.isalpha, fresh))
    words = alone
    glued: list[tuple[str, list[str]]] = []
    if len(alone) < len(fresh):
        findall = WORD.findall
        for tok in filterfalse(str.isalpha, fresh):
            # letters between quotes and punctuation ("said," "“Yes") are the token's one word
            core = tok.lstrip(_LEADING).rstrip(_TRAILING)
            glued.append((tok, [core] if core.isalpha() else findall(tok)))
        words = alone.union(*[found_in for _tok, found_in in glued])
    new = words.difference(_fine)
    if new:
        _classify_all(new)
    classes = _classes
    found = {w for w in new if classes.get(w, _FINE) != _FINE}
    _fine_tokens.update(dict.fromkeys(fresh))
    if not found:
        return suspects
    suspects |= found
    for tok in found.intersection(alone):  # letters-only tokens that are a suspect word
        del _fine_tokens[tok]
        unfine[tok] = (tok,)
    for tok, found_in in glued:
        bad = tuple(w for w in found_in if w in found)
        if bad:
            del _fine_tokens[tok]
            unfine[tok] = bad
    return suspects


def _classify_all(words: set[str]) -> None:
    """Classify new words: dictionary forms in one pass, the rest one by one."""
    if len(_fine) > _MAX_WORDS:
        _fine.clear()
    # a dictionary form is fine (``Speller.ok`` looks it up first), unless it needs normalising;
    # so is one capitalised, as at the start of a sentence
    sp = speller()
    _fine.update(dict.fromkeys(w for w in sp.known_forms(words) if "’" not in w))
    rest = words.difference(_fine)
    _fine.update(dict.fromkeys(w for w in sp.known_capitalised(rest) if "’" not in w))
    for w in rest.difference(_fine):
        if w in _classes:
            continue
        c = _classify(w)
        if c == _FINE:
            _fine[w] = None
        else:
            _classes[w] = c


@lru_cache(maxsize=50_000)
def scan(text: str) -> tuple[tuple[Unknown, ...], tuple[Unknown, ...]]:
    """(lowercase unknowns, capitalised unknowns) in a text; cached by the text itself."""
    suspects = _suspects(text)
    if not suspects:
        return (), ()
    classes = _classes
    lower: list[tuple[int, int, str]] = []
    caps: list[tuple[int, int, str]] = []
    opaque = [m.span() for m in OPAQUE.finditer(text)] if ("@" in text or "/" in text or "#" in text) else []
    find = text.find
    match = WORD.match
    for w in suspects:
        into = caps if classes[w] == _CAPS else lower
        size = len(w)
        pos = find(w)
        while pos != -1:
            m = match(text, pos)
            hidden = opaque and any(s <= pos < e for s, e in opaque)
            if m is not None and m.end() == pos + size and not hidden:
                into.append((pos, pos + size, w))
            pos = find(w, pos + 1)
    lower.sort()
    caps.sort()
    lowers = tuple(Unknown(s, e, w, _possessive_base(w)) for s, e, w in lower)
    if not caps:
        return lowers, ()
    breaks = break_ends(text)
    ends = {e for _s, e, _w in caps}
    begins = {s for s, _e, _w in caps}
    several = len(caps) > 1
    return lowers, tuple(
        Unknown(
            s,
            e,
            w,
            _possessive_base(w),
            starts_sentence(text, s, breaks),
            several and ((s - 1 in ends and text[s - 1] == " ") or (e + 1 in begins and text[e] == " ")),
        )
        for s, e, w in caps
    )


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
