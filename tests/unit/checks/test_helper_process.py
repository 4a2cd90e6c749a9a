"""A long article's claim, junk and style checks in the helper process give exactly what one process gives."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator

import pytest

from editor_app.checks import parallel, run_checks
from editor_app.checks.base import CheckContext
from editor_app.checks.engine import clear_caches, start_helper
from editor_app.domain import Article, Block, BlockType, Finding

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def long_article(paragraphs: int = parallel.MIN_BLOCKS + 40) -> Article:
    """Distinct paragraphs with numbers, dates, quotes, names, typos and style slips."""
    blocks = []
    for i in range(paragraphs):
        day = 1 + i % 28
        blocks.append(
            Block(
                BlockType.PARAGRAPH,
                f"On {WEEKDAYS[i % 7]}, October {day}, {3 + i % 9} officials from Roscosmos said the "
                f"crew flew for {i % 12} hours to Kazahkstan - a first for Space. "
                f'"We waited {i} days," said Yulia Peresild, the actress, adding that about {i * 7}% agreed.',
            )
        )
    return Article(headline="Crew Flies to Kazahkstan Again", blocks=blocks)


def _fingerprint(findings: list[Finding]) -> list[tuple[object, ...]]:
    return [
        (f.id, f.kind, f.severity, f.block, f.field, f.start, f.end, f.text, f.rule, f.message, f.suggestions)
        for f in findings
    ]


@pytest.fixture
def helper(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("EDITOR_APP_CHECK_PROCESSES", raising=False)
    monkeypatch.setattr(parallel, "_broken", False)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    start_helper()
    yield
    parallel.shutdown()
    clear_caches()


def test_a_long_article_checked_with_the_helper_equals_one_process(
    helper: None, ctx: CheckContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = long_article()
    clear_caches()
    shared = _fingerprint(run_checks(article, ctx))
    assert parallel.ready(lambda: None)  # the helper did take part
    assert any(f[8].startswith("style") for f in shared)
    assert any(f[1].value == "claim" for f in shared)

    monkeypatch.setenv("EDITOR_APP_CHECK_PROCESSES", "1")
    clear_caches()
    alone = _fingerprint(run_checks(article, ctx))
    assert shared == alone


def test_a_helper_that_dies_is_replaced_by_checking_here(helper: None, ctx: CheckContext) -> None:
    article = long_article()
    clear_caches()
    expected = _fingerprint(run_checks(article, ctx))
    pid = parallel.submit(os.getpid).result()
    assert pid != os.getpid()
    os.kill(pid, signal.SIGKILL)
    clear_caches()  # asks the dead helper too: that gives up on it
    assert _fingerprint(run_checks(article, ctx)) == expected
    assert not parallel.enabled()  # from now on everything runs in this process


def _check_in_child() -> tuple[bool, int]:
    """Runs in a spawned pool worker, as the window's long-article re-checks do."""
    found = run_checks(long_article(), CheckContext())
    return parallel.enabled(), len(found)


def test_a_child_process_checks_alone_and_still_exits(monkeypatch: pytest.MonkeyPatch) -> None:
    import multiprocessing
    import threading
    from concurrent.futures import ProcessPoolExecutor

    monkeypatch.delenv("EDITOR_APP_CHECK_PROCESSES", raising=False)
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    may_share, findings = pool.submit(_check_in_child).result(timeout=120)
    assert may_share is False  # no helper of its own (it would keep the worker from exiting)
    assert findings > parallel.MIN_BLOCKS
    stopping = threading.Thread(target=pool.shutdown, kwargs={"wait": True})
    stopping.start()
    stopping.join(60)
    assert not stopping.is_alive(), "the pool's worker did not exit"
