"""The review report written beside every export, and ClaimReview JSON-LD for a fact-check page.

The report says what was checked and by whom: every flag with its resolution,
who resolved it, when and on what source; every picture's verification; every
override of the export gate. Verified and disputed claims are also written as
schema.org ``ClaimReview`` items.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime

import lxml.html
from lxml.etree import _Element
from lxml.html import builder as E

from editor_app.domain import Article, Flag, FlagKind, FlagStatus, ImageSlot
from editor_app.exporters.base import (
    ExportContext,
    Override,
    ReviewRecord,
    dump_json,
    iso_utc,
    item_uri,
    register,
    revision,
    utc,
)
from editor_app.exporters.html import LANGUAGE
from editor_app.exporters.sanitize import clean_inline, safe_relative_url, safe_url

# Flag kinds that are claims a fact-check page can publish a verdict on.
CLAIM_KINDS = frozenset({FlagKind.CLAIM})
RATINGS = {FlagStatus.VERIFIED: "Verified", FlagStatus.DISPUTED: "Disputed"}

FLAG_COLUMNS = (
    "Where",
    "Kind",
    "In context",
    "Why flagged",
    "Resolution",
    "Changed to",
    "Note",
    "Who",
    "Source",
    "When",
)
IMAGE_COLUMNS = (
    ("block", "Block"),
    ("caption", "Caption"),
    ("credit", "Credit"),
    ("rights", "Rights"),
    ("file", "File"),
    ("status", "Status"),
    ("verified_by", "Verified by"),
    ("verified_at", "Verified at"),
    ("note", "Note"),
)

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
# fmt: off
_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "gen", "gov", "sen", "rep", "col", "lt", "sgt",
    "capt", "no", "vs", "etc", "inc", "ltd", "co", "corp", "u.s", "u.k", "e.g", "i.e",
})
# fmt: on


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence boundaries, not splitting after "Dr." or an initial ("J. Smith")."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        words = text[start : match.start() + 1].split()
        last = words[-1].rstrip(".").lower() if words else ""
        if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
            continue
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _located(article: Article, flag: Flag) -> tuple[str, int, int] | None:
    """The text a flag points into and the flag's span there (found again if the text moved)."""
    try:
        text = article.text_at(flag.block, flag.field)
    except (IndexError, KeyError):
        return None
    if 0 <= flag.start < flag.end <= len(text) and text[flag.start : flag.end] == flag.text:
        return text, flag.start, flag.end
    # A corrected flag's words were replaced in the approved text: look for the replacement too.
    for needle in (flag.text, flag.replacement):
        if needle and (found := text.find(needle)) >= 0:
            return text, found, found + len(needle)
    return None


def claim_sentence(article: Article, flag: Flag) -> str:
    """The sentence a flag sits in, as the claim a reader would quote; the flag text if it moved away."""
    located = _located(article, flag)
    if located is None:
        return clean_inline(flag.text)
    text, start, end = located
    spans = _sentence_spans(text)
    first = next((s for s, e in spans if s <= start < e), 0)
    last = next((e for s, e in spans if s < end <= e), len(text))
    return clean_inline(text[first:last])


def place(article: Article, flag: Flag) -> str:
    """Where a flag is, in words: "headline", "byline", "paragraph 4", "picture 2 credit"."""
    if flag.block == -1:
        return "headline"
    if flag.block == -2:
        return "byline"
    if not 0 <= flag.block < len(article.blocks):
        return f"block {flag.block + 1}"
    block = article.blocks[flag.block]
    label = f"{block.type.value} {flag.block + 1}"
    return label if flag.field == "text" else f"{label} {flag.field}"


def _when(moment: datetime | None) -> str | None:
    return iso_utc(moment) if moment is not None else None


def _flag_entry(article: Article, flag: Flag) -> dict[str, object]:
    return {
        "id": flag.id,
        "kind": flag.kind.value,
        "severity": flag.severity.value,
        "place": place(article, flag),
        "text": clean_inline(flag.text),
        "sentence": claim_sentence(article, flag),
        "message": clean_inline(flag.message),
        "rule": flag.rule,
        "status": flag.status.value,
        "replacement": clean_inline(flag.replacement),
        "note": clean_inline(flag.note),
        "source": clean_inline(flag.source),
        "resolved_by": flag.resolved_by,
        "resolved_at": _when(flag.resolved_at),
        "manual": flag.manual,
        "created_by": flag.created_by,
    }


