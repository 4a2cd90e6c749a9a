"""Nothing bad gets through: hostile files through the real services and the real command line.

Each bad article or picture must be refused with a ``UserError`` whose message
names the file and the reason, and must leave no trace: every database table
row for row as before (no article, revision, flag or audit entry), and no new
file in the desk's data folder. The command line says the same in one stderr
line and exits 2, without a traceback. A page full of active content is
imported, approved and exported to every format, and no trace of that content
is in any file written.
"""

from __future__ import annotations

import re
import subprocess
import time
import tracemalloc
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import lxml.html
import pytest
from sqlalchemy import create_engine, select

from editor_app.cli.main import main
from editor_app.errors import ImportRejected, UserError
from editor_app.importers.image_meta import read_metadata
from editor_app.services import Desk
from editor_app.storage.models import Base
from tests.helpers import badfiles
from tests.helpers.cli import use_cli_folder
from tests.helpers.desks import make_desk

MiB = badfiles.MiB
ALL_FORMATS = ["html", "md", "txt", "ninjs", "docx", "pdf", "newsml"]

# (builder, what the refusal must say after "<file name>: ")
ARTICLES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "random-bytes": (
        badfiles.random_bytes,
        r"random\.txt: contains NUL bytes \(first at byte \d+\); it is a binary file",
    ),
    "invalid-utf8": (
        badfiles.invalid_utf8,
        r"latin1\.txt: is not valid UTF-8 \(byte 0xe9 at offset \d+\); save it as UTF-8",
    ),
    "200mb-sparse-text": (
        badfiles.huge_sparse_text,
        r"huge\.txt: is too large \(200\.0 MB; the text limit is 20 MB\)",
    ),
    "10mb-line": (
        badfiles.ten_megabyte_line,
        rf"oneline\.txt: line 3 is {5 * 2 * MiB:,} characters long \(limit 100,000\); not article text",
    ),
    "html-nested-100k": (
        badfiles.deep_html,
        r"deep\.html: nests its elements more than 256 levels deep; the rest of the page cannot be "
        r"read, so nothing was imported",
    ),
    "docx-not-a-zip": (
        badfiles.docx_not_zip,
        r"notzip\.docx: is not a Word document: a \.docx file is a zip archive and this one is not",
    ),
    "docx-external-entity": (
        badfiles.docx_external_entity,
        r"xxe\.docx: part word/document\.xml declares a DTD \(entities are not allowed",
    ),
    "docx-zip-bomb": (
        badfiles.docx_zip_bomb,
        r"bomb\.docx: would unpack to 30\d MB \(limit 200 MB\); refused as a possible zip bomb",
    ),
}

IMAGES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "truncated-jpeg": (
        badfiles.truncated_jpeg,
        r"truncated\.jpg: is a truncated JPEG: the file \([\d,]+ bytes\) ends before the picture does",
    ),
    "png-signature-then-garbage": (
        badfiles.png_signature_then_garbage,
        r"garbage\.png: is a damaged PNG file: it starts like a PNG, but the bytes at offset 8 are not "
        r"a PNG chunk",
    ),
    "jpeg-header-lies-about-size": (
        badfiles.jpeg_lying_size,
        rf"lying-size\.jpg: refused as a likely decompression bomb: {65_500 * 65_500:,} pixels is over "
        r"the limit of 150,000,000",
    ),
    "png-bomb-50000x50000": (
        badfiles.png_bomb,
        rf"bomb\.png: refused as a likely decompression bomb: {50_000 * 50_000:,} pixels",
    ),
    "png-text-metadata-bomb": (
        badfiles.png_text_bomb,
        r"text-bomb\.png: carries PNG text metadata that unpacks to over 16 MB",
    ),
    "png-named-jpg": (
        badfiles.png_named_jpg,
        r"photo\.jpg: is really a PNG image, but its name ends in \.jpg \(a lying extension\)",
    ),
    "text-named-jpg": (
        badfiles.text_named_jpg,
        r"notes\.jpg: is not a picture: it is a text file although its name ends in \.jpg",
    ),
}


@pytest.fixture(scope="module")
def bad_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("bad")


@pytest.fixture(scope="module")
def bad_file(bad_dir: Path) -> Callable[[str], Path]:
    """Each bad file, built on first use and kept for the module."""
    built: dict[str, Path] = {}

    def get(key: str) -> Path:
        if key not in built:
            builder = ARTICLES[key][0] if key in ARTICLES else IMAGES[key][0]
            folder = bad_dir / key
            folder.mkdir()
            built[key] = builder(folder)
        return built[key]

    return get


# --- what "nothing stored" means -------------------------------------------------------------------


