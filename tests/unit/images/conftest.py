"""Fixtures for the picture tests: the shared fixture images, exiftool, and pictures made here."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from tests.helpers.badfiles import png_bomb
from tests.helpers.shared import shared_path


@pytest.fixture(scope="session")
def images_dir() -> Path:
    return shared_path("fixtures", "images")


@pytest.fixture(scope="session")
def expected(images_dir: Path) -> dict[str, dict[str, Any]]:
    data: dict[str, dict[str, Any]] = json.loads((images_dir / "expected.json").read_text(encoding="utf-8"))[
        "files"
    ]
    return data


@pytest.fixture(scope="session")
def exiftool() -> str:
    path = shutil.which("exiftool")
    if path is None:
        pytest.fail("exiftool is needed to read exports back: apt-get install -y libimage-exiftool-perl")
    return path


@pytest.fixture(scope="session")
def bomb_png(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A whole, valid 50,000 × 50,000 1-bit PNG: 1.4 MB on disk, 2.5 gigapixels decoded."""
    return png_bomb(tmp_path_factory.mktemp("bomb"), 50_000)


@pytest.fixture
def plain_png(tmp_path: Path) -> Path:
    """A PNG with no metadata at all."""
    path = tmp_path / "plain.png"
    Image.linear_gradient("L").resize((64, 48)).convert("RGB").save(path)
    return path


@pytest.fixture
def photo_jpeg(tmp_path: Path) -> Path:
    """A small photo-like JPEG, 300 × 200, stored sideways with EXIF orientation 6 (rotate 90° CW)."""
    im = Image.merge(
        "RGB",
        (
            Image.linear_gradient("L").resize((300, 200)),
            Image.radial_gradient("L").resize((300, 200)),
            Image.effect_noise((300, 200), 40),
        ),
    )
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010F] = "TestCam"
    path = tmp_path / "photo.jpg"
    im.save(path, quality=90, exif=exif.tobytes())
    return path
