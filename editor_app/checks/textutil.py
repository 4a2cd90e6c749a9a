"""Small text helpers shared by the checks: words with offsets, sentences, context words."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache

from editor_app.domain import Finding, FlagKind, Severity

#: A word: letters with inner apostrophes; never glued to digits, URLs, handles or file names.
WORD = re.compile(r"(?<![\w@/\\.])[^\W\d_]+(?:['’][^\W\d_]+)*(?![\w@/\\])")
#: URLs, e-mail addresses and @handles: never spell- or style-checked.
OPAQUE = re.compile(r"\b(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+\.[\w.-]+|(?<!\w)[@#]\w+")
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*\s+|\n+")


def words(text: str) -> Iterator[re.Match[str]]:
    """Word matches, skipping URLs, addresses and handles."""
    opaque = [m.span() for m in OPAQUE.finditer(text)] if ("@" in text or "/" in text or "#" in text) else []
    for m in WORD.finditer(text):
        if opaque and any(s <= m.start() < e for s, e in opaque):
            continue
        yield m


_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "no",
        "nos",
        "vs",
        "etc",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "gov",
        "sen",
        "rep",
        "gen",
        "lt",
        "col",
        "capt",
        "sgt",
        "jr",
        "sr",
        "inc",
        "co",
        "corp",
        "ltd",
        "mt",
        "ft",
        "prof",
        "rev",
        "dept",
        "est",
        "approx",
        "fig",
        "vol",
        "pp",
        "a.m",
        "p.m",
        "u.s",
        "u.k",
        "e.g",
        "i.e",
    ]
)
_WORD_BEFORE = re.compile(r"([\w.]+)$")


@lru_cache(maxsize=50_000)
def _breaks(text: str) -> tuple[tuple[int, int], ...]:
    """Sentence breaks as (end of sentence, start of next), skipping abbreviations like "Oct." and "Dr."."""
    out: list[tuple[int, int]] = []
    for m in _SENTENCE_END.finditer(text):
        if text[m.start()] == "." and m.end() - m.start() <= 2:
            w = _WORD_BEFORE.search(text, max(0, m.start() - 24), m.start())
            if w and (w.group(1).lower() in _ABBREVIATIONS or len(w.group(1)) == 1):
                continue
        out.append((m.start() + 1, m.end()))
    return tuple(out)


def sentence_starts(text: str) -> set[int]:
    """Offsets where a sentence starts (after ., !, ? or a line break, and after an opening quote)."""
    starts = {0, *(b for _a, b in _breaks(text))}
    out = set(starts)
    for s in starts:
        i = s
        while i < len(text) and text[i] in "\"'“‘([ \t":
            i += 1
            out.add(i)
    return out


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """The sentence around ``pos`` as (start, end) offsets."""
    start, end = 0, len(text)
    for a, b in _breaks(text):
        if b <= pos:
            start = b
        elif a > pos:
            end = a
            break
    return start, end


def context(text: str, start: int, end: int, n: int = 3) -> tuple[str, str]:
    """Up to ``n`` words before and after a span: what makes a flag's id survive edits elsewhere."""
    before = " ".join(w.strip(_PUNCT) for w in text[max(0, start - 60) : start].split()[-n:])
    after = " ".join(w.strip(_PUNCT) for w in text[end : end + 60].split()[:n])
    return before, after


_PUNCT = "\"'“”‘’.,;:!?()[]{}—–-…"


def finding(
    kind: FlagKind,
    severity: Severity | str,
    block: int,
    text: str,
    start: int,
    end: int,
    message: str,
    rule: str,
    suggestions: tuple[str, ...] | list[str] = (),
    field: str = "text",
    data: dict[str, str] | None = None,
) -> Finding:
    """A finding over ``text[start:end]``; the engine fills in the stable id."""
    return Finding(
        kind=kind,
        severity=Severity(severity),
        block=block,
        start=start,
        end=end,
        text=text[start:end],
        message=message,
        rule=rule,
        suggestions=tuple(suggestions),
        field=field,
        data=dict(data or {}),
    )


def reindex(findings: list[Finding], block: int) -> list[Finding]:
    """The same findings moved to another block index (cached results reused after a move)."""
    return [f if f.block == block else replace(f, block=block) for f in findings]


def is_capitalised(word: str) -> bool:
    return word[:1].isupper()
