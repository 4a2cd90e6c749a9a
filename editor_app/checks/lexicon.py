"""The English dictionary: Hunspell en_US for verdicts, a frequency list for ranked suggestions.

Why these libraries (measured on the Wikipedia common-misspellings list, 4,273 words,
and a 100,000-word text on this 2-core machine; see docs/checks.md):

* Verdicts come from real Hunspell with the en_US dictionary shipped in the
  ``chunspell`` wheel (MIT binding, MPL/LGPL Hunspell, SCOWL word list). It flags 99.1%
  of the list and checks about 200,000 correct words/s; each distinct word is
  asked once per process (news repeats words).
* Hunspell's own suggestions take ~180 ms a word and spylls' 0.3-1 s, so
  suggestions are ranked here instead: candidates within two edits (optimal string
  alignment, rapidfuzz) from ``symspellpy``'s English frequency list (MIT, 82,765
  words) bucketed by first letter and length, re-ranked by a weighted edit cost
  (doubled letters and vowel swaps are cheap) minus a frequency bonus, and kept only
  when Hunspell accepts them. ~1 ms a word, index built in ~0.2 s on first use.
"""

from __future__ import annotations

import hashlib
import math
import os
import re
import tempfile
import threading
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from functools import cache
from importlib import resources
from pathlib import Path
from typing import cast

from rapidfuzz import process
from rapidfuzz.distance import OSA, Levenshtein

from editor_app.checks.data import load_words

_VOWELS = frozenset("aeiouy")
_FREQ_WEIGHT = 0.25
_MAX_MEMO = 400_000


def _norm(word: str) -> str:
    return word.replace("’", "'")


def _affix_rules(aff_text: str) -> dict[str, tuple[str, bool, list[tuple[str, str, re.Pattern[str] | None]]]]:
    """PFX/SFX tables of a Hunspell .aff file: flag -> (kind, cross-product, [(strip, add, condition)])."""
    rules: dict[str, tuple[str, bool, list[tuple[str, str, re.Pattern[str] | None]]]] = {}
    for line in aff_text.splitlines():
        parts = line.split()
        if len(parts) < 4 or parts[0] not in ("PFX", "SFX"):
            continue
        kind, flag = parts[0], parts[1]
        if flag not in rules:
            rules[flag] = (kind, parts[2] == "Y", [])
            continue
        strip = "" if parts[2] == "0" else parts[2]
        add = "" if parts[3] == "0" else parts[3].split("/", 1)[0]
        cond = parts[4] if len(parts) > 4 else "."
        pattern = None if cond == "." else re.compile(cond + "$" if kind == "SFX" else "^" + cond)
        rules[flag][2].append((strip, add, pattern))
    return rules


def expand_dictionary(aff_text: str, dic_text: str) -> set[str]:
    """Every word form a simple affix dictionary (like en_US) spells out: stems plus their affixed forms.

    Number stems (compound rules for ordinals) are skipped; Hunspell itself still
    answers for anything not in this set.
    """
    rules = _affix_rules(aff_text)
    only_in_compound = {m.group(1) for m in re.finditer(r"^ONLYINCOMPOUND\s+(\S)", aff_text, re.M)}
    words: set[str] = set()
    for line in dic_text.splitlines()[1:]:
        entry = line.split()[0] if line.strip() else ""
        stem, _, flags = entry.partition("/")
        if not stem or stem[0].isdigit() or only_in_compound & set(flags):
            continue
        words.add(stem)
        suffixed: list[tuple[str, bool]] = []
        for flag in flags:
            kind, cross, table = rules.get(flag, ("", False, []))
            for strip, add, cond in table:
                if kind == "SFX" and stem.endswith(strip) and (cond is None or cond.search(stem)):
                    form = stem[: len(stem) - len(strip)] + add
                    words.add(form)
                    suffixed.append((form, cross))
                elif kind == "PFX" and stem.startswith(strip) and (cond is None or cond.search(stem)):
                    words.add(add + stem[len(strip) :])
        for flag in flags:
            kind, cross, table = rules.get(flag, ("", False, []))
            if kind != "PFX" or not cross:
                continue
            for form, sfx_cross in suffixed:
                if sfx_cross:
                    for strip, add, cond in table:
                        if form.startswith(strip) and (cond is None or cond.search(form)):
                            words.add(add + form[len(strip) :])
    return words


