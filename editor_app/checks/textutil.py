"""Small text helpers shared by the checks: words with offsets, sentences, context words."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import lru_cache

from editor_app.domain import Finding, FlagKind, Severity

#: A word: letters with inner apostrophes; never glued to digits, URLs, handles or file names.
WORD = re.compile(r"(?<![\w@/\\.])[^\W\d_]+(?:['’][^\W\d_]+)*(?![\w@/\\])")
#: URLs, e-mail addresses and @handles: never spell- or style-checked.
OPAQUE = re.compile(r"\b(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+\.[\w.-]+|(?<!\w)[@#]\w+")
#: ``[.!?…]+["'”’)\]]*\s+|\n+``, written to start with a character class so the regex engine skips
#: ahead to candidates instead of trying every position (five times faster on long texts)
_SENTENCE_END = re.compile("[.!?…\\n](?:(?<=[.!?…])[.!?…]*[\"'”’)\\]]*\\s+|(?<=\\n)\\n*)")


def words(text: str) -> Iterator[re.Match[str]]:
    """Word matches, skipping URLs, addresses and handles."""
    opaque = [m.span() for m in OPAQUE.finditer(text)] if ("@" in text or "/" in text or "#" in text) else []
    for m in WORD.finditer(text):
        if opaque and any(s <= m.start() < e for s, e in opaque):
            continue
        yield m


#: runs of a-z: every other byte of ``text.lower()`` encoded as ASCII becomes a space
_AZ_ONLY = bytes(c if 97 <= c <= 122 else 32 for c in range(256))
#: the only characters a case-insensitive regex matches against an ASCII letter other than that letter
#: in either case (İ ı ſ K: sre's Unicode case folding); with none of them in a text,
#: ``(?i)word`` matches exactly where ``text.lower()`` holds ``word``
_FOLDS_TO_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a")


@lru_cache(maxsize=50_000)
def lower_words(text: str) -> frozenset[str]:
    """The distinct runs of a-z in ``text.lower()``: the one word pass the keyword pre-checks share.

    A frozenset: built in one C call, and a keyword set's ``intersection`` or ``isdisjoint`` with it
    walks the smaller of the two (half the cost of a dict of the words, the garbage collector's
    walks of it included).
    """
    return frozenset(text.lower().encode("ascii", "replace").translate(_AZ_ONLY).decode("ascii").split())


#: ``(?<!\d)\d``: where a run of digits starts (digit first, so the regex engine skips ahead to digits)
_DIGIT_RUN = re.compile(r"\d(?<!\d\d)")
#: the same for an ASCII text, where ``\d`` is ``[0-9]``: a plain range is a third faster to scan for
_ASCII_DIGIT_RUN = re.compile(r"[0-9](?<![0-9][0-9])")
_start = re.Match.start


@lru_cache(maxsize=50_000)
def digit_runs(text: str) -> tuple[int, ...]:
    """Offsets where a run of digits starts: where every number, date and time starts."""
    return tuple(map(_start, (_ASCII_DIGIT_RUN if text.isascii() else _DIGIT_RUN).finditer(text)))


@lru_cache(maxsize=50_000)
def folded(text: str) -> str | None:
    """``text.lower()`` when it keeps every offset and a case-insensitive ASCII regex matches exactly
    where it holds the lowercase word; None for the rare text that needs the regex's own scan."""
    if not text.isascii() and any(c in text for c in _FOLDS_TO_ASCII):
        return None
    lower = text.lower()
    return lower if len(lower) == len(text) else None


def occurrences(haystack: str, needles: Iterable[str]) -> list[int]:
    """Sorted distinct offsets where any of ``needles`` occurs in ``haystack`` (overlaps included)."""
    found: set[int] = set()
    for needle in needles:
        find = haystack.find
        pos = find(needle)
        while pos != -1:
            found.add(pos)
            pos = find(needle, pos + 1)
    return sorted(found)


