"""Quotations and who said them.

Each quotation is listed with its speaker: a name next to a speech verb
("Rogozin elaborated"), a role noun resolved to the person introduced with that
role ("the actress gushed" -> Yulia Peresild), a surname resolved to the full
name, a pronoun to the last speaker; a second quotation in the same paragraph
with no attribution of its own continues the same speaker. A quotation with no
speaker is flagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import chain
from typing import NamedTuple

from editor_app.checks.base import CheckContext
from editor_app.checks.data import word_alternation
from editor_app.checks.engine_support import NO_FINDINGS, UnitMemo, prose_units
from editor_app.checks.people import Introduction, introductions, name_pattern, people_data
from editor_app.checks.textutil import finding
from editor_app.domain import Article, Finding, FlagKind, Severity

_block_findings: dict[tuple[object, ...], list[Finding]] = {}
_PAIRS = {"“": "”", '"': '"', "«": "»", "„": "“"}


class Quote(NamedTuple):
    """A quotation in one block and what the text around it says about its speaker.

    A named tuple: thousands are built per article, three times faster than a frozen dataclass.
    """

    start: int
    end: int
    words: int
    #: the attribution as written ("Dmitry Rogozin", "the actress", "she"), if any
    speaker: str | None = None
    kind: str = ""  # "name", "role", "pronoun", "group"
    verb: str = ""
    open_ended: bool = False


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    data = people_data()
    verbs = word_alternation(data["speech_verbs"])
    roles = word_alternation(data["roles"])
    pron = word_alternation(data["pronouns"])
    name = name_pattern()
    who = (
        rf"(?P<role>(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir)\s+(?:[\w'’-]+\s+){{0,2}}?(?:{roles}))"
        rf"|(?P<pron>\b(?:{pron}))"
        rf"|(?P<group>(?:[A-Z][\w'’-]+\s+)?(?:{roles}))"
        rf"|(?P<name>{name})"
    )
    appositive = r"(?:,\s+[^,\"“”.!?]{1,120},)?"
    return {
        "after": re.compile(rf"^[\s,]*(?:{who}){appositive}\s+(?P<verb>{verbs})\b"),
        "after_inverted": re.compile(rf"^[\s,]*(?P<verb>{verbs})\s+(?:{who})"),
        "before": re.compile(rf"(?:{who}){appositive}\s+(?P<verb>{verbs})(?:\s+[\w'’]+){{0,3}}?\s*[,:]?\s*$"),
        "according": re.compile(rf"(?:[Aa]ccording to)\s+(?:{who})\s*,?\s*$"),
    }


_OPENERS = re.compile('["“«„]')


def _spans(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, open_ended) of each double-quoted passage, marks included."""
    out: list[tuple[int, int, bool]] = []
    n = len(text)
    pos = 0
    while True:
        m = _OPENERS.search(text, pos)
        if m is None:
            return out
        i = m.start()
        j = text.find(_PAIRS[m.group()], i + 1)
        if j == -1:
            out.append((i, n, True))
            return out
        out.append((i, j + 1, False))
        pos = j + 1


def _who(m: re.Match[str]) -> tuple[str, str] | None:
    for kind in ("role", "pron", "group", "name"):
        value = m.group(kind)
        if value:
            return value.strip(), {"pron": "pronoun"}.get(kind, kind)
    return None


@lru_cache(maxsize=50_000)
def quotes(text: str) -> tuple[Quote, ...]:
    """Quotations in ``text`` with their attribution as written (cached by the text)."""
    if '"' not in text and "“" not in text and "«" not in text and "„" not in text:
        return ()
    pats = _patterns()
    out: list[Quote] = []
    spans = _spans(text)
    for k, (s, e, open_ended) in enumerate(spans):
        inner = text[s + 1 : e - (0 if open_ended else 1)]
        words = len(inner.split())
        nxt = spans[k + 1][0] if k + 1 < len(spans) else len(text)
        prev = spans[k - 1][1] if k > 0 else 0
        after = text[e:nxt]
        before = text[prev:s]
        sentence_before = re.split(r"(?<=[.!?])\s+", before[-160:])[-1] if before.strip() else ""
        found: tuple[str, str] | None = None
        verb = ""
        for key in ("after", "after_inverted"):
            m = pats[key].match(after)
            if m:
                found, verb = _who(m), m.group("verb")
                break
        if found is None and sentence_before:
            m = pats["before"].search(sentence_before) or pats["according"].search(sentence_before)
            if m:
                found = _who(m)
                verb = m.groupdict().get("verb") or "according to"
        speaker, kind = found if found else (None, "")
        out.append(Quote(s, e, words, speaker, kind, verb, open_ended))
    return tuple(out)


