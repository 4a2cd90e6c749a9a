"""Word-by-word comparison, the way a copy editor reads tracked changes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

_TOKEN = re.compile(r"\s+|\w+(?:['’]\w+)*|[^\w\s]")

Op = Literal["equal", "insert", "delete"]


@dataclass(frozen=True)
class DiffPiece:
    op: Op
    text: str


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def word_diff(old: str, new: str) -> list[DiffPiece]:
    """Insertions and deletions between two texts, whole words at a time, adjacent pieces merged."""
    a, b = tokens(old), tokens(new)
    pieces: list[DiffPiece] = []

    def push(op: Op, text: str) -> None:
        if not text:
            return
        if pieces and pieces[-1].op == op:
            pieces[-1] = DiffPiece(op, pieces[-1].text + text)
        else:
            pieces.append(DiffPiece(op, text))

    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            push("equal", "".join(a[i1:i2]))
        else:
            push("delete", "".join(a[i1:i2]))
            push("insert", "".join(b[j1:j2]))
    return pieces


def render_markup(pieces: list[DiffPiece]) -> str:
    """Plain-text tracked changes: ``[-deleted-]`` and ``{+inserted+}`` (as git's word diff)."""
    out = []
    for p in pieces:
        if p.op == "equal":
            out.append(p.text)
        elif p.op == "delete":
            out.append(f"[-{p.text}-]")
        else:
            out.append(f"{{+{p.text}+}}")
    return "".join(out)
