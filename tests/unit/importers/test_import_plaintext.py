"""Plain-text scrapes: structure read from shape, on the shipped samples and on small made-up scrapes."""

from __future__ import annotations

from datetime import datetime

from editor_app.domain import Article, BlockType
from editor_app.importers import load_article, parse_bytes
from editor_app.paths import resource_path
from editor_app.text.credits import looks_like_credit


def _parse(text: str, name: str = "scrape.txt") -> Article:
    return parse_bytes(text.encode("utf-8"), name)


def _kinds(article: Article) -> str:
    return "".join(b.type.value[0] for b in article.blocks)


def test_space_tourism_sample() -> None:
    path = resource_path("samples", "space-tourism-scrape.txt")
    article = load_article(path)
    assert article.source_format == "text"
    assert article.headline.startswith("Four Paying Passengers")
    assert article.bylines == ["Marisol Vega", "Tom Hadley"]
    assert article.updated == datetime(2023, 3, 14)
    slots = [slot for _, slot in article.images]
    assert len(slots) == 3
    assert [s.credit for s in slots] == [
        "Aurora Orbital Press Office/Handout/AFP via Getty Images",
        "Aurora Orbital Press Office\\Reuters",
        "Courtesy of Aurora Orbital",
    ]
    assert all(s.alt and not s.caption for s in slots)
    assert [b.text for b in article.blocks if b.type is BlockType.SUBHEADING] == ["Who Was on Board"]
    boilerplate = [b.text for b in article.blocks if b.type is BlockType.BOILERPLATE]
    assert boilerplate == [
        "Advertisement - Continue Reading Below",
        "Story continues below advertisement",
        "Sign up for our newsletter",
    ]
    body = " ".join(b.text for b in article.blocks if b.type is BlockType.PARAGRAPH)
    for problem in (
        "Phillipines",
        "Albequerque",
        "After about 3 hours",
        "On Friday, March 10",
        "the flight director explained",
    ):
        assert problem in body
    assert 400 <= article.word_count() <= 600


def test_clean_report_sample() -> None:
    article = load_article(resource_path("samples", "clean-report.txt"))
    assert article.headline == "City Library Reopens After Three-Month Renovation"
    assert article.published == datetime(2024, 4, 18)
    assert article.bylines == ["Dana Whitfield"]
    [(_, slot)] = article.images
    assert slot.caption.endswith("reopening day.")
    assert slot.credit == "AP Photo/Dana Whitfield"
    assert not article.blocks_of(BlockType.BOILERPLATE)
    assert _kinds(article) == "pppipppp"


def test_hard_wrapped_paragraphs_are_joined() -> None:
    text = (
        "Engineers Fix Leak\n\n"
        "Engineers on the station found the source of a slow air leak on\n"
        "Thursday after a week-long search, the agency said. The crew used a\n"
        "well-\n"
        "known trick with tea leaves to find it.\n\n"
        "The leak was in a small transfer tunnel that is usually kept closed\n"
        "and poses no danger to the crew.\n"
    )
    paragraphs = [b.text for b in _parse(text).blocks]
    assert paragraphs == [
        "Engineers on the station found the source of a slow air leak on Thursday after a week-long "
        "search, the agency said. The crew used a well-known trick with tea leaves to find it.",
        "The leak was in a small transfer tunnel that is usually kept closed and poses no danger to the "
        "crew.",
    ]


def test_paragraphs_separated_by_single_newlines() -> None:
    first = (
        "The first paragraph is a long unwrapped line of text as browsers copy it, well over a hundred "
        "characters."
    )
    second = (
        "The second paragraph follows on the very next line, again long enough that it cannot be "
        "hard-wrapped."
    )
    article = _parse(f"Headline Here\n{first}\n{second}\n")
    assert [b.text for b in article.blocks] == [first, second]


def test_short_wrapped_lines_ending_sentences_split_paragraphs() -> None:
    text = (
        "Headline\n\nOne short line that ends here.\n"
        "A second paragraph on its own line that runs on,\nand wraps.\n"
    )
    assert [b.text for b in _parse(text).blocks] == [
        "One short line that ends here.",
        "A second paragraph on its own line that runs on, and wraps.",
    ]


