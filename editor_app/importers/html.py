"""Saved news pages: the article's text, pictures, byline and dates, without the page around it.

The page is parsed with lxml (no network, no huge trees: libxml2 caps nesting
depth) and walked with an explicit stack, so hostile nesting cannot exhaust
Python's recursion. Scripts, styles, navigation, forms, asides, frames, ad
and promo containers, hidden elements and stand-alone ``javascript:`` links
(page controls) are removed before any text is read; a script link inside a
sentence keeps its words. Attributes are never copied into the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from editor_app.domain import Article, BlockType
from editor_app.errors import ImportRejected
from editor_app.importers import cues
from editor_app.importers.builder import ArticleBuilder
from editor_app.importers.dates import parse_iso
from editor_app.importers.decoding import decode_or_reject, html_declared_charset, normalise_inline
from editor_app.text.credits import looks_like_credit

# Elements whose whole content is page machinery or furniture, never article text.
_DROP_TAGS = frozenset((
    "script", "style", "noscript", "template", "nav", "form", "aside", "iframe", "frame", "frameset",
    "object", "applet", "svg", "math", "canvas", "button", "input", "select", "textarea", "option",
    "label", "dialog", "menu", "link", "meta", "base", "audio", "video", "map", "area", "head", "title",
))  # fmt: skip
# HTML5 void elements libxml2's HTML 4 parser does not know: it nests what follows inside them,
# so they are unwrapped (children kept), never dropped with their "content".
_UNWRAP_TAGS = frozenset(("embed", "source", "track", "wbr", "keygen", "param"))
_INLINE_TAGS = frozenset((
    "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins",
    "kbd", "mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u",
    "var",
))  # fmt: skip
_HEADINGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
_PARAGRAPH_TAGS = frozenset(["p", "pre", "address", "dt", "dd", "li", "caption"])
_CREDIT_CLASS = re.compile(r"credit|byline|copyright|photographer|source|attribution", re.I)
_CAPTION_CLASS = re.compile(r"caption", re.I)
_BYLINE_CLASS = re.compile(r"byline|author", re.I)
_UPDATED_HINT = re.compile(r"updat|modif", re.I)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_PIECES = re.compile(r"[^a-z0-9]+")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# libxml2's nesting and text-node limits without huge_tree (XML_PARSE_HUGE), which stays off for
# hostile input.
MiB = 1024 * 1024
_MAX_DEPTH = 256
_MAX_TEXT_NODE = 10 * MiB

_PUBLISHED_META = ("article:published_time", "og:published_time", "datepublished", "pubdate", "date",
                   "dc.date", "dcterms.created", "sailthru.date", "parsely-pub-date")  # fmt: skip
_UPDATED_META = (
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dcterms.modified",
    "last-modified",
)


@dataclass
class _Page:
    """What the page's head and chrome say about the article."""

    title: str = ""
    meta: dict[str, str] = field(default_factory=dict)


def parse(data: bytes, name: str) -> Article:
    text = decode_or_reject(data, name, declared=html_declared_charset(data))
    root = _parse_tree(text, name)
    page = _read_head(root)
    _strip_furniture(root)
    body = _body_root(root)
    if body.tag == "body":
        for el in list(body.iter("header", "footer")):
            el.drop_tree()
    builder = ArticleBuilder()
    _read_headline(root, body, page, builder)
    _read_dates(root, body, page, builder)
    _read_bylines(root, body, page, builder)
    _Walker(builder).walk(body)
    return builder.build()


def _parse_tree(text: str, name: str) -> lxml.html.HtmlElement:
    parser = lxml.html.HTMLParser(
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        huge_tree=False,
        recover=True,
        collect_ids=False,
        default_doctype=False,
    )
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise ImportRejected(name, f"is not readable HTML ({exc})") from None
    if root is None:
        raise ImportRejected(name, "is not readable HTML")
    limits = [e.message for e in parser.error_log if e.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT]
    limits += [e.message for e in parser.error_log if "Excessive depth" in e.message]
    if limits:
        # libxml2 stops reading at a limit and keeps what it has: refuse rather than store an
        # article silently missing everything after that point.
        if any("depth" in message for message in limits):
            reason = f"nests its elements more than {_MAX_DEPTH} levels deep"
        else:
            reason = f"has a run of text over {_MAX_TEXT_NODE // MiB} MB without markup"
        raise ImportRejected(name, f"{reason}; the rest of the page cannot be read, so nothing was imported")
    return root


