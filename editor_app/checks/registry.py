"""The one place checks are registered.

Credit checks live in ``editor_app.checks.credits`` (another module's ``CHECKS``
list); they are picked up when that module exists.
"""

from __future__ import annotations

import importlib
from functools import cache

from editor_app.checks.base import ArticleCheck, BlockCheck

_OPTIONAL = ("editor_app.checks.credits",)


@cache
def _own_checks() -> tuple[BlockCheck | ArticleCheck, ...]:
    from editor_app.checks.captions import CaptionCheck
    from editor_app.checks.claims import ClaimCheck
    from editor_app.checks.dates import DateCheck, UpdatedStampCheck
    from editor_app.checks.junk import JunkCheck
    from editor_app.checks.names import ProperNounCheck
    from editor_app.checks.quotes import QuoteCheck
    from editor_app.checks.spelling import SpellingCheck
    from editor_app.checks.style import StyleCheck
    from editor_app.checks.titles import TitleCheck

    return (
        SpellingCheck(),
        ProperNounCheck(),
        ClaimCheck(),
        DateCheck(),
        UpdatedStampCheck(),
        QuoteCheck(),
        TitleCheck(),
        JunkCheck(),
        StyleCheck(),
        CaptionCheck(),
    )


def _optional_checks() -> list[BlockCheck | ArticleCheck]:
    found: list[BlockCheck | ArticleCheck] = []
    for name in _OPTIONAL:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        found.extend(getattr(module, "CHECKS", []))
    return found


def registered_checks() -> list[BlockCheck | ArticleCheck]:
    """Our checks, then any optional module's ``CHECKS`` (credits), in run order."""
    return [*_own_checks(), *_optional_checks()]
