"""The start-up preview read on the other core: the same article as reading it here, or nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from editor_app.paths import resource_path
from editor_app.services.preview import preview_file, start_preview
from tests.helpers.shared import seed_path

SAMPLES = ["space-tourism-scrape.txt", "observatory-opening.html", "launch-delay.md", "harvest-festival.docx"]


@pytest.mark.parametrize("name", SAMPLES)
def test_the_forked_read_gives_the_article_read_here(name: str) -> None:
    path = resource_path("samples", name)
    here = preview_file(path)
    assert here is not None
    received = start_preview(path)
    article = received()
    assert article == here
    assert received() is article  # asked again: the same answer, no second read


def test_the_seed_comes_through_with_its_pictures() -> None:
    article = start_preview(seed_path())()
    assert article is not None
    assert article == preview_file(seed_path())
    assert any("Kazahkstan" in b.text for b in article.blocks)
    assert article.images


def test_a_file_that_cannot_be_read_gives_no_preview(tmp_path: Path) -> None:
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    assert start_preview(bad)() is None
    assert start_preview(tmp_path / "missing.txt")() is None


def test_a_reader_that_dies_gives_no_preview(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Headline\n\nA paragraph.\n", encoding="utf-8")

    def crash(_path: Path) -> None:
        os._exit(3)  # the child dies before it sends anything

    monkeypatch.setattr("editor_app.services.preview.preview_file", crash)
    assert start_preview(path)() is None


def test_without_fork_the_file_is_read_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Headline\n\nA paragraph about Kazakhstan.\n", encoding="utf-8")
    monkeypatch.delattr(os, "fork")
    article = start_preview(path)()
    assert article is not None
    assert article.headline == "Headline"
