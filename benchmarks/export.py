"""Time to export the seed article in every format (the approval-time export the desk runs).

Usage: python benchmarks/export.py [runs]   (default 5 runs per format; prints the median and the fastest)

Each picture slot gets a real photo (IPTC's reference JPEG from ../shared), so
DOCX and PDF timings include embedding real image data.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from editor_app.domain import Article, CreditStatus, Flag, FlagKind, FlagStatus, Severity  # noqa: E402
from editor_app.exporters import (  # noqa: E402
    FORMATS,
    ExportContext,
    ExportImage,
    ReviewRecord,
    export,
)
from editor_app.importers import load_article  # noqa: E402

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seed" / "russian-crew-space-movie.txt"
PHOTO = SHARED / "fixtures" / "images" / "IPTC-PhotometadataRef-Std2021.1.jpg"
APPROVED = datetime(2021, 10, 12, 9, 30, tzinfo=UTC)


def _context() -> tuple[Article, ExportContext]:
    article = load_article(SEED)
    photo = PHOTO.read_bytes()
    images = tuple(
        ExportImage(index, f"images/seed-{number:02d}.jpg", photo)
        for number, (index, _) in enumerate(article.images, start=1)
    )
    index, block = next((i, b) for i, b in enumerate(article.blocks) if "3 hours" in b.text)
    start = block.text.index("3 hours")
    claim = Flag(
        id="bench-claim",
        kind=FlagKind.CLAIM,
        severity=Severity.WARNING,
        block=index,
        start=start,
        end=start + len("3 hours"),
        text="3 hours",
        message="check the flight time",
        rule="bench",
        status=FlagStatus.VERIFIED,
        source="https://www.nasa.gov/",
        resolved_by="copy1",
        resolved_at=APPROVED,
    )
    slots = tuple(
        (i, replace(s, status=CreditStatus.VERIFIED, verified_by="photo1")) for i, s in article.images
    )
    record = ReviewRecord((claim,), slots, (), "desk1", APPROVED, 1)
    return article, ExportContext(APPROVED, images, record, "https://news.example.org/seed")


def main() -> int:
    if not SEED.exists():
        print(f"../shared is absent: {SEED} not found", file=sys.stderr)
        return 1
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    article, ctx = _context()
    kib = len(PHOTO.read_bytes()) // 1024
    print(f"export of the seed ({len(article.blocks)} blocks, {len(ctx.images)} pictures of {kib} KiB each),")
    print(f"median and fastest of {runs} runs per format after one warm-up run")
    print(f"{'format':<12} {'median ms':>10} {'min ms':>10} {'bytes':>10}")
    total = 0.0
    for fmt in FORMATS:
        timings = []
        size = 0
        for _ in range(runs + 1):  # the first run warms caches (Qt fonts) and is not counted
            started = time.perf_counter()
            size = len(export(fmt, article, ctx))
            timings.append((time.perf_counter() - started) * 1000)
        counted = timings[1:]
        total += statistics.median(counted)
        print(f"{fmt:<12} {statistics.median(counted):>10.1f} {min(counted):>10.1f} {size:>10}")
        if fmt == "pdf":
            print(f"{'':<12} (first PDF in the process, with Qt start-up: {timings[0]:.1f} ms)")
    print(f"{'all formats':<12} {total:>10.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
