"""HTML5 export of the seed and of a hostile article, parsed back with lxml."""

from __future__ import annotations

import lxml.html

from editor_app.domain import Article, BlockType
from editor_app.exporters import ExportContext, export
from tests.unit.exporters.export_samples import (
    BREAKOUT,
    PAYLOAD,
    SEED_BACKSLASH_CREDIT,
    SEED_CREDIT,
    SEED_HEADLINE,
)
from tests.unit.exporters.markup_checks import assert_inert


def _parse(data: bytes) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(data)


def test_seed_has_article_headline_byline_and_dates(seed: Article, seed_ctx: ExportContext) -> None:
    data = export("html", seed, seed_ctx)
    assert data.startswith(b"<!DOCTYPE html>")
    root = _parse(data)
    assert root.xpath("//meta/@charset") == ["utf-8"]
    article = root.find(".//article")
    assert article is not None
    assert [h.text_content() for h in article.iter("h1")] == [SEED_HEADLINE]
    byline = article.find(".//address[@class='byline']")
    assert byline is not None
    assert "Sharon Renee" in byline.text_content()
    times = article.findall(".//time")
    assert times
    assert all(t.get("datetime", "").startswith("2021-10-10") for t in times)
    assert root.xpath("//link[@rel='canonical']/@href") == [seed_ctx.article_url]


def test_seed_figures_carry_credits_in_their_own_element(seed: Article, seed_ctx: ExportContext) -> None:
    root = _parse(export("html", seed, seed_ctx))
    figures = root.findall(".//figure")
    assert len(figures) == len(seed.images) == 5
    credits = [f.find(".//figcaption/small[@class='credit']").text_content() for f in figures]
    assert credits == [slot.credit for _, slot in seed.images]
    assert SEED_CREDIT in credits
    assert SEED_BACKSLASH_CREDIT in credits
    sources = [f.find("img").get("src") for f in figures]
    assert sources == [image.file_name for image in seed_ctx.images]


def test_keyword_alt_texts_are_dropped_never_shown(seed: Article, seed_ctx: ExportContext) -> None:
    data = export("html", seed, seed_ctx)
    root = _parse(data)
    assert [img.get("alt") for img in root.iter("img")] == [""] * 5
    for _, slot in seed.images:
        assert slot.alt
        assert slot.alt.encode() not in data
    # No caption in the seed: the figcaption holds the credit and nothing else.
    for caption in root.iter("figcaption"):
        assert caption.text is None
        assert len(caption) == 1


def test_a_real_caption_and_alt_are_kept(seed: Article, seed_ctx: ExportContext) -> None:
    index, slot = seed.images[0]
    slot.caption = "Yulia Peresild and Klim Shipenko before the launch."
    slot.alt = "Two crew members wave from the gantry"
    root = _parse(export("html", seed, seed_ctx))
    first = root.find(".//figure")
    assert first.find("img").get("alt") == slot.alt
    caption = first.find("figcaption")
    assert caption.text.strip() == slot.caption
    assert caption.find("small").text == slot.credit


def test_boilerplate_is_not_exported(seed: Article, seed_ctx: ExportContext) -> None:
    boilerplate = [b.text for b in seed.blocks if b.type is BlockType.BOILERPLATE]
    assert boilerplate, "the seed's ad line should be boilerplate"
    data = export("html", seed, seed_ctx).decode()
    assert all(text not in data for text in boilerplate)


def test_hostile_article_leaves_nothing_that_runs(hostile: Article, hostile_ctx: ExportContext) -> None:
    data = export("html", hostile, hostile_ctx)
    text = data.decode()
    assert PAYLOAD not in text
    assert "<script" not in text.lower()
    # "[link](javascript:...)" written as text stays visible text, never a link.
    assert "[link](javascript:alert(1)) and stay text." in text
    root = _parse(data)
    assert_inert(root, allow_head=True)
    assert not root.xpath("//link[@rel='canonical']")  # a javascript: address is no canonical URL
    assert root.find(".//h1").text_content() == "Crew launches today"
    # An attribute-shaped alt text stays inside the attribute.
    img = root.find(".//img")
    assert img.get("alt") == f'" onerror="{BREAKOUT}'
    assert set(img.attrib) == {"src", "alt"}
    assert img.get("src") == "javascript%3Aalert%281%29.jpg"
    assert "said &amp; done" in text