def _read_head(root: lxml.html.HtmlElement) -> _Page:
    page = _Page()
    title = root.find(".//title")
    if title is not None:
        page.title = normalise_inline(title.text_content())
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        value = meta.get("content")
        if key and value and key not in page.meta:
            page.meta[key] = value.strip()
    return page


def _strip_furniture(root: lxml.html.HtmlElement) -> None:
    """Remove everything that is not article text, and mark line breaks so text does not run together."""
    r = cues.rules()
    doomed: list[lxml.html.HtmlElement] = []
    unwrap: list[lxml.html.HtmlElement] = []
    for el in root.iter():
        tag = el.tag
        if not isinstance(tag, str):
            doomed.append(el)
            continue
        tag = tag.lower()
        if tag == "br":
            el.tail = "\n" + (el.tail or "")
        elif tag in ("html", "body"):
            continue
        elif tag in _UNWRAP_TAGS:
            unwrap.append(el)
        elif _is_furniture(el, tag, r):
            doomed.append(el)
    for el in unwrap:
        if el.getparent() is not None:
            el.drop_tag()
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()


def _is_furniture(el: lxml.html.HtmlElement, tag: str, r: cues.BoilerplateRules) -> bool:
    if tag in _DROP_TAGS or _is_hidden(el) or _is_ad(el, r.drop_class_words, r.drop_class_substrings):
        return True
    return tag == "a" and _is_script_link(el.get("href") or "") and _stands_alone(el)


def _is_script_link(href: str) -> bool:
    return "".join(href.split()).lower().startswith(("javascript:", "vbscript:", "data:text/html"))


def _stands_alone(link: lxml.html.HtmlElement) -> bool:
    """A link that is all the text of its parent: a page control ("More sections", "Load more").

    A script link inside a sentence is the sentence's words; only its address
    is active, and addresses are never read into the article.
    """
    parent = link.getparent()
    if parent is None:
        return True
    return " ".join(parent.text_content().split()) == " ".join(link.text_content().split())


def _is_hidden(el: lxml.html.HtmlElement) -> bool:
    if el.get("hidden") is not None or (el.get("aria-hidden") or "").lower() == "true":
        return True
    return bool(_HIDDEN_STYLE.search(el.get("style") or ""))


def _is_ad(el: lxml.html.HtmlElement, words: frozenset[str], substrings: tuple[str, ...]) -> bool:
    names = f"{el.get('class') or ''} {el.get('id') or ''}".lower().split()
    for token in names:
        if token in words or any(piece in words for piece in _PIECES.split(token) if piece):
            return True
        if any(s in token for s in substrings):
            return True
    return False


