"""Property tests: whatever the bytes, importing gives an Article or ImportRejected, never a crash."""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor_app.domain import Article, BlockType
from editor_app.errors import ImportRejected
from editor_app.importers import parse_bytes

NAMES = st.sampled_from(["a.txt", "a.md", "a.html", "a.docx", "noext", "a.xyz"])
FAST = settings(
    max_examples=120,
    deadline=timedelta(seconds=2),
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# Lines of the kinds scrapes are made of, so generated articles reach every branch of the parsers.
FRAGMENTS = st.sampled_from(
    [
        "Russian Crew to Film First Movie in Space",
        "| LAST UPDATE 10/10/2021",
        "Published 3/4/2022 | Updated: March 5, 2022",
        "By Sharon Renee",
        "By A and B, Staff Writer",
        "russian movie filming space",
        "Roscosmos Press Service/Handout/Anadolu Agency via Getty Images",
        "Roscosmos Press Office\\TASS via Getty Images",
        "Photo: NASA",
        "AP Photo/Jane Roe",
        "Advertisement - Continue Reading Below",
        "Read more:",
        "The Road Ahead",
        '"We are ready," the commander said.',
        "A sentence that ends.",
        "a wrapped line that goes on and on without ending and keeps going-",
        "# Heading",
        "## Sub",
        "> quoted",
        '![alt](src.jpg "title")',
        "*italic caption*",
        "<p>para</p>",
        "<figure><img alt=x><figcaption>c <span class=credit>AP</span></figcaption></figure>",
        "<script>bad()</script>",
        "---",
        "",
        " ",
    ]
)
ARTICLE_TEXT = st.lists(st.one_of(FRAGMENTS, st.text(max_size=40)), max_size=30).map("\n".join)

TAGS = st.sampled_from(
    ["p", "div", "article", "main", "figure", "figcaption", "h1", "h2", "blockquote", "ul", "li", "table",
     "tr", "td", "span", "a", "img", "br", "script", "time", "header", "footer", "nav", "embed", "source"]
)  # fmt: skip
ATTRS = st.sampled_from(
    ["", ' class="byline"', ' class="credit"', ' class="ad-slot"', ' rel="author"', ' datetime="2021-10-10"',
     ' alt="pic"', ' class="caption"', ' hidden', ' style="display:none"', ' href="javascript:x()"']
)  # fmt: skip


@st.composite
def html_documents(draw: st.DrawFn) -> str:
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 40))):
        tag, attrs = draw(TAGS), draw(ATTRS)
        choice = draw(st.integers(0, 3))
        if choice == 0:
            parts.append(f"<{tag}{attrs}>")
        elif choice == 1:
            parts.append(f"</{tag}>")
        else:
            parts.append(draw(st.one_of(FRAGMENTS, st.text(max_size=20))))
    return "".join(parts)


def _import(data: bytes, name: str) -> Article | None:
    """The property: an Article or ImportRejected naming the file; anything else propagates and fails."""
    outcome: Article | ImportRejected
    try:
        outcome = parse_bytes(data, name)
    except ImportRejected as exc:
        outcome = exc
    if isinstance(outcome, ImportRejected):
        assert outcome.source == name
        assert outcome.reason
        return None
    article = outcome
    assert article.source_name == name
    for block in article.blocks:
        assert (block.type is BlockType.IMAGE) == (block.image is not None)
        assert "\r" not in block.text
        assert "\u00a0" not in block.text
    return article


@FAST
@given(st.binary(max_size=3000), NAMES)
def test_any_bytes(data: bytes, name: str) -> None:
    _import(data, name)


@FAST
@given(st.text(max_size=2000), NAMES)
def test_any_text(text: str, name: str) -> None:
    _import(text.encode("utf-8"), name)


@FAST
@given(ARTICLE_TEXT, st.sampled_from(["a.txt", "a.md", "noext"]))
def test_article_shaped_text(text: str, name: str) -> None:
    _import(text.encode("utf-8"), name)


@FAST
@given(ARTICLE_TEXT, st.sampled_from(["\r\n", "\r", "\n"]), st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_article_shaped_text_any_encoding_and_newline(text: str, newline: str, encoding: str) -> None:
    reference = _import(text.encode("utf-8"), "a.txt")
    other = _import(text.replace("\n", newline).encode(encoding), "a.txt")
    if "\r" not in text and "\x85" not in text and "\u2028" not in text and "\u2029" not in text:
        assert (reference is None) == (other is None)
        if reference is not None and other is not None:
            assert other.blocks == reference.blocks


@FAST
@given(html_documents())
def test_html_soup(html: str) -> None:
    article = _import(html.encode("utf-8"), "a.html")
    if article is not None:
        text = " ".join(b.text for b in article.blocks)
        assert "bad()" not in text
        assert "javascript" not in text


def _valid_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("Title Here", style="Title")
    document.add_paragraph("Body text.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


VALID_DOCX = _valid_docx()


@settings(max_examples=150, deadline=timedelta(seconds=3), database=None)
@given(st.lists(st.tuples(st.integers(0, len(VALID_DOCX) - 1), st.integers(0, 255)), min_size=1, max_size=8))
def test_corrupted_docx(flips: list[tuple[int, int]]) -> None:
    data = bytearray(VALID_DOCX)
    for position, value in flips:
        data[position] = value
    _import(bytes(data), "a.docx")


@settings(max_examples=60, deadline=timedelta(seconds=3), database=None)
@given(
    st.text(max_size=300), st.sampled_from(["word/document.xml", "word/styles.xml", "[Content_Types].xml"])
)
def test_docx_with_arbitrary_part_text(text: str, part: str) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(VALID_DOCX)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            target.writestr(
                entry.filename, text.encode("utf-8") if entry.filename == part else source.read(entry)
            )
    _import(out.getvalue(), "a.docx")


def test_docx_from_a_newer_zip_version_is_refused_with_a_message() -> None:
    """Found by test_corrupted_docx: a central directory claiming zip version 6.4 ("not implemented")."""
    data = bytearray(VALID_DOCX)
    central = data.find(b"PK\x01\x02")
    assert central > 0
    data[central + 6] = 64  # "version needed to extract" of the first part: 6.4
    with pytest.raises(ImportRejected, match=r"^newer\.docx: .*zip"):
        parse_bytes(bytes(data), "newer.docx")
