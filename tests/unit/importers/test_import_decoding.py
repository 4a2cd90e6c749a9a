"""Encodings, byte-order marks, line endings, odd spaces and undecodable bytes."""

from __future__ import annotations

import codecs
import os
import random

import pytest

from editor_app.domain import BlockType
from editor_app.errors import ImportRejected
from editor_app.importers import parse_bytes
from editor_app.importers.decoding import DecodeError, decode_text, html_declared_charset

ARTICLE = (
    "Crew Lands Safely After Six Months in Orbit\n\n"
    "By Jane Roe\n\n"
    "The capsule touched down on the steppe near Zhezkazgan at dawn, ending a stay of 187 days.\n\n"
    "Recovery teams reached it within minutes and helped the three crew members out.\n"
)


def _paragraphs(data: bytes, name: str = "story.txt") -> list[str]:
    article = parse_bytes(data, name)
    return [b.text for b in article.blocks if b.type is BlockType.PARAGRAPH]


def test_plain_utf8_reference() -> None:
    article = parse_bytes(ARTICLE.encode("utf-8"), "story.txt")
    assert article.headline == "Crew Lands Safely After Six Months in Orbit"
    assert article.bylines == ["Jane Roe"]
    assert len(_paragraphs(ARTICLE.encode("utf-8"))) == 2


@pytest.mark.parametrize(
    ("label", "encode"),
    [
        ("utf-8 with BOM", lambda s: codecs.BOM_UTF8 + s.encode("utf-8")),
        ("utf-16 LE with BOM", lambda s: s.encode("utf-16")),  # Python writes LE with a BOM
        ("utf-16 BE with BOM", lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be")),
        ("utf-32 with BOM", lambda s: s.encode("utf-32")),
    ],
)
def test_encodings_with_bom_give_the_same_article(label: str, encode: object) -> None:
    assert callable(encode)
    reference = parse_bytes(ARTICLE.encode("utf-8"), "story.txt")
    data = encode(ARTICLE)
    other = parse_bytes(data, "story.txt")
    assert other.headline == reference.headline, label
    assert other.blocks == reference.blocks, label
    assert other.bylines == reference.bylines, label
    assert not other.headline.startswith("\ufeff")


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_line_endings(newline: str) -> None:
    data = ARTICLE.replace("\n", newline).encode("utf-8")
    reference = parse_bytes(ARTICLE.encode("utf-8"), "story.txt")
    article = parse_bytes(data, "story.txt")
    assert article.blocks == reference.blocks
    assert all("\r" not in b.text for b in article.blocks)


def test_nbsp_and_other_fixed_spaces_become_plain_spaces() -> None:
    text = ARTICLE.replace("187 days", "187\u00a0days").replace("three crew", "three\u202fcrew")
    paragraphs = _paragraphs(text.encode("utf-8"))
    assert "187 days" in paragraphs[0]
    assert "three crew" in paragraphs[1]
    assert not any("\u00a0" in p or "\u202f" in p for p in paragraphs)


def test_zero_width_and_soft_hyphen_removed() -> None:
    text = ARTICLE.replace("capsule", "cap\u00adsule").replace("Recovery", "Re\u200bcovery")
    paragraphs = _paragraphs(text.encode("utf-8"))
    assert paragraphs[0].startswith("The capsule")
    assert paragraphs[1].startswith("Recovery")


def test_invalid_utf8_rejected_with_offset() -> None:
    data = ARTICLE.encode("utf-8").replace(b"steppe", b"st\xe9ppe")
    with pytest.raises(ImportRejected) as info:
        parse_bytes(data, "latin.txt")
    offset = data.index(b"\xe9")
    assert info.value.source == "latin.txt"
    assert "not valid UTF-8" in info.value.reason
    assert f"offset {offset}" in info.value.reason
    assert str(info.value).startswith("latin.txt: ")


def test_nul_bytes_rejected() -> None:
    data = ARTICLE.encode("utf-8").replace(b"dawn", b"da\x00wn")
    with pytest.raises(ImportRejected, match="NUL"):
        parse_bytes(data, "nul.txt")


def test_utf16_without_bom_is_rejected_with_a_hint() -> None:
    with pytest.raises(ImportRejected, match="byte-order mark"):
        parse_bytes(ARTICLE.encode("utf-16-le"), "wide.txt")


def test_random_bytes_rejected() -> None:
    data = random.Random(7).randbytes(5000)
    with pytest.raises(ImportRejected):
        parse_bytes(data, "noise.txt")
    with pytest.raises(ImportRejected):
        parse_bytes(os.urandom(3000), "noise")


def test_many_control_characters_mean_binary() -> None:
    data = ("\x01\x02\x03\x04 text " * 200).encode("ascii")
    with pytest.raises(ImportRejected, match="binary"):
        parse_bytes(data, "controls.txt")


def test_a_few_stray_control_characters_are_dropped() -> None:
    text = ARTICLE.replace("dawn", "da\x07wn")
    paragraphs = _paragraphs(text.encode("utf-8"))
    assert "at dawn" in paragraphs[0]


@pytest.mark.parametrize("data", [b"", b"   \n\n\t  \r\n"], ids=["empty", "whitespace"])
def test_empty_files_rejected(data: bytes) -> None:
    with pytest.raises(ImportRejected) as info:
        parse_bytes(data, "blank.txt")
    assert "empty" in info.value.reason or "no article text" in info.value.reason


def test_decode_text_reports_encoding() -> None:
    assert decode_text("é".encode("utf-16")).encoding.startswith("utf-16")
    assert decode_text("é".encode()).encoding == "utf-8"
    with pytest.raises(DecodeError):
        decode_text(b"\xff\xfe\xff")  # BOM-less garbage that is not UTF-8 either


def test_html_declared_charset() -> None:
    assert html_declared_charset(b'<meta charset="ISO-8859-1">') == "iso8859-1"
    assert (
        html_declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">')
        == "cp1252"
    )
    assert html_declared_charset(b'<meta charset="no-such-codec">') is None
    assert html_declared_charset(b'<meta charset="utf-16">') == "utf-8"
    assert html_declared_charset(b"<p>no declaration</p>") is None
