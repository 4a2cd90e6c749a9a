"""Plain-text scrapes: the headline on the first line, then header lines, pictures and paragraphs.

A scrape copied out of a browser has no markup, so structure is read from
shape: a credit-shaped line (``looks_like_credit``) closes a picture and the
line just above it is that picture's label; ad lines are boilerplate; a
short title-case line standing alone between paragraphs is a subheading;
hard-wrapped lines of one paragraph are joined back together.
"""

from __future__ import annotations

from editor_app.domain import Article, BlockType
from editor_app.importers import cues
from editor_app.importers.builder import ArticleBuilder
from editor_app.importers.decoding import check_line_lengths, decode_or_reject
from editor_app.text.credits import looks_like_credit

# A line longer than this is not article text (a paragraph of about 15,000 words).
MAX_LINE_CHARS = 100_000
# The first line is the headline only if it is no longer than this.
MAX_HEADLINE_CHARS = 250
# Lines no longer than this may be hard-wrapped; a longer line is a whole paragraph.
WRAP_WIDTH = 100
# Longest line taken as a picture's alt text or caption.
MAX_LABEL_CHARS = 300


def parse(data: bytes, name: str) -> Article:
    text = decode_or_reject(data, name)
    check_line_lengths(text, name, MAX_LINE_CHARS)
    return parse_text(text)


def parse_text(text: str) -> Article:
    """Read an already decoded and normalised plain-text article."""
    groups = _groups([line.strip() for line in text.split("\n")])
    builder = ArticleBuilder()
    _take_headline(groups, builder)
    heading_candidates: list[int] = []
    for group in groups:
        _read_group(group, builder, heading_candidates)
    _promote_headings(builder, heading_candidates)
    return builder.build()


def _groups(lines: list[str]) -> list[list[str]]:
    """Runs of non-blank lines."""
    groups: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def _take_headline(groups: list[list[str]], builder: ArticleBuilder) -> None:
    """The first line that is not furniture is the headline (removed from its group)."""
    for group in groups:
        while group:
            line = group[0]
            if cues.is_boilerplate(line):
                builder.add(BlockType.BOILERPLATE, line)
            elif not builder.take_meta_line(line):
                if len(line) <= MAX_HEADLINE_CHARS and not looks_like_credit(line):
                    builder.set_headline(line)
                    group.pop(0)
                return
            group.pop(0)


def _read_group(group: list[str], builder: ArticleBuilder, heading_candidates: list[int]) -> None:
    run: list[str] = []

    def flush() -> None:
        for paragraph, single_line in _paragraphs(run):
            if single_line and builder.has_body and cues.is_heading_line(paragraph):
                heading_candidates.append(len(builder.blocks))
            builder.add(BlockType.PARAGRAPH, paragraph)
        run.clear()

    credit = [looks_like_credit(line) for line in group] + [False, False]
    i = 0
    while i < len(group):
        line = group[i]
        nxt = group[i + 1] if i + 1 < len(group) else None
        after = group[i + 2] if i + 2 < len(group) else None
        if not run and builder.take_meta_line(line):
            i += 1
        elif cues.is_boilerplate(line):
            flush()
            builder.add(BlockType.BOILERPLATE, line)
            i += 1
        elif credit[i]:
            flush()
            builder.add_image(credit=line)
            i += 1
        elif nxt is not None and credit[i + 1] and _can_label(run, line):
            flush()
            if cues.is_caption_like(line):
                builder.add_image(caption=line, credit=nxt)
            else:
                builder.add_image(alt=line, credit=nxt)
            i += 2
        elif (
            nxt is not None
            and after is not None
            and credit[i + 2]
            and _can_label(run, line)
            and not cues.is_caption_like(line)
            and cues.is_caption_like(nxt)
            and len(nxt) <= MAX_LABEL_CHARS
        ):
            flush()
            builder.add_image(alt=line, caption=nxt, credit=after)
            i += 3
        else:
            run.append(line)
            i += 1
    flush()


def _can_label(run: list[str], line: str) -> bool:
    """A line may label a picture if it is short and does not continue a wrapped paragraph."""
    return len(line) <= MAX_LABEL_CHARS and (not run or cues.ends_sentence(run[-1]))


def _paragraphs(lines: list[str]) -> list[tuple[str, bool]]:
    """Split a run of lines into paragraphs, joining hard-wrapped lines; flags single-line ones."""
    if not lines:
        return []
    width = max(len(line) for line in lines)
    wrapped = width <= WRAP_WIDTH
    result: list[tuple[str, bool]] = []
    current: list[str] = []
    for index, line in enumerate(lines):
        current.append(line)
        last = index == len(lines) - 1
        if last or not wrapped or (cues.ends_sentence(line) and len(line) < 0.75 * width):
            result.append((_join_wrapped(current), len(current) == 1))
            current = []
    return result


def _join_wrapped(lines: list[str]) -> str:
    parts = [lines[0]]
    for previous, line in zip(lines, lines[1:], strict=False):
        if len(previous) >= 2 and previous.endswith("-") and previous[-2].isalpha() and line[:1].islower():
            parts.append(line)  # "well-" + "known": keep the hyphen, drop the break
        else:
            parts.append(" " + line)
    return "".join(parts)


def _promote_headings(builder: ArticleBuilder, candidates: list[int]) -> None:
    """Single title-case lines become subheadings when body text follows them."""
    body = (BlockType.PARAGRAPH, BlockType.QUOTE)
    last_body = max((i for i, b in enumerate(builder.blocks) if b.type in body), default=-1)
    for index in candidates:
        block = builder.blocks[index]
        if block.type is BlockType.PARAGRAPH and index < last_body:
            block.type = BlockType.SUBHEADING