def _rows(url: str) -> dict[str, list[tuple[object, ...]]]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {t.name: [tuple(r) for r in conn.execute(select(t))] for t in Base.metadata.sorted_tables}
    finally:
        engine.dispose()


def _files(folder: Path) -> set[str]:
    """Every file under ``folder`` except the database itself (SQLite rewrites its own pages)."""
    return {
        str(p.relative_to(folder))
        for p in folder.rglob("*")
        if p.is_file() and ".sqlite3" not in p.name and "backup" not in str(p.relative_to(folder))
    }


class Stored:
    """Everything a desk has stored: database rows and the files in its data folder."""

    def __init__(self, url: str, data_dir: Path) -> None:
        self.url, self.data_dir = url, data_dir
        self.rows = _rows(url)
        self.files = _files(data_dir)
        self.images = (
            sorted(p.name for p in (data_dir / "images").glob("*")) if (data_dir / "images").exists() else []
        )

    def assert_unchanged(self) -> None:
        after = Stored(self.url, self.data_dir)
        for table, rows in self.rows.items():
            assert after.rows[table] == rows, f"table {table} changed"
        assert after.files == self.files
        assert after.images == self.images


@pytest.fixture(scope="module")
def desk_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("desk")


@pytest.fixture(scope="module")
def desk(desk_dir: Path, bad_dir: Path) -> Iterator[Desk]:
    """A desk holding one good article with a good picture attached, which bad input must not touch."""
    desk = make_desk(desk_dir)
    story = bad_dir / "story.md"
    story.write_text(badfiles.PICTURE_STORY, encoding="utf-8")
    result = desk.articles.import_file(story, actor="copy1")
    desk.images.attach(result.article_id, 1, badfiles.good_jpeg(bad_dir), actor="photo1")
    yield desk
    desk.close()


@pytest.fixture(scope="module")
def article_id(desk: Desk) -> int:
    [summary] = desk.articles.list()
    return summary.id


def _stored(desk: Desk) -> Stored:
    return Stored(str(desk.ctx.engine.url), desk.ctx.data_dir)


# --- through the services --------------------------------------------------------------------------


@pytest.mark.parametrize("key", ARTICLES)
def test_bad_article_is_refused_and_nothing_is_stored(
    key: str, bad_file: Callable[[str], Path], desk: Desk, article_id: int
) -> None:
    path = bad_file(key)
    before = _stored(desk)
    history = desk.articles.history(article_id)
    articles = desk.articles.list()
    start = time.perf_counter()
    with pytest.raises(UserError) as info:
        desk.articles.import_file(path, actor="copy1")
    assert time.perf_counter() - start < 10
    assert isinstance(info.value, ImportRejected)
    assert re.match(ARTICLES[key][1], str(info.value)), str(info.value)
    assert info.value.source == path.name
    assert "\n" not in str(info.value)
    assert desk.articles.list() == articles
    assert desk.articles.history(article_id) == history
    before.assert_unchanged()


@pytest.mark.parametrize("key", IMAGES)
def test_bad_picture_is_refused_and_nothing_is_stored(
    key: str, bad_file: Callable[[str], Path], desk: Desk, article_id: int
) -> None:
    path = bad_file(key)
    before = _stored(desk)
    slot_before = desk.articles.get(article_id).images[0][1]
    history = desk.articles.history(article_id)
    start = time.perf_counter()
    with pytest.raises(UserError) as info:
        desk.images.attach(article_id, 1, path, actor="photo1")
    assert time.perf_counter() - start < 10
    assert isinstance(info.value, ImportRejected)
    message = str(info.value)
    assert message.startswith(str(path) + ": ")  # the full path: pictures come from anywhere
    assert re.search(IMAGES[key][1], message), message
    assert "\n" not in message
    assert desk.articles.get(article_id).images[0][1] == slot_before  # the good picture stays
    assert desk.articles.history(article_id) == history
    before.assert_unchanged()


def test_refused_attach_leaves_no_copy_of_a_good_picture(bad_dir: Path, desk: Desk, article_id: int) -> None:
    """A picture that is fine but whose attach is refused (no such slot, a role that may not) is not
    copied into the desk's picture folder."""
    picture = bad_dir / "other.jpg"
    picture.write_bytes(badfiles.photo_jpeg_bytes((200, 150)))
    for number, actor in ((7, "photo1"), (1, "copy1")):
        before = _stored(desk)
        with pytest.raises(UserError):
            desk.images.attach(article_id, number, picture, actor=actor)
        after = _stored(desk)
        assert after.images == before.images
        # a refused permission is audited, and that is all that is written
        added = [r for r in after.rows["audit_log"] if r not in before.rows["audit_log"]]
        assert [r for r in added if "denied" not in r] == []


