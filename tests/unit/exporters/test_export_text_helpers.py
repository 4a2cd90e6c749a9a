"""Keyword alt strings and text cleaning, the rules every format shares."""

from __future__ import annotations

import pytest

from editor_app.domain import Article, BlockType
from editor_app.exporters.base import credit_line
from editor_app.exporters.sanitize import clean_inline, clean_text, safe_relative_url, safe_url
from editor_app.text.keywords import is_keyword_string


def test_the_seed_alt_texts_are_all_keyword_strings(seed: Article) -> None:
    alts = [slot.alt for _, slot in seed.images]
    assert len(alts) == 5
    assert [alt for alt in alts if not is_keyword_string(alt)] == []


@pytest.mark.parametrize(
    "text",
    [
        "Yulia Peresild waves before the launch of the Soyuz rocket.",
        "Two crew members wave from the gantry",
        "The Soyuz MS-19 crew",
        "Actress Yulia Peresild",
        "A rocket launches from Baikonur",
        "Klim Shipenko, director",
        "",
        "   ",
    ],
)
def test_descriptions_are_not_keyword_strings(text: str) -> None:
    assert not is_keyword_string(text)


@pytest.mark.parametrize(
    "text",
    ["russian movie filming space", "the challenge space movie", "Peresild movie the challenge", "iss crew"],
)
def test_keyword_strings(text: str) -> None:
    assert is_keyword_string(text)


def test_clean_text_leaves_plain_text_alone(seed: Article) -> None:
    for block in seed.blocks:
        if block.type is not BlockType.IMAGE:
            assert clean_text(block.text) == block.text
    assert clean_text("x < y and AT&T, 3<4") == "x < y and AT&T, 3<4"
    assert clean_text("Roscosmos Press Office\\TASS") == "Roscosmos Press Office\\TASS"


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("Hi <script>alert(1)</script>there", "Hi there"),
        ("<img src=x onerror=alert(1)>caption", "caption"),
        ("a<!-- note -->b", "ab"),
        ("<iframe src=javascript:alert(1)></iframe>tail", "tail"),
        ("<style>p{}</style><b>bold</b> &amp; more", "bold & more"),
        ('<a href="javascript:alert(1)">click</a>', "click"),
        ("&lt;b&gt;shown as text&lt;/b&gt;", "&lt;b&gt;shown as text&lt;/b&gt;"),
        ("<p>&lt;script&gt;alert(1)&lt;/script&gt;x</p>", "x"),
        ("nul\x00 and\x0bvt", "nul andvt"),
        ("line\none  two", "line one two"),
    ],
)
def test_clean_inline_removes_markup_and_hidden_content(dirty: str, clean: str) -> None:
    assert clean_inline(dirty) == clean


def test_urls_are_web_only_and_files_stay_in_the_folder() -> None:
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in (
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "data:text/html,x",
        "//example.org",
        "/a",
        "",
        None,
    ):
        assert safe_url(bad) is None
    assert safe_relative_url("images/01 roscosmos.jpg") == "images/01%20roscosmos.jpg"
    assert safe_relative_url("javascript:alert(1).jpg") == "javascript%3Aalert%281%29.jpg"
    for bad in ("../secret.jpg", "/etc/passwd", "images/../../x.jpg", "", None):
        assert safe_relative_url(bad) is None


@pytest.mark.parametrize(
    ("credit", "line"),
    [
        (
            "Roscosmos Press Office\\TASS via Getty Images",
            "Photo: Roscosmos Press Office\\TASS via Getty Images",
        ),
        ("AP Photo/Evan Vucci", "AP Photo/Evan Vucci"),
        ("Photo: NASA", "Photo: NASA"),
        ("Courtesy of Roscosmos", "Courtesy of Roscosmos"),
        ("Credit: Getty Images", "Credit: Getty Images"),
        ("", ""),
    ],
)
def test_credit_lines_get_one_label(credit: str, line: str) -> None:
    assert credit_line(credit) == line
