"""Claims for the fact checker: quantities and durations, counts, money, percentages, firsts and superlatives.

Every match is an ``info`` flag of kind ``claim``: nothing is wrong yet, someone
has to check it. Word lists and phrases are in ``resources/checks/claims.json``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from editor_app.checks.base import CheckContext
from editor_app.checks.data import load_json, word_alternation
from editor_app.checks.dates import date_fields, mentions
from editor_app.checks.engine_support import HEADLINE
from editor_app.checks.textutil import digit_runs, finding, finditer_at, folded, lower_words, occurrences
from editor_app.domain import Article, Block, Finding, FlagKind, Severity

_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_TIME = re.compile(r"\b\d{1,2}(?::\d\d)?\s?(?:a\.m\.|p\.m\.|am\b|pm\b)|\b\d{1,2}:\d\d\b", re.I)
_SYMBOLS = "$€£¥₽"
#: a word ``lower_words`` can hold (only these can ever be in a keyword pattern)
_AZ = re.compile(r"[a-z]+")
#: how far before a number word a match may start: "a ", "one ", "half a ", "half one "
_NUMBER_PREFIXES = (0, 2, 4, 7, 9)


@lru_cache(maxsize=256)
def _number_word_pattern(words: frozenset[str]) -> re.Pattern[str]:
    """Where a spelled-out number starts, including "a dozen", "one hundred", "half a dozen"."""
    return re.compile(rf"(?<![\w-])(?:(?:half )?(?i:a|one) )?(?i:{word_alternation(list(words))})(?![\w])")


_Patterns = tuple[tuple[str, re.Pattern[str]], ...]


@dataclass(frozen=True)
class _Data:
    number_words: frozenset[str]  # first words of spelled-out numbers ("twenty", "a" of "a dozen")
    superlatives: frozenset[str]
    determiners: frozenset[str]
    money: re.Pattern[str]
    percent: re.Pattern[str]
    quantity: re.Pattern[str]
    count: re.Pattern[str]
    count_short: re.Pattern[str]
    phrases: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...]
    #: every phrase's "needs" words, looked for once per text
    needs: frozenset[str]
    #: (rule, pattern) for money, percent, quantity, count, count_short, tried in this order
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    #: the same with numbers in figures only, for a start at a digit or a currency sign
    digit_patterns: tuple[tuple[str, re.Pattern[str]], ...]
    #: by (figures only, money possible, percent possible): the first three of those patterns
    #: a start tries (without money or percent where the text cannot hold one), then the count ones
    tries: dict[tuple[bool, bool, bool], tuple[_Patterns, _Patterns]]
    #: what the money pattern needs in the text: a currency sign (``money_needs``) or a money word
    #: after a space, whose first word is then one of ``lower_words`` (``money_firsts``; a money
    #: word whose first word is not plain a-z is in ``money_needs``)
    money_needs: tuple[str, ...]
    money_firsts: frozenset[str]
    #: what the percent pattern needs: one of these (possibly glued to a spelled-out number)
    percent_words: tuple[str, ...]
    bare: re.Pattern[str]
    #: the two keyword patterns over every word ``lower_words`` can hold: on a text with no
    #: case-folding surprises they match exactly where the patterns over the words present do
    all_number_words: re.Pattern[str]
    all_superlatives: re.Pattern[str]


@cache
def _data() -> _Data:
    """Patterns anchored at a number: tried only where a digit or a number word starts."""
    d = load_json("checks", "claims.json")
    words = word_alternation(d["number_words"])
    number_words = frozenset(
        w.lower() for n in d["number_words"] for w in n.split() if w not in ("a", "one", "half", "of")
    )
    superlatives = frozenset(w.split()[0].lower() for w in d["superlative_words"])
    num = rf"(?:{_DIGITS}|(?i:{words})(?:[- ](?i:{words}))?)"
    scale = rf"(?:[ -]?(?:{word_alternation(d['scale_words'])})\b)?"
    units = word_alternation([*d["duration_units"], *d["units"]])
    symbols = re.escape(d["money_symbols"])
    phrases = tuple(
        (tuple(str(n).lower() for n in p.get("needs", [])), re.compile(p["pattern"], re.I))
        for p in d["superlative_phrases"]
    )
    claim_patterns = [_claim_patterns(num, scale, units, symbols, d)]
    # where a number word cannot start (a digit, a currency sign), ``num`` is figures only
    words_start_with_letters = all(str(w)[:1].isalpha() for w in d["number_words"])
    claim_patterns.append(
        _claim_patterns(f"(?:{_DIGITS})", scale, units, symbols, d)
        if words_start_with_letters
        else claim_patterns[0]
    )
    return _Data(
        number_words=number_words,
        superlatives=superlatives,
        determiners=frozenset(w.lower() for w in d["superlative_determiners"]),
        money=claim_patterns[0][0][1],
        percent=claim_patterns[0][1][1],
        quantity=claim_patterns[0][2][1],
        count=claim_patterns[0][3][1],
        count_short=claim_patterns[0][4][1],
        phrases=phrases,
        needs=frozenset(n for needs, _p in phrases for n in needs),
        bare=re.compile(rf"\b(?:{word_alternation(d['bare_in_headline'])})\b", re.I),
        all_number_words=_number_word_pattern(frozenset(w for w in number_words if _AZ.fullmatch(w))),
        all_superlatives=_superlative_pattern(frozenset(w for w in superlatives if _AZ.fullmatch(w))),
        patterns=claim_patterns[0],
        digit_patterns=claim_patterns[1],
        tries={
            (digit, money, percent): (
                tuple(
                    (rule, pattern)
                    for rule, pattern in pats[:3]
                    if (money or rule != "claim.money") and (percent or rule != "claim.percent")
                ),
                pats[3:],
            )
            for digit, pats in ((True, claim_patterns[1]), (False, claim_patterns[0]))
            for money in (True, False)
            for percent in (True, False)
        },
        money_needs=(
            *d["money_symbols"],
            *(w for w in map(str, d["money_words"]) if not _AZ.fullmatch(w.split(" ")[0])),
        ),
        money_firsts=frozenset(
            w.split(" ")[0] for w in map(str, d["money_words"]) if _AZ.fullmatch(w.split(" ")[0])
        ),
        percent_words=tuple(str(w) for w in d["percent_words"]),
    )


def _claim_patterns(
    num: str, scale: str, units: str, symbols: str, d: dict[str, Any]
) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(rule, pattern) anchored at a number written as ``num``, in the order they are tried."""
    return (
        (
            "claim.money",
            re.compile(
                rf"(?:(?:US|C|A|HK)?[{symbols}]\s?{_DIGITS}{scale}"
                rf"|{num}{scale} (?:{word_alternation(d['money_words'])})\b)"
            ),
        ),
        ("claim.percent", re.compile(rf"{num}\s?(?:{word_alternation(d['percent_words'])})(?!\w)")),
        ("claim.quantity", re.compile(rf"{num}{scale}(?:[ -]|\s?(?=[°%]))(?:{units})(?![\w])")),
        ("claim.count", re.compile(rf"{num}{scale} (?:[a-z][\w-]* )?(?P<noun>[a-z][a-z-]+)\b")),
        ("claim.count", re.compile(rf"{num}{scale} (?P<noun>[a-z][a-z-]+)\b")),
    )


