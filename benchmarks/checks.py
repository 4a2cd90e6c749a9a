"""Speed of the review checks on a 100,000-word article, against hunspell and proselint.

Prints: the one-time start-up (dictionary and gazetteer loading), a full check
of a varied 100,000-word article with cold caches (several times, each after
``clear_caches``), a repeat full check, and re-checking one edited paragraph;
then, on the same text in the same run, ``hunspell -l -d en_US`` (spelling
alone) and proselint (style), with our ratio to each. The article is generated
from templates and a 25,000-word vocabulary so no paragraph repeats; it has
names, quotes, dates, numbers and some typos.

What "cold" counts: every per-text result, word verdict, suggestion, per-block
finding and article-check memo is dropped by ``clear_caches`` before each cold
run, so the run classifies all 13,000 distinct words again (Hunspell for the
ones the word list lacks), ranks every suggestion and builds every finding and
id. What it does not count (start-up, once per process): loading Hunspell and
the expanded en_US word list (expanded once and cached on disk), the frequency
list, the gazetteer and the data files, and compiling the regular expressions;
nor starting the helper process that runs the claim, date, junk and style checks of a
long article on the second core (it loads the same data once; ``clear_caches`` clears
its caches too, so cold runs are cold there as well).

Run: ``.venv/bin/python benchmarks/checks.py [--words N] [--runs N]``
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, datetime
from importlib import resources
from pathlib import Path

from editor_app.checks import recheck, run_checks
from editor_app.checks.base import CheckContext
from editor_app.checks.engine import clear_caches, start_helper
from editor_app.checks.lexicon import speller
from editor_app.domain import Article, Block, BlockType, ImageSlot

_SYLLABLES = [
    "ka",
    "ro",
    "vin",
    "mar",
    "te",
    "lo",
    "shen",
    "dra",
    "po",
    "vik",
    "sa",
    "ne",
    "tal",
    "bor",
    "zu",
    "mi",
    "qua",
    "rel",
    "dor",
    "ish",
    "an",
    "ko",
    "vel",
    "ny",
    "sky",
    "ova",
    "ez",
    "ber",
    "gun",
    "tor",
]
_ROLES = [
    "director",
    "minister",
    "spokeswoman",
    "head",
    "chief executive",
    "professor",
    "mayor",
    "cosmonaut",
    "actress",
    "engineer",
    "analyst",
    "governor",
]
_ORGS = [
    "the space agency",
    "the ministry of transport",
    "the city council",
    "the film studio",
    "the national bank",
    "the research institute",
    "the university",
    "the energy company",
]
_VERBS = ["said", "explained", "told reporters", "added", "noted", "warned", "vowed", "insisted"]
_UNITS = ["hours", "days", "weeks", "months", "years", "miles", "kilometers", "tons", "minutes"]
_PLACES = [
    "Kazakhstan",
    "Moscow",
    "Houston",
    "Florida",
    "Japan",
    "Brazil",
    "Kenya",
    "Berlin",
    "Toronto",
    "India",
    "Norway",
    "Chile",
    "Madrid",
    "Cairo",
    "Seoul",
    "Sydney",
    "Ohio",
    "Texas",
    "Paris",
    "Lagos",
]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _vocabulary(size: int) -> tuple[list[str], list[float]]:
    path = resources.files("symspellpy").joinpath("frequency_dictionary_en_82_765.txt")
    ok = speller().ok
    words: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            w = line.split(" ", 1)[0]
            if w.isalpha() and (len(w) > 1 or w == "a") and ok(w):
                words.append(w)
                if len(words) >= size:
                    break
    # Zipf-like weights tuned so 100,000 words hold about 13,000 distinct word forms, as news copy does
    return words, [1.0 / (i + 3) ** 1.05 for i in range(len(words))]


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 5:
        return word + word[-1]
    i = rng.randrange(1, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


class _Writer:
    def __init__(self, rng: random.Random, vocab: list[str], weights: list[float]) -> None:
        self.rng = rng
        self.vocab = vocab
        self.weights = weights
        self.people = [self._person() for _ in range(400)]

    def _name(self) -> str:
        return "".join(self.rng.choice(_SYLLABLES) for _ in range(self.rng.randint(2, 3))).capitalize()

    def _person(self) -> tuple[str, str, str]:
        return self._name(), self._name(), self.rng.choice(_ROLES)

    def plain(self) -> str:
        n = self.rng.randint(8, 22)
        words = self.rng.choices(self.vocab, self.weights, k=n)
        if self.rng.random() < 0.03:  # about one typo per 900 words
            k = self.rng.randrange(n)
            words[k] = _typo(words[k], self.rng)
        s = " ".join(words)
        return s[0].upper() + s[1:] + self.rng.choice([".", ".", ".", "?"])

    def sentence(self) -> str:
        r = self.rng.random()
        first, last, role = self.rng.choice(self.people)
        if r < 0.55:
            return self.plain()
        if r < 0.65:
            org = self.rng.choice(_ORGS)
            return (
                f"{first} {last}, {role} of {org}, said the {self.rng.choice(self.vocab[:3000])} would take "
                f"{self.rng.randint(2, 40)} {self.rng.choice(_UNITS)} in {self.rng.choice(_PLACES)}."
            )
        if r < 0.77:
            inner = self.plain().rstrip(".?")
            return f'"{inner}," {last} {self.rng.choice(_VERBS)}.'
        if r < 0.85:
            wd, mo = self.rng.choice(_WEEKDAYS), self.rng.choice(_MONTHS)
            return (
                f"On {wd}, {mo} {self.rng.randint(1, 28)}, the {self.rng.choice(self.vocab[:2000])} "
                f"arrived in {self.rng.choice(_PLACES)} with {role} {first} {last}."
            )
        if r < 0.93:
            return (
                f"About {self.rng.randint(2, 95)} percent of the {self.rng.randint(3, 900)} workers earned "
                f"${self.rng.randint(2, 90)} million, the {self.rng.choice(['largest', 'first', 'biggest'])} "
                f"sum in {self.rng.randint(2, 9)} years."
            )
        noun = self.rng.choice(self.vocab[:500])
        return f"It took {self.rng.randint(2, 9)} hours - longer than the {noun} expected."


def make_article(words: int = 100_000, seed: int = 7) -> Article:
    """A varied article of about ``words`` words: no paragraph repeats."""
    rng = random.Random(seed)
    vocab, weights = _vocabulary(25_000)
    writer = _Writer(rng, vocab, weights)
    blocks: list[Block] = []
    total = 0
    while total < words:
        text = " ".join(writer.sentence() for _ in range(rng.randint(3, 6)))
        total += len(text.split())
        blocks.append(Block(BlockType.PARAGRAPH, text))
        if rng.random() < 0.03:
            blocks.append(
                Block(
                    BlockType.IMAGE,
                    image=ImageSlot(
                        alt=" ".join(rng.sample(vocab[:400], 4)), caption="", credit="Jane Roe/AP"
                    ),
                )
            )
    return Article(
        headline="A Generated Article for Timing Checks",
        blocks=blocks,
        updated=datetime(2021, 10, 10),
        bylines=["Bench Writer"],
    )


def _time(fn: object, *args: object) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn(*args)  # type: ignore[operator]
    return time.perf_counter() - start, result


def _hunspell(text: str) -> float | None:
    exe = shutil.which("hunspell")
    if exe is None:
        return None
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as fh:
        fh.write(text)
        path = fh.name
    try:
        start = time.perf_counter()
        with open(path, "rb") as src:
            subprocess.run([exe, "-l", "-d", "en_US"], stdin=src, stdout=subprocess.DEVNULL, check=True)
        return time.perf_counter() - start
    finally:
        Path(path).unlink()


def _proselint(text: str) -> float | None:
    try:
        from proselint.checks import __register__
        from proselint.config import DEFAULT
        from proselint.registry import CheckRegistry
        from proselint.tools import LintFile
    except ImportError:
        return None
    CheckRegistry().register_many(__register__)
    config = dict(DEFAULT)
    config["max_errors"] = 10**9
    start = time.perf_counter()
    LintFile("benchmark", text).lint(config)  # type: ignore[arg-type]
    return time.perf_counter() - start


def _load() -> str:
    try:
        return "load average " + " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3, help="cold full checks (each after clear_caches)")
    args = parser.parse_args()
    ctx = CheckContext(today=date(2021, 10, 12))

    print(f"machine: {os.cpu_count()} cores, {_load()} (other work on the machine slows every figure)")
    startup, _ = _time(run_checks, make_article(2_000, seed=1), ctx)
    helper, _ = _time(start_helper)
    article = make_article(args.words)
    text = "\n\n".join(b.text for b in article.blocks if b.text)
    distinct = len({t.strip('.,?!:;"“”').lower() for t in text.split()})
    print(
        f"article: {article.word_count():,} words, {len(article.blocks):,} blocks, "
        f"{distinct:,} distinct words"
    )
    print(f"start-up (dictionary, frequency list, gazetteer, patterns; first small article): {startup:.3f} s")
    print(f"start-up of the helper process that runs some checks on the second core: {helper:.3f} s")

    colds: list[float] = []
    for _ in range(max(1, args.runs)):
        clear_caches()
        cpu0 = time.process_time()
        dt, findings = _time(run_checks, article, ctx)
        cpu = time.process_time() - cpu0
        colds.append(dt)
        assert isinstance(findings, list)
        print(f"full check, cold caches: {dt:.3f} s  ({len(findings):,} findings; CPU {cpu:.3f} s)")
    full = statistics.median(colds)
    print(f"full check, cold caches, median of {len(colds)}: {full:.3f} s (min {min(colds):.3f} s)")
    os.environ["EDITOR_APP_CHECK_PROCESSES"] = "1"  # the same, without the helper process
    clear_caches()
    alone, _ = _time(run_checks, article, ctx)
    del os.environ["EDITOR_APP_CHECK_PROCESSES"]
    print(f"full check, cold caches, in one process (no helper): {alone:.3f} s")
    again, latest = _time(run_checks, article, ctx)
    print(f"full check again (unchanged article, cached blocks): {again:.3f} s")
    assert isinstance(latest, list)

    rng = random.Random(3)
    times: list[float] = []
    previous = latest
    paragraphs = [i for i, b in enumerate(article.blocks) if b.type is BlockType.PARAGRAPH]
    for _ in range(args.edits):
        k = rng.choice(paragraphs)
        edited = article.copy()
        edited.blocks[k] = replace(
            edited.blocks[k], text=edited.blocks[k].text + " The ministry said so again."
        )
        dt, result = _time(recheck, edited, {k}, previous, ctx)
        times.append(dt)
        assert isinstance(result, list)
        article, previous = edited, result
    print(
        f"re-check one edited paragraph: median {statistics.median(times) * 1000:.1f} ms, "
        f"max {max(times) * 1000:.1f} ms over {len(times)} edits"
    )

    hun = _hunspell(text)
    if hun is None:
        print("hunspell: not installed (apt-get install hunspell hunspell-en-us)")
    else:
        print(
            f"hunspell -l -d en_US (spelling only): {hun:.3f} s; our full check / hunspell = {full / hun:.2f}"
        )
    pro = _proselint(text)
    if pro is None:
        print("proselint: not installed (pip install proselint)")
    else:
        print(f"proselint (style only): {pro:.3f} s; our full check / proselint = {full / pro:.2f}")
    if full >= 1.0 or (hun is not None and full >= hun):
        print("\nWARNING: full check slower than the target (1 s, and faster than hunspell)", file=sys.stderr)


if __name__ == "__main__":
    main()
