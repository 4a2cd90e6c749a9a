"""The real scraped seed imports exactly: headline, date, byline, five pictures, ad line, seven paragraphs."""

from __future__ import annotations

from datetime import datetime

from editor_app.domain import BlockType, content_hash
from editor_app.importers import load_article, parse_bytes
from tests.helpers.shared import seed_path

ROSCOSMOS = "Roscosmos Press Service/Handout/Anadolu Agency via Getty Images"
EXPECTED_IMAGES = [
    ("russian movie filming space", ROSCOSMOS),
    ("russian film crew space", "Roscosmos Press Office\\TASS via Getty Images"),
    ("russian movie the challenge", ROSCOSMOS),
    ("the challenge space movie", ROSCOSMOS),
    ("Peresild movie the challenge", ROSCOSMOS),
]


def _source_paragraphs() -> list[str]:
    """The seed's paragraphs as written: its lines longer than 40 characters, after the header."""
    lines = seed_path().read_text(encoding="utf-8").splitlines()
    return [line for line in lines[1:] if len(line) > 40 and "Getty Images" not in line]


def test_seed_header() -> None:
    article = load_article(seed_path())
    assert article.headline == "Russian Crew to Film First Movie in Space"
    assert article.updated == datetime(2021, 10, 10)
    assert article.published is None
    assert article.bylines == ["Sharon Renee"]


def test_seed_source_fields() -> None:
    path = seed_path()
    article = load_article(path)
    assert article.source_name == "russian-crew-space-movie.txt"
    assert article.source_format == "text"
    assert article.source_hash == content_hash(path.read_bytes())


def test_seed_images_pair_label_and_credit_verbatim() -> None:
    article = load_article(seed_path())
    images = [(slot.alt, slot.credit) for _, slot in article.images]
    assert images == EXPECTED_IMAGES
    for _, slot in article.images:
        assert slot.caption == ""
        assert slot.image_path is None
    assert all(b.text == "" for b in article.blocks if b.type is BlockType.IMAGE)


def test_seed_boilerplate_and_paragraphs() -> None:
    article = load_article(seed_path())
    boilerplate = [b.text for b in article.blocks if b.type is BlockType.BOILERPLATE]
    assert boilerplate == ["Advertisement - Continue Reading Below"]
    paragraphs = [b.text for b in article.blocks if b.type is BlockType.PARAGRAPH]
    assert len(paragraphs) == 7
    assert paragraphs == [p for p in _source_paragraphs() if p != "Advertisement - Continue Reading Below"]
    assert paragraphs[-1] == "Stay tuned for further details of the ISS flight."
    assert paragraphs[1].startswith("On Tuesday, October 5, Russian rocket Soyuz")
    assert "Kazahkstan" in paragraphs[1]


def test_seed_block_order() -> None:
    kinds = [b.type.value[0] for b in load_article(seed_path()).blocks]
    # i = image, p = paragraph, b = boilerplate
    assert "".join(kinds) == "ipippipipbipp"


def test_seed_from_bytes_equals_from_file() -> None:
    path = seed_path()
    assert parse_bytes(path.read_bytes(), path.name) == load_article(path)