@lru_cache(maxsize=256)
def _superlative_pattern(words: frozenset[str]) -> re.Pattern[str]:
    return re.compile(rf"(?P<det>[\w'’]+)\s+(?i:{word_alternation(list(words))})\b")


@cache
def _count_words() -> tuple[frozenset[str], frozenset[str]]:
    d = load_json("checks", "claims.json")
    return frozenset(d["count_nouns"]), frozenset(d["not_counted"])


def _is_count_noun(noun: str) -> bool:
    nouns, not_counted = _count_words()
    if noun in not_counted:
        return False
    return noun in nouns or (noun.endswith("s") and not noun.endswith("ss") and len(noun) > 3)


def _number_starts(text: str, data: _Data) -> list[int]:
    """Where a number may start: a digit (or the currency sign before it) or a spelled-out number word."""
    starts: list[int] = []
    symbols = _SYMBOLS
    # a digit not after a word character, a dot or a comma (``(?<![\w.,])\d``) starts a run of digits
    for d in digit_runs(text):
        if d > 0:
            c = text[d - 1]
            if c.isalnum() or c in "_.,":
                continue
        p = d
        if p > 0 and text[p - 1] in symbols:
            p -= 1
        elif p > 1 and text[p - 1] == " " and text[p - 2] in symbols:
            p -= 2
        if p < d:
            while p > 0 and text[p - 1].isalpha() and text[p - 1].isupper():
                p -= 1
        starts.append(p)
    present = data.number_words.intersection(lower_words(text))
    if present:
        lower = folded(text)
        if lower is None:
            found = _number_word_pattern(frozenset(present)).finditer(text)
        else:
            at = occurrences(lower, present)
            candidates = sorted({p - k for p in at for k in _NUMBER_PREFIXES if p >= k})
            found = finditer_at(data.all_number_words, text, candidates)
        for m in found:
            starts.append(m.start())
    return sorted(set(starts))


