"""Markdown export, rendered back with markdown-it-py (CommonMark, raw HTML allowed) and parsed with lxml."""

from __future__ import annotations

import lxml.html
from markdown_it import MarkdownIt

from editor_app.domain import Article, BlockType
from editor_app.exporters import ExportContext, export
from editor_app.exporters.markdown import escape
from tests.unit.exporters.export_samples import PAYLOAD, SEED_BACKSLASH_CREDIT, SEED_CREDIT, SEED_HEADLINE
from tests.unit.exporters.markup_checks import assert_inert


def _render(data: bytes) -> lxml.html.HtmlElement:
    html = MarkdownIt("commonmark", {"html": True}).render(data.decode("utf-8"))
    return lxml.html.fragment_fromstring(html, create_parent="div")


def test_seed_renders_headline_byline_pictures_and_credits(seed: Article, seed_ctx: ExportContext) -> None:
    root = _render(export("md", seed, seed_ctx))
    assert [h.text_content() for h in root.iter("h1")] == [SEED_HEADLINE]
    text = root.text_content()
    assert "By Sharon Renee" in text
    assert SEED_CREDIT in text
    assert SEED_BACKSLASH_CREDIT in text
    assert [img.get("src") for img in root.iter("img")] == [i.file_name for i in seed_ctx.images]
    assert [img.get("alt") for img in root.iter("img")] == [""] * len(seed.images)


def test_every_paragraph_round_trips_as_its_own_text(seed: Article, seed_ctx: ExportContext) -> None:
    root = _render(export("md", seed, seed_ctx))
    rendered = {p.text_content() for p in root.iter("p")}
    for block in seed.blocks:
        if block.type is BlockType.PARAGRAPH:
            assert " ".join(block.text.split()) in rendered
        if block.type is BlockType.BOILERPLATE:
            assert block.text not in root.text_content()


def test_escape_keeps_markdown_syntax_literal() -> None:
    samples = [
        "# not a heading",
        "1. not a list",
        "- not a bullet",
        "*not em* _nor this_",
        "a <b>tag</b>",
        "[x](javascript:alert(1))",
        "back\\slash",
        "AT&amp;T",
        "| a | b |",
        "> not a quote",
    ]
    for sample in samples:
        root = _render((escape(sample) + "\n").encode())
        assert root.text_content().strip() == sample
        assert [el.tag for el in root.iter()] == ["div", "p"], sample


def test_hostile_article_renders_inert(hostile: Article, hostile_ctx: ExportContext) -> None:
    data = export("md", hostile, hostile_ctx)
    assert PAYLOAD not in data.decode()
    root = _render(data)
    assert_inert(root)
    assert not list(root.iter("a"))
    assert [h.text_content() for h in root.iter("h1")] == ["Crew launches today"]
    assert "# not a heading and 1. not a list * not emphasis" in root.text_content()
    assert "&lt;script&gt;escaped&lt;/script&gt; stays text" in root.text_content()
