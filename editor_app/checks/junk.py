"""Scrape junk: ads, navigation, sign-off, share and subscribe prompts left in the text.

Patterns are in ``resources/checks/junk.json`` (this check's own list; the
importer has its own in ``resources/boilerplate.json`` for what it sets aside).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from editor_app.checks.base import CheckContext
from editor_app.checks.data import load_json
from editor_app.checks.spelling import TEXT_TYPES
from editor_app.checks.textutil import finding
from editor_app.domain import Article, Block, BlockType, Finding, FlagKind, Severity

_Rule = tuple[str, re.Pattern[str], str, tuple[str, ...]]


@cache
def _rules() -> tuple[list[_Rule], list[_Rule]]:
    data = load_json("checks", "junk.json")

    def compile_all(key: str) -> list[_Rule]:
        return [
            (
                f"junk.{r['id']}",
                re.compile(r["pattern"], re.I),
                str(r["message"]),
                tuple(str(n).lower() for n in r.get("needs", [])),
            )
            for r in data.get(key, [])
        ]

    return compile_all("line"), compile_all("sentence")


@cache
def _sentence_needs() -> frozenset[str]:
    """Every word some sentence rule needs before its pattern is tried."""
    return frozenset(n for _rule, _pattern, _message, needs in _rules()[1] for n in needs)


class JunkCheck:
    """Lines and sentences that came with the web page, not the story."""

    name = "junk"
    rules = (
        "junk.boilerplate",
        "junk.ad",
        "junk.navigation",
        "junk.share",
        "junk.sign-off",
        "junk.subscribe",
        "junk.credit-line",
    )

    def check_block(self, article: Article, index: int, block: Block, ctx: CheckContext) -> Iterable[Finding]:
        text = block.text
        if not text.strip() or (block.type not in TEXT_TYPES and block.type is not BlockType.BOILERPLATE):
            return []
        lines, sentences = _rules()
        lead = len(text) - len(text.lstrip())
        stripped = text.strip()
        short = len(stripped) <= 120
        for rule, pattern, message, _needs in lines if short else []:
            if pattern.search(stripped):
                return [
                    finding(
                        FlagKind.JUNK,
                        Severity.WARNING,
                        index,
                        text,
                        lead,
                        lead + len(stripped),
                        message,
                        rule,
                        ("",),
                    )
                ]
        if block.type is BlockType.BOILERPLATE:
            return [
                finding(
                    FlagKind.JUNK,
                    Severity.WARNING,
                    index,
                    text,
                    lead,
                    lead + len(stripped),
                    "Page furniture kept from the import: delete.",
                    "junk.boilerplate",
                    ("",),
                )
            ]
        out: list[Finding] = []
        taken: list[tuple[int, int]] = []
        lower = text.lower()
        there = {n for n in _sentence_needs() if n in lower}  # each "needs" word looked for once
        for rule, pattern, message, needs in sentences:
            if needs and there.isdisjoint(needs):
                continue
            for m in pattern.finditer(text):
                s, e = m.span()
                if any(not (e <= a or s >= b) for a, b in taken):
                    continue
                taken.append((s, e))
                out.append(finding(FlagKind.JUNK, Severity.WARNING, index, text, s, e, message, rule, ("",)))
        return out
