"""How the command line prints: one JSON document, or readable lines."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from typing import Any

from editor_app.domain import Article, BlockType, Flag


def one_line(text: str) -> str:
    """A message safe for one stderr line: control characters (a newline in a file name) escaped."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=_default) + "\n")


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if hasattr(value, "value"):
        return value.value
    raise TypeError(f"cannot encode {type(value).__name__}")


def place(flag: Flag) -> str:
    if flag.block == -1:
        where = "headline"
    elif flag.block == -2:
        where = "byline"
    else:
        where = f"block {flag.block}" + (f" {flag.field}" if flag.field != "text" else "")
    return f"{where} [{flag.start}:{flag.end}]"


def flag_line(flag: Flag) -> str:
    sugg = f" -> {', '.join(flag.suggestions[:3])}" if flag.suggestions else ""
    extra = ""
    if flag.data.get("speaker"):
        extra = f" (speaker: {flag.data['speaker']})"
    if flag.data.get("fact"):
        extra += f" (fact: {flag.data['fact']})"
    if flag.note and not flag.manual:  # a manual flag's note is already its message
        extra += f" (note: {flag.note})"
    status = "" if flag.is_open else f" [{flag.status.value}]"
    return (
        f"{flag.id}  {flag.severity.value:<7} {flag.kind.value:<11} {place(flag)}: "
        f"{flag.text!r}: {flag.message}{sugg}{extra}{status}"
    )


def article_text(article: Article) -> str:
    lines = [article.headline]
    if article.bylines:
        lines.append("By " + ", ".join(article.bylines))
    if article.updated or article.published:
        stamp = article.updated or article.published
        assert stamp is not None
        lines.append(("Updated " if article.updated else "Published ") + stamp.date().isoformat())
    lines.append("")
    for i, block in enumerate(article.blocks):
        if block.image is not None:
            slot = block.image
            lines.append(f"[{i}] IMAGE alt={slot.alt!r} caption={slot.caption!r} credit={slot.credit!r}")
        elif block.type is BlockType.BOILERPLATE:
            lines.append(f"[{i}] (boilerplate) {block.text}")
        else:
            label = "" if block.type is BlockType.PARAGRAPH else f"({block.type.value}) "
            lines.append(f"[{i}] {label}{block.text}")
    return "\n".join(lines)
