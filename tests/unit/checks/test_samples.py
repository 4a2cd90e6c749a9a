"""Our own samples: every kind of problem is found, and clean copy raises no errors."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from editor_app.checks import run_checks
from editor_app.checks.base import CheckContext
from editor_app.domain import Finding, FlagKind, Severity
from tests.unit.checks.samples import clean_article, problem_article


@pytest.fixture
def found(ctx: CheckContext) -> list[Finding]:
    return run_checks(problem_article(), ctx)


def _one(found: list[Finding], rule: str, text: str) -> Finding:
    hits = [f for f in found if f.rule == rule and f.text == text]
    assert len(hits) == 1, (rule, text, [(f.rule, f.text) for f in found if f.rule == rule])
    return hits[0]


def test_spelling_with_ranked_suggestions(found: list[Finding]) -> None:
    f = _one(found, "spelling.unknown", "recieve")
    assert f.kind is FlagKind.SPELLING
    assert f.severity is Severity.ERROR
    assert f.suggestions[0] == "receive"


def test_weekday_that_does_not_match_its_date(found: list[Finding]) -> None:
    f = _one(found, "date.weekday", "Monday")
    assert f.severity is Severity.ERROR
    assert f.suggestions == ("Tuesday",)


def test_event_reported_as_past_after_the_stamp(found: list[Finding]) -> None:
    f = _one(found, "date.after-stamp", "October 20, 2021")
    assert f.data["stamp"] == "2021-10-10"


def test_stamp_later_than_today(ctx: CheckContext) -> None:
    article = replace(problem_article(), updated=datetime(2021, 12, 1))
    stamps = [f for f in run_checks(article, ctx) if f.rule == "date.stamp-future"]
    assert len(stamps) == 1
    assert stamps[0].block == -1
    assert stamps[0].severity is Severity.ERROR


def test_name_spelled_two_ways_suggests_the_majority(found: list[Finding]) -> None:
    f = _one(found, "proper-noun.inconsistent", "Verhoven")
    assert f.suggestions[0] == "Verhoeven"
    assert f.severity is Severity.ERROR
    assert not [g for g in found if g.text == "Verhoeven" and g.severity is Severity.ERROR]


def test_place_slip_suggests_the_gazetteer_name(found: list[Finding]) -> None:
    assert _one(found, "proper-noun.gazetteer", "Portugul").suggestions[0] == "Portugal"


def test_claims(found: list[Finding]) -> None:
    claims = {(f.rule, f.text) for f in found if f.kind is FlagKind.CLAIM}
    assert {
        ("claim.money", "$2.5 million"),
        ("claim.percent", "12 percent"),
        ("claim.quantity", "3-hour"),
        ("claim.count", "5 ministers"),
        ("claim.superlative", "for the first time ever"),
        ("claim.superlative", "the biggest"),
    } <= claims


def test_quotes_attributed_and_not(found: list[Finding]) -> None:
    quotes = [f for f in found if f.kind is FlagKind.QUOTE]
    assert [(f.rule, f.data.get("speaker")) for f in quotes] == [
        ("quote.attributed", "Talia Verhoeven"),
        ("quote.unattributed", None),
    ]
    assert quotes[1].severity is Severity.WARNING


def test_title_claim(found: list[Finding]) -> None:
    f = _one(found, "title.claim", "Talia Verhoeven, chair of the Brightwater harbour board")
    assert f.data == {"person": "Talia Verhoeven", "title": "chair"}


def test_junk(found: list[Finding]) -> None:
    junk = {f.rule for f in found if f.kind is FlagKind.JUNK}
    assert {"junk.ad", "junk.sign-off", "junk.subscribe"} <= junk


def test_captions(found: list[Finding]) -> None:
    captions = {(f.block, f.rule) for f in found if f.kind is FlagKind.CAPTION}
    assert captions == {(2, "caption.alt-keywords"), (8, "caption.missing")}


def test_house_style(found: list[Finding]) -> None:
    style = {(f.rule, f.text): f.suggestions for f in found if f.kind is FlagKind.STYLE}
    assert style[("style.numerals", "3-hour")] == ("three-hour",)
    assert style[("style.numerals", "5 ministers")] == ("five ministers",)
    assert style[("style.numeric-date", "10/10/2021")] == ("Oct. 10, 2021",)
    assert style[("style.spaced-hyphen", " - ")] == (" — ",)
    assert style[("style.ellipsis", "...")] == ("…",)
    assert style[("style.lowercase-word", "Space")] == ("space",)
    assert style[("style.composition-title", "Tides of Brightwater")] == ("“Tides of Brightwater”",)
    assert ("style.straight-quotes", '"We have waited a long time for this day,"') in style


def test_clean_copy_has_no_errors_and_no_style_warnings(ctx: CheckContext) -> None:
    article = clean_article()
    found = run_checks(article, replace(ctx, today=date(2021, 10, 6)))
    assert [f for f in found if f.severity is Severity.ERROR] == []
    assert [
        (f.rule, f.text) for f in found if f.kind in (FlagKind.STYLE, FlagKind.JUNK, FlagKind.CAPTION)
    ] == []
    quotes = [f for f in found if f.kind is FlagKind.QUOTE]
    assert [f.data["speaker"] for f in quotes] == ["Dana Whitfield"] * 3
    assert {f.text for f in found if f.kind is FlagKind.CLAIM} >= {"$4.2 million", "12 new buses"}