def _image_entry(index: int, slot: ImageSlot, ctx: ExportContext) -> dict[str, object]:
    image = ctx.image_for(index)
    return {
        "block": index,
        "caption": clean_inline(slot.caption),
        "credit": clean_inline(slot.credit),
        "rights": clean_inline(slot.rights),
        "file": safe_relative_url(image.file_name) if image else None,
        "image_hash": slot.image_hash,
        "status": slot.status.value,
        "verified_by": slot.verified_by,
        "verified_at": _when(slot.verified_at),
        "note": clean_inline(slot.note),
    }


def _override_entry(override: Override) -> dict[str, object]:
    return {"actor": override.actor, "at": iso_utc(override.at), "reason": clean_inline(override.reason)}


def review_data(article: Article, ctx: ExportContext, record: ReviewRecord) -> dict[str, object]:
    """The report as plain data: the JSON report, and what the HTML report shows."""
    statuses = Counter(flag.status.value for flag in record.flags)
    verified = sum(1 for _, slot in record.images if slot.status.value == "verified")
    return {
        "article": {
            "headline": clean_inline(article.headline),
            "uri": item_uri(article, ctx),
            "revision": revision(article, ctx),
            "source_name": article.source_name,
            "source_hash": article.source_hash,
        },
        "approval": {
            "approved_by": record.approved_by,
            "approved_at": _when(record.approved_at),
            "generated_at": iso_utc(ctx.generated_at),
            "organisation": record.organisation,
        },
        "summary": {
            "flags": len(record.flags),
            "flags_by_status": dict(sorted(statuses.items())),
            "images": len(record.images),
            "images_verified": verified,
            "overrides": len(record.overrides),
        },
        "flags": [_flag_entry(article, flag) for flag in record.flags],
        "images": [_image_entry(index, slot, ctx) for index, slot in record.images],
        "overrides": [
            {"actor": o.actor, "at": iso_utc(o.at), "reason": clean_inline(o.reason)}
            for o in record.overrides
        ],
    }


@register("report-json", ".review.json", "application/json")
def export_report_json(article: Article, ctx: ExportContext) -> bytes:
    return dump_json(review_data(article, ctx, ctx.require_record("report-json")))


def _cell(value: object) -> _Element:
    if value is None or value == "":
        return E.TD({"class": "empty"}, "—")
    return E.TD(str(value))


def _source_cell(source: object) -> _Element:
    if isinstance(source, str) and (url := safe_url(source)):
        return E.TD(E.A({"href": url, "rel": "noopener noreferrer"}, url))
    return _cell(source)


def _table(caption: str, headings: list[str], rows: list[list[_Element]]) -> _Element:
    head = E.TR(*(E.TH(h) for h in headings))
    body = [E.TR(*row) for row in rows] or [E.TR(E.TD({"colspan": str(len(headings))}, "None."))]
    return E.TABLE(E.CAPTION(caption), E.THEAD(head), E.TBODY(*body))


def _flag_rows(flags: list[dict[str, object]]) -> list[list[_Element]]:
    keys = (
        "place",
        "kind",
        "sentence",
        "message",
        "status",
        "replacement",
        "note",
        "resolved_by",
        "resolved_at",
    )
    rows = []
    for flag in flags:
        cells = [_cell(flag[key]) for key in keys]
        cells.insert(8, _source_cell(flag["source"]))
        rows.append(cells)
    return rows


def _time_cell(moment: datetime | None) -> _Element:
    if moment is None:
        return _cell(None)
    stamp = iso_utc(moment)
    return E.DD(E.TIME({"datetime": stamp}, stamp))


