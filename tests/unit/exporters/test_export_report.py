"""The review report (HTML and JSON) and the ClaimReview JSON-LD."""

from __future__ import annotations

import json
from dataclasses import replace

import lxml.html
import pytest

from editor_app.domain import Article, FlagKind, FlagStatus
from editor_app.errors import InvalidRequest
from editor_app.exporters import ExportContext, export
from editor_app.exporters.report import claim_sentence
from tests.unit.exporters.export_samples import PAYLOAD, flag_on
from tests.unit.exporters.markup_checks import assert_inert


def test_report_json_lists_every_flag_with_resolution_who_when_source(
    seed: Article, seed_ctx: ExportContext
) -> None:
    report = json.loads(export("report-json", seed, seed_ctx))
    record = seed_ctx.record
    assert record is not None
    assert [f["id"] for f in report["flags"]] == [f.id for f in record.flags]
    verified = report["flags"][0]
    assert verified["status"] == "verified"
    assert verified["resolved_by"] == "copy1"
    assert verified["resolved_at"] == "2021-10-11T15:00:00Z"
    assert verified["source"] == "https://www.nasa.gov/soyuz-ms-19"
    assert verified["sentence"].startswith("Sure enough, after about 3 hours")
    assert verified["sentence"].endswith("12 days.")
    corrected = report["flags"][2]
    assert (corrected["status"], corrected["replacement"]) == ("corrected", "Kazakhstan")
    assert report["flags"][3]["status"] == "open"
    assert report["summary"]["flags_by_status"] == {"corrected": 1, "disputed": 1, "open": 1, "verified": 1}
    assert report["approval"] == {
        "approved_by": "desk1",
        "approved_at": "2021-10-12T09:30:15Z",
        "generated_at": "2021-10-12T09:30:15Z",
        "organisation": "editor_app desk",
    }
    assert report["overrides"] == [
        {"actor": "desk1", "at": "2021-10-12T09:29:00Z", "reason": "style note left open"}
    ]


def test_report_json_gives_each_image_verification(seed: Article, seed_ctx: ExportContext) -> None:
    report = json.loads(export("report-json", seed, seed_ctx))
    assert [i["block"] for i in report["images"]] == [index for index, _ in seed.images]
    assert {i["status"] for i in report["images"]} == {"verified"}
    assert {i["verified_by"] for i in report["images"]} == {"photo1"}
    assert [i["credit"] for i in report["images"]] == [s.credit for _, s in seed.images]
    assert [i["file"] for i in report["images"]] == [i.file_name for i in seed_ctx.images]
    assert report["summary"]["images_verified"] == len(seed.images)


def test_report_html_shows_flags_pictures_and_overrides(seed: Article, seed_ctx: ExportContext) -> None:
    root = lxml.html.document_fromstring(export("report-html", seed, seed_ctx))
    assert_inert(root, allow_head=True)
    tables = root.findall(".//table")
    assert [t.findtext("caption") for t in tables] == [
        "Flags and their resolution",
        "Pictures and their verification",
        "Overrides of the export gate",
    ]
    flag_rows = tables[0].findall("tbody/tr")
    assert len(flag_rows) == 4
    source = flag_rows[0].find(".//a")
    assert source is not None
    assert source.get("href") == "https://www.nasa.gov/soyuz-ms-19"
    assert "Roscosmos press office" in flag_rows[1].text_content()
    assert len(tables[1].findall("tbody/tr")) == len(seed.images)
    assert "style note left open" in tables[2].text_content()


def test_claimreview_for_verified_and_disputed_claims_only(seed: Article, seed_ctx: ExportContext) -> None:
    items = json.loads(export("claimreview", seed, seed_ctx))
    assert [i["reviewRating"]["alternateName"] for i in items] == ["Verified", "Disputed"]
    for item in items:
        assert item["@context"] == "https://schema.org"
        assert item["@type"] == "ClaimReview"
        assert item["author"] == {"@type": "Organization", "name": "editor_app desk"}
        assert item["datePublished"] == "2021-10-12"
        assert item["itemReviewed"]["@type"] == "Claim"
        assert item["itemReviewed"]["appearance"]["url"] == seed_ctx.article_url
    verified, disputed = items
    assert "after about 3 hours" in verified["claimReviewed"]
    assert verified["citation"] == {"@type": "CreativeWork", "url": "https://www.nasa.gov/soyuz-ms-19"}
    assert disputed["citation"] == {"@type": "CreativeWork", "name": "Roscosmos press office"}
    assert disputed["itemReviewed"]["author"] == {"@type": "Person", "name": "Roscosmos"}
    assert disputed["reviewBody"] == "the agency counts 12 days including landing"


def test_claim_sentence_follows_text_that_moved(seed: Article) -> None:
    flag = flag_on(seed, "the first production ever", FlagKind.CLAIM, FlagStatus.VERIFIED)
    block = seed.blocks[flag.block]
    block.text = "A new opening sentence. " + block.text
    sentence = claim_sentence(seed, flag)
    assert sentence.startswith("As Russian officials proudly announced")
    assert sentence.endswith("to do so.")


def test_claim_sentence_does_not_split_after_titles_or_initials(seed: Article) -> None:
    block = next(b for b in seed.blocks if b.text)
    block.text = "Dr. Jane Q. Public said the crew spent 12 days in orbit. Then they landed."
    flag = flag_on(seed, "12 days", FlagKind.CLAIM, FlagStatus.VERIFIED)
    assert claim_sentence(seed, flag) == "Dr. Jane Q. Public said the crew spent 12 days in orbit."


def test_reports_need_the_review_record(seed: Article, seed_ctx: ExportContext) -> None:
    for fmt in ("report-html", "report-json", "claimreview"):
        with pytest.raises(InvalidRequest, match=fmt):
            export(fmt, seed, replace(seed_ctx, record=None))


def test_hostile_reports_are_inert(hostile: Article, hostile_ctx: ExportContext) -> None:
    html = export("report-html", hostile, hostile_ctx)
    assert PAYLOAD not in html.decode()
    root = lxml.html.document_fromstring(html)
    assert_inert(root, allow_head=True)
    assert not root.findall(".//a")  # a javascript: source is shown as text, never linked
    report = json.loads(export("report-json", hostile, hostile_ctx))
    assert report["overrides"][0]["reason"] == "reason given"
    claims = export("claimreview", hostile, hostile_ctx)
    assert b"<" not in claims
    assert PAYLOAD.encode() not in claims
    item = json.loads(claims)[0]
    assert item["citation"] == {"@type": "CreativeWork", "name": "javascript:alert(document.cookie)"}
    assert "url" not in item["itemReviewed"]["appearance"]
    assert item["reviewBody"] == "checked"


def test_corrected_flag_is_found_by_its_replacement(seed: Article) -> None:
    flag = flag_on(seed, "Kazahkstan", FlagKind.SPELLING, FlagStatus.CORRECTED, replacement="Kazakhstan")
    block = seed.blocks[flag.block]
    block.text = "Launch day. " + block.text.replace("Kazahkstan", "Kazakhstan")
    sentence = claim_sentence(seed, flag)
    assert sentence.startswith("On Tuesday, October 5")
    assert sentence.endswith("from a site in Kazakhstan.")
