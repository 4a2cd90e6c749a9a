"""Dates: every date in the text resolved against the article's date, weekdays checked, the stamp checked.

"Tuesday, October 5" in an article updated 10 Oct 2021 is 5 Oct 2021, a Tuesday:
listed for the fact checker, not an error. A weekday that does not match its
date is an error whose suggestion is the right weekday. An "updated" stamp in the
future, or earlier than events the body reports as past, is flagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from functools import cache, lru_cache
from typing import Any, NamedTuple

from editor_app.checks.base import CheckContext
from editor_app.checks.data import house_for, load_json, word_alternation
from editor_app.checks.engine_support import NO_FINDINGS, UnitMemo, prose_units
from editor_app.checks.spelling import TEXT_TYPES
from editor_app.checks.textutil import (
    digit_runs,
    finding,
    finditer_at,
    folded,
    lower_words,
    occurrences,
    sentence_bounds,
)
from editor_app.domain import Article, Block, Finding, FlagKind, Severity

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class DateMention(NamedTuple):
    """A date as written: where it is and which parts the text gives.

    A named tuple: thousands are built per article, three times faster than a frozen dataclass.
    """

    start: int
    end: int
    text: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    weekday_span: tuple[int, int] | None = None
    numeric: bool = False
    #: "on Tuesday" (weekday only) or yesterday/tomorrow (day offset)
    relative_weekday: bool = False
    offset: int | None = None
    #: the sentence reports a past event (past verb, no future marker)
    past: bool = False
    future: bool = False


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    data = load_json("checks", "dates.json")
    abbr = r"(?:" + word_alternation([a for v in data["months"].values() for a in v]) + r")(?:\.|\b)"
    mon = r"(?P<mon>(?:" + word_alternation(list(data["months"])) + r")\b|" + abbr + ")"
    wd_abbr = [a + "." for a in data["weekday_abbreviations"]]
    wd = r"(?:(?P<wd>" + word_alternation([*data["weekdays"], *wd_abbr]) + r"),?\s+(?:the\s+)?)?"
    year = r"(?:,?\s+(?P<year>(?:1[89]|2[01])\d\d)(?!\d))?"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])"
    return {
        "md": re.compile(wd + mon + r"\s+" + day + year),
        "dm": re.compile(wd + day + r"\s+(?:of\s+)?" + mon + year),
        "my": re.compile(mon + r",?\s+(?P<year>(?:1[89]|2[01])\d\d)(?!\d)"),
        "num": re.compile(r"(?<![\d/.-])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4}|\d{2})(?![\d/])"),
        "iso": re.compile(r"(?<![\d-])(?P<year>(?:19|20)\d\d)-(?P<a>[01]\d)-(?P<b>[0-3]\d)(?![\d-])"),
        "rel": re.compile(
            r"\b(?P<pre>[Oo]n|[Ll]ast|[Nn]ext|[Tt]his|[Ss]ince|[Bb]y|[Uu]ntil) (?P<wd>"
            + word_alternation(data["weekdays"])
            + r")\b"
        ),
        "off": re.compile(r"\b(?P<rel>(?i:" + word_alternation(list(data["relative_days"])) + r"))\b"),
    }


@cache
def _month_numbers() -> dict[str, int]:
    data = load_json("checks", "dates.json")
    out: dict[str, int] = {}
    for i, (full, abbrs) in enumerate(data["months"].items(), start=1):
        out[full.lower()] = i
        for a in abbrs:
            out[a.lower()] = i
    return out


@cache
def _weekday_numbers() -> dict[str, int]:
    data = load_json("checks", "dates.json")
    out = {name.lower(): i for i, name in enumerate(data["weekdays"])}
    for abbr, full in data["weekday_abbreviations"].items():
        out[abbr.lower() + "."] = out[full.lower()]
    return out


@cache
def _tense_words() -> tuple[frozenset[str], frozenset[str], tuple[str, ...], frozenset[str], tuple[str, ...]]:
    data = load_json("checks", "dates.json")
    past = [str(w).lower() for w in data["past_words"]]
    future = [str(w).lower() for w in data["future_markers"]]
    not_past = frozenset(str(w).lower() for w in data["not_past"] if " " not in str(w))
    return (
        frozenset(w for w in past if " " not in w),
        frozenset(w for w in future if " " not in w and "'" not in w),
        tuple(w for w in future if " " in w or "'" in w),
        not_past,
        tuple(w for w in past if " " in w),
    )


_LOWER_WORDS = re.compile(r"[a-z]+")


def _tense(text: str, start: int) -> tuple[bool, bool]:
    """(reports a past event, speaks of the future) for the sentence around ``start``."""
    past_words, future_words, future_phrases, not_past, past_phrases = _tense_words()
    s, e = sentence_bounds(text, start)
    sentence = text[s:e].lower()
    words = set(_LOWER_WORDS.findall(sentence))
    future = not future_words.isdisjoint(words) or any(p in sentence for p in future_phrases)
    past = (
        not past_words.isdisjoint(words)
        or any(p in sentence for p in past_phrases)
        or any(w.endswith("ed") and len(w) > 3 and w not in not_past for w in words)
    )
    return past and not future, future


#: a capitalised token of ``[A-Za-z]+\.?|\d+`` (tokens are whole runs of ASCII letters), written to
#: start with its first letter so the regex engine skips ahead
_CAP_TOKEN = re.compile(r"[A-Z](?<![A-Za-z][A-Z])[A-Za-z]*\.?")
_CAP_WORD = re.compile(r"[A-Z][a-z]+")
_OFFSET = re.compile(r"\b(?:[Yy]esterday|[Tt]omorrow)\b")


@cache
def _calendar_words() -> frozenset[str]:
    """Month and weekday names (and abbreviations) as capitalised words, for a quick first look."""
    data = load_json("checks", "dates.json")
    names = [
        *data["months"],
        *[a for v in data["months"].values() for a in v],
        *data["weekdays"],
        *data["weekday_abbreviations"],
    ]
    return frozenset(names)


@cache
def _calendar_word() -> re.Pattern[str]:
    """A month or weekday name written as a capitalised word ("May", not "MAY" or "Mayor"), the
    quick first look: what ``_CAP_WORD`` finds among ``_calendar_words``, searched for directly."""
    names = [w for w in _calendar_words() if _CAP_WORD.fullmatch(w)]
    return re.compile(rf"(?:{word_alternation(names)})(?![a-z])")


@cache
def _calendar_keys() -> frozenset[str]:
    """Month and weekday names and abbreviations as ``lower_words`` holds them (lowercase, no dot)."""
    return frozenset([*_month_numbers(), *(k.rstrip(".") for k in _weekday_numbers())])


@lru_cache(maxsize=50_000)
def mentions(text: str) -> tuple[DateMention, ...]:
    """Every date written in ``text`` (cached by the text).

    Patterns are tried only where a digit, a month, a weekday or yesterday/tomorrow
    starts, which keeps long articles fast.
    """
    pats = _patterns()
    months = _month_numbers()
    wdays = _weekday_numbers()
    rel = load_json("checks", "dates.json")["relative_days"]
    digits = digit_runs(text)
    month_at: list[int] = []
    weekday_at: list[int] = []
    # a month or weekday token is a run of letters, so ``lower_words`` (shared with other checks)
    # holds it in lowercase; on a text without case-folding surprises, a token can start only
    # where ``folded`` holds one of the names present
    fold = folded(text)
    words = lower_words(text) if fold is not None else None
    present = _calendar_keys().intersection(words) if words is not None else None
    if (present is None or present) and _calendar_word().search(text) is not None:
        tokens = (
            _CAP_TOKEN.finditer(text)
            if fold is None or present is None
            else finditer_at(_CAP_TOKEN, text, occurrences(fold, present))
        )
        for t in tokens:
            tok = t.group()
            key = tok.rstrip(".").lower()
            if key in months:
                month_at.append(t.start())
            elif tok.lower() in wdays or key in wdays:
                weekday_at.append(t.start())
    offsets: list[re.Match[str]] = []
    if words is not None:
        relative = "yesterday" in words or "tomorrow" in words
    else:
        lower = text.lower()
        relative = "yesterday" in lower or "tomorrow" in lower
    if relative:
        offsets = [t for t in _OFFSET.finditer(text) if t.group().lower() in rel]
    if not (digits or month_at or weekday_at or offsets):
        return ()
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    def add(start: int, end: int, *fields: Any, **named: Any) -> None:
        past, future = _tense(text, start)
        named["past"], named["future"] = past, future
        found.append(DateMention(start, end, *fields, **named))
        taken.append((start, end))

    def calendar(key: str, positions: list[int]) -> None:
        for pos in positions:
            m = pats[key].match(text, pos)
            if not m or not free(*m.span()):
                continue
            wd = m.group("wd")
            add(
                m.start(),
                m.end(),
                m.group(),
                int(m.group("year")) if m.group("year") else None,
                months[m.group("mon").rstrip(".").lower()],
                int(m.group("day")),
                wdays.get(wd.lower()) if wd else None,
                m.span("wd") if wd else None,
            )

    # "md", "dm" and "my" need a month name, which is where a month token is (month_at);
    # "num" needs a slash and "iso" a hyphen
    if month_at:
        calendar("md", weekday_at + month_at)
        calendar("dm", [*weekday_at, *digits])
    for key in ("num", "iso"):
        if ("/" if key == "num" else "-") not in text:
            continue
        for pos in digits:
            m = pats[key].match(text, pos)
            if not m or not free(*m.span()):
                continue
            y = int(m.group("year"))
            y = y + 2000 if y < 100 else y
            add(
                m.start(),
                m.end(),
                m.group(),
                y,
                int(m.group("a")),
                int(m.group("b")),
                numeric=key == "num",
            )
    for pos in month_at:
        m = pats["my"].match(text, pos)
        if m and free(*m.span()):
            add(
                m.start(),
                m.end(),
                m.group(),
                int(m.group("year")),
                months[m.group("mon").rstrip(".").lower()],
            )
    for pos in weekday_at:
        m = pats["rel"].search(text, max(0, pos - 7), pos + 10)
        if m and m.start("wd") == pos and free(*m.span("wd")):
            s, e = m.span("wd")
            add(
                s,
                e,
                m.group("wd"),
                weekday=wdays[m.group("wd").lower()],
                weekday_span=(s, e),
                relative_weekday=True,
            )
    for t in offsets:
        if free(*t.span()):
            add(t.start(), t.end(), t.group(), offset=int(rel[t.group().lower()]))
    found.sort(key=lambda d: d.start)
    return tuple(found)


def _as_date(value: date | datetime | None) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value


def resolve(m: DateMention, ref: date | None, order: str = "MDY") -> date | None:
    """The calendar date a mention means, given the article's date; None when it cannot be told."""
    if m.offset is not None:
        return ref + timedelta(days=m.offset) if ref else None
    if m.relative_weekday:
        if ref is None or m.weekday is None:
            return None
        back = (ref.weekday() - m.weekday) % 7
        if m.future and not m.past:
            return ref + timedelta(days=(m.weekday - ref.weekday()) % 7)
        return ref - timedelta(days=back)
    month, day = m.month, m.day
    if m.numeric and order.upper().startswith("D"):
        month, day = day, month
    if month is None:
        return None
    if day is None:
        return None
    if m.year is not None:
        try:
            return date(m.year, month, day)
        except ValueError:
            return None
    if ref is None:
        return None
    best: date | None = None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            cand = date(y, month, day)
        except ValueError:
            continue
        if best is None or abs((cand - ref).days) < abs((best - ref).days):
            best = cand
    return best