def _body_root(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The element holding the story: the longest <article>, else <main>/role=main, else <body>."""
    articles = list(root.iter("article"))
    if articles:
        return max(articles, key=lambda el: len(el.text_content()))
    for el in root.iter():
        if el.tag == "main" or (isinstance(el.tag, str) and (el.get("role") or "").lower() == "main"):
            return el
    body = root.find(".//body")
    return body if body is not None else root


def _read_headline(
    root: lxml.html.HtmlElement, body: lxml.html.HtmlElement, page: _Page, builder: ArticleBuilder
) -> None:
    """The article's own <h1>, else the social title, else any <h1> (often the site logo), else <title>."""
    social = normalise_inline(page.meta.get("og:title") or page.meta.get("twitter:title") or "")
    for h1, allowed in ((body.find(".//h1"), True), (root.find(".//h1"), not social)):
        if h1 is not None and allowed and normalise_inline(h1.text_content()):
            builder.set_headline(normalise_inline(h1.text_content()))
            h1.drop_tree()
            return
    builder.set_headline(social or page.title)


def _read_bylines(
    root: lxml.html.HtmlElement, body: lxml.html.HtmlElement, page: _Page, builder: ArticleBuilder
) -> None:
    """Authors from a byline element, rel=author links, or the author meta tag, in that order."""
    for scope in (body, root):
        for el in scope.iter():
            if not isinstance(el.tag, str) or el.tag in ("html", "body", "article", "main"):
                continue
            cls = f"{el.get('class') or ''} {el.get('itemprop') or ''}"
            if not _BYLINE_CLASS.search(cls):
                continue
            names = _names_in(_text_without_times(el))
            if names:
                builder.add_bylines(names)
                date = cues.byline_date(normalise_inline(el.text_content()))
                if date is not None:
                    builder.set_dates(date.published, date.updated)
                el.drop_tree()
                return
        links = [a for a in scope.iter("a") if "author" in (a.get("rel") or "").lower().split()]
        names = [n for a in links for n in (_names_in(normalise_inline(a.text_content())) or [])]
        if names:
            builder.add_bylines(names)
            for link in links:
                parent = link.getparent()
                if (
                    parent is not None
                    and parent.getparent() is not None
                    and _names_in(_text_without_times(parent))
                ):
                    parent.drop_tree()
            return
    meta = page.meta.get("author") or page.meta.get("article:author") or ""
    if meta and not meta.lower().startswith(("http://", "https://")):
        builder.add_bylines(_names_in(meta) or [])


def _text_without_times(el: lxml.html.HtmlElement) -> str:
    """An element's text leaving out <time> children (a byline's date is not a name)."""
    parts: list[str] = [el.text or ""]
    for child in el:
        if child.tag != "time":
            parts.append(child.text_content() if isinstance(child.tag, str) else "")
        parts.append(child.tail or "")
    return normalise_inline("".join(parts))


def _names_in(text: str) -> list[str] | None:
    if not text or len(text) > cues.MAX_CUE_CHARS:
        return None
    return cues.byline_names(text) or cues.byline_names("By " + text)


def _read_dates(
    root: lxml.html.HtmlElement, body: lxml.html.HtmlElement, page: _Page, builder: ArticleBuilder
) -> None:
    """Dates from the page's meta tags first, then from <time> elements (in the article, else anywhere)."""
    published = next((d for k in _PUBLISHED_META if (d := parse_iso(page.meta.get(k, ""))) is not None), None)
    updated = next((d for k in _UPDATED_META if (d := parse_iso(page.meta.get(k, ""))) is not None), None)
    times = list(body.iter("time")) or list(root.iter("time"))
    for time in times:
        when = parse_iso(time.get("datetime") or time.text_content())
        if when is None:
            continue
        hints = f"{time.get('class') or ''} {time.get('itemprop') or ''}"
        parent = time.getparent()
        if parent is not None:
            hints += f" {parent.get('class') or ''} {normalise_inline(parent.text_content())[:40]}"
        if _UPDATED_HINT.search(hints):
            updated = updated or when
        else:
            published = published or when
    builder.set_dates(published, updated)


class _Walker:
    """Turns the article element into blocks, in document order, without recursion."""

    def __init__(self, builder: ArticleBuilder) -> None:
        self.builder = builder

    def walk(self, root: lxml.html.HtmlElement) -> None:
        elements = list(root.iter())  # keeps proxies alive so identity-based sets stay valid
        structural = self._structural(elements)
        stack: list[lxml.html.HtmlElement | str] = [root]
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                self._text(item)
                continue
            tag = item.tag if isinstance(item.tag, str) else ""
            is_caption = tag == "figcaption" or bool(_CAPTION_CLASS.search(item.get("class") or ""))
            if is_caption and self.builder.open_image() is not None:
                caption = normalise_inline(item.text_content())
                if caption:
                    self.builder.attach_to_image(caption, caption_style=not looks_like_credit(caption))
                    continue
            if tag == "figure":
                self._figure(item)
            elif tag == "img":
                self._image(item, "", "")
            elif tag in _HEADINGS:
                self.builder.add(BlockType.SUBHEADING, normalise_inline(item.text_content()))
            elif tag == "blockquote":
                self._quote(item, structural)
            elif tag == "table":
                self._table(item)
            elif tag in _PARAGRAPH_TAGS and item not in structural:
                self._text(item.text_content(), caption=bool(_CAPTION_CLASS.search(item.get("class") or "")))
            else:
                stack.extend(reversed(self._children(item, structural)))

    @staticmethod
    def _structural(elements: list[lxml.html.HtmlElement]) -> set[lxml.html.HtmlElement]:
        """Elements that contain block elements or pictures (so cannot be read as one run of text)."""
        found: set[lxml.html.HtmlElement] = set()
        for el in reversed(elements):
            tag = el.tag if isinstance(el.tag, str) else ""
            if el in found or tag == "img" or (tag and tag not in _INLINE_TAGS):
                parent = el.getparent()
                if parent is not None:
                    found.add(parent)
        return found

    @staticmethod
    def _children(
        el: lxml.html.HtmlElement, structural: set[lxml.html.HtmlElement]
    ) -> list[lxml.html.HtmlElement | str]:
        """Child blocks in order, with loose inline text between them gathered into text runs."""
        items: list[lxml.html.HtmlElement | str] = []
        run: list[str] = [el.text or ""]
        for child in el:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag in _INLINE_TAGS and child not in structural:
                run.append(child.text_content())
            else:
                items.append("".join(run))
                run = []
                items.append(child)
            run.append(child.tail or "")
        items.append("".join(run))
        return [i for i in items if not isinstance(i, str) or i.strip()]

    def _text(self, raw: str, *, caption: bool = False) -> None:
        for piece in _PARAGRAPH_BREAK.split(raw):
            text = normalise_inline(piece)
            if not text:
                continue
            if self.builder.attach_to_image(text, caption_style=caption):
                continue
            if self.builder.take_meta_line(text):
                continue
            self.builder.add(BlockType.PARAGRAPH, text)

    def _quote(self, el: lxml.html.HtmlElement, structural: set[lxml.html.HtmlElement]) -> None:
        paragraphs = [p for p in el.iter("p")] if el in structural else []
        texts = [normalise_inline(p.text_content()) for p in paragraphs] or [
            normalise_inline(el.text_content())
        ]
        for text in texts:
            self.builder.add(BlockType.QUOTE, text)

    def _table(self, el: lxml.html.HtmlElement) -> None:
        for row in el.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr"):
            cells = [normalise_inline(c.text_content()) for c in row if c.tag in ("td", "th")]
            text = " | ".join(c for c in cells if c)
            if text:
                self.builder.add(BlockType.PARAGRAPH, text)

    def _figure(self, el: lxml.html.HtmlElement) -> None:
        credits: list[str] = []
        taken: list[lxml.html.HtmlElement] = []
        for part in list(el.iter()):
            if part is el or not isinstance(part.tag, str) or any(a in taken for a in part.iterancestors()):
                continue
            marked = _CREDIT_CLASS.search(f"{part.get('class') or ''} {part.get('itemprop') or ''}")
            text = normalise_inline(part.text_content())
            if text and (marked or (part.tag in ("cite", "small") and looks_like_credit(text))):
                credits.append(text)
                taken.append(part)
        for part in taken:
            part.drop_tree()
        caption_el = next(el.iter("figcaption"), None)
        caption = caption_el.text_content() if caption_el is not None else ""
        credit = " ".join(credits)
        if not credit:
            caption, credit = _split_credit(caption)
        caption = normalise_inline(caption)
        images = list(el.iter("img"))
        if not images:
            if caption or credit:
                self.builder.add_image(caption=caption, credit=credit)
            return
        for index, img in enumerate(images):
            if index == 0:
                self._image(img, caption, credit)
            else:
                self._image(img, "", "")

    def _image(self, img: lxml.html.HtmlElement, caption: str, credit: str) -> None:
        if _is_pixel(img):
            return
        self.builder.add_image(alt=normalise_inline(img.get("alt") or ""), caption=caption, credit=credit)


def _split_credit(caption: str) -> tuple[str, str]:
    """Split a trailing credit off a caption: a last line, last sentence or parenthesis shaped like one."""
    text = caption.strip()
    if not text:
        return "", ""
    lines = [normalise_inline(line) for line in text.split("\n") if line.strip()]
    if len(lines) > 1 and looks_like_credit(lines[-1]):
        return " ".join(lines[:-1]), lines[-1]
    flat = normalise_inline(text)
    if flat.endswith(")") and "(" in flat:
        start = flat.rindex("(")
        inner = flat[start + 1 : -1]
        if looks_like_credit(inner):
            return flat[:start].rstrip(), inner
    for mark in (". ", "? ", "! ", "” ", '" '):
        cut = flat.rfind(mark)
        if cut > 0 and looks_like_credit(flat[cut + len(mark) :]):
            return flat[: cut + 1], flat[cut + len(mark) :]
    if looks_like_credit(flat) and len(flat.split()) <= 8:
        return "", flat
    return flat, ""


def _is_pixel(img: lxml.html.HtmlElement) -> bool:
    """Tracking pixels and spacers: declared 2 px or smaller."""
    for attr in ("width", "height"):
        value = (img.get(attr) or "").strip().removesuffix("px")
        if value.isdigit() and int(value) <= 2:
            return True
    return False
