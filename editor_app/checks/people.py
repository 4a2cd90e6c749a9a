"""People in the text: who is introduced with which role, and where titles are claimed.

"actress Yulia Peresild" introduces Yulia Peresild with the role "actress";
"Dmitry Rogozin, head of the Russian space agency Roscosmos," introduces Dmitry
Rogozin as "head" and claims a title. Extraction is per text and cached; the
article-wide checks only put the pieces together.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import Any, NamedTuple

from editor_app.checks.data import load_json, word_alternation
from editor_app.checks.textutil import finditer_at, folded, lower_words, occurrences


class Introduction(NamedTuple):
    """A person named with a role or title in the text.

    A named tuple: thousands are built per article, three times faster than a frozen dataclass.
    """

    start: int
    end: int
    name: str
    role: str
    #: span of the whole title claim ("Dmitry Rogozin, head of ... Roscosmos")
    claim_start: int
    claim_end: int
    appositive: bool
    formal: bool


@cache
def people_data() -> dict[str, Any]:
    return load_json("checks", "people.json")


@cache
def name_pattern() -> str:
    """A person's name: one to four capitalised words, with particles (de, van) inside."""
    particles = word_alternation(people_data()["name_particles"])
    cap = r"(?:[A-Z][a-zà-ÿ'’]+(?:-[A-Z][a-zà-ÿ'’]+)?|[A-Z]{2,}\b|[A-Z]\.)"
    honorific = r"(?:(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Sir|Dame)\.?\s+)?"
    return rf"{honorific}{cap}(?:\s+(?:(?:{particles})\s+)?{cap}){{0,3}}"


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    data = people_data()
    name = name_pattern()
    particles = word_alternation(data["name_particles"])
    roles = word_alternation(data["roles"])
    titles = word_alternation(data["title_words"])
    return {
        # "actress Yulia Peresild", "Roscosmos chief Dmitry Rogozin" (matched at the role word)
        "before": re.compile(rf"(?P<role>(?i:{roles}|{titles}))\s+(?P<name>{name})"),
        # "head of the Russian space agency Roscosmos" (matched at the role word) ...
        "after_tail": re.compile(
            rf"(?P<role>(?i:{titles}|{roles}))(?:\s+(?:of|at|for)\s+[^,.;:!?\"“”]{{1,80}})?"
            rf"(?=[,.;:!?]|\s+(?:said|told|explained))"
        ),
        # ... preceded by "Dmitry Rogozin, the" (searched in the text just before the role word)
        "after_head": re.compile(
            rf"(?P<name>(?:[A-Z][\w'’.-]*\s+(?:(?:{particles})\s+)?){{0,3}}[A-Z][\w'’.-]*),\s+"
            rf"(?:the\s+|a\s+|an\s+)?(?:[\w'’-]+\s+){{0,3}}$"
        ),
    }


@cache
def _role_starts() -> frozenset[str]:
    data = people_data()
    return frozenset(str(w).split()[0].lower() for w in [*data["roles"], *data["title_words"]])


_AZ = re.compile(r"[a-z]+")


@lru_cache(maxsize=512)
def _role_pattern(words: frozenset[str]) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?i:{word_alternation(list(words))})(?![\w])")


@cache
def _all_roles_pattern() -> re.Pattern[str]:
    """The role pattern over every role word ``lower_words`` can hold (see ``_role_matches``)."""
    return _role_pattern(frozenset(w for w in _role_starts() if _AZ.fullmatch(w)))


def _role_matches(text: str, present: frozenset[str]) -> Iterator[re.Match[str]]:
    """Matches of the role pattern over the role words present in ``text``.

    A match is a whole word, so its lowercase is one of the words present: on a text with no
    case-folding surprises the pattern over every role word, tried only where a present word
    occurs, finds the same matches without compiling a pattern per set of words.
    """
    lower = folded(text)
    if lower is None:
        return _role_pattern(present).finditer(text)
    return finditer_at(_all_roles_pattern(), text, occurrences(lower, present))


@cache
def _title_set() -> frozenset[str]:
    return frozenset(str(t).lower() for t in people_data()["title_words"])


_NOT_NAMES = frozenset(
    [
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "As",
        "For",
        "And",
        "But",
        "Or",
        "If",
        "When",
        "While",
        "After",
        "Before",
        "This",
        "That",
        "It",
        "He",
        "She",
        "They",
    ]
)


def _clean_name(name: str) -> str | None:
    parts = name.split()
    while parts and parts[0] in _NOT_NAMES:
        parts.pop(0)
    return " ".join(parts) if parts else None


@lru_cache(maxsize=50_000)
def introductions(text: str) -> tuple[Introduction, ...]:
    """People introduced with a role in ``text``, in order."""
    present = _role_starts().intersection(lower_words(text))
    if not present:
        return ()
    pats = _patterns()
    found: list[Introduction] = []
    for w in _role_matches(text, present):
        pos = w.start()
        if found and found[-1].claim_start <= pos < found[-1].claim_end:
            continue
        tail = pats["after_tail"].match(text, pos)
        comma = text.rfind(", ", max(0, pos - 60), pos)
        if tail and comma > 0:
            head = pats["after_head"].search(text, max(0, comma - 60), pos)
            if head:
                name = _clean_name(head.group("name"))
                if name:
                    # _clean_name folds spacing, so the cleaned name may not appear verbatim.
                    offset = head.group("name").find(name)
                    s = head.start("name") + max(offset, 0)
                    role = tail.group("role").lower()
                    found.append(
                        Introduction(
                            s, head.end("name"), name, role, s, tail.end(), True, role in _title_set()
                        )
                    )
                    continue
        m = pats["before"].match(text, pos)
        if m:
            name = _clean_name(m.group("name"))
            if not name or any(i.start <= m.start("name") < i.end for i in found):
                continue
            role = m.group("role").lower()
            s = m.start("name") + max(m.group("name").find(name), 0)
            found.append(
                Introduction(
                    s, s + len(name), name, role, m.start("role"), s + len(name), False, role in _title_set()
                )
            )
    found.sort(key=lambda i: i.start)
    return tuple(found)
