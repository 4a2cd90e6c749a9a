"""Plain-text export: what a reader sees, credits labelled, markup reduced to text."""

from __future__ import annotations

from editor_app.domain import Article, BlockType
from editor_app.exporters import ExportContext, export
from tests.unit.exporters.export_samples import PAYLOAD, SEED_CREDIT, SEED_HEADLINE


def test_seed_text_has_headline_byline_paragraphs_and_credits(seed: Article, seed_ctx: ExportContext) -> None:
    text = export("txt", seed, seed_ctx).decode("utf-8")
    lines = text.splitlines()
    assert lines[0] == SEED_HEADLINE
    assert "By Sharon Renee" in lines
    assert lines.count(f"Photo: {SEED_CREDIT}") == sum(1 for _, s in seed.images if s.credit == SEED_CREDIT)
    for block in seed.blocks:
        if block.type is BlockType.PARAGRAPH:
            assert " ".join(block.text.split()) in lines
        elif block.type is BlockType.BOILERPLATE:
            assert block.text not in text
    for _, slot in seed.images:
        assert slot.alt not in text  # keyword alt strings are never printed


def test_hostile_text_keeps_words_and_drops_markup(hostile: Article, hostile_ctx: ExportContext) -> None:
    text = export("txt", hostile, hostile_ctx).decode("utf-8")
    assert PAYLOAD not in text
    assert "<" not in text.replace("&lt;", "")  # no tag at all, only the literal entity text
    assert text.splitlines()[0] == "Crew launches today"
    assert "Intro text with end." in text
    assert "Photo: Agency /Reuters" in text
    assert "\x00" not in text
    assert "\x0b" not in text
