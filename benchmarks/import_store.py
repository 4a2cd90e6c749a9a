"""Import + store time: the seed article and a generated 100,000-word scrape, into a fresh SQLite file.

Prints parse time, store time (import service: parse, insert, first check) and totals.
Run: .venv/bin/python benchmarks/import_store.py
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from editor_app.importers import load_article  # noqa: E402
from editor_app.services import Desk  # noqa: E402
from editor_app.settings import Settings  # noqa: E402

SEED = ROOT.parent / "shared" / "seed" / "russian-crew-space-movie.txt"

WORDS = [
    "the",
    "crew",
    "launched",
    "from",
    "the",
    "cosmodrome",
    "after",
    "months",
    "of",
    "training",
    "while",
    "engineers",
    "checked",
    "every",
    "valve",
    "and",
    "the",
    "commander",
    "reported",
    "steady",
    "pressure",
    "before",
    "docking",
    "with",
    "the",
    "station",
    "where",
    "scientists",
    "waited",
    "to",
    "begin",
    "experiments",
    "on",
    "plants",
    "cells",
    "metals",
    "and",
    "fluids",
    "that",
    "behave",
    "differently",
    "without",
    "gravity",
]
NAMES = ["Peresild", "Shipenko", "Shkaplerov", "Novitskiy", "Dubrov", "Vande Hei", "Baikonur", "Roscosmos"]


def big_article(words: int, seed: int = 7) -> str:
    """A varied long scrape: paragraphs of different lengths, names, numbers, quotes and credits."""
    rng = random.Random(seed)
    lines = [
        "Crew Returns After Record Stay in Orbit",
        "",
        "| LAST UPDATE 10/10/2021",
        "",
        "By Desk Staff",
        "",
    ]
    written = 0
    n = 0
    while written < words:
        n += 1
        length = rng.randint(40, 140)
        body = [rng.choice(WORDS) for _ in range(length)]
        body[0] = body[0].capitalize()
        body.insert(rng.randint(1, length - 1), rng.choice(NAMES))
        body.insert(rng.randint(1, length - 1), f"{rng.randint(2, 400)} days")
        text = " ".join(body) + "."
        if n % 7 == 0:
            text += f' "We are ready for day {n}," {rng.choice(NAMES)} said.'
        lines += [text, ""]
        if n % 25 == 0:
            lines += [f"crew photo {n} space station", "Roscosmos Press Service/Handout via Getty Images", ""]
        written += len(text.split())
    return "\n".join(lines)


def timed(fn, repeat: int = 3):  # type: ignore[no-untyped-def]
    best = float("inf")
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        big = folder / "big-scrape.txt"
        big.write_text(big_article(100_000), encoding="utf-8")
        inputs = [("seed", SEED)] if SEED.exists() else []
        inputs.append(("100k words", big))
        print(f"{'input':<12} {'words':>8} {'parse ms':>10} {'import+store+check ms':>24}")
        for label, path in inputs:
            parse_s, article = timed(lambda p=path: load_article(p))
            words = article.word_count()
            store_times = []
            for i in range(3):
                desk = Desk.open(
                    Settings(
                        data_dir=folder / f"d{label}{i}",
                        db_url=f"sqlite:///{folder / f'{label}-{i}.sqlite3'}",
                        user="bench",
                    )
                )
                start = time.perf_counter()
                desk.articles.import_file(path, actor="bench")
                store_times.append(time.perf_counter() - start)
                desk.close()
            print(f"{label:<12} {words:>8} {parse_s * 1000:>10.1f} {min(store_times) * 1000:>24.1f}")


if __name__ == "__main__":
    main()