def _valid(m: DateMention, order: str) -> bool:
    month, day = m.month, m.day
    if m.numeric and order.upper().startswith("D"):
        month, day = day, month
    if month is None or day is None:
        return True
    if not 1 <= month <= 12:
        return False
    try:
        date(m.year if m.year is not None else 2000, month, day)
    except ValueError:
        return False
    return True


def date_fields(index: int, block: Block) -> list[str]:
    if block.type in TEXT_TYPES or index < 0:
        return ["text"] if block.text else []
    if block.image is not None and block.image.caption.strip():
        return ["caption"]
    return []


class DateCheck:
    """Each date listed for verification; impossible dates and wrong weekdays are errors."""

    name = "dates"
    rules = ("date.mention", "date.weekday", "date.invalid")

    def check_block(self, article: Article, index: int, block: Block, ctx: CheckContext) -> Iterable[Finding]:
        ref = _as_date(article.reference_date)
        order = str(house_for(ctx.house).setting("numeric_date_order", "MDY"))
        out: list[Finding] = []
        for field in date_fields(index, block):
            text = block.field_text(field)
            for m in mentions(text):
                if not _valid(m, order):
                    out.append(
                        finding(
                            FlagKind.DATE,
                            Severity.ERROR,
                            index,
                            text,
                            m.start,
                            m.end,
                            f"{m.text!r} is not a real date.",
                            "date.invalid",
                            field=field,
                        )
                    )
                    continue
                when = resolve(m, ref, order)
                data = {"date": when.isoformat()} if when else {}
                where = f" ({when:%A %d %B %Y})" if when else ""
                out.append(
                    finding(
                        FlagKind.DATE,
                        Severity.INFO,
                        index,
                        text,
                        m.start,
                        m.end,
                        f"Date to verify: {m.text!r}{where}.",
                        "date.mention",
                        field=field,
                        data=data,
                    )
                )
                if (
                    when
                    and m.weekday is not None
                    and m.weekday_span
                    and not m.relative_weekday
                    and when.weekday() != m.weekday
                ):
                    right = WEEKDAYS[when.weekday()]
                    s, e = m.weekday_span
                    out.append(
                        finding(
                            FlagKind.DATE,
                            Severity.ERROR,
                            index,
                            text,
                            s,
                            e,
                            f"{when:%B} {when.day}, {when.year} is a {right}, not a {WEEKDAYS[m.weekday]}.",
                            "date.weekday",
                            (right,),
                            field=field,
                            data={"date": when.isoformat()},
                        )
                    )
        return out


