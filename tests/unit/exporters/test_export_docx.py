"""DOCX export: re-opened with python-docx; byte-identical on a second export."""

from __future__ import annotations

import zipfile
from dataclasses import replace
from datetime import UTC, datetime
from io import BytesIO

import docx
import pytest

from editor_app.domain import Article
from editor_app.exporters import ExportContext, export
from tests.unit.exporters.export_samples import APPROVED_AT, PAYLOAD, SEED_CREDIT, SEED_HEADLINE


def _open(data: bytes) -> docx.document.Document:
    return docx.Document(BytesIO(data))


def test_seed_reopens_with_headline_byline_and_pictures(seed: Article, seed_ctx: ExportContext) -> None:
    document = _open(export("docx", seed, seed_ctx))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    assert paragraphs[0] == ("Title", SEED_HEADLINE)
    assert ("Normal", "By Sharon Renee") in paragraphs
    assert len(document.inline_shapes) == len(seed.images)
    captions = [text for style, text in paragraphs if style == "Caption"]
    assert captions == [f"Photo: {slot.credit}" for _, slot in seed.images]
    assert f"Photo: {SEED_CREDIT}" in captions
    assert not any("Advertisement" in text for _, text in paragraphs)
    props = document.core_properties
    assert props.title == SEED_HEADLINE
    assert props.author == "Sharon Renee"
    assert props.created == props.modified == APPROVED_AT
    assert props.revision == 3


def test_two_exports_are_byte_identical_and_dated_at_approval(seed: Article, seed_ctx: ExportContext) -> None:
    first = export("docx", seed, seed_ctx)
    second = export("docx", seed.copy(), seed_ctx)
    assert first == second
    with zipfile.ZipFile(BytesIO(first)) as package:
        infos = package.infolist()
        assert infos[0].filename == "[Content_Types].xml"
        assert {info.date_time for info in infos} == {(2021, 10, 12, 9, 30, 14)}  # zip keeps even seconds
        assert not any("thumbnail" in info.filename for info in infos)


def test_a_later_approval_changes_only_the_dates(seed: Article, seed_ctx: ExportContext) -> None:
    later = replace(seed_ctx, generated_at=datetime(2022, 1, 1, 12, 0, tzinfo=UTC))
    assert export("docx", seed, seed_ctx) != export("docx", seed, later)
    assert _open(export("docx", seed, later)).core_properties.created == datetime(
        2022, 1, 1, 12, 0, tzinfo=UTC
    )


def test_webp_picture_is_converted_for_word(seed: Article, seed_ctx: ExportContext) -> None:
    from tests.helpers.shared import shared_path

    webp = shared_path("fixtures", "images", "pillow-flower.webp").read_bytes()
    images = (replace(seed_ctx.images[0], data=webp), *seed_ctx.images[1:])
    document = _open(export("docx", seed, replace(seed_ctx, images=images)))
    assert len(document.inline_shapes) == len(seed.images)
    assert document.inline_shapes[0].width <= docx.shared.Inches(6)


def test_hostile_docx_text_is_clean(hostile: Article, hostile_ctx: ExportContext) -> None:
    data = export("docx", hostile, hostile_ctx)
    document = _open(data)
    text = "\n".join(p.text for p in document.paragraphs)
    assert PAYLOAD not in text
    assert "<" not in text.replace("&lt;", "")
    assert document.paragraphs[0].text == "Crew launches today"
    with zipfile.ZipFile(BytesIO(data)) as package:
        body = package.read("word/document.xml").decode()
    assert PAYLOAD not in body
    assert "javascript" not in body.lower().replace("[link](javascript:", "")


@pytest.mark.parametrize("moment", [datetime(1975, 5, 1), datetime(2030, 2, 3, 4, 5, 6)])
def test_any_approval_time_gives_a_valid_package(
    seed: Article, seed_ctx: ExportContext, moment: datetime
) -> None:
    data = export("docx", seed, replace(seed_ctx, generated_at=moment))
    with zipfile.ZipFile(BytesIO(data)) as package:
        assert package.testzip() is None
    assert _open(data).paragraphs[0].text == SEED_HEADLINE
