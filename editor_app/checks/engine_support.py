"""Where checks find the headline and the blocks (shared by the engine and article-wide checks)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import compress, count
from operator import ne
from typing import Generic, TypeVar

from editor_app.domain import Article, Block, BlockType, Finding

S = TypeVar("S")
X = TypeVar("X")

HEADLINE = -1
#: the findings of a text that has none, shared (one object instead of thousands): never change it
NO_FINDINGS: list[Finding] = []


def headline_block(article: Article) -> Block:
    """The headline as a pseudo-block (index -1, field "text")."""
    return Block(BlockType.SUBHEADING, article.headline)


def indexed_blocks(article: Article) -> list[tuple[int, Block]]:
    """Headline first (index -1), then the body blocks."""
    return [(HEADLINE, headline_block(article)), *enumerate(article.blocks)]


#: prose units of the article being checked, shared by the article-wide checks of one engine run
_run_units: dict[tuple[int, bool], list[tuple[int, str, str]]] | None = None


@contextmanager
def one_run() -> Iterator[None]:
    """Scope of one engine run: the article does not change, so its prose units are listed once."""
    global _run_units
    _run_units = {}
    try:
        yield
    finally:
        _run_units = None


def prose_units(article: Article, captions: bool = True) -> list[tuple[int, str, str]]:
    """(block index, field, text) of every non-empty prose text: headline, body text and captions.

    Callers must not change the list: inside ``one_run`` it is shared.
    """
    memo = _run_units
    if memo is not None:
        found = memo.get((id(article), captions))
        if found is not None:
            return found
    units = [(HEADLINE, "text", article.headline)] if article.headline else []
    paragraph, subheading, quote = BlockType.PARAGRAPH, BlockType.SUBHEADING, BlockType.QUOTE
    for i, b in enumerate(article.blocks):
        t = b.type
        if t is paragraph or t is subheading or t is quote:
            if b.text:
                units.append((i, "text", b.text))
        elif captions and b.image is not None and b.image.caption.strip():
            units.append((i, "caption", b.image.caption))
    if memo is not None:
        memo[(id(article), captions)] = units
    return units


Unit = tuple[int, str, str]


@dataclass
class UnitMemo(Generic[S, X]):
    """An article-wide check's last run, so a re-check can redo only the texts that changed.

    ``signatures`` hold, per prose unit, whatever the article-wide reasoning reads
    (names used, speakers attributed) without offsets: when only unit texts changed
    and every signature is equal, the article-wide state ``state`` still holds and
    only the changed units' findings need rebuilding. A check whose signature depends on the
    text alone may leave ``signatures`` empty: a re-check then reads the old text's signature for
    just the changed units, instead of every full run computing one per unit for nothing.
    """

    units: list[Unit] = field(default_factory=list)
    signatures: list[S] = field(default_factory=list)
    outputs: list[list[Finding]] = field(default_factory=list)
    state: X | None = None

    def changed_units(self, units: Sequence[Unit], signature: Callable[[str], S]) -> list[int] | None:
        """Positions whose text changed, when nothing the article-wide reasoning reads did; else None."""
        if self.state is None or len(units) != len(self.units):
            return None
        changed = list(compress(count(), map(ne, units, self.units)))  # lengths are equal (above)
        for pos in changed:
            new, old = units[pos], self.units[pos]
            if new[0] != old[0] or new[1] != old[1]:
                return None
            sig = signature(new[2])
            before = self.signatures[pos] if self.signatures else signature(old[2])
            if not (sig is before or sig == before):
                return None
        return changed