@register("report-html", ".review.html", "text/html")
def export_report_html(article: Article, ctx: ExportContext) -> bytes:
    record = ctx.require_record("report-html")
    headline = clean_inline(article.headline)
    facts = E.DL(
        E.DT("Revision"),
        E.DD(str(revision(article, ctx))),
        E.DT("Approved by"),
        E.DD(record.approved_by or "—"),
        E.DT("Approved at"),
        _time_cell(record.approved_at),
        E.DT("Report generated"),
        _time_cell(ctx.generated_at),
        E.DT("Desk"),
        E.DD(record.organisation),
    )
    flag_table = _table(
        "Flags and their resolution",
        [
            "Where",
            "Kind",
            "In context",
            "Why flagged",
            "Resolution",
            "Changed to",
            "Note",
            "Who",
            "Source",
            "When",
        ],
        _flag_rows([_flag_entry(article, flag) for flag in record.flags]),
    )
    image_keys = (
        "block",
        "caption",
        "credit",
        "rights",
        "file",
        "status",
        "verified_by",
        "verified_at",
        "note",
    )
    image_table = _table(
        "Pictures and their verification",
        ["Block", "Caption", "Credit", "Rights", "File", "Status", "Verified by", "Verified at", "Note"],
        [
            [_cell(entry[key]) for key in image_keys]
            for entry in (_image_entry(index, slot, ctx) for index, slot in record.images)
        ],
    )
    override_table = _table(
        "Overrides of the export gate",
        ["Who", "When", "Reason"],
        [[_cell(o.actor), _cell(iso_utc(o.at)), _cell(clean_inline(o.reason))] for o in record.overrides],
    )
    title = f"Review report: {headline}"
    document = E.HTML(
        {"lang": LANGUAGE},
        E.HEAD(E.META({"charset": "utf-8"}), E.TITLE(title)),
        E.BODY(
            E.MAIN(
                E.H1(title),
                facts,
                E.SECTION({"id": "flags"}, E.H2("Flags"), flag_table),
                E.SECTION({"id": "pictures"}, E.H2("Pictures"), image_table),
                E.SECTION({"id": "overrides"}, E.H2("Overrides"), override_table),
            )
        ),
    )
    return lxml.html.tostring(
        document, doctype="<!DOCTYPE html>", encoding="utf-8", method="html", pretty_print=True
    )


def claim_reviews(article: Article, ctx: ExportContext, record: ReviewRecord) -> list[dict[str, object]]:
    """schema.org ClaimReview items for the verified and disputed claims."""
    uri = item_uri(article, ctx)
    appearance: dict[str, object] = {"@type": "NewsArticle", "headline": clean_inline(article.headline)}
    if url := safe_url(ctx.article_url):
        appearance["url"] = url
    if article.published is not None:
        appearance["datePublished"] = iso_utc(article.published)
    reviews: list[dict[str, object]] = []
    for flag in record.flags:
        rating = RATINGS.get(flag.status)
        if flag.kind not in CLAIM_KINDS or rating is None:
            continue
        claim: dict[str, object] = {"@type": "Claim", "appearance": appearance}
        if speaker := clean_inline(flag.data.get("speaker", "")):
            claim["author"] = {"@type": "Person", "name": speaker}
        review: dict[str, object] = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "@id": f"{uri}#claim-{flag.id}",
            "datePublished": utc(ctx.generated_at).date().isoformat(),
            "author": {"@type": "Organization", "name": record.organisation},
            "claimReviewed": claim_sentence(article, flag),
            "itemReviewed": claim,
            "reviewRating": {"@type": "Rating", "alternateName": rating},
        }
        if note := clean_inline(flag.note):
            review["reviewBody"] = note
        source = clean_inline(flag.source)
        if source_url := safe_url(source):
            review["citation"] = {"@type": "CreativeWork", "url": source_url}
        elif source:
            review["citation"] = {"@type": "CreativeWork", "name": source}
        reviews.append(review)
    return reviews


@register("claimreview", ".claimreview.jsonld", "application/ld+json")
def export_claimreview(article: Article, ctx: ExportContext) -> bytes:
    record = ctx.require_record("claimreview")
    return dump_json(claim_reviews(article, ctx, record), script_safe=True)
