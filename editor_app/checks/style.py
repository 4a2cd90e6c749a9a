"""House style (AP defaults in ``resources/house_style.json``): each rule has an id, an on/off switch,
a message and a suggestion; settings choose between house variants (dash, quotes, titles)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from editor_app.checks.base import CheckContext
from editor_app.checks.data import House, house_for, load_json, word_alternation
from editor_app.checks.dates import date_fields, mentions, resolve
from editor_app.checks.engine_support import HEADLINE
from editor_app.checks.textutil import (
    digit_runs,
    finding,
    finditer_at,
    folded,
    lower_words,
    occurrences,
    sentence_starts,
)
from editor_app.domain import Article, Block, Finding, FlagKind

_UNITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_DASHES = {"spaced-em": " — ", "em": "—", "spaced-en": " – ", "en": "–"}
#: ``(?<=[\w,.!?"”’)]) +- +(?=[\w"“‘(])``, space first so the regex engine skips ahead to spaces
_SPACED_HYPHEN = re.compile(r" (?<=[\w,.!?\"”’)] ) *- +(?=[\w\"“‘(])")
_ELLIPSIS = re.compile(r"(?<!\.)\.\s?\.\s?\.(?!\.)")
_STRAIGHT_DOUBLE = re.compile('"')
_STRAIGHT_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
_TITLE_WORD = r"(?:[A-Z0-9][\w'’:-]*)"
_AZ = re.compile(r"[a-z]+")
_SMALL = r"(?:of|the|and|in|on|a|an|to|for|at|by|with|from)"


#: ``(?<![\w$€£¥₽.,:/#+-])[1-9]...``, digit first so the regex engine skips ahead to digits
_NUMERAL = re.compile(r"(?P<d>[1-9])(?<![\w$€£¥₽.,:/#+-][1-9])(?P<sep>[ -])(?!\d)(?P<w>[a-z][\w'’]*)")


@lru_cache(maxsize=64)
def _numeral_exceptions(house: House) -> tuple[tuple[str, ...], frozenset[str]]:
    """(words after the figure that keep it a figure, words before it that do)."""
    after = [str(w) for w in house.setting("numeral_exceptions_after", [])]
    if house.setting("durations_as_figures", False):
        after += [str(w) for w in house.setting("duration_units", [])]
    before = frozenset(str(w) for w in house.setting("numeral_exceptions_before", []))
    return tuple(sorted(after, key=len, reverse=True)), before


def _keeps_figure(text: str, start: int, rest: str, after: tuple[str, ...], before: frozenset[str]) -> bool:
    if rest.startswith(after):  # one C-level test before looking at each exception
        for a in after:
            if rest.startswith(a) and (len(rest) == len(a) or not (rest[len(a)].isalnum())):
                return True
    # the word before: what ``(\S+)\s+$`` finds in the 30 characters before the figure
    words = text[max(0, start - 30) : start].split()
    if not words or not text[start - 1].isspace():
        return False
    if words[-1] in before:
        return True
    return " ".join(words[-2:]) in before


class StyleCheck:
    """House-style rules that look at one block's text."""

    name = "style"
    rules = (
        "style.numerals",
        "style.lowercase-word",
        "style.spaced-hyphen",
        "style.straight-quotes",
        "style.straight-apostrophe",
        "style.ellipsis",
        "style.numeric-date",
        "style.composition-title",
    )

    def check_block(self, article: Article, index: int, block: Block, ctx: CheckContext) -> Iterable[Finding]:
        house = house_for(ctx.house)
        out: list[Finding] = []
        for field in date_fields(index, block):
            text = block.field_text(field)
            out += self._numerals(index, field, text, house)
            if index != HEADLINE:
                out += self._lowercase(index, field, text, house)
            out += self._dashes(index, field, text, house)
            out += self._quotes(index, field, text, house)
            out += self._ellipsis(index, field, text, house)
            out += self._numeric_dates(index, field, text, house, article)
            if index != HEADLINE:
                out += self._titles(index, field, text, house)
        return out

    @staticmethod
    def _make(
        house: House,
        rule: str,
        default_severity: str,
        index: int,
        field: str,
        text: str,
        s: int,
        e: int,
        suggestion: str | None,
        default_message: str,
        how: str = "",
    ) -> Finding:
        message = house.message(rule, default_message, text=text[s:e], suggestion=suggestion or "", how=how)
        return finding(
            FlagKind.STYLE,
            house.severity(rule, default_severity),
            index,
            text,
            s,
            e,
            message,
            rule,
            (suggestion,) if suggestion is not None else (),
            field=field,
        )

    def _numerals(self, index: int, field: str, text: str, house: House) -> list[Finding]:
        runs = digit_runs(text)
        if not runs:
            return []
        after, before = _numeral_exceptions(house)
        dates = [(m.start, m.end) for m in mentions(text)]
        out = []
        # a match's digit follows no word character, so it starts a run of digits
        for m in finditer_at(_NUMERAL, text, runs):
            if dates and any(a <= m.start() < b for a, b in dates):
                continue
            if _keeps_figure(text, m.start(), text[m.start("w") : m.start("w") + 30], after, before):
                continue
            s, e = m.start(), m.end()
            suggestion = _UNITS[int(m.group("d"))] + m.group("sep") + m.group("w")
            out.append(
                self._make(
                    house,
                    "style.numerals",
                    "warning",
                    index,
                    field,
                    text,
                    s,
                    e,
                    suggestion,
                    "Spell out numbers under 10.",
                )
            )
        return out

    def _lowercase(self, index: int, field: str, text: str, house: House) -> list[Finding]:
        capitalised = _lowercase_words(house)
        if not capitalised:
            return []
        pattern = _lowercase_pattern(capitalised)
        # a match starts with one of the words as written: try only where one occurs
        found = (
            finditer_at(pattern, text, occurrences(text, capitalised))
            if all(capitalised)
            else pattern.finditer(text)
        )
        out = []
        starts: set[int] | None = None
        for m in found:
            if starts is None:
                starts = sentence_starts(text)
            if m.start() in starts or _in_name(text, m.start(), m.end()):
                continue
            out.append(
                self._make(
                    house,
                    "style.lowercase-word",
                    "warning",
                    index,
                    field,
                    text,
                    m.start(),
                    m.end(),
                    m.group().lower(),
                    "Lowercase mid-sentence.",
                )
            )
        return out

    def _dashes(self, index: int, field: str, text: str, house: House) -> list[Finding]:
        if " - " not in text:
            return []
        dash = _DASHES.get(str(house.setting("dash", "spaced-em")), " — ")
        return [
            self._make(
                house,
                "style.spaced-hyphen",
                "warning",
                index,
                field,
                text,
                m.start(),
                m.end(),
                dash,
                "A spaced hyphen is not a dash.",
            )
            for m in _SPACED_HYPHEN.finditer(text)
        ]

    def _quotes(self, index: int, field: str, text: str, house: House) -> list[Finding]:
        if str(house.setting("quotes", "curly")) != "curly":
            return []
        out = []
        if '"' in text:
            marks = [m.start() for m in _STRAIGHT_DOUBLE.finditer(text)]
            for k in range(0, len(marks), 2):
                s = marks[k]
                e = marks[k + 1] + 1 if k + 1 < len(marks) else s + 1
                inner = text[s + 1 : e - 1] if e - s > 1 else ""
                suggestion = "“" + inner + "”" if e - s > 1 else "“"
                out.append(
                    self._make(
                        house,
                        "style.straight-quotes",
                        "warning",
                        index,
                        field,
                        text,
                        s,
                        e,
                        suggestion,
                        "Straight quotation marks.",
                    )
                )
        if "'" in text and house.enabled("style.straight-apostrophe"):
            out += [
                self._make(
                    house,
                    "style.straight-apostrophe",
                    "info",
                    index,
                    field,
                    text,
                    m.start(),
                    m.end(),
                    "’",
                    "Straight apostrophe.",
                )
                for m in _STRAIGHT_APOSTROPHE.finditer(text)
            ]
        return out

    def _ellipsis(self, index: int, field: str, text: str, house: House) -> list[Finding]:
        if ". ." not in text and "..." not in text:
            return []
        mark = str(house.setting("ellipsis", "…"))
        return [
            self._make(
                house,
                "style.ellipsis",
                "warning",
                index,
                field,
                text,
                m.start(),
                m.end(),
                mark,
                "Three dots.",
            )
            for m in _ELLIPSIS.finditer(text)
            if m.group() != mark
        ]

    def _numeric_dates(
        self, index: int, field: str, text: str, house: House, article: Article
    ) -> list[Finding]:
        if "/" not in text and "-" not in text:
            return []
        months = load_json("checks", "dates.json")["ap_months"]
        order = str(house.setting("numeric_date_order", "MDY"))
        out = []
        for m in mentions(text):
            if not m.numeric:
                continue
            when = resolve(m, None, order)
            if when is None:
                continue
            suggestion = f"{months[when.month - 1]} {when.day}, {when.year}"
            out.append(
                self._make(
                    house,
                    "style.numeric-date",
                    "warning",
                    index,
                    field,
                    text,
                    m.start,
                    m.end,
                    suggestion,
                    "Numeric date.",
                )
            )
        return out

    def _titles(self, index: int, field: str, text: str, house: House) -> list[Finding]:
        cues, words, others = _cues(house)
        if not cues:
            return []
        fold = folded(text) if words is not None else None
        if fold is not None and words is not None:
            # a match starts with a cue and case folding holds no surprises: try only where one
            # occurs; a one-word cue starts a match only as a whole word ("film", not "filmed")
            present = [*words.intersection(lower_words(text)), *others]
            if not present:
                return []
            at = occurrences(fold, present)
            if not at:
                return []
            found = finditer_at(_title_pattern(cues), text, at)
        else:
            lower = text.lower()
            if not any(c in lower for c in cues):
                return []
            found = _title_pattern(cues).finditer(text)
        italics = str(house.setting("composition_titles", "quotes")) == "italics"
        out = []
        for m in found:
            s, e = m.span("t")
            title = m.group("t")
            if not title[:1].isupper() or (s > 0 and text[s - 1] in "\"“‘'*_"):
                continue
            if italics:
                out.append(
                    self._make(
                        house,
                        "style.composition-title",
                        "warning",
                        index,
                        field,
                        text,
                        s,
                        e,
                        None,
                        "Composition title: set it in italics.",
                        how="set it in italics",
                    )
                )
            else:
                out.append(
                    self._make(
                        house,
                        "style.composition-title",
                        "warning",
                        index,
                        field,
                        text,
                        s,
                        e,
                        f"“{title}”",
                        "Composition title: put it in quotation marks.",
                        how="put it in quotation marks",
                    )
                )
        return out


