"""ninjs export: JSON in IPTC ninjs 1.5 shape, pictures as associations with their credits."""

from __future__ import annotations

import json

import lxml.html

from editor_app.domain import Article
from editor_app.exporters import ExportContext, export
from tests.unit.exporters.export_samples import PAYLOAD, SEED_CREDIT, SEED_HEADLINE
from tests.unit.exporters.markup_checks import assert_inert

# Top-level properties ninjs 1.5 defines (its schema forbids any other).
NINJS_15 = {
    "uri",
    "type",
    "mimetype",
    "representationtype",
    "profile",
    "version",
    "firstcreated",
    "versioncreated",
    "contentcreated",
    "embargoed",
    "pubstatus",
    "urgency",
    "copyrightholder",
    "copyrightnotice",
    "usageterms",
    "ednote",
    "language",
    "person",
    "organisation",
    "place",
    "subject",
    "event",
    "object",
    "infosource",
    "title",
    "byline",
    "headline",
    "slugline",
    "located",
    "charcount",
    "wordcount",
    "renditions",
    "associations",
    "altids",
    "trustindicator",
    "$standard",
    "genre",
    "expires",
    "rightsinfo",
}
NINJS_PATTERNS = ("description_", "body_", "headline_")


def _allowed(key: str) -> bool:
    return key in NINJS_15 or key.startswith(NINJS_PATTERNS)


def test_seed_item_fields(seed: Article, seed_ctx: ExportContext) -> None:
    item = json.loads(export("ninjs", seed, seed_ctx))
    assert all(_allowed(key) for key in item), [k for k in item if not _allowed(k)]
    assert item["type"] == "text"
    assert item["uri"] == seed_ctx.article_url
    assert item["headline"] == SEED_HEADLINE
    assert item["byline"] == "Sharon Renee"
    assert item["versioncreated"] == "2021-10-12T09:30:15Z"
    assert item["version"] == "3"
    assert "Kazahkstan" in item["body_text"]
    assert "Advertisement" not in item["body_text"]
    assert "Advertisement" not in item["body_html"]
    assert item["wordcount"] == len(item["body_text"].split())
    body = lxml.html.fragment_fromstring(item["body_html"], create_parent="div")
    assert len(body.findall(".//figure")) == len(seed.images)


def test_seed_pictures_are_associations_with_credit_and_rendition(
    seed: Article, seed_ctx: ExportContext
) -> None:
    item = json.loads(export("ninjs", seed, seed_ctx))
    pictures = item["associations"]
    assert list(pictures) == [f"picture{n}" for n in range(1, len(seed.images) + 1)]
    for (_, slot), image, picture in zip(seed.images, seed_ctx.images, pictures.values(), strict=True):
        assert all(_allowed(key) for key in picture)
        assert picture["type"] == "picture"
        assert picture["byline"] == slot.credit
        assert "description_text" not in picture  # no caption in the seed, and alt text is no caption
        original = picture["renditions"]["original"]
        assert original["href"] == image.file_name
        assert original["mimetype"] == "image/jpeg"
        assert (original["width"], original["height"]) == (48, 32)
        assert original["sizeinbytes"] == len(image.data or b"")
    assert SEED_CREDIT in {p["byline"] for p in pictures.values()}


def test_hostile_ninjs_has_clean_strings(hostile: Article, hostile_ctx: ExportContext) -> None:
    data = export("ninjs", hostile, hostile_ctx)
    assert PAYLOAD not in data.decode()
    item = json.loads(data)
    assert item["headline"] == "Crew launches today"
    assert item["uri"].startswith("urn:editor-app:")
    body = lxml.html.fragment_fromstring(item["body_html"], create_parent="div")
    assert_inert(body)
    picture = item["associations"]["picture1"]
    assert picture["description_text"] == "Caption here"
    assert picture["usageterms"] == "Editorial use only"
