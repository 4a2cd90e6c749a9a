"""Saved news pages through lxml: the story without the page, and nothing executable in the text."""

from __future__ import annotations

import json
import re
import time
from datetime import datetime

import pytest

from editor_app.domain import Article, BlockType
from editor_app.errors import ImportRejected
from editor_app.importers import load_article, parse_bytes
from editor_app.paths import resource_path
from tests.helpers.shared import shared_path


def _parse(html: str, name: str = "page.html") -> Article:
    return parse_bytes(html.encode("utf-8"), name)


def _all_text(article: Article) -> str:
    parts = [article.headline, *article.bylines]
    for block in article.blocks:
        parts.append(block.text)
        if block.image is not None:
            parts += [block.image.alt, block.image.caption, block.image.credit]
    return "\n".join(parts)


def test_observatory_sample_structure() -> None:
    article = load_article(resource_path("samples", "observatory-opening.html"))
    assert article.source_format == "html"
    assert article.headline == "Desert Observatory Opens Its Dome to the Southern Sky"
    assert article.bylines == ["Priya Natarajan"]
    assert article.published == datetime(2023, 11, 4, 9, 30)
    assert article.updated == datetime(2023, 11, 4, 14, 5)
    first, second = (slot for _, slot in article.images)
    assert first.alt == "observatory dome desert dusk telescope chile"
    assert first.caption.startswith("The main dome opens at dusk")
    assert first.credit == "Llano Alto Observatory\\AFP via Getty Images"
    assert second.caption == "Technicians clean the primary mirror before it is lifted into place."
    assert second.credit == "Photo: Rosa Ibarra/Reuters"
    assert [b.text for b in article.blocks if b.type is BlockType.SUBHEADING] == [
        "A Survey of the Southern Sky"
    ]
    [quote] = [b.text for b in article.blocks if b.type is BlockType.QUOTE]
    assert quote.endswith("said the regional governor.")
    body = _all_text(article)
    for problem in (
        "Antofogasta",
        "Thursday, November 2",
        "After about 4 hours",
        "the observatory's director said",
    ):
        assert problem in body


def test_observatory_sample_drops_page_furniture() -> None:
    body = _all_text(load_article(resource_path("samples", "observatory-opening.html")))
    for furniture in (
        "tracking secret pixel",  # script in head
        "dataLayer",
        "font-family",  # style
        "More sections",  # nav, javascript: link
        "Opinion",  # nav
        "Book your stargazing holiday",  # ad slot
        "Sign up for our newsletter",  # newsletter promo
        "you@example.com",  # form
        "Related stories",  # aside
        "best places to watch",
        "Hidden text",  # display:none
        "frames",  # iframe fallback
        "injected footer text",  # script in site footer
        "All rights reserved",  # site footer
        "Science\n",  # kicker
        "trackPageView",
        "window.location",
    ):
        assert furniture not in body, furniture


def test_wikipedia_fixture() -> None:
    path = shared_path("fixtures", "articles", "readability-wikipedia-mozilla-source.html")
    expected = json.loads(
        shared_path("fixtures", "articles", "readability-wikipedia-mozilla-expected-metadata.json").read_text(
            encoding="utf-8"
        )
    )
    article = load_article(path)
    assert article.headline == "Mozilla"
    assert expected["title"].startswith(article.headline + " - ")
    # readability's excerpt is the lead paragraph; ours drops the reference markers "[1]".
    lead = re.sub(r"\[\d+\]", "", expected["excerpt"])
    assert lead in [b.text for b in article.blocks]
    body = _all_text(article)
    for furniture in ("[edit]", "Navigation menu", "Jump to", "mw.config", "Personal tools", "{"):
        assert furniture not in body
    assert len(article.blocks_of(BlockType.SUBHEADING)) >= 10
    assert article.word_count() > 2000


def test_hostile_markup_leaves_no_trace() -> None:
    html = """<html><head><title>T</title><script>var secret = 'SCRIPT-HEAD';</script>
    <style>p { color: red } /* STYLE-TEXT */</style></head>
    <body><article><h1>Safe Headline</h1>
    <p onclick="alert('ONCLICK-CODE')">Visible
    <a href="javascript:alert('JS-LINK')">linked words</a> text.</p>
    <p><a href="javascript:loadMore()">LOAD-MORE</a></p>
    <p>Before<script>document.write('SCRIPT-BODY')</script> after.</p>
    <iframe src="https://evil.example/">IFRAME-FALLBACK</iframe>
    <object data="x.swf">OBJECT-TEXT</object><embed src="y.swf">
    <form><input value="FORM-VALUE"><textarea>TEXTAREA-TEXT</textarea></form>
    <noscript>NOSCRIPT-TEXT</noscript><template>TEMPLATE-TEXT</template>
    <svg><text>SVG-TEXT</text></svg>
    <p><img src="x" onerror="alert('ONERROR')" alt="a picture"></p>
    <!-- COMMENT-TEXT -->
    <?php echo 'PI-TEXT'; ?>
    <p>Last <b>bold</b> words.</p></article></body></html>"""
    article = _parse(html)
    body = _all_text(article)
    assert article.headline == "Safe Headline"
    for bad in (
        "SCRIPT-HEAD", "STYLE-TEXT", "ONCLICK", "JS-LINK", "LOAD-MORE", "SCRIPT-BODY", "IFRAME",
        "OBJECT-TEXT", "FORM-VALUE", "TEXTAREA", "NOSCRIPT", "TEMPLATE", "SVG-TEXT", "ONERROR", "COMMENT",
        "PI-TEXT", "javascript", "alert", "<", ">",
    ):  # fmt: skip
        assert bad not in body, bad
    assert [b.text for b in article.blocks if b.type is BlockType.PARAGRAPH] == [
        "Visible linked words text.",  # a script link in a sentence keeps its words, never its address
        "Before after.",
        "Last bold words.",
    ]
    assert article.images[0][1].alt == "a picture"