class UpdatedStampCheck:
    """The article's date against today and against the events its body reports as past."""

    name = "date-stamp"
    rules = ("date.stamp-future", "date.after-stamp")

    def __init__(self) -> None:
        self._memo: UnitMemo[None, tuple[date, str, str]] = UnitMemo()

    def forget(self) -> None:
        """Drop the last run, so the next one starts cold (``clear_caches``)."""
        self._memo = UnitMemo()

    def check_article(self, article: Article, ctx: CheckContext) -> Iterable[Finding]:
        stamp = _as_date(article.reference_date)
        if stamp is None:
            return []
        label = "updated" if article.updated else "published"
        out: list[Finding] = []
        if stamp > ctx.today:
            out.append(
                finding(
                    FlagKind.DATE,
                    Severity.ERROR,
                    -1,
                    article.headline,
                    0,
                    0,
                    f"The {label} stamp ({stamp.isoformat()}) is later than today ({ctx.today.isoformat()}).",
                    "date.stamp-future",
                    data={"stamp": stamp.isoformat()},
                )
            )
        order = str(house_for(ctx.house).setting("numeric_date_order", "MDY"))
        units = prose_units(article)
        memo = self._memo
        state = (stamp, label, order)
        changed = memo.changed_units(units, _no_signature) if memo.state == state else None
        if changed is None:
            outputs = [_stamp_findings(i, f, t, stamp, label, order) for i, f, t in units]
            memo.signatures = [None] * len(units)
        else:
            outputs = list(memo.outputs)
            for pos in changed:
                i, f, t = units[pos]
                outputs[pos] = _stamp_findings(i, f, t, stamp, label, order)
        memo.units, memo.outputs, memo.state = list(units), outputs, state
        out.extend(f for found in outputs for f in found)
        return out


def _stamp_findings(index: int, field: str, text: str, stamp: date, label: str, order: str) -> list[Finding]:
    found = _after_stamp(index, field, text, stamp, label, order) if mentions(text) else ()
    return list(found) if found else NO_FINDINGS


def _no_signature(_text: str) -> None:
    return None


@lru_cache(maxsize=50_000)
def _after_stamp(
    index: int, field: str, text: str, stamp: date, label: str, order: str
) -> tuple[Finding, ...]:
    """Dates in one text reported as past but later than the stamp (cached: same objects while unchanged)."""
    out: list[Finding] = []
    for m in mentions(text):
        if not m.past or m.relative_weekday or m.offset is not None:
            continue
        when = resolve(m, stamp, order)
        if when is not None and when > stamp:
            out.append(
                finding(
                    FlagKind.DATE,
                    Severity.WARNING,
                    index,
                    text,
                    m.start,
                    m.end,
                    f"Reported as past, but {when.isoformat()} is after the article's {label} "
                    f"stamp ({stamp.isoformat()}): check the date or the stamp.",
                    "date.after-stamp",
                    field=field,
                    data={"date": when.isoformat(), "stamp": stamp.isoformat()},
                )
            )
    return tuple(out)