@dataclass(slots=True)
class _Person:
    name: str
    roles: set[str]


class _People:
    """People met so far in the article, for resolving surnames, roles and pronouns."""

    def __init__(self) -> None:
        self.people: list[_Person] = []
        self._by_name: dict[str, _Person] = {}
        self._by_token: dict[str, _Person] = {}

    def meet(self, name: str, role: str | None = None) -> _Person:
        known = self._by_name.get(name)
        if known is not None and (role is None or role in known.roles):
            return known
        person = self.lookup_name(name)
        if person is None:
            person = _Person(name, set())
            self.people.append(person)
        elif len(name.split()) > len(person.name.split()) and person.name in name:
            person.name = name
        self._by_name[name] = person
        for token in name.split():
            self._by_token[token] = person
        if role:
            person.roles.add(role.lower())
        return person

    def lookup_name(self, name: str) -> _Person | None:
        if not name:
            return None
        found = self._by_name.get(name)
        if found is None:
            tokens = name.split()
            found = self._by_token.get(tokens[-1]) if len(tokens) > 1 else self._by_token.get(tokens[0])
            if found is not None and found.name.split()[-1] != tokens[-1] and len(tokens) > 1:
                found = None
        return found

    def by_role(self, phrase: str) -> _Person | None:
        words = phrase.lower().split()
        wanted = words[1:] or words
        for p in reversed(self.people):
            if any(w in p.roles for w in wanted):
                return p
        return None


@cache
def _titles() -> frozenset[str]:
    data = people_data()
    return frozenset(str(w).lower() for w in [*data["roles"], *data["title_words"]] if " " not in str(w))


def _ends_in_quote(text: str, qs: tuple[Quote, ...]) -> bool:
    last = qs[-1]
    return last.open_ended or not text[last.end :].strip(" .") or last.end >= len(text.rstrip()) - 1


@lru_cache(maxsize=50_000)
def _signature(text: str) -> tuple[object, ...]:
    """What attribution reads from a text, without offsets: people introduced and quotes, in order."""
    events: list[tuple[object, ...]] = []
    qs = quotes(text)
    intros = introductions(text)
    merged = sorted(
        [(i.start, ("i", i.name, i.role)) for i in intros]
        + [(q.start, ("q", q.speaker, q.kind, q.verb, q.words, q.open_ended, q.start < 3)) for q in qs]
    )
    events = [e for _pos, e in merged]
    return (tuple(events), bool(qs) and _ends_in_quote(text, qs))


