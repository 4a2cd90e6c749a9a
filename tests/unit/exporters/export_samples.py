"""Articles and contexts for the exporter tests: the real seed, and a hostile hand-built article.

Importable from a subprocess too (the PDF determinism test exports in a fresh process).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

from PIL import Image

from editor_app.domain import (
    Article,
    Block,
    BlockType,
    CreditStatus,
    Flag,
    FlagKind,
    FlagStatus,
    ImageSlot,
    Severity,
)
from editor_app.exporters import ExportContext, ExportImage, Override, ReviewRecord
from editor_app.importers import load_article

APPROVED_AT = datetime(2021, 10, 12, 9, 30, 15, tzinfo=UTC)
SEED_HEADLINE = "Russian Crew to Film First Movie in Space"
SEED_CREDIT = "Roscosmos Press Service/Handout/Anadolu Agency via Getty Images"
SEED_BACKSLASH_CREDIT = "Roscosmos Press Office\\TASS via Getty Images"
PAYLOAD = "PAYLOAD"  # appears only inside hostile markup that must vanish
BREAKOUT = "BREAKOUT"  # plain text shaped like an attribute break-out: kept as text, never as markup


def tiny_jpeg(colour: tuple[int, int, int] = (180, 40, 40), size: tuple[int, int] = (48, 32)) -> bytes:
    """A real, small JPEG made with Pillow."""
    buffer = BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="JPEG", quality=80)
    return buffer.getvalue()


def seed_article(path: Path) -> Article:
    """The seed as the real importer reads it."""
    return load_article(path)


def flag_on(article: Article, needle: str, kind: FlagKind, status: FlagStatus, **fields: object) -> Flag:
    """A flag on the first body text holding ``needle``, with offsets found in that text."""
    for index, block in enumerate(article.blocks):
        start = block.text.find(needle)
        if start >= 0 and block.type is not BlockType.IMAGE:
            flag = Flag(
                id=f"{kind.value}-{index}-{start}",
                kind=kind,
                severity=Severity.WARNING,
                block=index,
                start=start,
                end=start + len(needle),
                text=needle,
                message=f"check {needle}",
                rule=f"test-{kind.value}",
                status=status,
            )
            return replace(flag, **fields)  # type: ignore[arg-type]
    raise AssertionError(f"{needle!r} is not in the article")


def images_for(article: Article) -> tuple[ExportImage, ...]:
    """A real JPEG for every image slot, named as the export service would."""
    return tuple(
        ExportImage(
            block=index, file_name=f"images/seed-{number:02d}.jpg", data=tiny_jpeg((40 * number, 90, 160))
        )
        for number, (index, _) in enumerate(article.images, start=1)
    )


def seed_record(article: Article) -> ReviewRecord:
    """A review of the seed: claims verified and disputed, a spelling fix, an open style note."""
    flags = (
        flag_on(
            article,
            "after about 3 hours",
            FlagKind.CLAIM,
            FlagStatus.VERIFIED,
            resolved_by="copy1",
            resolved_at=datetime(2021, 10, 11, 15, 0, tzinfo=UTC),
            source="https://www.nasa.gov/soyuz-ms-19",
            note="launch to docking took 3 h 27 min",
        ),
        flag_on(
            article,
            "12 days",
            FlagKind.CLAIM,
            FlagStatus.DISPUTED,
            resolved_by="copy2",
            resolved_at=datetime(2021, 10, 11, 16, 5, tzinfo=UTC),
            source="Roscosmos press office",
            note="the agency counts 12 days including landing",
            data={"speaker": "Roscosmos"},
        ),
        flag_on(
            article,
            "Kazahkstan",
            FlagKind.SPELLING,
            FlagStatus.CORRECTED,
            replacement="Kazakhstan",
            resolved_by="copy1",
            resolved_at=datetime(2021, 10, 11, 14, 0, tzinfo=UTC),
        ),
        flag_on(article, "first production ever", FlagKind.STYLE, FlagStatus.OPEN),
    )
    slots = tuple(
        (
            index,
            replace(
                slot,
                status=CreditStatus.VERIFIED,
                verified_by="photo1",
                verified_at=datetime(2021, 10, 11, 12, number, tzinfo=UTC),
                note="credit matches the Getty caption",
            ),
        )
        for number, (index, slot) in enumerate(article.images)
    )
    return ReviewRecord(
        flags=flags,
        images=slots,
        overrides=(Override("desk1", datetime(2021, 10, 12, 9, 29, tzinfo=UTC), "style note left open"),),
        approved_by="desk1",
        approved_at=APPROVED_AT,
        revision=3,
    )


def seed_context(article: Article) -> ExportContext:
    return ExportContext(
        generated_at=APPROVED_AT,
        images=images_for(article),
        record=seed_record(article),
        article_url="https://news.example.org/2021/10/russian-crew-space-movie",
    )


def hostile_article() -> Article:
    """Markup, scripts, frames, handlers and script links in every field an export writes."""
    script = f"<script>alert('{PAYLOAD}-1')</script>"
    return Article(
        headline=f"Crew <b>launches</b> {script}today",
        bylines=[f'By <a href="javascript:alert(\'{PAYLOAD}-2\')">Eve</a> <img src=x onerror="{PAYLOAD}()">'],
        published=datetime(2021, 10, 5, 8, 55, tzinfo=UTC),
        updated=datetime(2021, 10, 10, 0, 0),
        blocks=[
            Block(
                BlockType.PARAGRAPH,
                f"Intro {script} text with <iframe src='javascript:{PAYLOAD}'></iframe>end.",
            ),
            Block(
                BlockType.PARAGRAPH,
                f'Click <a href="javascript:alert({PAYLOAD})" onclick="{PAYLOAD}">here</a>.',
            ),
            Block(BlockType.PARAGRAPH, "[link](javascript:alert(1)) and <javascript:alert(1)> stay text."),
            Block(BlockType.SUBHEADING, f"<style>body{{background:url({PAYLOAD})}}</style>Section"),
            Block(BlockType.QUOTE, f'"Quote" <svg onload={PAYLOAD}></svg>said & done'),
            Block(
                BlockType.IMAGE,
                image=ImageSlot(
                    alt=f'" onerror="{BREAKOUT}',
                    caption=f"Caption <img src=x onerror={PAYLOAD}> here",
                    credit=f"Agency <script>{PAYLOAD}</script>/Reuters",
                    rights="Editorial use only",
                ),
            ),
            Block(BlockType.BOILERPLATE, "Advertisement - Continue Reading Below"),
            Block(BlockType.PARAGRAPH, "# not a heading and 1. not a list * not emphasis"),
            Block(
                BlockType.PARAGRAPH,
                "Control\x00chars\x0bremoved &lt;script&gt;escaped&lt;/script&gt; stays text.",
            ),
        ],
    )


def hostile_context(article: Article) -> ExportContext:
    image_block = next(index for index, _ in article.images)
    claim = flag_on(
        article,
        "Intro",
        FlagKind.CLAIM,
        FlagStatus.VERIFIED,
        source="javascript:alert(document.cookie)",
        note=f"<script>{PAYLOAD}</script>checked",
        resolved_by="copy1",
        resolved_at=APPROVED_AT,
    )
    return ExportContext(
        generated_at=APPROVED_AT,
        images=(ExportImage(image_block, "javascript:alert(1).jpg", tiny_jpeg()),),
        record=ReviewRecord(
            flags=(claim,),
            images=tuple(article.images),
            overrides=(Override("desk1", APPROVED_AT, "<iframe src=x></iframe>reason given"),),
            approved_by="desk1",
            approved_at=APPROVED_AT,
            revision=1,
        ),
        article_url="javascript:alert(1)",
    )