@lru_cache(maxsize=64)
def _cues(house: House) -> tuple[tuple[str, ...], frozenset[str] | None, tuple[str, ...]]:
    """The composition cues, lowercase; when they are all plain ASCII, also split into a-z words
    and the rest (see ``_titles``), else None and ()."""
    cues = tuple(str(c).lower() for c in house.setting("composition_cues", []))
    if not all(c and c.isascii() for c in cues):
        return cues, None, ()
    words = frozenset(c for c in cues if _AZ.fullmatch(c))
    return cues, words, tuple(c for c in cues if c not in words)


@lru_cache(maxsize=64)
def _lowercase_words(house: House) -> tuple[str, ...]:
    """The house's lowercase words as they are written when wrongly capitalised ("Space")."""
    return tuple(str(w).capitalize() for w in house.setting("lowercase_words", []))


@lru_cache(maxsize=16)
def _lowercase_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{word_alternation(list(words))})\b")


@lru_cache(maxsize=16)
def _title_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(
        rf"\b(?i:{word_alternation(list(cues))})\s+"
        rf"(?P<t>(?:The |A |An )?{_TITLE_WORD}(?:\s+(?:{_SMALL}\s+)*{_TITLE_WORD})*)"
    )


def _in_name(text: str, start: int, end: int) -> bool:
    """True when a capitalised word sits in a name ("International Space Station", "Space Force")."""
    before = re.search(r"([A-Z][\w'’-]*)\s+$", text[max(0, start - 40) : start])
    after = re.match(r"\s+([A-Z][\w'’-]*)", text[end : end + 40])
    return bool(before) or bool(after)