def _word_set(folder: Path) -> frozenset[str]:
    """The expanded en_US word list, cached in the user cache folder (built once, ~0.4 s)."""
    aff = (folder / "en_US.aff").read_bytes()
    dic = (folder / "en_US.dic").read_bytes()
    key = hashlib.sha256(aff + dic + b"v1").hexdigest()[:16]
    cache_file: Path | None = None
    try:
        from platformdirs import user_cache_dir

        cache_file = Path(user_cache_dir("editor-app")) / f"en_US-words-{key}.txt"
        if cache_file.is_file():
            return frozenset(cache_file.read_text(encoding="utf-8").split("\n"))
    except OSError:
        cache_file = None
    encoding = "iso8859-1"
    m = re.search(rb"^SET\s+(\S+)", aff, re.M)
    if m:
        encoding = m.group(1).decode("ascii").lower().replace("iso8859", "iso8859-").replace("--", "-")
    words = expand_dictionary(aff.decode(encoding), dic.decode(encoding))
    if cache_file is not None:
        try:
            cache_file.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=cache_file.parent, prefix=".words-")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write("\n".join(sorted(words)))
            os.replace(tmp, cache_file)
        except OSError:
            pass
    return frozenset(words)


class Speller:
    """Hunspell verdicts: a set lookup for the dictionary's own word forms, Hunspell for the rest.

    The set is the dictionary expanded once (every stem with its affixes); words
    it does not hold (compounds, odd capitalisations, misspellings) go to Hunspell.
    Verdicts are remembered per process, since news repeats words.
    """

    def __init__(self) -> None:
        import hunspell  # chunspell

        folder = Path(hunspell.__file__).parent / "dictionaries"
        self._h = hunspell.Hunspell("en_US", hunspell_data_dir=str(folder))
        # a dict of str keys is not tracked by the cyclic garbage collector, a 150,000-entry set is:
        # every full collection while checking would walk it
        self._words: dict[str, None] = dict.fromkeys(_word_set(folder))
        self._memo: dict[str, bool] = {}
        self._lock = threading.Lock()
        accepted = load_words("checks", "accepted_words.txt")
        self._accepted = accepted | {w.lower() for w in accepted if w.islower()}

    def ok(self, word: str) -> bool:
        """True when the dictionary (or the desk's list) knows the word in this capitalisation."""
        memo = self._memo.get(word)
        if memo is not None:
            return memo
        verdict = self._lookup(word)
        if len(self._memo) > _MAX_MEMO:
            self._memo.clear()
        self._memo[word] = verdict
        return verdict

    @property
    def words(self) -> AbstractSet[str]:
        """The dictionary's own word forms (the fast path), as a read-only set view."""
        return self._words.keys()

    def known_forms(self, words: Iterable[str]) -> list[str]:
        """Those of ``words`` that are the dictionary's own word forms."""
        return list(filter(self._words.__contains__, words))

    def known_capitalised(self, words: Iterable[str]) -> list[str]:
        """Those of ``words`` that are a dictionary form capitalised ("The"), which ``ok`` accepts."""
        forms = self._words
        return [w for w in words if w[:1].isupper() and w[1:].islower() and w.lower() in forms]

    def hunspell_ok(self, word: str) -> bool:
        """Hunspell's own verdict, bypassing the word set and the desk's list."""
        with self._lock:
            return bool(self._h.spell(_norm(word)))

    def forget(self) -> None:
        """Drop remembered verdicts (the dictionary stays loaded)."""
        self._memo.clear()

    def _lookup(self, word: str) -> bool:
        w = _norm(word)
        if w in self._accepted or (w[:1].isupper() and w.lower() in self._accepted):
            return True
        words = self._words
        if w in words:
            return True
        if w[:1].isupper():
            lower = w.lower()
            if (w[1:].islower() and lower in words) or (
                w.isupper() and (lower in words or w.capitalize() in words)
            ):
                return True
        try:
            w.encode("latin-1")
        except UnicodeEncodeError:
            return False
        with self._lock:
            return bool(self._h.spell(w))

    def hunspell_suggest(self, word: str) -> list[str]:
        """Hunspell's own suggestions: slow (~0.2 s), used only where the ranking found nothing."""
        try:
            _norm(word).encode("latin-1")
        except UnicodeEncodeError:
            return []
        with self._lock:
            return list(self._h.suggest(_norm(word)))


def _weighted_cost(a: str, b: str, osa: int) -> float:
    """Edit cost where doubling a letter and swapping vowels cost less (the common slips).

    ``osa`` is the optimal string alignment distance of ``a`` and ``b`` (the candidate search has it).
    """
    cost = 0.0
    # as plain tuples (the stub says Editop): no Editop object per step
    for tag, src, dest in cast("list[tuple[str, int, int]]", Levenshtein.editops(a, b).as_list()):
        if tag == "replace":
            cost += 0.6 if a[src] in _VOWELS and b[dest] in _VOWELS else 1.0
        else:
            s, p = (b, dest) if tag == "insert" else (a, src)
            ch = s[p]
            doubled = (p > 0 and s[p - 1] == ch) or (p + 1 < len(s) and s[p + 1] == ch)
            cost += 0.5 if doubled else 1.0
    return min(cost, float(osa))