def test_ad_containers_by_class_and_id_but_not_lookalikes() -> None:
    html = """<body><main><h1>H</h1>
    <div class="ad-slot">AD-ONE</div><div id="top-ad">AD-TWO</div><div class="advertisement">AD-THREE</div>
    <div class="promo-box">PROMO</div><section class="newsletter-signup">NEWS</section>
    <div class="head-line read-more upload-area"><p>Kept paragraph.</p></div>
    <p class="lead">Lead paragraph.</p></main></body>"""
    article = _parse(html)
    assert [b.text for b in article.blocks] == ["Kept paragraph.", "Lead paragraph."]


def test_byline_dates_and_meta() -> None:
    html = """<html><head><meta name="author" content="Meta Person">
    <meta property="article:published_time" content="2022-03-04T10:00:00Z"></head>
    <body><article><h1>H</h1>
    <div class="byline">By <a rel="author">Jane Roe</a> and <a rel="author">John Doe</a>
    <time class="updated" datetime="2022-03-05T08:00:00+01:00">Updated March 5</time></div>
    <p>Body.</p></article></body></html>"""
    article = _parse(html)
    assert article.bylines == ["Jane Roe", "John Doe"]
    assert article.published == datetime(2022, 3, 4, 10, 0)
    assert article.updated == datetime(2022, 3, 5, 8, 0)
    assert [b.text for b in article.blocks] == ["Body."]


def test_author_meta_and_title_fallbacks() -> None:
    html = """<html><head><title>Only a Title</title><meta name="author" content="Meta Person"></head>
    <body><p>Published October 10, 2021</p><p>Text without headings.</p></body></html>"""
    article = _parse(html)
    assert article.headline == "Only a Title"
    assert article.bylines == ["Meta Person"]
    assert article.published == datetime(2021, 10, 10)
    assert [b.text for b in article.blocks] == ["Text without headings."]


def test_loose_text_br_and_lists() -> None:
    html = """<body><h1>H</h1><div>First loose run<br><br>second run with <em>emphasis</em>
    <ul><li>one</li><li>two</li></ul>tail text</div><table><tr><td>A</td><td>1</td></tr></table></body>"""
    texts = [b.text for b in _parse(html).blocks]
    assert texts == ["First loose run", "second run with emphasis", "one", "two", "tail text", "A | 1"]


def test_figure_credit_shapes() -> None:
    html = """<body><h1>H</h1>
    <figure><img src="a.jpg" alt="one"><figcaption>Caption one.<br>Jane Roe/Reuters</figcaption></figure>
    <figure><img src="b.jpg" alt="two"><figcaption>Caption two (AP Photo/John Doe)</figcaption></figure>
    <figure><img src="c.jpg" alt="three">
      <figcaption>Caption three. <cite>Photo: NASA</cite></figcaption></figure>
    <figure><img src="d.jpg" alt="four"><figcaption>Just a caption.</figcaption></figure>
    <img src="pixel.gif" width="1" height="1" alt="tracker">
    <p>Body.</p></body>"""
    slots = [(s.alt, s.caption, s.credit) for _, s in _parse(html).images]
    assert slots == [
        ("one", "Caption one.", "Jane Roe/Reuters"),
        ("two", "Caption two", "AP Photo/John Doe"),
        ("three", "Caption three.", "Photo: NASA"),
        ("four", "Just a caption.", ""),
    ]


def test_declared_legacy_charset() -> None:
    html = (
        '<html><head><meta charset="windows-1252"></head><body><h1>Caf\xe9 Opens</h1><p>Cr\xe8me.</p></body>'
    )
    article = parse_bytes(html.encode("cp1252"), "legacy.html")
    assert article.headline == "Café Opens"
    assert article.blocks[0].text == "Crème."


def test_nbsp_entities_become_spaces() -> None:
    article = _parse("<body><h1>A&nbsp;B</h1><p>3&nbsp;hours&#160;later</p></body>")
    assert article.headline == "A B"
    assert article.blocks[0].text == "3 hours later"


@pytest.mark.parametrize("depth", [300, 10_000, 100_000])
def test_deeply_nested_html_gives_article_or_rejection(depth: int) -> None:
    html = (
        "<html><body><h1>Deep</h1>" + "<div>" * depth + "<p>bottom</p>" + "</div>" * depth + "</body></html>"
    )
    start = time.perf_counter()
    outcome: Article | ImportRejected
    try:
        outcome = _parse(html, "deep.html")
    except ImportRejected as exc:
        outcome = exc
    assert time.perf_counter() - start < 10
    if isinstance(outcome, ImportRejected):
        assert outcome.source == "deep.html"
    else:
        assert outcome.headline == "Deep"


def test_html_without_text_is_rejected() -> None:
    with pytest.raises(ImportRejected, match="no article text"):
        _parse("<html><head><script>x()</script></head><body><nav>Menu</nav></body></html>")


def test_html_saved_as_txt_is_read_as_html() -> None:
    article = parse_bytes(b"<!DOCTYPE html><html><body><h1>Head</h1><p>Text.</p></body></html>", "page.txt")
    assert article.source_format == "html"
    assert article.headline == "Head"


def test_site_logo_h1_outside_the_article_loses_to_og_title() -> None:
    html = """<html><head><meta property="og:title" content="The Real Story"></head><body>
    <header><h1>Valley Courier</h1></header><article><p>Body text of the story, long enough.</p></article>
    </body></html>"""
    article = _parse(html)
    assert article.headline == "The Real Story"
    assert [b.text for b in article.blocks] == ["Body text of the story, long enough."]