def _superlatives(text: str, data: _Data, present: frozenset[str]) -> Iterator[re.Match[str]]:
    """Matches of the superlative pattern: a word, spaces, a superlative ("the largest")."""
    lower = folded(text)
    if lower is None:
        yield from _superlative_pattern(present).finditer(text)
        return
    # a match is the run of word characters before the spaces before a superlative; finditer
    # starts it at the run's start, or where the previous match ended when that is inside the run
    pattern = data.all_superlatives
    end = 0
    for q in occurrences(lower, present):
        gap = q
        while gap > 0 and text[gap - 1].isspace():
            gap -= 1
        if gap == q:
            continue
        start = gap
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_'’"):
            start -= 1
        start = max(start, end)
        if start >= gap:
            continue
        m = pattern.match(text, start)
        if m is not None:
            end = m.end()
            yield m


@lru_cache(maxsize=50_000)
def claims(text: str, headline: bool = False) -> tuple[tuple[int, int, str], ...]:
    """(start, end, rule) for each claim in ``text``, earliest first, never overlapping."""
    data = _data()
    starts = _number_starts(text, data)
    taken: list[tuple[int, int]] = [(m.start, m.end) for m in mentions(text)] if starts else []
    if starts and (":" in text or ".m." in text or "am" in text or "pm" in text):
        # every match starts with a digit after a word boundary: at the start of a run of digits
        taken += [m.span() for m in finditer_at(_TIME, text, digit_runs(text))]
    out: list[tuple[int, int, str]] = []

    def add(s: int, e: int, rule: str) -> bool:
        for a, b in taken:
            if e > a and s < b:
                return False
        taken.append((s, e))
        out.append((s, e, rule))
        return True

    # a pattern that needs a word the text lacks cannot match anywhere in it
    if starts:
        money = any(w in text for w in data.money_needs) or not data.money_firsts.isdisjoint(
            lower_words(text)
        )
        percent = any(w in text for w in data.percent_words)
        at_digit, at_word = data.tries[True, money, percent], data.tries[False, money, percent]
        for p in starts:
            c = text[p]
            # at a digit or a currency sign, a spelled-out number cannot start: the patterns without
            # the long number-word alternation match exactly the same (and several times faster)
            first, counts = at_digit if c in _SYMBOLS or c.isdecimal() else at_word
            for rule, pattern in first:
                m = pattern.match(text, p)
                if m and add(m.start(), m.end(), rule):
                    break
            else:
                for _rule, pattern in counts:
                    m = pattern.match(text, p)
                    if m and _is_count_noun(m.group("noun")) and not _is_year(m.group()):
                        add(m.start(), m.end(), "claim.count")
                        break
    lower = text.lower()
    there = {n for n in data.needs if n in lower}
    for needs, pattern in data.phrases:
        if not needs or not there.isdisjoint(needs):
            for m in pattern.finditer(text):
                add(m.start(), m.end(), "claim.superlative")
    present = data.superlatives.intersection(lower_words(text))
    if present:
        for m in _superlatives(text, data, present):
            if m.group("det").lower() in data.determiners:
                add(m.start(), m.end(), "claim.superlative")
    if headline:
        for m in data.bare.finditer(text):
            add(m.start(), m.end(), "claim.superlative")
    out.sort()
    return tuple(out)


def _is_year(s: str) -> bool:
    head = s.split()[0]
    return head.isdigit() and len(head) == 4 and 1800 <= int(head) <= 2100


_LABEL = {
    "claim.money": "Amount of money",
    "claim.percent": "Percentage",
    "claim.quantity": "Quantity or duration",
    "claim.count": "Count",
    "claim.superlative": "First or superlative",
}


_KIND = {rule: rule.split(".", 1)[1] for rule in _LABEL}


class ClaimCheck:
    """Numbers, amounts and superlatives a fact checker must confirm."""

    name = "claims"
    rules = tuple(_LABEL)

    def check_block(self, article: Article, index: int, block: Block, ctx: CheckContext) -> Iterable[Finding]:
        out: list[Finding] = []
        for field in date_fields(index, block):
            text = block.field_text(field)
            for s, e, rule in claims(text, index == HEADLINE):
                out.append(
                    finding(
                        FlagKind.CLAIM,
                        Severity.INFO,
                        index,
                        text,
                        s,
                        e,
                        f"{_LABEL[rule]} to verify: {text[s:e]!r}.",
                        rule,
                        (),
                        field,
                        {"claim": _KIND[rule]},
                    )
                )
        return out
