"""Markdown articles via markdown-it-py: headline, subheadings, quotes, pictures with captions and credits."""

from __future__ import annotations

from datetime import datetime

from editor_app.domain import Article, BlockType
from editor_app.importers import load_article, parse_bytes
from editor_app.paths import resource_path


def _parse(text: str, name: str = "story.md") -> Article:
    return parse_bytes(text.encode("utf-8"), name)


def test_launch_delay_sample() -> None:
    article = load_article(resource_path("samples", "launch-delay.md"))
    assert article.source_format == "markdown"
    assert article.headline == "Weather Satellite Launch Slips Again After Fuel Valve Fault"
    assert article.bylines == ["Anya Korsakova"]
    assert article.published == datetime(2022, 6, 8)
    first, second = (slot for _, slot in article.images)
    assert first.alt == "rocket on launch pad baikonur weather satellite"
    assert (
        first.caption == "The rocket stands on its pad at Baikonur the evening before the scrubbed attempt."
    )
    assert first.credit == "Roscosmos Press Service\\TASS via Getty Images"
    assert second.credit == "Photo: Dmitri Ostrov/Reuters"
    assert second.caption.startswith("Engineers check")
    assert [b.text for b in article.blocks if b.type is BlockType.SUBHEADING] == [
        "What Went Wrong",
        "A Busy Summer for Forecasters",
    ]
    [quote] = [b.text for b in article.blocks if b.type is BlockType.QUOTE]
    assert quote.endswith("the launch director said at a short briefing.")
    boilerplate = [b.text for b in article.blocks if b.type is BlockType.BOILERPLATE]
    assert boilerplate == ["Advertisement", "Read more: How weather satellites see through clouds"]
    body = " ".join(b.text for b in article.blocks)
    for problem in ("Kazahkstan", "Monday, June 7", "after about 2 hours"):
        assert problem in body
    for markup in ("*", "](", "#"):
        assert markup not in body


def test_image_title_is_the_caption_fallback() -> None:
    article = _parse('# Head\n\nText.\n\n![pad](pad.jpg "Pad at dawn")\n\nJane Roe/Reuters\n\nMore text.\n')
    [(_, slot)] = article.images
    assert (slot.alt, slot.caption, slot.credit) == ("pad", "Pad at dawn", "Jane Roe/Reuters")


def test_italic_line_after_a_paragraph_is_not_a_caption() -> None:
    article = _parse("# Head\n\nText.\n\n*An aside in italics.*\n")
    assert [b.text for b in article.blocks] == ["Text.", "An aside in italics."]
    assert not article.images


def test_headline_fallbacks() -> None:
    assert _parse("## Only a Second-Level Heading\n\nBody.\n").headline == "Only a Second-Level Heading"
    assert _parse("Short first line\n\nBody paragraph.\n").headline == "Short first line"
    article = _parse("# One\n\n# Two\n\nBody.\n")
    assert article.headline == "One"
    assert article.blocks[0].type is BlockType.SUBHEADING


def test_front_matter() -> None:
    text = (
        "---\ntitle: Front Matter Title\nauthor: Jane Roe and John Doe\ndate: 2022-03-04\n"
        "updated: March 5, 2022\n---\n\n# Front Matter Title\n\nBody.\n"
    )
    article = _parse(text)
    assert article.headline == "Front Matter Title"
    assert article.bylines == ["Jane Roe", "John Doe"]
    assert article.published == datetime(2022, 3, 4)
    assert article.updated == datetime(2022, 3, 5)
    assert [b.text for b in article.blocks] == ["Body."]


def test_lists_tables_and_links_become_plain_text() -> None:
    text = (
        "# Head\n\nSee [the report](https://example.com/report) for details.\n\n"
        "- first point\n- second point\n\n| Mission | Days |\n|---|---|\n| Alpha | 12 |\n"
    )
    texts = [b.text for b in _parse(text).blocks]
    assert texts == [
        "See the report for details.",
        "first point",
        "second point",
        "Mission | Days",
        "Alpha | 12",
    ]


def test_raw_html_is_dropped() -> None:
    text = (
        "# Head\n\n<script>alert('boom')</script>\n\n<div class=\"ad\">Buy now</div>\n\n"
        'Safe <span onclick="steal()">words</span> and <script>inline()</script>more.\n'
    )
    article = _parse(text)
    body = " ".join(b.text for b in article.blocks)
    assert "Safe words and more." in body
    for bad in ("alert", "boom", "onclick", "steal", "inline()", "Buy now", "<"):
        assert bad not in body


def test_hard_wrapped_markdown_paragraph_is_one_paragraph() -> None:
    article = _parse("# Head\n\nOne sentence that\nwraps over lines.\n")
    assert [b.text for b in article.blocks] == ["One sentence that wraps over lines."]


def test_deep_blockquote_nesting_is_harmless() -> None:
    article = _parse("# Head\n\n" + ">" * 5000 + " deep\n")
    assert article.headline == "Head"
