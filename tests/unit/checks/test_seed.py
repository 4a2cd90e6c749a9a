"""The seed article (a real scraped story) through the real importer and every check."""

from __future__ import annotations

from editor_app.checks import run_checks
from editor_app.checks.base import CheckContext
from editor_app.domain import Article, BlockType, Finding, FlagKind, Severity


def _where(article: Article, f: Finding) -> str:
    if f.block == -1:
        return article.headline
    return article.blocks[f.block].field_text(f.field)


def test_importer_gives_the_expected_shape(seed: Article) -> None:
    assert seed.updated is not None
    assert seed.updated.date().isoformat() == "2021-10-10"
    assert len(seed.blocks_of(BlockType.IMAGE)) == 5
    assert len(seed.blocks_of(BlockType.PARAGRAPH)) == 7


def test_offsets_point_at_the_flagged_text(seed: Article, ctx: CheckContext) -> None:
    findings = run_checks(seed, ctx)
    assert findings
    for f in findings:
        assert _where(seed, f)[f.start : f.end] == f.text, f


def test_sorted_by_block_field_start_with_unique_ids(seed: Article, ctx: CheckContext) -> None:
    findings = run_checks(seed, ctx)
    keys = [(f.block, f.field, f.start) for f in findings]
    assert keys == sorted(keys)
    ids = [f.id for f in findings]
    assert all(ids)
    assert len(set(ids)) == len(ids)


def test_kazahkstan_is_flagged_with_kazakhstan_first(seed: Article, ctx: CheckContext) -> None:
    hits = [f for f in run_checks(seed, ctx) if f.text == "Kazahkstan"]
    assert len(hits) == 1
    assert hits[0].kind is FlagKind.PROPER_NOUN
    assert hits[0].severity is Severity.ERROR
    assert hits[0].suggestions[0] == "Kazakhstan"


def test_three_hours_is_a_claim_and_a_style_flag(seed: Article, ctx: CheckContext) -> None:
    hits = [f for f in run_checks(seed, ctx) if f.text == "3 hours"]
    kinds = {f.kind: f for f in hits}
    assert set(kinds) == {FlagKind.CLAIM, FlagKind.STYLE}
    assert kinds[FlagKind.STYLE].suggestions[0] == "three hours"
    others = {f.text for f in run_checks(seed, ctx) if f.kind is FlagKind.CLAIM}
    assert {"12 days", "four months", "For the first time ever", "never before"} <= others


def test_tuesday_october_5_is_a_date_claim_not_a_weekday_error(seed: Article, ctx: CheckContext) -> None:
    findings = run_checks(seed, ctx)
    dates = [f for f in findings if f.kind is FlagKind.DATE and "October 5" in f.text]
    assert [f.rule for f in dates] == ["date.mention"]
    assert dates[0].data["date"] == "2021-10-05"
    assert not [f for f in findings if f.rule == "date.weekday"]


def test_five_quotes_with_their_speakers(seed: Article, ctx: CheckContext) -> None:
    quotes = [f for f in run_checks(seed, ctx) if f.kind is FlagKind.QUOTE]
    assert [f.rule for f in quotes] == ["quote.attributed"] * 5
    speakers = [f.data["speaker"] for f in quotes]
    assert all("Rogozin" in s for s in speakers[:2])
    assert all("Peresild" in s for s in speakers[2:])
    assert quotes[3].data.get("attribution") == "the actress"
    assert quotes[4].data["how"] == "continues"
    assert quotes[0].text.startswith('"Space deserves')


def test_scrape_junk(seed: Article, ctx: CheckContext) -> None:
    junk = {f.text: f for f in run_checks(seed, ctx) if f.kind is FlagKind.JUNK}
    assert "Advertisement - Continue Reading Below" in junk
    assert any(t.startswith("Stay tuned for further details") for t in junk)
    assert len(junk) == 2


def test_five_keyword_captions(seed: Article, ctx: CheckContext) -> None:
    captions = [f for f in run_checks(seed, ctx) if f.kind is FlagKind.CAPTION]
    assert len(captions) == 5
    assert {f.field for f in captions} == {"alt"}
    assert {f.text for f in captions} >= {"russian movie filming space", "Peresild movie the challenge"}


def test_names_spelled_one_way_are_not_errors(seed: Article, ctx: CheckContext) -> None:
    names = {
        "Peresild",
        "Shipenko",
        "Shkaplerov",
        "Roscosmos",
        "Soyuz",
        "Rogozin",
        "Klim",
        "Yulia",
        "Anton",
        "Anadolu",
        "Getty",
    }
    for f in run_checks(seed, ctx):
        if f.kind in (FlagKind.SPELLING, FlagKind.PROPER_NOUN) and f.text in names:
            assert f.severity is Severity.INFO, f


def test_title_claim_for_rogozin(seed: Article, ctx: CheckContext) -> None:
    titles = [f for f in run_checks(seed, ctx) if f.kind is FlagKind.TITLE]
    assert "Dmitry Rogozin, head of the Russian space agency Roscosmos" in {f.text for f in titles}


def test_house_style_on_the_seed(seed: Article, ctx: CheckContext) -> None:
    style = [f for f in run_checks(seed, ctx) if f.kind is FlagKind.STYLE]
    rules = {f.rule for f in style}
    assert {
        "style.lowercase-word",
        "style.spaced-hyphen",
        "style.straight-quotes",
        "style.composition-title",
    } <= rules
    assert [f.text for f in style if f.rule == "style.composition-title"] == ["The Challenge"]
    assert [f.suggestions[0] for f in style if f.rule == "style.spaced-hyphen"] == [" — "]
    # "The International Space Station" is a name: only the two mid-sentence "Space"s are flagged
    assert len([f for f in style if f.rule == "style.lowercase-word"]) == 2


def test_the_only_errors_are_real_ones(seed: Article, ctx: CheckContext) -> None:
    errors = [
        f for f in run_checks(seed, ctx) if f.severity is Severity.ERROR and f.kind is not FlagKind.CREDIT
    ]
    assert [f.text for f in errors] == ["Kazahkstan"]