class Suggester:
    """Ranked corrections for a misspelt word."""

    def __init__(self, speller: Speller) -> None:
        self._speller = speller
        self._freq: dict[str, int] = {}
        buckets: dict[tuple[str, int], list[str]] = {}
        path = resources.files("symspellpy").joinpath("frequency_dictionary_en_82_765.txt")
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                word, _, count = line.partition(" ")
                self._freq[word] = int(count)
                buckets.setdefault((word[0], len(word)), []).append(word)
        # tuples of strings drop out of the garbage collector's walks; lists stay in them
        self._buckets: dict[tuple[str, int], tuple[str, ...]] = {k: tuple(v) for k, v in buckets.items()}
        self._memo: dict[str, tuple[str, ...]] = {}
        self._commons: dict[int, tuple[dict[str, None], str]] = {}

    def forget(self) -> None:
        """Drop remembered suggestions."""
        self._memo.clear()

    def frequency(self, word: str) -> int:
        return self._freq.get(word.lower(), 0)

    def has_common_neighbour(self, word: str, min_frequency: int) -> bool:
        """Whether a word of the frequency list used at least ``min_frequency`` times is ``word`` or one
        edit from it (insertion, deletion, substitution, adjacent swap): a cheap test that rules out
        a slip of a common word without ranking suggestions."""
        common, alphabet = self._common(min_frequency)
        if word in common:
            return True
        n = len(word)
        for i in range(n + 1):
            head, tail = word[:i], word[i:]
            if tail:
                if head + tail[1:] in common:
                    return True
                if len(tail) > 1 and head + tail[1] + tail[0] + tail[2:] in common:
                    return True
            for c in alphabet:
                if head + c + tail in common or (tail and head + c + tail[1:] in common):
                    return True
        return False

    def _common(self, min_frequency: int) -> tuple[dict[str, None], str]:
        """Words used at least ``min_frequency`` times, and every character they are spelled with."""
        found = self._commons.get(min_frequency)
        if found is None:
            common = dict.fromkeys(w for w, n in self._freq.items() if n >= min_frequency)
            found = self._commons[min_frequency] = (common, "".join(sorted({c for w in common for c in w})))
        return found

    def _candidates(self, word: str, firsts: str) -> list[tuple[str, int]]:
        """Words of the frequency list within two edits of ``word`` (and their distance)."""
        out: list[tuple[str, int]] = []
        for first in firsts:
            for n in range(len(word) - 2, len(word) + 3):
                bucket = self._buckets.get((first, n))
                if bucket:
                    out.extend(
                        (t, d)
                        for t, d, _i in process.extract(
                            word, bucket, scorer=OSA.distance, score_cutoff=2, limit=None
                        )
                    )
        return out

    def suggest(self, word: str, limit: int = 5) -> tuple[str, ...]:
        """Up to ``limit`` corrections, best first, in the word's own capitalisation."""
        memo = self._memo.get(word)
        if memo is not None:
            return memo[:limit]
        result = tuple(self._rank(word))
        if len(self._memo) > 50_000:
            self._memo.clear()
        self._memo[word] = result
        return result[:limit]

    def _rank(self, word: str) -> list[str]:
        w = _norm(word).lower()
        if not w:
            return []
        cands = self._candidates(w, w[0])
        if not cands and word.islower():
            cands = self._candidates(w, "abcdefghijklmnopqrstuvwxyz".replace(w[0], ""))
        scored = [(_weighted_cost(w, t, d) - _FREQ_WEIGHT * math.log10(self._freq[t]), t) for t, d in cands]
        for i in range(2, len(w) - 1):
            left, right = w[:i], w[i:]
            if self._speller.ok(left) and self._speller.ok(right) and min(len(left), len(right)) > 1:
                rare = min(self._freq.get(left, 1), self._freq.get(right, 1))
                scored.append((1.0 - _FREQ_WEIGHT * math.log10(rare), f"{left} {right}"))
        scored.sort()
        out: list[str] = []
        if "'" not in w:
            for i in range(1, len(w)):
                form = w[:i] + "'" + w[i:]
                if self._speller.ok(form):
                    out.append(form)
        for _score, t in scored:
            if " " in t or self._speller.ok(t):
                form = t
            elif self._speller.ok(t.capitalize()):
                form = t.capitalize()
            else:
                continue
            if form not in out:
                out.append(form)
            if len(out) >= 8:
                break
        return [_match_case(word, s) for s in out]


def _match_case(original: str, suggestion: str) -> str:
    if original.isupper() and len(original) > 1:
        return suggestion.upper()
    if original[:1].isupper():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


@cache
def speller() -> Speller:
    return Speller()


@cache
def suggester() -> Suggester:
    return Suggester(speller())
