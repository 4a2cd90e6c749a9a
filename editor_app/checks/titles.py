"""People and titles: "Dmitry Rogozin, head of the Russian space agency Roscosmos" is a claim to verify."""

from __future__ import annotations

from collections.abc import Iterable

from editor_app.checks.base import CheckContext
from editor_app.checks.dates import date_fields
from editor_app.checks.people import introductions
from editor_app.checks.textutil import finding
from editor_app.domain import Article, Block, Finding, FlagKind, Severity


class TitleCheck:
    """Each person given a position or title (formal titles from ``people.json``)."""

    name = "titles"
    rules = ("title.claim",)

    def check_block(self, article: Article, index: int, block: Block, ctx: CheckContext) -> Iterable[Finding]:
        out: list[Finding] = []
        for field in date_fields(index, block):
            text = block.field_text(field)
            for intro in introductions(text):
                if not intro.formal:
                    continue
                out.append(
                    finding(
                        FlagKind.TITLE,
                        Severity.INFO,
                        index,
                        text,
                        intro.claim_start,
                        intro.claim_end,
                        f"Title to verify: is {intro.name} {intro.role}?",
                        "title.claim",
                        field=field,
                        data={"person": intro.name, "title": intro.role},
                    )
                )
        return out