def test_subheading_only_between_paragraphs() -> None:
    text = (
        "Headline\n\nA Kicker Line\n\nFirst paragraph of the story, which is ordinary prose.\n\n"
        "The Road Ahead\n\nSecond paragraph with more ordinary prose.\n\nThe End Line\n"
    )
    article = _parse(text)
    kinds = [(b.type, b.text) for b in article.blocks]
    assert kinds == [
        (BlockType.PARAGRAPH, "A Kicker Line"),
        (BlockType.PARAGRAPH, "First paragraph of the story, which is ordinary prose."),
        (BlockType.SUBHEADING, "The Road Ahead"),
        (BlockType.PARAGRAPH, "Second paragraph with more ordinary prose."),
        (BlockType.PARAGRAPH, "The End Line"),
    ]


def test_quoted_paragraph_stays_a_paragraph() -> None:
    quote = '"We are ready to fly, and we will fly," the commander said.'
    article = _parse(f"Headline\n\nFirst paragraph.\n\n{quote}\n")
    assert article.blocks[-1].type is BlockType.PARAGRAPH
    assert article.blocks[-1].text == quote


def test_picture_label_forms() -> None:
    text = (
        "Headline\n\nOpening paragraph of the story.\n\n"
        "launch pad night rocket\nThe rocket waits on the pad before dawn.\nJane Roe/Reuters\n\n"
        "The crew walks out to the van.\nAP Photo/John Doe\n\n"
        "Photo: NASA\n\n"
        "Closing paragraph.\n"
    )
    slots = [(s.alt, s.caption, s.credit) for _, s in _parse(text).images]
    assert slots == [
        ("launch pad night rocket", "The rocket waits on the pad before dawn.", "Jane Roe/Reuters"),
        ("", "The crew walks out to the van.", "AP Photo/John Doe"),
        ("", "", "Photo: NASA"),
    ]


def test_wrapped_paragraph_line_is_not_taken_as_a_picture_label() -> None:
    text = (
        "Headline\n\nThe agency released a photograph of the crew taken by a colleague\n"
        "on the station\nJane Roe/Reuters\n"
    )
    article = _parse(text)
    assert article.blocks[0].text.endswith("on the station")
    assert article.images[0][1].alt == ""


def test_dates_and_bylines_in_many_shapes() -> None:
    text = (
        "Headline\nPublished 3/4/2022 | Updated: March 5, 2022\n"
        "By Ann Lee, Bo Chan and Cy Dee\n\nBody text.\n"
    )
    article = _parse(text)
    assert article.published == datetime(2022, 3, 4)
    assert article.updated == datetime(2022, 3, 5)
    assert article.bylines == ["Ann Lee", "Bo Chan", "Cy Dee"]
    assert [b.text for b in article.blocks] == ["Body text."]


def test_byline_after_the_body_started_is_body_text() -> None:
    article = _parse("Headline\n\nFirst paragraph.\n\nBy Jane Roe\n")
    assert article.bylines == []
    assert article.blocks[-1].text == "By Jane Roe"


def test_headline_skips_leading_furniture() -> None:
    article = _parse("Advertisement\nOctober 10, 2021\nReal Headline\n\nBody.\n")
    assert article.headline == "Real Headline"
    assert article.published == datetime(2021, 10, 10)
    assert article.blocks[0].type is BlockType.BOILERPLATE


def test_overlong_first_line_is_not_a_headline() -> None:
    first = "word " * 80
    article = _parse(first + "\n")
    assert article.headline == ""
    assert article.blocks[0].text == first.strip()


def test_every_credit_line_in_samples_is_recognised() -> None:
    # guards against the samples drifting from what credits.looks_like_credit accepts
    for name in ("space-tourism-scrape.txt", "clean-report.txt"):
        article = load_article(resource_path("samples", name))
        for _, slot in article.images:
            assert looks_like_credit(slot.credit)
