"""How fast the importers read articles: the seed, each sample, a real Wikipedia page, and large inputs.

Prints milliseconds per import (best of several runs) and throughput. Run:
    .venv/bin/python benchmarks/import_parse.py
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from editor_app.importers import parse_bytes  # noqa: E402

SHARED = ROOT.parent / "shared"


def best_of(runs: int, action: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def report(label: str, data: bytes, name: str, runs: int = 5) -> None:
    seconds = best_of(runs, lambda: parse_bytes(data, name))
    article = parse_bytes(data, name)
    mb_per_s = len(data) / 2**20 / seconds if seconds else float("inf")
    print(
        f"{label:<44} {len(data) / 1024:>9,.1f} KB {seconds * 1000:>9.2f} ms {mb_per_s:>8.2f} MB/s "
        f"{len(article.blocks):>6} blocks"
    )


def synthetic_scrape(paragraphs: int) -> bytes:
    """A long scrape made by repeating the shapes of a real one (pictures, credits, ads, wrapped text)."""
    parts = ["A Very Long Scraped Article\n\n| LAST UPDATE 10/10/2021\n\nBy Jane Roe and John Doe\n"]
    for i in range(paragraphs):
        if i % 7 == 0:
            parts.append(
                f"picture label {i}\nRoscosmos Press Service/Handout/Anadolu Agency via Getty Images\n"
            )
        if i % 11 == 0:
            parts.append("Advertisement - Continue Reading Below\n")
        parts.append(
            f"Paragraph {i} says the crew spent about 3 hours on the task, the engineer said, and that\n"
            "the next step would come on Tuesday, October 5, after a short rest in Kazahkstan.\n"
        )
    return "\n".join(parts).encode("utf-8")


def synthetic_page(paragraphs: int) -> bytes:
    body = "".join(
        f'<p>Paragraph {i} with <a href="/x">a link</a> and <em>emphasis</em>.</p>'
        + ('<div class="ad-slot">Advertisement</div><script>track()</script>' if i % 9 == 0 else "")
        + (f'<figure><img alt="pic {i}"><figcaption>Caption. <span class="credit">AP</span></figcaption>'
           "</figure>" if i % 13 == 0 else "")
        for i in range(paragraphs)
    )  # fmt: skip
    return f"<html><body><nav>menu</nav><article><h1>Long Page</h1>{body}</article></body></html>".encode()


def main() -> int:
    print(f"{'input':<44} {'size':>12} {'best time':>12} {'speed':>13} {'output':>13}")
    seed = SHARED / "seed" / "russian-crew-space-movie.txt"
    if seed.exists():
        report("seed (real scrape)", seed.read_bytes(), seed.name, runs=20)
    for sample in sorted((ROOT / "resources" / "samples").iterdir()):
        report(f"sample {sample.name}", sample.read_bytes(), sample.name, runs=10)
    wiki = SHARED / "fixtures" / "articles" / "readability-wikipedia-mozilla-source.html"
    if wiki.exists():
        report("Wikipedia 'Mozilla' page (real HTML)", wiki.read_bytes(), wiki.name)
    report("synthetic scrape, 5,000 paragraphs", synthetic_scrape(5000), "long.txt", runs=3)
    report("synthetic page, 5,000 paragraphs", synthetic_page(5000), "long.html", runs=3)
    deep = ("<html><body><h1>Deep</h1>" + "<div>" * 10_000 + "<p>x</p>" + "</div>" * 10_000).encode()
    report("HTML nested 10,000 deep", deep, "deep.html", runs=3)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
