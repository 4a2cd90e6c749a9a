"""Picture files: format by content, clear refusals, thumbnails with orientation and a cache."""

from __future__ import annotations

import shutil
import time
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from editor_app.domain import content_hash
from editor_app.errors import ImportRejected
from editor_app.importers.image_file import ThumbnailCache, inspect_image, make_thumbnail

PICTURES = [
    "IPTC-PhotometadataRef-Std2021.1.jpg",
    "exiv2-Reagan.jpg",
    "exiv2-Reagan.tiff",
    "exiv2-ReaganSmallPng.png",
    "frameright-meta.webp",
    "pillow-flower.webp",
    "pillow-iptc.jpg",
]


@pytest.mark.parametrize("name", PICTURES)
def test_inspect_reports_format_size_and_hash(name: str, images_dir: Path, expected: dict[str, Any]) -> None:
    path = images_dir / name
    info = inspect_image(path)
    want = expected[name]
    assert f"{info.width}x{info.height}" == want["image_size"]
    assert info.format in want["format"].upper()
    assert info.hash == content_hash(path.read_bytes())
    assert info.byte_size == path.stat().st_size
    assert info.mime == f"image/{info.format.lower()}"


def test_truncated_jpeg_is_refused_as_truncated(images_dir: Path) -> None:
    with pytest.raises(ImportRejected, match="truncated JPEG") as info:
        inspect_image(images_dir / "pillow-truncated_jpeg.jpg")
    assert "pillow-truncated_jpeg.jpg" in str(info.value)
    with pytest.raises(ImportRejected, match="truncated"):
        make_thumbnail(images_dir / "pillow-truncated_jpeg.jpg", 64)


def test_cut_off_jpeg_made_here_is_refused(tmp_path: Path, photo_jpeg: Path) -> None:
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(photo_jpeg.read_bytes()[:-2000])
    with pytest.raises(ImportRejected, match="truncated"):
        inspect_image(cut)


def test_corrupt_header_and_broken_png_are_refused_clearly(images_dir: Path) -> None:
    with pytest.raises(ImportRejected, match="damaged JPEG file: its header cannot be read"):
        inspect_image(images_dir / "exiv2-1-string-format.jpg")
    with pytest.raises(ImportRejected, match="damaged PNG file: chunk IHDR fails its checksum"):
        inspect_image(images_dir / "frameright-malformedchunks.png")


def test_lying_extension_says_what_the_file_really_is(tmp_path: Path, images_dir: Path) -> None:
    liar = tmp_path / "photo.jpg"
    shutil.copyfile(images_dir / "exiv2-ReaganSmallPng.png", liar)
    with pytest.raises(ImportRejected, match=r"really a PNG image.*ends in \.jpg.*rename it to photo\.png"):
        inspect_image(liar)
    text = tmp_path / "caption.jpg"
    text.write_text("Roscosmos Press Service/Handout\n", encoding="utf-8")
    with pytest.raises(
        ImportRejected, match="not a picture: it is a text file although its name ends in .jpg"
    ):
        inspect_image(text)
    sidecar = tmp_path / "meta.tif"
    shutil.copyfile(images_dir / "exiv2-StaffPhotographer-Example.xmp", sidecar)
    with pytest.raises(ImportRejected, match="XMP sidecar"):
        inspect_image(sidecar)


def test_empty_missing_and_unsupported_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    with pytest.raises(ImportRejected, match="empty file"):
        inspect_image(empty)
    with pytest.raises(ImportRejected, match="no such file"):
        inspect_image(tmp_path / "nowhere.jpg")
    gif = tmp_path / "anim.gif"
    Image.new("P", (4, 4)).save(gif)
    with pytest.raises(ImportRejected, match="GIF image; the desk takes JPEG, PNG, WebP or TIFF"):
        inspect_image(gif)


def test_png_with_no_metadata_is_a_fine_picture(plain_png: Path) -> None:
    info = inspect_image(plain_png)
    assert (info.format, info.width, info.height, info.orientation) == ("PNG", 64, 48, 1)
    assert Image.open(BytesIO(make_thumbnail(plain_png, 32))).size == (32, 24)


def test_decompression_bomb_is_refused_before_decoding(bomb_png: Path) -> None:
    started = time.perf_counter()
    for attempt in (inspect_image, lambda p: make_thumbnail(p, 128)):
        with pytest.raises(ImportRejected, match="decompression bomb") as info:
            attempt(bomb_png)
        assert "2,500,000,000 pixels" in str(info.value)
        assert "nothing was decoded" in str(info.value)
    assert time.perf_counter() - started < 2  # decoding 2.5 gigapixels would take far longer


def test_pixel_limit_is_ours_and_names_the_size(photo_jpeg: Path) -> None:
    with pytest.raises(ImportRejected, match=r"300 × 200 = 60,000 pixels is over the limit of 50,000"):
        inspect_image(photo_jpeg, max_pixels=50_000)


def test_thumbnail_applies_exif_orientation(photo_jpeg: Path) -> None:
    info = inspect_image(photo_jpeg)
    assert (info.width, info.height, info.orientation, info.display_size) == (300, 200, 6, (200, 300))
    thumb = Image.open(BytesIO(make_thumbnail(photo_jpeg, 90)))
    assert thumb.format == "JPEG"
    assert thumb.size == (60, 90)  # stored landscape, shown portrait


def test_thumbnail_applies_xmp_orientation_and_keeps_transparency(images_dir: Path) -> None:
    path = images_dir / "pillow-xmp_tags_orientation_exiftool.png"  # tiff:Orientation "Rotate 180"
    thumb = Image.open(BytesIO(make_thumbnail(path, 10)))
    assert thumb.format == "PNG"
    assert thumb.mode == "RGBA"
    original = Image.open(path).convert("RGBA")
    assert thumb.tobytes() == original.rotate(180).tobytes()


def test_large_jpeg_thumbnail_is_decoded_at_reduced_scale(tmp_path: Path) -> None:
    big = tmp_path / "big.jpg"
    Image.radial_gradient("L").resize((4000, 3000)).convert("RGB").save(big, quality=80)
    with Image.open(big) as im:
        im.draft("RGB", (256, 256))
        assert im.size == (500, 375)  # what make_thumbnail asks Pillow for: 1/8 scale
    assert Image.open(BytesIO(make_thumbnail(big, 256))).size == (256, 192)


def test_thumbnail_cache_makes_each_thumbnail_once(tmp_path: Path, photo_jpeg: Path) -> None:
    cache = ThumbnailCache(tmp_path / "thumbs")
    first = cache.thumbnail(photo_jpeg, 64)
    digest = content_hash(photo_jpeg.read_bytes())
    stored = list((tmp_path / "thumbs").rglob(f"{digest}-64"))
    assert len(stored) == 1
    assert stored[0].read_bytes() == first
    moved = tmp_path / "renamed.jpg"
    photo_jpeg.rename(moved)
    stored[0].write_bytes(b"cached")  # proves the second call is served from the cache
    assert cache.thumbnail(moved, 64) == b"cached"
    assert cache.thumbnail(moved, 64, image_hash=digest) == b"cached"