class QuoteCheck:
    """Every quotation with its speaker; unattributed quotations are warnings."""

    name = "quotes"
    rules = ("quote.attributed", "quote.unattributed")

    def __init__(self) -> None:
        self._memo: UnitMemo[tuple[object, ...], list[list[tuple[str, str] | None]]] = UnitMemo()

    def forget(self) -> None:
        """Drop the last run, so the next one starts cold (``clear_caches``)."""
        self._memo = UnitMemo()

    def check_article(self, article: Article, ctx: CheckContext) -> Iterable[Finding]:
        min_words = int(people_data().get("min_quote_words", 4))
        units = prose_units(article, captions=False)
        memo = self._memo
        changed = memo.changed_units(units, _signature)
        if changed is not None and memo.state is not None:
            reused = list(memo.outputs)
            for pos in changed:
                index, _field, text = units[pos]
                reused[pos] = self._block(index, text, quotes(text), memo.state[pos], min_words)
            memo.units, memo.outputs = list(units), reused
            return list(chain.from_iterable(reused))
        people = _People()
        last_speaker: str | None = None
        prev_block_ended_in_quote = False
        outputs: list[list[Finding]] = []
        all_resolved: list[list[tuple[str, str] | None]] = []
        for index, _field, text in units:
            intros: tuple[Introduction, ...] = introductions(text)
            qs = quotes(text)
            resolved: list[tuple[str, str] | None] = []
            all_resolved.append(resolved)
            if not qs:
                for intro in intros:
                    people.meet(intro.name, intro.role)
                prev_block_ended_in_quote = False
                outputs.append(NO_FINDINGS)
                continue
            intro_i = 0
            para_speaker: str | None = None
            for qi, q in enumerate(qs):
                while intro_i < len(intros) and intros[intro_i].start < q.start:
                    people.meet(intros[intro_i].name, intros[intro_i].role)
                    intro_i += 1
                speaker, how = self._resolve(q, people, last_speaker)
                if speaker is None and para_speaker is not None and qi > 0:
                    speaker, how = para_speaker, "continues"
                if speaker is None and qi == 0 and prev_block_ended_in_quote and last_speaker and q.start < 3:
                    speaker, how = last_speaker, "continues"
                if speaker is None:
                    resolved.append(None)
                    continue
                para_speaker = last_speaker = speaker
                resolved.append((speaker, how))
            for intro in intros[intro_i:]:
                people.meet(intro.name, intro.role)
            outputs.append(self._block(index, text, qs, resolved, min_words))
            prev_block_ended_in_quote = _ends_in_quote(text, qs)
        memo.units, memo.outputs, memo.state = list(units), outputs, all_resolved
        memo.signatures = []  # ``_signature`` reads the text alone: a re-check derives the old ones
        return list(chain.from_iterable(outputs))

    @staticmethod
    def _block(
        index: int, text: str, qs: tuple[Quote, ...], resolved: list[tuple[str, str] | None], min_words: int
    ) -> list[Finding]:
        key = (index, text, tuple(resolved), min_words)
        found = _block_findings.get(key)
        if found is None:
            found = QuoteCheck._build(index, text, qs, resolved, min_words)
            if len(_block_findings) > 50_000:
                _block_findings.clear()
            _block_findings[key] = found
        return found

    @staticmethod
    def _build(
        index: int, text: str, qs: tuple[Quote, ...], resolved: list[tuple[str, str] | None], min_words: int
    ) -> list[Finding]:
        out: list[Finding] = []
        for q, who in zip(qs, resolved, strict=True):
            if who is None:
                if q.words >= min_words:
                    out.append(
                        finding(
                            FlagKind.QUOTE,
                            Severity.WARNING,
                            index,
                            text,
                            q.start,
                            q.end,
                            "Quotation with no speaker: say who said it.",
                            "quote.unattributed",
                        )
                    )
                continue
            speaker, how = who
            data = {"speaker": speaker, "how": how}
            if q.verb:
                data["verb"] = q.verb
            if q.speaker and q.speaker != speaker:
                data["attribution"] = q.speaker
            out.append(
                finding(
                    FlagKind.QUOTE,
                    Severity.INFO,
                    index,
                    text,
                    q.start,
                    q.end,
                    f"Quotation attributed to {speaker}: check the words and the speaker.",
                    "quote.attributed",
                    data=data,
                )
            )
        return out

    @staticmethod
    def _resolve(q: Quote, people: _People, last: str | None) -> tuple[str | None, str]:
        if q.speaker is None:
            return None, ""
        if q.kind == "name":
            words = q.speaker.split()
            role = None
            while len(words) > 1 and words[0].lower() in _titles():
                role = words.pop(0)
            person = people.meet(" ".join(words), role)
            return person.name, "name"
        if q.kind == "role":
            holder = people.by_role(q.speaker)
            return (holder.name, "role") if holder else (q.speaker, "role-unresolved")
        if q.kind == "pronoun":
            return (last, "pronoun") if last else (q.speaker, "pronoun-unresolved")
        return q.speaker, q.kind
