"""Captions: a picture with no caption, and captions or alt text that are SEO keyword strings.

Scraped pages often carry a keyword string ("russian movie filming space") in the
alt text and no caption at all: that is one flag, on the alt text, asking for a
real caption. Credit lines are the credits check's business.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from editor_app.checks.base import CheckContext
from editor_app.checks.data import load_json
from editor_app.checks.textutil import finding
from editor_app.domain import Article, Block, BlockType, Finding, FlagKind, Severity


@cache
def _settings() -> tuple[int, int, float, frozenset[str], str]:
    d = load_json("checks", "captions.json")
    return (
        int(d["min_words"]),
        int(d["max_words"]),
        float(d["lowercase_share"]),
        frozenset([*d["finite_verbs"], *d.get("connectives", [])]),
        str(d["punctuation"]),
    )


def is_keyword_string(text: str) -> bool:
    """Lowercase keywords with no verb and no punctuation: written for search engines, not readers."""
    lo, hi, share, verbs, punct = _settings()
    words = text.split()
    if not lo <= len(words) <= hi or any(c in punct for c in text.strip()):
        return False
    if any(w.lower() in verbs or (w.lower().endswith("ed") and len(w) > 4) for w in words):
        return False
    lower = sum(1 for w in words if w[:1].islower())
    return words[0][:1].islower() or lower / len(words) >= share


class CaptionCheck:
    """Missing captions and keyword-string captions or alt text."""

    name = "captions"
    rules = ("caption.missing", "caption.keywords", "caption.alt-keywords")

    def check_block(self, article: Article, index: int, block: Block, ctx: CheckContext) -> Iterable[Finding]:
        slot = block.image
        if block.type is not BlockType.IMAGE or slot is None:
            return []
        out: list[Finding] = []
        caption, alt = slot.caption, slot.alt
        if caption.strip() and is_keyword_string(caption):
            s = len(caption) - len(caption.lstrip())
            out.append(
                finding(
                    FlagKind.CAPTION,
                    Severity.WARNING,
                    index,
                    caption,
                    s,
                    len(caption.rstrip()),
                    "The caption is a string of search keywords, not a caption: rewrite it as a "
                    "sentence saying who, what, where and when.",
                    "caption.keywords",
                    ("",),
                    field="caption",
                )
            )
        alt_keywords = bool(alt.strip()) and is_keyword_string(alt)
        if alt_keywords:
            s = len(alt) - len(alt.lstrip())
            message = "The alt text is a string of search keywords" + (
                " and there is no caption: write a caption (and a descriptive alt text)."
                if not caption.strip()
                else ": describe the picture instead."
            )
            out.append(
                finding(
                    FlagKind.CAPTION,
                    Severity.WARNING,
                    index,
                    alt,
                    s,
                    len(alt.rstrip()),
                    message,
                    "caption.alt-keywords",
                    ("",),
                    field="alt",
                )
            )
        if not caption.strip() and not alt_keywords:
            out.append(
                finding(
                    FlagKind.CAPTION,
                    Severity.WARNING,
                    index,
                    caption,
                    0,
                    len(caption),
                    "This picture has no caption.",
                    "caption.missing",
                    field="caption",
                )
            )
        return out
