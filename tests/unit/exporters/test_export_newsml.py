"""NewsML-G2 export, validated against IPTC's 2.35 schema from ../shared."""

from __future__ import annotations

from datetime import datetime
from functools import cache

import pytest
from lxml import etree

from editor_app.domain import Article, Block, BlockType
from editor_app.exporters import ExportContext, export
from tests.helpers.shared import shared_path
from tests.unit.exporters.export_samples import PAYLOAD, SEED_CREDIT, SEED_HEADLINE
from tests.unit.exporters.markup_checks import assert_inert

NAR = "http://iptc.org/std/nar/2006-10-01/"
XHTML = "http://www.w3.org/1999/xhtml"
NS = {"nar": NAR, "h": XHTML}


@cache
def _schema_at(path: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(path))


@pytest.fixture
def schema() -> etree.XMLSchema:
    return _schema_at(str(shared_path("fixtures", "newsml-g2", "NewsML-G2_2.35-spec-All-Power.xsd")))


def _valid(schema: etree.XMLSchema, data: bytes) -> etree._Element:
    root = etree.fromstring(data)
    assert schema.validate(root), schema.error_log
    return root


def test_schema_rejects_what_it_should(
    schema: etree.XMLSchema, seed: Article, seed_ctx: ExportContext
) -> None:
    root = etree.fromstring(export("newsml", seed, seed_ctx))
    root.find("nar:itemMeta/nar:provider", NS).getparent().remove(root.find("nar:itemMeta/nar:provider", NS))
    assert not schema.validate(root)  # so a passing validation below means something


def test_seed_newsitem_is_valid_and_complete(
    schema: etree.XMLSchema, seed: Article, seed_ctx: ExportContext
) -> None:
    data = export("newsml", seed, seed_ctx)
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    root = _valid(schema, data)
    assert root.tag == f"{{{NAR}}}newsItem"
    assert root.get("guid") == seed_ctx.article_url
    assert root.get("version") == "3"
    assert root.findtext("nar:itemMeta/nar:versionCreated", namespaces=NS) == "2021-10-12T09:30:15Z"
    assert root.find("nar:itemMeta/nar:itemClass", NS).get("qcode") == "ninat:text"
    assert root.findtext("nar:contentMeta/nar:headline", namespaces=NS) == SEED_HEADLINE
    assert root.findtext("nar:contentMeta/nar:by", namespaces=NS) == "By Sharon Renee"
    assert root.findtext("nar:contentMeta/nar:creator/nar:name", namespaces=NS) == "Sharon Renee"


def test_seed_pictures_have_credit_lines_in_meta_and_body(
    schema: etree.XMLSchema, seed: Article, seed_ctx: ExportContext
) -> None:
    root = _valid(schema, export("newsml", seed, seed_ctx))
    parts = root.findall("nar:partMeta", NS)
    assert [p.findtext("nar:creditline", namespaces=NS) for p in parts] == [s.credit for _, s in seed.images]
    assert [p.find("nar:link", NS).get("href") for p in parts] == [i.file_name for i in seed_ctx.images]
    inline = root.find("nar:contentSet/nar:inlineXML", NS)
    assert inline.get("contenttype") == "application/xhtml+xml"
    body = inline.find("h:html/h:body", NS)
    credits = [c.text for c in body.iterfind(".//h:figure/h:figcaption/h:small", NS)]
    assert credits == [s.credit for _, s in seed.images]
    assert SEED_CREDIT in credits
    assert body.find(".//h:h1", NS).text == SEED_HEADLINE
    paragraphs = [p.text for p in body.iterfind(".//h:p", NS)]
    assert any(p and "Kazahkstan" in p for p in paragraphs)
    assert not any(p and "Advertisement" in p for p in paragraphs)


def test_a_picture_with_caption_gets_a_caption_description(
    schema: etree.XMLSchema, seed: Article, seed_ctx: ExportContext
) -> None:
    seed.images[0][1].caption = "The Soyuz crew before the launch."
    root = _valid(schema, export("newsml", seed, seed_ctx))
    first = root.find("nar:partMeta", NS)
    assert first.find("nar:description", NS).get("role") == "drol:caption"
    assert first.findtext("nar:description", namespaces=NS) == "The Soyuz crew before the launch."


def test_hostile_newsitem_is_valid_and_inert(
    schema: etree.XMLSchema, hostile: Article, hostile_ctx: ExportContext
) -> None:
    data = export("newsml", hostile, hostile_ctx)
    assert PAYLOAD not in data.decode()
    root = _valid(schema, data)
    assert root.findtext("nar:contentMeta/nar:headline", namespaces=NS) == "Crew launches today"
    assert_inert(root.find("nar:contentSet/nar:inlineXML/h:html", NS))


def test_bare_article_is_valid_too(schema: etree.XMLSchema) -> None:
    article = Article("Only a headline", blocks=[Block(BlockType.PARAGRAPH, "Text.")])
    root = _valid(schema, export("newsml", article, ExportContext(datetime(2022, 1, 2))))
    assert root.get("version") == "1"
    assert root.get("guid").startswith("urn:editor-app:")
    assert root.find("nar:partMeta", NS) is None
