"""Proper nouns: capitalised words the dictionary does not know get their own verdict.

A name spelled one way throughout is not an error (news is full of names no
dictionary has); it is listed once for verification. It is an error when it is
a slip of a known name (gazetteer: places, organisations, agencies) or when the
article spells it two ways ("Peresild" / "Peresield": the majority spelling is
suggested). Suggestions for capitalised words come from the gazetteer, never
from the dictionary, whose guesses for names are harmful ("Shkaplerov" ->
"Stapler").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from itertools import chain
from typing import NamedTuple

from rapidfuzz import process
from rapidfuzz.distance import OSA

from editor_app.checks.base import CheckContext
from editor_app.checks.data import house_for
from editor_app.checks.engine_support import NO_FINDINGS, UnitMemo, prose_units
from editor_app.checks.gazetteer import gazetteer
from editor_app.checks.lexicon import speller, suggester
from editor_app.checks.spelling import Unknown, scan
from editor_app.checks.textutil import finding
from editor_app.domain import Article, Finding, FlagKind, Severity

_MIN_LEN = 5
_COMMON = 100_000


def slip_limit(word: str) -> int:
    """How many edits still count as the same name misspelt: 1 up to 7 letters, 2 beyond."""
    return 0 if len(word) < _MIN_LEN else 1 if len(word) < 8 else 2


Verdict = tuple[str, str, tuple[str, ...]] | None
#: the verdict of a name that is fine but unknown: listed once for verification
_UNVERIFIED: Verdict = ("proper-noun.unverified", "", ())
_block_findings: dict[tuple[object, ...], list[Finding]] = {}


class _Summary(NamedTuple):
    """The unknown capitalised words of one text, in order, with how they are used.

    A named tuple: thousands are built per article, three times faster than a frozen dataclass.
    """

    order: tuple[str, ...]
    counts: tuple[tuple[str, int], ...]
    #: sorted (tuples of strings, unlike sets, drop out of the garbage collector's walks)
    mid_sentence: tuple[str, ...]
    isolated: tuple[str, ...]


@lru_cache(maxsize=50_000)
def _summarise(text: str) -> _Summary:
    counts: dict[str, int] = {}  # in order of first use
    mid: set[str] = set()
    alone: set[str] = set()
    for u in scan(text)[1]:
        stem = u.stem
        counts[stem] = counts.get(stem, 0) + 1
        if not u.initial:
            mid.add(stem)
        if not u.in_name:
            alone.add(stem)
    return _Summary(tuple(counts), tuple(sorted(counts.items())), tuple(sorted(mid)), tuple(sorted(alone)))


@lru_cache(maxsize=8)
def _variant_pairs(stems: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """For each name, the other names in the article within a slip of it."""
    groups: dict[str, list[str]] = {}
    for s in stems:
        if len(s) >= _MIN_LEN:
            groups.setdefault(s[0].lower(), []).append(s)
    out: dict[str, tuple[str, ...]] = {}
    for group in groups.values():
        if len(group) < 2:
            continue
        group.sort()
        for s in group:
            limit = slip_limit(s)
            near = tuple(
                t
                for t, _d, _i in process.extract(
                    s, group, scorer=OSA.distance, score_cutoff=limit, limit=None
                )
                if t != s and abs(len(t) - len(s)) <= limit and slip_limit(t) >= 1
            )
            if near:
                out[s] = near
    return out


@lru_cache(maxsize=20_000)
def _gazetteer_slip(stem: str) -> tuple[str, ...]:
    g = gazetteer()
    if g.knows(stem):
        return ()
    return tuple(g.closest(stem)[:5])


@lru_cache(maxsize=20_000)
def _common_word_slip(stem: str) -> tuple[str, ...]:
    """Corrections when a capitalised word is a common word misspelt (sentence-initial typos)."""
    sugg = suggester()
    # the best suggestion must be a common word one edit away: when none exists, ranking is moot
    if not sugg.has_common_neighbour(stem.lower(), _COMMON):
        return ()
    found = sugg.suggest(stem)
    if not found or " " in found[0]:
        return ()
    best = found[0]
    if OSA.distance(best.lower(), stem.lower()) <= 1 and sugg.frequency(best) >= _COMMON:
        return found
    return ()


class ProperNounCheck:
    """Unknown capitalised words across the article: slips of known names, two spellings, the rest."""

    name = "proper-noun"
    rules = (
        "proper-noun.gazetteer",
        "proper-noun.inconsistent",
        "proper-noun.unverified",
        "spelling.initial",
    )

    def __init__(self) -> None:
        self._memo: UnitMemo[_Summary, tuple[bool, dict[str, Verdict], list[frozenset[str]]]] = UnitMemo()

    def forget(self) -> None:
        """Drop the last run, so the next one starts cold (``clear_caches``)."""
        self._memo = UnitMemo()

    def check_article(self, article: Article, ctx: CheckContext) -> Iterable[Finding]:
        report_unknown = bool(house_for(ctx.house).setting("flag_unknown_names", True))
        units = prose_units(article)
        memo = self._memo
        changed = memo.changed_units(units, _summarise)
        if changed is not None and memo.state is not None and memo.state[0] == report_unknown:
            _flag, known_verdicts, known_firsts = memo.state
            reused = list(memo.outputs)
            for pos in changed:
                index, field, text = units[pos]
                reused[pos] = self._block(index, field, text, known_verdicts, set(known_firsts[pos]))
            memo.units, memo.outputs = list(units), reused
            return list(chain.from_iterable(reused))
        summaries = [_summarise(text) for _i, _f, text in units]
        counts: dict[str, int] = {}
        mid_sentence: set[str] = set()
        isolated: set[str] = set()
        for summary in summaries:
            if not summary.order:
                continue
            for stem, n in summary.counts:
                counts[stem] = counts.get(stem, 0) + n
            mid_sentence.update(summary.mid_sentence)
            isolated.update(summary.isolated)
        first_at = {
            stem: i for i, stem in enumerate(dict.fromkeys(chain.from_iterable(s.order for s in summaries)))
        }
        variants = _variant_pairs(frozenset(counts))
        tally = Counter(counts)
        known = gazetteer().knows
        verdicts: dict[str, Verdict] = {}
        for stem in first_at:
            verdicts[stem] = (
                None
                if known(stem)
                else self._verdict(stem, tally, mid_sentence, isolated, variants, first_at) or _UNVERIFIED
            )
        reported: set[str] = set()
        firsts_per_unit: list[frozenset[str]] = []
        outputs: list[list[Finding]] = []
        for (index, field, text), summary in zip(units, summaries, strict=True):
            firsts = (
                frozenset(stem for stem in summary.order if stem not in reported)
                if report_unknown
                else frozenset()
            )
            reported.update(summary.order)
            firsts_per_unit.append(firsts)
            outputs.append(
                self._block(index, field, text, verdicts, set(firsts)) if summary.order else NO_FINDINGS
            )
        memo.units, memo.signatures, memo.outputs = list(units), summaries, outputs
        memo.state = (report_unknown, verdicts, firsts_per_unit)
        return list(chain.from_iterable(outputs))

    def _block(
        self, index: int, field: str, text: str, verdicts: dict[str, Verdict], firsts: set[str]
    ) -> list[Finding]:
        key = (index, field, text, tuple(sorted(firsts)), tuple(verdicts[u.stem] for u in scan(text)[1]))
        found = _block_findings.get(key)
        if found is not None:
            return found
        out: list[Finding] = []
        for u in scan(text)[1]:
            verdict = verdicts[u.stem]
            if verdict is None:
                continue
            if verdict is _UNVERIFIED:
                if u.stem in firsts:
                    firsts.discard(u.stem)
                    out.append(
                        self._make(
                            index,
                            field,
                            text,
                            u,
                            Severity.INFO,
                            "proper-noun.unverified",
                            f"{u.stem!r} is not in the dictionary or the gazetteer and is spelled "
                            "one way in this article: verify it.",
                            (),
                        )
                    )
                continue
            rule, message, suggestions = verdict
            out.append(self._make(index, field, text, u, Severity.ERROR, rule, message, suggestions))
        if len(_block_findings) > 50_000:
            _block_findings.clear()
        _block_findings[key] = out
        return out

    @staticmethod
    def _verdict(
        stem: str,
        counts: Counter[str],
        mid_sentence: set[str],
        isolated: set[str],
        variants: dict[str, tuple[str, ...]],
        first_at: dict[str, int],
    ) -> tuple[str, str, tuple[str, ...]] | None:
        if stem in isolated:
            slip = _gazetteer_slip(stem)
            if slip:
                return "proper-noun.gazetteer", f"{stem!r} looks like a misspelling of {slip[0]!r}.", slip
        near = variants.get(stem, ())
        if near:
            rank = (counts[stem], -first_at[stem])
            better = [t for t in near if (counts[t], -first_at[t]) > rank]
            if better:
                best = max(better, key=lambda t: (counts[t], -first_at[t]))
                return (
                    "proper-noun.inconsistent",
                    f"{stem!r} is spelled {best!r} {counts[best]}x elsewhere in this article.",
                    (best, *[t for t in better if t != best]),
                )
        if stem not in mid_sentence and speller().ok(stem.lower()) is False:
            slip = _common_word_slip(stem)
            if slip:
                return "spelling.initial", f"{stem!r} is not in the dictionary.", slip
        return None

    @staticmethod
    def _make(
        index: int,
        field: str,
        text: str,
        u: Unknown,
        severity: Severity,
        rule: str,
        message: str,
        suggestions: tuple[str, ...],
    ) -> Finding:
        kind = FlagKind.SPELLING if rule.startswith("spelling.") else FlagKind.PROPER_NOUN
        return finding(
            kind,
            severity,
            index,
            text,
            u.start,
            u.start + len(u.stem),
            message,
            rule,
            suggestions,
            field=field,
        )