# --- a megabyte of XMP: read, bounded, and never exported over the approved credit ------------------


XMP_FILES: dict[str, Callable[[Path], Path]] = {
    "jpeg-extended-xmp": badfiles.jpeg_with_1mb_xmp,
    "jpeg-18-standard-packets": badfiles.jpeg_with_many_xmp_packets,
    "png-compressed-itxt": badfiles.png_with_1mb_xmp,
    "tiff": badfiles.tiff_with_1mb_xmp,
    "webp": badfiles.webp_with_1mb_xmp,
}


@pytest.mark.parametrize("key", XMP_FILES)
def test_megabyte_of_xmp_attaches_and_is_read_within_bounds(
    key: str, tmp_path: Path, desk: Desk, article_id: int
) -> None:
    path = XMP_FILES[key](tmp_path)
    assert path.stat().st_size > MiB
    tracemalloc.start()
    start = time.perf_counter()
    try:
        meta = read_metadata(path)
        elapsed = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert elapsed < 5
    assert peak < 32 * MiB
    assert meta.xmp_credit == "Jane Roe/Reuters"  # the standard (or first) packet wins
    assert meta.xmp_description is not None
    if key == "jpeg-18-standard-packets":
        assert len(meta.xmp_description) >= 60_000 - 80
        assert "JPEG has 18 standard XMP packets; the first is used" in meta.warnings
    else:
        assert len(meta.xmp_description) >= MiB - 80
    view = desk.images.attach(article_id, 1, path, actor="photo1")
    assert view.file_error is None
    assert view.embedded is not None
    assert view.embedded.xmp_credit == "Jane Roe/Reuters"


def test_extended_xmp_cannot_override_the_approved_credit_in_an_export(tmp_path: Path) -> None:
    """The extended packet of this file says "Extended Credit"; the export must carry only the
    approved credit, so that no reader (ExifTool lets the extended packet win) can see another."""
    desk = make_desk(tmp_path / "desk")
    story = tmp_path / "story.md"
    # a second paragraph first, so the picture's block (2) and its number (1) differ
    text = badfiles.PICTURE_STORY.replace("![the dome", "Crowds queued from dawn.\n\n![the dome")
    story.write_text(text, encoding="utf-8")
    article_id = desk.articles.import_file(story, actor="copy1").article_id
    assert desk.articles.get(article_id).images[0][0] == 2
    desk.images.attach(article_id, 1, badfiles.jpeg_with_1mb_xmp(tmp_path), actor="photo1")
    desk.workflow.approve(article_id, actor="desk1")
    result = desk.exports.export(article_id, ["txt"], tmp_path / "out", actor="desk1", override="test")
    [picture] = [p for p in result.files if p.suffix == ".jpg"]
    assert badfiles.XMP_EXT_NS not in picture.read_bytes()
    assert b"Extended Credit" not in picture.read_bytes()
    assert b"HasExtendedXMP" not in picture.read_bytes()
    meta = read_metadata(picture)
    assert meta.credit == "Jane Roe/Reuters"
    assert meta.description == "The dome at dusk on opening day."
    [warning] = [w for w in result.warnings if "extended XMP" in w]
    assert warning.startswith("image 1: the picture's extended XMP (")
    desk.close()


# --- through the command line ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def cli_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cli")


