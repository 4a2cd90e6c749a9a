"""PDF export through Qt: text selectable (pdftotext reads it back), dates fixed, bytes stable."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from editor_app.domain import Article, Block, BlockType
from editor_app.exporters import ExportContext, export
from tests.unit.exporters.export_samples import PAYLOAD, SEED_BACKSLASH_CREDIT, SEED_CREDIT, SEED_HEADLINE

REPO = Path(__file__).resolve().parents[3]


def pdftotext(data: bytes, tmp_path: Path) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext is not installed (Debian poppler-utils; .ci/run installs it)")
    pdf = tmp_path / "export.pdf"
    pdf.write_bytes(data)
    result = subprocess.run([tool, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True)
    return " ".join(result.stdout.decode("utf-8").split())


def test_seed_pdf_text_has_headline_and_credit_lines(
    seed: Article, seed_ctx: ExportContext, tmp_path: Path
) -> None:
    data = export("pdf", seed, seed_ctx)
    assert data.startswith(b"%PDF-")
    assert data.rstrip().endswith(b"%%EOF")
    text = pdftotext(data, tmp_path)
    assert SEED_HEADLINE in text
    assert f"Photo: {SEED_CREDIT}" in text
    assert f"Photo: {SEED_BACKSLASH_CREDIT}" in text
    assert "By Sharon Renee" in text
    assert "Advertisement" not in text
    assert "Kazahkstan" in text  # body text is there, word for word


def test_pdf_embeds_every_picture(seed: Article, seed_ctx: ExportContext) -> None:
    data = export("pdf", seed, seed_ctx)
    assert len(re.findall(rb"/Subtype\s*/Image", data)) == len(seed.images)
    without = export("pdf", seed, replace(seed_ctx, images=()))
    assert not re.findall(rb"/Subtype\s*/Image", without)


def test_pdf_dates_and_id_come_from_the_approval(seed: Article, seed_ctx: ExportContext) -> None:
    data = export("pdf", seed, seed_ctx)
    dates = set(re.findall(rb"/(?:CreationDate|ModDate) \((D:[^)]*)\)", data))
    assert dates == {b"D:20211012093015Z"}
    assert b"2021-10-12T09:30:15+00:00" in data  # the XMP packet
    later = export("pdf", seed, replace(seed_ctx, generated_at=datetime(2023, 5, 6, 7, 8, 9, tzinfo=UTC)))
    assert set(re.findall(rb"/CreationDate \((D:[^)]*)\)", later)) == {b"D:20230506070809Z"}


def test_pdf_is_byte_identical_in_this_process_and_a_fresh_one(
    seed: Article, seed_ctx: ExportContext, tmp_path: Path
) -> None:
    first = export("pdf", seed, seed_ctx)
    assert export("pdf", seed.copy(), seed_ctx) == first
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from editor_app.exporters import export\n"
        "from tests.helpers.shared import seed_path\n"
        "from tests.unit.exporters.export_samples import seed_article, seed_context\n"
        "article = seed_article(seed_path())\n"
        "Path(sys.argv[1]).write_bytes(export('pdf', article, seed_context(article)))\n"
    )
    out = tmp_path / "fresh.pdf"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONHASHSEED": "random"}
    subprocess.run([sys.executable, "-c", script, str(out)], cwd=REPO, env=env, check=True, timeout=120)
    assert out.read_bytes() == first


def test_hostile_pdf_text_is_clean(hostile: Article, hostile_ctx: ExportContext, tmp_path: Path) -> None:
    text = pdftotext(export("pdf", hostile, hostile_ctx), tmp_path)
    assert PAYLOAD not in text
    assert "Crew launches today" in text
    assert "<script" not in text
    assert "<iframe" not in text


def test_pdf_text_beyond_latin_is_extractable(tmp_path: Path) -> None:
    article = Article(
        "Экипаж снимет первый фильм в космосе",
        bylines=["Şarón Renée"],
        blocks=[Block(BlockType.PARAGRAPH, "Старт с Байконура, Kazakhstan — «Вызов».")],
    )
    text = pdftotext(export("pdf", article, ExportContext(datetime(2021, 10, 12, tzinfo=UTC))), tmp_path)
    assert "Экипаж снимет первый фильм в космосе" in text
    assert "By Şarón Renée" in text
    assert "Старт с Байконура, Kazakhstan — «Вызов»." in text
