"""Choosing the importer, and refusing what is too big, unknown, missing or not a file."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from editor_app.errors import ImportRejected
from editor_app.importers import (
    MAX_DOCX_BYTES,
    MAX_MARKDOWN_BYTES,
    MAX_TEXT_BYTES,
    SUPPORTED_EXTENSIONS,
    load_article,
    parse_bytes,
)
from editor_app.importers.registry import choose_format

STORY = b"Headline\n\nBy Jane Roe\n\nA paragraph of text.\n"


def test_supported_extensions() -> None:
    for ext in (".txt", ".md", ".markdown", ".html", ".htm", ".docx"):
        assert ext in SUPPORTED_EXTENSIONS
    assert all(ext.startswith(".") and ext == ext.lower() for ext in SUPPORTED_EXTENSIONS)


def test_limits_are_documented_sizes() -> None:
    assert MAX_TEXT_BYTES == 20 * 1024 * 1024
    assert MAX_DOCX_BYTES > MAX_TEXT_BYTES > MAX_MARKDOWN_BYTES


@pytest.mark.parametrize(
    ("head", "name", "fmt"),
    [
        (STORY, "a.txt", "text"),
        (STORY, "a.TXT", "text"),
        (b"# Title\n\nText", "a.md", "markdown"),
        (b"<p>x</p>", "a.htm", "html"),
        (b"<!DOCTYPE html><html><body>x</body></html>", "saved.txt", "html"),
        (b"PK\x03\x04rest", "a.docx", "docx"),
        (b"PK\x03\x04rest", "renamed.txt", "docx"),
        (b"<!doctype html><title>x</title>", "noext", "html"),
        (b"# Heading\n\nText", "noext", "markdown"),
        (STORY, "noext", "text"),
        (b"\xef\xbb\xbf<html><body>", "bom", "html"),
    ],
)
def test_choose_format(head: bytes, name: str, fmt: str) -> None:
    assert choose_format(head, name).name == fmt


@pytest.mark.parametrize(
    ("head", "name", "reason"),
    [
        (b"%PDF-1.7\n", "story.pdf", "PDF"),
        (b"%PDF-1.7\n", "story.txt", "PDF"),
        (b"\x89PNG\r\n\x1a\n", "photo.txt", "PNG"),
        (b"\xff\xd8\xff\xe0", "photo.jpg", "JPEG"),
        (b"{\\rtf1\\ansi", "story.rtf", "RTF"),
        (STORY, "story.odt", "unsupported file type '.odt'"),
        (b"plain text", "story.docx", "zip"),
    ],
)
def test_refused_formats(head: bytes, name: str, reason: str) -> None:
    with pytest.raises(ImportRejected) as info:
        parse_bytes(head + b"\0" * 16, name)
    assert reason in str(info.value)
    assert info.value.source == name


def test_over_size_bytes_rejected() -> None:
    data = STORY + b"x" * MAX_TEXT_BYTES
    with pytest.raises(ImportRejected, match="too large"):
        parse_bytes(data, "huge.txt")


def test_ten_megabyte_line_is_rejected_quickly() -> None:
    data = b"Headline\n\n" + b"word " * (2 * 1024 * 1024) + b"\n"
    assert len(data) > 10 * 1024 * 1024
    with pytest.raises(ImportRejected, match="characters long"):
        parse_bytes(data, "oneline.txt")
    with pytest.raises(ImportRejected, match="markdown limit"):
        parse_bytes(data, "oneline.md")


def test_sparse_200_mb_file_rejected_by_size_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "sparse.txt"
    with open(path, "wb") as stream:
        stream.truncate(200 * 1024 * 1024)
    tracemalloc.start()
    try:
        with pytest.raises(ImportRejected) as info:
            load_article(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "too large" in info.value.reason
    assert "200.0 MB" in info.value.reason
    assert info.value.source == "sparse.txt"
    assert peak < 1024 * 1024  # nothing like the file was read into memory


def test_file_between_text_and_docx_limits(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with open(path, "wb") as stream:
        stream.write(STORY)
        stream.truncate(MAX_TEXT_BYTES + 1)
    with pytest.raises(ImportRejected, match="text limit"):
        load_article(path)


def test_missing_file_folder_and_empty_file(tmp_path: Path) -> None:
    with pytest.raises(ImportRejected, match="not found"):
        load_article(tmp_path / "nope.txt")
    with pytest.raises(ImportRejected, match="folder"):
        load_article(tmp_path)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(ImportRejected, match="empty") as info:
        load_article(empty)
    assert str(info.value) == "empty.txt: the file is empty"


def test_load_article_sets_source_fields(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(STORY)
    article = load_article(path)
    assert (article.source_name, article.source_format) == ("story.txt", "text")
    assert article.source_hash is not None
    assert len(article.source_hash) == 64
    assert article == parse_bytes(STORY, "story.txt")


def test_long_markdown_line_under_the_size_limit_is_rejected() -> None:
    data = b"# Head\n\n" + b"word " * (MAX_MARKDOWN_BYTES // 6) + b"\n"
    assert len(data) <= MAX_MARKDOWN_BYTES
    with pytest.raises(ImportRejected, match="characters long"):
        parse_bytes(data, "oneline.md")
