"""A credit line with a huge run of whitespace is checked, not hung on.

The spacing patterns once retried every position of a run of spaces to its end,
quadratic in the run's length: 100,000 spaces took most of a minute. The deadline below
is a hang guard fifty times the time the check needs, not a speed test.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from editor_app.checks.base import CheckContext
from editor_app.checks.credits import CreditLineCheck
from editor_app.domain import Article, Block, BlockType, Finding, ImageSlot

RUN = " \t" * 25_000 + " \n" * 25_000  # 100,000 whitespace characters


class _Hung(Exception):
    pass


@contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Raise ``_Hung`` in the test after ``seconds`` (the regex engine checks for signals as it runs)."""
    if not hasattr(signal, "setitimer"):
        pytest.skip("needs signal.setitimer")

    def hung(_signum: int, _frame: object) -> None:
        raise _Hung

    previous = signal.signal(signal.SIGALRM, hung)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _spacing(credit: str) -> list[tuple[int, int, str]]:
    article = Article(headline="Test", blocks=[Block(BlockType.IMAGE, image=ImageSlot(credit=credit))])
    check = CreditLineCheck()
    try:
        with _deadline(3):
            found: list[Finding] = list(check.check_block(article, 0, article.blocks[0], CheckContext()))
    except _Hung:
        pytest.fail("the credit check did not finish on a long run of whitespace (quadratic pattern?)")
    for f in found:
        assert credit[f.start : f.end] == f.text
    return sorted((f.start, f.end, f.message) for f in found if f.rule == "credit.spacing")


START, END = len("Jane Roe"), len("Jane Roe") + len(RUN)
DOUBLE = "More than one space between words."
SLASH = "Spaces around the slash; the house writes Name/Agency."
COMMA = "Space before a comma."


@pytest.mark.parametrize(
    ("credit", "expected"),
    [
        ("Jane Roe" + RUN + "AP", [(START, END, DOUBLE)]),
        ("Jane Roe" + RUN + "/AP", [(START, END, DOUBLE), (START, END + 1, SLASH)]),
        ("Jane Roe" + RUN + ", AP", [(START, END, DOUBLE), (START, END + 1, COMMA)]),
        ("Jane Roe/" + RUN + "AP", [(START, END + 1, SLASH), (START + 1, END + 1, DOUBLE)]),
    ],
)
def test_a_long_whitespace_run_gets_its_flags(credit: str, expected: list[tuple[int, int, str]]) -> None:
    assert _spacing(credit) == expected