@pytest.fixture
def cli(
    cli_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Callable[..., tuple[int, str, str]]:
    use_cli_folder(monkeypatch, cli_dir, "cli.sqlite3")

    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def cli_article(cli: Callable[..., tuple[int, str, str]], cli_dir: Path) -> int:
    """The id of a stored article with one picture slot (imported once per module)."""
    story = cli_dir / "story.md"
    if not story.exists():
        story.write_text(badfiles.PICTURE_STORY, encoding="utf-8")
    code, out, err = cli("import", str(story), "--format", "json")
    assert code == 0, err
    return int(re.findall(r'"id": (\d+)', out)[0])


def _cli_stored(cli_dir: Path) -> Stored:
    (cli_dir / "data").mkdir(exist_ok=True)
    return Stored(f"sqlite:///{cli_dir / 'cli.sqlite3'}", cli_dir / "data")


def _one_clear_line(err: str, pattern: str) -> None:
    assert err.count("\n") == 1, err
    assert err.startswith("editor-app: ")
    assert "Traceback" not in err
    assert re.search(pattern, err), err


@pytest.mark.parametrize("command", ["import", "check"])
@pytest.mark.parametrize("key", ARTICLES)
def test_cli_bad_article_exit_2_one_line(
    key: str,
    command: str,
    bad_file: Callable[[str], Path],
    cli: Callable[..., tuple[int, str, str]],
    cli_article: int,
    cli_dir: Path,
) -> None:
    path = bad_file(key)
    before = _cli_stored(cli_dir)
    code, out, err = cli(command, str(path))
    assert code == 2
    assert out == ""
    _one_clear_line(err, ARTICLES[key][1])
    before.assert_unchanged()


@pytest.mark.parametrize("key", IMAGES)
def test_cli_bad_picture_exit_2_one_line(
    key: str,
    bad_file: Callable[[str], Path],
    cli: Callable[..., tuple[int, str, str]],
    cli_article: int,
    cli_dir: Path,
) -> None:
    path = bad_file(key)
    before = _cli_stored(cli_dir)
    code, out, err = cli("attach", str(cli_article), "1", str(path))
    assert code == 2
    assert out == ""
    _one_clear_line(err, IMAGES[key][1])
    before.assert_unchanged()


# --- active content never reaches an export --------------------------------------------------------


def _export_text(path: Path) -> str:
    """Everything a reader or a program could find in an exported file, as text."""
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as archive:
            return "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    if path.suffix == ".pdf":
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True
        ).stdout
        return text + "\n" + path.read_bytes().decode("latin-1")
    return path.read_bytes().decode("utf-8", "replace")


def _assert_inert_html(path: Path) -> None:
    """No active element, no event handler, no link or source that is not http(s) or a file beside it."""
    root = lxml.html.fromstring(path.read_bytes())
    active = {
        "script",
        "style",
        "iframe",
        "frame",
        "object",
        "embed",
        "svg",
        "form",
        "button",
        "base",
        "meta",
    }
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if (
            el.tag == "meta"
            and set(el.attrib) <= {"charset", "name", "content"}
            and "http-equiv" not in el.attrib
        ):
            continue
        assert el.tag not in active, f"{path.name}: <{el.tag}>"
        for name, value in el.attrib.items():
            assert not name.lower().startswith("on"), f"{path.name}: {name}={value!r}"
            if name in ("href", "src", "action", "formaction", "data", "srcset"):
                assert re.match(r"^(https?://|images/[\w.-]+$|#)", value), f"{path.name}: {name}={value!r}"


@pytest.mark.parametrize("source", ["hostile.html", "hostile.md"])
def test_active_content_reaches_no_export(source: str, tmp_path: Path) -> None:
    desk = make_desk(tmp_path / "desk")
    page = tmp_path / source
    page.write_text(
        badfiles.html_hostile() if source.endswith(".html") else badfiles.markdown_hostile(), "utf-8"
    )
    article_id = desk.articles.import_file(page, actor="copy1").article_id
    stored = desk.articles.get(article_id)
    assert stored.headline == "Observatory Opens Its Doors"
    assert any("Volunteers ran tours until midnight" in b.text for b in stored.blocks)
    # A script link in a sentence keeps its words (the address is what is dropped).
    assert any("visitors, said the director" in b.text for b in stored.blocks)
    desk.images.attach(article_id, 1, badfiles.good_jpeg(tmp_path), actor="photo1")
    desk.workflow.approve(article_id, actor="desk1")
    out = tmp_path / "out"
    result = desk.exports.export(article_id, ALL_FORMATS, out, actor="desk1", override="test")
    written = sorted(p for p in out.rglob("*") if p.is_file())
    assert sorted(result.files) == written
    assert {p.suffix for p in written} >= {".html", ".md", ".txt", ".json", ".docx", ".pdf", ".xml", ".jpg"}
    for path in written:
        text = _export_text(path) if path.suffix != ".jpg" else path.read_bytes().decode("latin-1")
        assert "Observatory" in text or path.suffix in (".jpg", ".jsonld", ".pdf")
        for marker in badfiles.HOSTILE_MARKERS:
            assert marker not in text, f"{marker} in {path.name}"
        lowered = text.lower()
        for word in badfiles.HOSTILE_WORDS:
            assert word not in lowered, f"{word!r} in {path.name}"
        if path.suffix == ".pdf":
            raw = path.read_bytes()
            for action in (
                b"/JavaScript",
                b"/JS",
                b"/Launch",
                b"/OpenAction",
                b"/SubmitForm",
                b"/EmbeddedFile",
            ):
                assert action not in raw, f"{action!r} in {path.name}"
        if path.suffix == ".html":
            _assert_inert_html(path)
    pdf = next(p for p in written if p.suffix == ".pdf")
    assert "Volunteers ran tours until midnight" in _export_text(pdf)
    desk.close()