def finditer_at(pattern: re.Pattern[str], text: str, candidates: Iterable[int]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` when every match can only start at one of the sorted ``candidates``.

    The regex engine tries every offset of a long text; a cheap search for where a match could
    start (a digit, a keyword) and ``match`` there gives the same matches, in the same order, with
    the same overlaps skipped. ``pattern`` must never match the empty string.
    """
    end = 0
    match = pattern.match
    for pos in candidates:
        if pos < end:
            continue
        m = match(text, pos)
        if m is not None:
            end = m.end()
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


def _word_before(text: str, end: int) -> str:
    """The run of word characters and dots just before ``end`` (at most 24 back): "Dr" of "Dr."."""
    lo = end - 24 if end > 24 else 0
    if end > lo and text[end - 1] == "\n":  # "$" also matches before a final newline
        end -= 1
    i = end
    while i > lo:
        c = text[i - 1]
        if c == "." or c == "_" or c.isalnum():
            i -= 1
        else:
            break
    return text[i:end]


@lru_cache(maxsize=50_000)
def _breaks(text: str) -> tuple[tuple[int, int], ...]:
    """Sentence breaks as (end of sentence, start of next), skipping abbreviations like "Oct." and "Dr."."""
    out: list[tuple[int, int]] = []
    abbreviations = _ABBREVIATIONS
    for m in _SENTENCE_END.finditer(text):
        s, e = m.span()
        if e - s <= 2 and text[s] == ".":
            w = _word_before(text, s)
            if w and (len(w) == 1 or w.lower() in abbreviations):
                continue
        out.append((s + 1, e))
    return tuple(out)


_OPENERS = "\"'“‘([ \t"


def sentence_starts(text: str) -> set[int]:
    """Offsets where a sentence starts (after ., !, ? or a line break, and after an opening quote)."""
    starts = {0, *(b for _a, b in _breaks(text))}
    out = set(starts)
    for s in starts:
        i = s
        while i < len(text) and text[i] in _OPENERS:
            i += 1
            out.add(i)
    return out


def starts_sentence(text: str, pos: int, breaks: set[int]) -> bool:
    """``pos in sentence_starts(text)``, given ``breaks`` = {0} and the break ends of ``_breaks``:
    a sentence starts at ``pos`` or only opening quotes and spaces stand between it and ``pos``."""
    p = pos
    while p > 0 and text[p - 1] in _OPENERS:
        p -= 1
    return any(i in breaks for i in range(p, pos + 1))


def break_ends(text: str) -> set[int]:
    """Offset 0 and where each sentence break ends (the ``breaks`` of ``starts_sentence``)."""
    return {0, *(b for _a, b in _breaks(text))}


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
    return words_before(text, start, n), words_after(text, end, n)


def words_before(text: str, start: int, n: int = 3) -> str:
    """The first half of ``context``: it reads only the span's start (findings often share one)."""
    punct = _PUNCT
    window = text[start - 60 if start > 60 else 0 : start]
    # split off only the words wanted (same words as ``split()[-n:]``)
    words = window.rsplit(None, n)[-n:] if n > 0 else window.split()[-n:]
    return " ".join([w.strip(punct) for w in words])


def words_after(text: str, end: int, n: int = 3) -> str:
    """The second half of ``context``: it reads only the span's end."""
    punct = _PUNCT
    ahead = text[end : end + 60]
    words = ahead.split(None, n)[:n] if n > 0 else ahead.split()[:n]
    return " ".join([w.strip(punct) for w in words])


_PUNCT = "\"'“”‘’.,;:!?()[]{}—–-…"


#: Findings are built by filling the instance dict: the frozen dataclass's ``__init__`` sets each
#: of its twelve fields through ``object.__setattr__``, which is most of the cost of a run's
#: ten thousand findings. Same object in every respect; the plain constructor is kept for a
#: Finding that someday gets slots or a ``__post_init__``.
_FILL_DICT = "__slots__" not in vars(Finding) and not hasattr(Finding, "__post_init__")
_new = object.__new__
#: ``Severity(value)`` without the enum machinery (house style hands severities over as strings)
_SEVERITIES: dict[str, Severity] = {s.value: s for s in Severity}


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
    """A finding over ``text[start:end]``; the engine fills in the stable id.

    ``data`` is taken as it is (callers pass a new dict), not copied.
    """
    if type(severity) is not Severity:
        severity = _SEVERITIES.get(severity) or Severity(severity)
    data = data if data is not None else {}
    if not _FILL_DICT:
        return Finding(
            kind, severity, block, start, end, text[start:end], message, rule, tuple(suggestions), field, data
        )
    f: Finding = _new(Finding)
    f.__dict__.update(
        kind=kind,
        severity=severity,
        block=block,
        start=start,
        end=end,
        text=text[start:end],
        message=message,
        rule=rule,
        suggestions=tuple(suggestions),
        field=field,
        data=data,
        id="",
    )
    return f


def finish(f: Finding, fid: str) -> Finding:
    """A fresh finding (empty id, never handed out, referenced only by the engine) given its id in place."""
    if not _FILL_DICT or f.id:
        return with_id(f, fid)
    f.__dict__["id"] = fid
    return f


def with_id(f: Finding, fid: str) -> Finding:
    """``f`` with its stable id (a copy: findings are shared with caches)."""
    if not _FILL_DICT:
        return replace(f, id=fid)
    new: Finding = _new(Finding)
    fields = new.__dict__
    fields.update(f.__dict__)
    fields["id"] = fid
    return new


def reindex(findings: list[Finding], block: int) -> list[Finding]:
    """The same findings moved to another block index (cached results reused after a move)."""
    return [f if f.block == block else replace(f, block=block) for f in findings]


def is_capitalised(word: str) -> bool:
    return word[:1].isupper()
