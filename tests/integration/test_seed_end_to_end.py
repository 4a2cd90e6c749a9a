"""The seed end to end through the command line: import, check, resolve, verify, approve, export."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from editor_app.cli.main import main
from tests.helpers.cli import use_cli_folder
from tests.helpers.shared import seed_path, shared_path

pytestmark = pytest.mark.slow

CANONICAL = "Roscosmos Press Service/Handout/Anadolu Agency via Getty Images"
CAPTIONS = [
    "The Soyuz crew before the launch that carried a film director and an actress to orbit.",
    "Cosmonaut Anton Shkaplerov with the film crew at the launch site.",
    "Actress Yulia Peresild during training for the flight.",
    "Director Klim Shipenko rehearses a scene for the film in a mock-up of the station.",
    "Peresild and Shipenko in flight suits before boarding.",
]


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    use_cli_folder(monkeypatch, tmp_path, "e2e.sqlite3")

    def run(*args: str, ok: bool = True) -> tuple[int, str, str]:
        code = main(list(args))
        out, err = capsys.readouterr()
        if ok:
            assert code in (0, 1), f"{args}: {err}"
        return code, out, err

    return run


def _json(run, *args: str):  # type: ignore[no-untyped-def]
    return json.loads(run(*args, "--format", "json")[1])


def _open_errors(run, article_id: int) -> list[dict]:  # type: ignore[no-untyped-def,type-arg]
    return _json(run, "flags", str(article_id), "--status", "open", "--severity", "error")


def test_seed_through_the_desk(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run = cli
    for name, role in (("copy1", "copy-editor"), ("photo1", "photo-editor"), ("desk1", "desk")):
        run("users", "add", name, "--role", role)
    article_id = _json(run, "import", str(seed_path()), "--as", "copy1")[0]["id"]
    run("check", str(article_id))

    # The photo desk: real captions, canonical credits, a picture file for every slot, verified.
    images = _json(run, "images", str(article_id))
    assert len(images) == 5
    for image in images:
        n = str(image["number"])
        picture = tmp_path / f"photo{n}.jpg"
        Image.new("RGB", (64, 48), (20 * int(n), 90, 160)).save(picture, quality=90)
        run("attach", str(article_id), n, str(picture), "--as", "photo1")
        run("caption", str(article_id), n, "--set", CAPTIONS[int(n) - 1], "--as", "photo1")
        run("credit", str(article_id), n, "--set", CANONICAL, "--as", "photo1")
        run("rights", str(article_id), n, "--set", "Handout: editorial use only", "--as", "photo1")

    # The copy desk: accept or resolve every error flag that is not the photo desk's.
    for _ in range(5):
        errors = _open_errors(run, article_id)
        if not errors:
            break
        for flag in errors:
            who = "photo1" if flag["kind"] in ("credit", "caption") else "copy1"
            if flag["suggestions"]:
                code, _, err = run("accept", flag["id"], "--as", who, ok=False)
                if code == 0:
                    continue
            run("resolve", flag["id"], "--status", "waived", "--reason", "checked by hand", "--as", who)
    assert _open_errors(run, article_id) == []
    # Scrape junk goes: the sign-off prompt is deleted by accepting the junk flag's suggestion.
    for flag in _json(run, "flags", str(article_id), "--status", "open", "--kind", "junk"):
        if flag["suggestions"]:
            run("accept", flag["id"], "--as", "copy1")

    # A copy editor may not approve or export.
    code, _, err = run("approve", str(article_id), "--as", "copy1", ok=False)
    assert code == 2
    assert "may not approve" in err
    code, _, err = run("export", str(article_id), "--out", str(tmp_path / "x"), "--as", "copy1", ok=False)
    assert code == 2

    # Credits verified last: every edit above reset them.
    for image in _json(run, "images", str(article_id)):
        run("verify-credit", str(article_id), str(image["number"]), "--as", "photo1")
    run("approve", str(article_id), "--as", "desk1")
    out_dir = tmp_path / "out"
    result = _json(run, "export", str(article_id), "--out", str(out_dir), "--as", "desk1")
    files = {Path(p).suffix: Path(p) for p in result["files"] if "/images/" not in p}

    html = (
        out_dir
        / next(
            p.name for p in map(Path, result["files"]) if p.name.endswith(".html") and "report" not in p.name
        )
    ).read_text(encoding="utf-8")
    txt = files[".txt"].read_text(encoding="utf-8")
    for text in (html, txt, files[".md"].read_text(encoding="utf-8")):
        assert "Kazakhstan" in text
        assert "Kazahkstan" not in text
        assert "Advertisement" not in text
        assert "Stay tuned" not in text
        assert "russian movie filming space" not in text
        assert CANONICAL in text
    assert "<script" not in html.lower()
    assert "Press Office\\TASS" not in html

    # Images carry the approved caption and credit.
    exported_images = sorted((out_dir / "images").iterdir())
    assert len(exported_images) == 5
    if shutil.which("exiftool"):
        tags = json.loads(
            subprocess.run(
                ["exiftool", "-j", "-XMP-photoshop:Credit", "-XMP-dc:Description", str(exported_images[0])],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )[0]
        assert tags["Credit"] == CANONICAL
        assert tags["Description"] == CAPTIONS[0]

    # Each format opens with its own reader.
    import docx  # python-docx
    from lxml import etree

    document = docx.Document(str(files[".docx"]))
    assert any("Kazakhstan" in p.text for p in document.paragraphs)
    newsml = next(p for p in map(Path, result["files"]) if p.suffix == ".xml")
    schema_file = shared_path("fixtures", "newsml-g2", "NewsML-G2_2.35-spec-All-Power.xsd")
    schema = etree.XMLSchema(etree.parse(str(schema_file)))
    assert schema.validate(etree.parse(str(newsml))), schema.error_log
    if shutil.which("pdftotext"):
        pdf_text = " ".join(
            subprocess.run(
                ["pdftotext", str(files[".pdf"]), "-"], capture_output=True, text=True, check=True
            ).stdout.split()
        )
        assert "Russian Crew to Film First Movie in Space" in pdf_text
        assert "Roscosmos Press Service" in pdf_text
    state = _json(run, "state", str(article_id))
    assert state["state"] == "exported"

    # Exporting again without --force refuses; with it, the same bytes.
    code, _, err = run("export", str(article_id), "--out", str(out_dir), "--as", "desk1", ok=False)
    assert code == 2
    assert "already exist" in err
    before = {p.name: p.read_bytes() for p in out_dir.rglob("*") if p.is_file()}
    run("export", str(article_id), "--out", str(out_dir), "--as", "desk1", "--force")
    after = {p.name: p.read_bytes() for p in out_dir.rglob("*") if p.is_file()}
    assert before == after


def test_export_refused_with_open_errors_unless_overridden(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run = cli
    run("users", "add", "desk1", "--role", "desk")
    article_id = _json(run, "import", str(seed_path()))[0]["id"]
    run("approve", str(article_id), "--as", "desk1")
    code, _, err = run("export", str(article_id), "--out", str(tmp_path / "o"), "--as", "desk1", ok=False)
    assert code == 2
    assert "Export blocked" in err
    assert "unverified image credit" in err
    assert not (tmp_path / "o").exists() or not any((tmp_path / "o").iterdir())
    result = _json(
        run,
        "export",
        str(article_id),
        "--out",
        str(tmp_path / "o"),
        "--as",
        "desk1",
        "--formats",
        "html",
        "--override",
        "breaking news, credits checked by phone",
    )
    assert result["overridden"] is True
    report = next(Path(p) for p in result["files"] if p.endswith(".review.json"))
    assert "breaking news, credits checked by phone" in report.read_text(encoding="utf-8")
