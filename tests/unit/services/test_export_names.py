"""Export file names made from headlines, and exports that never write outside the chosen folder.

Headlines are text anyone can type or scrape: "../../etc/passwd", "CON",
"a/b\\c", ten thousand characters, emoji. The file names made from them must
be safe on every platform (no path separators, no "..", no Windows reserved
device names, bounded length), and every file an export writes must land
inside the folder the user chose, whatever the headline and even when the
folder holds links pointing elsewhere.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from editor_app.domain import Article, Block, BlockType
from editor_app.errors import InvalidRequest
from editor_app.exporters import FORMATS, extension
from editor_app.services import Desk
from editor_app.text.filenames import MAX_STEM, safe_stem
from tests.helpers import badfiles
from tests.helpers.desks import make_desk

# Windows device names, with the superscript digits Windows also reserves; checked case-blind on the
# part of a name before its first dot.
WINDOWS_RESERVED = {
    "con", "prn", "aux", "nul", "conin$", "conout$",
    *(f"{d}{n}" for d in ("com", "lpt") for n in (*"0123456789", "¹", "²", "³")),
}  # fmt: skip
SAFE_STEM = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

HOSTILE_HEADLINES = [
    "../../etc/passwd", "..", ".", "...", "/", "\\", "a/b\\c", "C:\\Windows\\system32\\x", "//server/share/x",
    "~/.ssh/authorized_keys", "CON", "con", "nul.txt", "NUL", "Com1", "LPT9", "COM¹", "lpt²", "AUX.tar.gz",
    "CONIN$", "con .txt", "PRN.", " aux ", "-rf", "--help", "", "   ", "!!!", "???", "—", "\x00", "\n\r\t",
    "Новости дня", "日本語の見出し", "😀🚀", "ﬁle ﬂow", "e\u0301te\u0301", "Ⅻ", "x" * 10_000,
    "a" * 79 + "-" + "b" * 20, ("word " * 3000).strip(), "é" * 5000, "..\\..\\evil", "%2e%2e%2fescape",
]  # fmt: skip
HEADLINES = st.one_of(
    st.sampled_from(HOSTILE_HEADLINES),
    st.text(max_size=300),
    st.builds(lambda a, b, c: a + b + c, st.sampled_from(HOSTILE_HEADLINES), st.text(max_size=40),
              st.sampled_from(HOSTILE_HEADLINES)),
)  # fmt: skip
FAST = settings(
    max_examples=200,
    deadline=timedelta(milliseconds=500),
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def _assert_safe_stem(stem: str) -> None:
    assert SAFE_STEM.fullmatch(stem), stem  # letters, digits and single inner hyphens only
    assert 1 <= len(stem) <= MAX_STEM == 80
    assert "/" not in stem
    assert "\\" not in stem
    assert ".." not in stem
    assert stem.split(".")[0].casefold() not in WINDOWS_RESERVED


@FAST
@given(HEADLINES)
@example("CON")
@example("x" * 10_000)
def test_safe_stem_is_safe_on_every_platform(headline: str) -> None:
    stem = safe_stem(headline)
    _assert_safe_stem(stem)
    assert safe_stem(headline) == stem
    for fmt in FORMATS:
        name = stem + extension(fmt)
        assert name.split(".")[0].casefold() not in WINDOWS_RESERVED
        assert len(name) <= MAX_STEM + len(extension(fmt))


def test_safe_stem_keeps_readable_headlines_readable() -> None:
    assert (
        safe_stem("Russian Crew to Film First Movie in Space") == "russian-crew-to-film-first-movie-in-space"
    )
    assert safe_stem("Café Opens: 3 Things to Know!") == "cafe-opens-3-things-to-know"
    assert safe_stem("../../etc/passwd") == "etc-passwd"
    assert safe_stem("CON") != "con"
    assert safe_stem("日本語の見出し") == "article"


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    desk = make_desk(tmp_path_factory.mktemp("names"))
    yield desk
    desk.close()


@FAST
@given(HEADLINES)
@example("../../etc/passwd")
def test_planned_paths_stay_in_the_folder(
    desk: Desk, tmp_path_factory: pytest.TempPathFactory, headline: str
) -> None:
    out_dir = tmp_path_factory.getbasetemp() / "plan-out"
    article = Article(headline=headline, blocks=[Block(BlockType.PARAGRAPH, "Text.")])
    plan = desk.exports.plan(article, list(FORMATS), out_dir)
    assert set(plan) == set(FORMATS)
    stem = safe_stem(headline)
    for fmt, path in plan.items():
        assert path.parent == out_dir.resolve()
        assert path.name == stem + extension(fmt)
        assert path.resolve().is_relative_to(out_dir.resolve())
    assert len(set(plan.values())) == len(plan)  # no two formats write the same file


# --- end to end: what is on disk before and after an export ------------------------------------


def _tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


def _approved_article(desk: Desk, folder: Path, headline: str) -> int:
    story = folder / "story.md"
    story.write_text(badfiles.PICTURE_STORY, encoding="utf-8")
    article_id = desk.articles.import_file(story, actor="copy1", on_duplicate="new").article_id
    article = desk.articles.get(article_id)
    article.headline = headline
    desk.articles.save(article, actor="copy1", message="hostile headline")
    assert desk.articles.get(article_id).headline == headline
    desk.images.attach(article_id, 1, badfiles.good_jpeg(folder), actor="photo1")
    desk.workflow.approve(article_id, actor="desk1")
    return article_id


@pytest.mark.parametrize(
    ("headline", "formats"),
    [
        ("../../escape", ["html", "md", "txt", "ninjs", "docx", "pdf", "newsml"]),
        ("/etc/passwd", ["txt", "md"]),
        ("..\\..\\evil", ["txt", "md"]),
        ("CON", ["txt", "md"]),
        ("x" * 10_000, ["txt", "md"]),
    ],
    ids=["dotdot-escape", "absolute", "backslashes", "reserved-name", "10000-chars"],
)
def test_export_writes_only_inside_the_chosen_folder(
    tmp_path: Path, headline: str, formats: list[str]
) -> None:
    desk = make_desk(tmp_path / "desk")
    article_id = _approved_article(desk, tmp_path, headline)
    out_dir = tmp_path / "a" / "b" / "out"
    before = _tree(tmp_path)
    result = desk.exports.export(article_id, formats, out_dir, actor="desk1", override="test")
    added = _tree(tmp_path) - before
    ancestors = {"a", "a/b", "a/b/out"}
    in_out = {p for p in added if p.startswith("a/b/out/")}
    in_desk = {p for p in added if p.startswith("desk/")}
    assert added == ancestors | in_out | in_desk, "written outside the chosen folder"
    assert all("sqlite" in p for p in in_desk if (tmp_path / p).is_file())  # only the database's own
    written = {p.removeprefix("a/b/out/") for p in in_out if (tmp_path / p).is_file()}
    assert written == {f.relative_to(out_dir).as_posix() for f in result.files}
    stem = safe_stem(headline)
    _assert_safe_stem(stem)
    for name in written:
        assert name.startswith((stem + ".", f"images/{stem}-01.")), name
        assert ".." not in name
    assert not (tmp_path / "escape").exists()
    assert not (tmp_path / "a" / "escape").exists()
    desk.close()


def test_links_in_the_folder_that_point_outside_are_refused(tmp_path: Path) -> None:
    """A file or the images folder inside the chosen folder that is a link elsewhere: the export is
    refused before anything is written, and the place the link points to is untouched."""
    desk = make_desk(tmp_path / "desk")
    article_id = _approved_article(desk, tmp_path, "Observatory Opens")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    victim = elsewhere / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")

    out_dir = tmp_path / "out"
    out_dir.mkdir()
    os.symlink(victim, out_dir / "observatory-opens.txt")
    before = _tree(tmp_path)
    with pytest.raises(InvalidRequest, match="refusing to write outside the export folder"):
        desk.exports.export(article_id, ["txt"], out_dir, actor="desk1", override="test", force=True)
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert _tree(tmp_path) == before

    out2 = tmp_path / "out2"
    out2.mkdir()
    os.symlink(elsewhere, out2 / "images")
    before = _tree(tmp_path)
    with pytest.raises(InvalidRequest, match="refusing to write outside the export folder"):
        desk.exports.export(article_id, ["txt"], out2, actor="desk1", override="test")
    assert sorted(p.name for p in elsewhere.iterdir()) == ["victim.txt"]
    assert _tree(tmp_path) == before
    desk.close()


def test_exported_files_are_readable_by_the_newsroom(tmp_path: Path) -> None:
    from editor_app.services.export import write_atomically

    target = tmp_path / "story.html"
    write_atomically(target, b"<p>x</p>")
    assert target.stat().st_mode & 0o777 == 0o644
