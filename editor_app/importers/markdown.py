"""Markdown articles, parsed with markdown-it-py (CommonMark plus tables).

``# h1`` is the headline, lower headings are subheadings, ``> quote`` is a
quote block, and ``![alt](src "title")`` is a picture whose caption is the
emphasised line after it (else its title) and whose credit is the next
credit-shaped line. Raw HTML blocks and inline tags are dropped, never shown
as text. A simple front-matter block (``title:``, ``author:``, ``date:``) is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from editor_app.domain import Article, BlockType, ImageSlot
from editor_app.importers import cues
from editor_app.importers.builder import ArticleBuilder
from editor_app.importers.dates import parse_date, parse_iso
from editor_app.importers.decoding import check_line_lengths, decode_or_reject
from editor_app.importers.plaintext import MAX_HEADLINE_CHARS, MAX_LINE_CHARS
from editor_app.text.credits import looks_like_credit

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>(?:.*\n){0,60}?)---[ \t]*(?:\n|\Z)")
_FRONT_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>.*)$")
_RAW_TEXT_TAGS = re.compile(r"<(/?)(script|style|iframe|noscript|template|textarea)\b", re.I)


class _AnyLinkParser(MarkdownIt):
    """markdown-it leaves a link with a javascript:/vbscript:/file: target as literal text, so
    "[text](javascript:...)" would land in the article. Link targets are never read here (a link
    becomes its text), so every target may parse as a link, and is then dropped."""

    def validateLink(self, url: str) -> bool:  # noqa: N802 - markdown-it's name
        return True


@cache
def _parser() -> MarkdownIt:
    return _AnyLinkParser("commonmark").enable(["table", "strikethrough"])


@dataclass
class _Line:
    text: str = ""
    images: list[tuple[str, str]] = field(default_factory=list)
    plain: int = 0
    emphasised: int = 0

    @property
    def all_emphasised(self) -> bool:
        return self.emphasised > 0 and self.plain == 0


def parse(data: bytes, name: str) -> Article:
    text = decode_or_reject(data, name)
    check_line_lengths(text, name, MAX_LINE_CHARS)
    return parse_markdown(text)


def parse_markdown(text: str) -> Article:
    builder = ArticleBuilder()
    text = _front_matter(text, builder)
    reader = _Reader(builder)
    reader.read(_parser().parse(text))
    reader.finish()
    return builder.build()


def _front_matter(text: str, builder: ArticleBuilder) -> str:
    match = _FRONT_MATTER.match(text)
    if match is None:
        return text
    for line in match["body"].splitlines():
        kv = _FRONT_KEY.match(line.strip())
        if kv is None:
            continue
        key, value = kv["key"].lower(), kv["value"].strip().strip("'\"")
        if not value:
            continue
        if key == "title":
            builder.set_headline(value)
        elif key in ("author", "authors", "byline"):
            names = cues.byline_names(value) or cues.byline_names("By " + value.strip("[]"))
            builder.add_bylines(names or [])
        elif key in ("date", "published", "pubdate"):
            builder.set_dates(published=parse_iso(value) or parse_date(value))
        elif key in ("updated", "modified", "lastmod"):
            builder.set_dates(updated=parse_iso(value) or parse_date(value))
    return text[match.end() :]


class _Reader:
    def __init__(self, builder: ArticleBuilder) -> None:
        self.builder = builder
        self.titles: list[tuple[ImageSlot, str]] = []
        self.quote_depth = 0
        self.had_headline = builder.headline is not None

    def read(self, tokens: list[Token]) -> None:
        row: list[str] | None = None
        for index, token in enumerate(tokens):
            kind = token.type
            if kind == "blockquote_open":
                self.quote_depth += 1
            elif kind == "blockquote_close":
                self.quote_depth -= 1
            elif kind == "tr_open":
                row = []
            elif kind == "tr_close" and row is not None:
                self.builder.add(BlockType.PARAGRAPH, " | ".join(c for c in row if c))
                row = None
            elif kind == "inline":
                opener = tokens[index - 1].type if index else ""
                if row is not None:
                    row.append(" ".join(_lines_text(self._lines(token))))
                elif opener == "heading_open":
                    self._heading(tokens[index - 1].tag, token)
                else:
                    self._paragraph(token)
            elif kind in ("fence", "code_block"):
                self.builder.add(BlockType.QUOTE if self.quote_depth else BlockType.PARAGRAPH, token.content)

    def finish(self) -> None:
        for slot, title in self.titles:
            if not slot.caption:
                slot.caption = title
        if self.builder.headline is None:
            self._fallback_headline()

    def _heading(self, tag: str, token: Token) -> None:
        text = " ".join(_lines_text(self._lines(token)))
        if tag == "h1" and self.builder.headline is None:
            self.builder.set_headline(text)
        elif tag == "h1" and self.had_headline and text == self.builder.headline:
            return  # front matter title repeated as the first heading
        else:
            self.builder.add(BlockType.SUBHEADING, text)

    def _paragraph(self, token: Token) -> None:
        lines = self._lines(token)
        if self.quote_depth:
            self.builder.add(BlockType.QUOTE, " ".join(_lines_text(lines)))
            return
        run: list[str] = []

        def flush() -> None:
            if run:
                self.builder.add(BlockType.PARAGRAPH, " ".join(run))
                run.clear()

        for line in lines:
            text = line.text.strip()
            if line.images:
                flush()
                for alt, title in line.images:
                    slot = self.builder.add_image(alt=alt)
                    if title:
                        self.titles.append((slot, title))
                if text:
                    self.builder.attach_to_image(text, caption_style=True)
            elif not text:
                continue
            elif self.builder.open_image() is not None and (line.all_emphasised or looks_like_credit(text)):
                if not self.builder.attach_to_image(text, caption_style=line.all_emphasised):
                    run.append(text)
            elif cues.is_boilerplate(text):
                flush()
                self.builder.add(BlockType.BOILERPLATE, text)
            elif not run and self.builder.take_meta_line(text):
                continue
            else:
                run.append(text)
        flush()

    @staticmethod
    def _lines(token: Token) -> list[_Line]:
        """The inline content split at line breaks, with pictures and emphasis noted; raw HTML dropped."""
        lines = [_Line()]
        depth = 0
        hidden = 0
        for child in token.children or []:
            kind = child.type
            line = lines[-1]
            if kind in ("softbreak", "hardbreak"):
                lines.append(_Line())
            elif kind == "html_inline":
                tag = _RAW_TEXT_TAGS.search(child.content)
                if tag:
                    hidden = max(0, hidden - 1) if tag.group(1) else hidden + 1
            elif hidden:
                continue
            elif kind in ("em_open", "strong_open"):
                depth += 1
            elif kind in ("em_close", "strong_close"):
                depth = max(0, depth - 1)
            elif kind == "image":
                alt = "".join(c.content for c in child.children or [] if c.type in ("text", "code_inline"))
                line.images.append((alt.strip(), str(child.attrs.get("title") or "").strip()))
            elif kind in ("text", "code_inline"):
                line.text += child.content
                if child.content.strip():
                    if depth:
                        line.emphasised += 1
                    else:
                        line.plain += 1
        return lines

    def _fallback_headline(self) -> None:
        """No ``# h1``: the first text block, if it is a heading or a short paragraph, is the headline."""
        blocks = self.builder.blocks
        for index, block in enumerate(blocks):
            if block.type in (BlockType.IMAGE, BlockType.BOILERPLATE):
                continue
            if (
                block.type in (BlockType.SUBHEADING, BlockType.PARAGRAPH)
                and len(block.text) <= MAX_HEADLINE_CHARS
            ):
                self.builder.set_headline(block.text)
                del blocks[index]
            return


def _lines_text(lines: list[_Line]) -> list[str]:
    return [line.text.strip() for line in lines if line.text.strip()]
