"""HTML5 export: one ``<article>`` with byline, dates and figures with credits.

The tree is built with lxml, never by pasting strings, so every text and
attribute is escaped by the serializer. The body builder takes an
``ElementMaker`` so the NewsML-G2 exporter can reuse it for XHTML.
"""

from __future__ import annotations

from collections.abc import Iterator

import lxml.html
from lxml.builder import ElementMaker
from lxml.etree import _Element
from lxml.html import builder as html_builder

from editor_app.domain import Article, BlockType
from editor_app.exporters.base import (
    ExportContext,
    Figure,
    authors,
    byline,
    exported_blocks,
    figure,
    human_date,
    iso_local,
    register,
)
from editor_app.exporters.sanitize import clean_inline, safe_url

LANGUAGE = "en"


def _block(element: _Element) -> _Element:
    """A block element on its own line, so the file reads well in a text editor."""
    element.tail = "\n"
    return element


def figure_element(E: ElementMaker, fig: Figure) -> _Element:
    """``<figure>``: the picture, then a caption whose credit sits in its own ``<small class="credit">``."""
    parts: list[_Element] = []
    if fig.src is not None:
        parts.append(_block(E.img({"src": fig.src, "alt": fig.alt})))
    caption: list[str | _Element] = []
    if fig.caption:
        caption.append(fig.caption)
    if fig.credit:
        if caption:
            caption.append(" ")
        caption.append(E.small({"class": "credit"}, fig.credit))
    if caption:
        parts.append(_block(E.figcaption(*caption)))
    element = E.figure({"class": "picture"}, "\n", *parts)
    return _block(element)


def body_elements(E: ElementMaker, article: Article, ctx: ExportContext) -> Iterator[_Element]:
    """The body blocks as elements: paragraphs, subheadings, quotes and figures."""
    for index, block in exported_blocks(article):
        if block.type is BlockType.IMAGE:
            if block.image is not None:
                yield figure_element(E, figure(index, block.image, ctx))
            continue
        text = clean_inline(block.text)
        if not text:
            continue
        if block.type is BlockType.SUBHEADING:
            yield _block(E.h2(text))
        elif block.type is BlockType.QUOTE:
            yield _block(E.blockquote(E.p(text)))
        else:
            yield _block(E.p(text))


def header_elements(E: ElementMaker, article: Article) -> Iterator[_Element]:
    """Headline, byline in ``<address class="byline">`` and ``<time>`` elements for the dates."""
    yield _block(E.h1(clean_inline(article.headline)))
    names = authors(article)
    if names:
        people: list[str | _Element] = ["By "]
        for position, name in enumerate(names):
            if position:
                people.append(" and " if position == len(names) - 1 else ", ")
            people.append(E.span({"class": "author"}, name))
        yield _block(E.address({"class": "byline"}, *people))
    dates: list[str | _Element] = []
    for label, moment in (("Published", article.published), ("Updated", article.updated)):
        if moment is None:
            continue
        if dates:
            dates.append(" · ")
        dates.extend((f"{label} ", E.time({"datetime": iso_local(moment)}, human_date(moment))))
    if dates:
        yield _block(E.p({"class": "dates"}, *dates))


def body_fragment(article: Article, ctx: ExportContext) -> str:
    """The body alone as an HTML fragment (for ninjs ``body_html``)."""
    return "".join(
        lxml.html.tostring(element, encoding="unicode", method="html")
        for element in body_elements(html_builder.E, article, ctx)
    )


@register("html", ".html", "text/html")
def export_html(article: Article, ctx: ExportContext) -> bytes:
    E = html_builder.E
    headline = clean_inline(article.headline)
    head: list[_Element] = [
        _block(E.meta({"charset": "utf-8"})),
        _block(E.title(headline)),
        _block(E.meta({"name": "generator", "content": "editor_app"})),
    ]
    if names := byline(article):
        head.append(_block(E.meta({"name": "author", "content": names})))
    if url := safe_url(ctx.article_url):
        head.append(_block(E.link({"rel": "canonical", "href": url})))
    header = _block(E.header("\n", *header_elements(E, article)))
    body = _block(E.article("\n", header, *body_elements(E, article, ctx)))
    document = E.html({"lang": LANGUAGE}, "\n", _block(E.head("\n", *head)), _block(E.body("\n", body)))
    return lxml.html.tostring(document, doctype="<!DOCTYPE html>", encoding="utf-8", method="html")
