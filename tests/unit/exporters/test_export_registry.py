"""The registry the services call, and determinism across every format."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime

import lxml.html
import pytest

from editor_app.domain import Article, Block, BlockType
from editor_app.errors import InvalidRequest
from editor_app.exporters import FORMATS, ExportContext, ReviewRecord, export, extension

EXPECTED = {
    "html": ".html",
    "md": ".md",
    "txt": ".txt",
    "ninjs": ".json",
    "docx": ".docx",
    "pdf": ".pdf",
    "newsml": ".xml",
    "report-html": ".review.html",
    "report-json": ".review.json",
    "claimreview": ".claimreview.jsonld",
}


def test_every_contract_format_is_registered_with_a_distinct_extension() -> None:
    assert {name: extension(name) for name in FORMATS} == EXPECTED
    assert len(set(EXPECTED.values())) == len(EXPECTED)  # one folder holds them all without clashes


def test_unknown_format_is_a_clear_user_error(seed: Article, seed_ctx: ExportContext) -> None:
    with pytest.raises(InvalidRequest, match="unknown export format 'rtf'.*docx"):
        export("rtf", seed, seed_ctx)
    with pytest.raises(InvalidRequest, match="unknown export format"):
        extension("rtf")


@pytest.mark.parametrize("fmt", sorted(EXPECTED))
def test_same_revision_twice_gives_identical_bytes(fmt: str, seed: Article, seed_ctx: ExportContext) -> None:
    first = export(fmt, seed, seed_ctx)
    assert first
    assert export(fmt, seed.copy(), replace(seed_ctx)) == first


@pytest.mark.parametrize("fmt", ["ninjs", "newsml", "docx", "pdf", "report-json", "claimreview"])
def test_the_approval_time_is_what_gets_written(fmt: str, seed: Article, seed_ctx: ExportContext) -> None:
    """A different approval time changes the bytes (so the first one is really in them)."""
    later = replace(seed_ctx, generated_at=datetime(2024, 2, 3, 4, 5, 6, tzinfo=UTC))
    assert export(fmt, seed, later) != export(fmt, seed, seed_ctx)


def test_input_article_is_not_changed(seed: Article, seed_ctx: ExportContext) -> None:
    before = seed.copy()
    for fmt in FORMATS:
        export(fmt, seed, seed_ctx)
    assert seed == before


def test_a_bare_article_exports_in_every_format() -> None:
    """Headline only: no byline, dates, pictures or review findings; a naive approval time."""
    article = Article("Just a headline", blocks=[Block(BlockType.PARAGRAPH, "One line.")])
    record = ReviewRecord((), (), (), None, None, 0)
    ctx = ExportContext(datetime(2022, 3, 4, 5, 6, 7), record=record)
    for fmt in FORMATS:
        data = export(fmt, article, ctx)
        assert data, fmt
        if fmt not in ("docx", "pdf"):
            text = data.decode("utf-8")
            assert fmt == "claimreview" or "Just a headline" in text, fmt
    assert json.loads(export("claimreview", article, ctx)) == []
    assert json.loads(export("ninjs", article, ctx))["versioncreated"] == "2022-03-04T05:06:07Z"


def test_picture_slot_without_a_file_keeps_caption_and_credit(seed: Article, seed_ctx: ExportContext) -> None:
    no_files = replace(seed_ctx, images=())
    html = lxml.html.document_fromstring(export("html", seed, no_files))
    assert not list(html.iter("img"))
    assert [s.text for s in html.iter("small")] == [slot.credit for _, slot in seed.images]
    markdown = export("md", seed, no_files).decode()
    assert "![" not in markdown
    assert markdown.count("Photo: ") == len(seed.images)
    ninjs = json.loads(export("ninjs", seed, no_files))
    assert all("renditions" not in p for p in ninjs["associations"].values())
