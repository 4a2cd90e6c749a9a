"""Approved caption and credit written into exported pictures, read back with exiftool."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from editor_app.exporters.image_credits import embed_credits, jpeg_segments
from editor_app.importers.image_meta import read_metadata
from editor_app.text.credits import parse_credit

CREDIT = "Roscosmos Press Service/Handout/Anadolu Agency via Getty Images"
CAPTION = "Yulia Peresild and Klim Shipenko before the launch — “the first film” shot in orbit, Jörg’s café"
RIGHTS = "© 2021 Roscosmos Press Service"
TERMS = "Editorial use only"

TAGS = [
    "-XMP-dc:Creator",
    "-XMP-dc:Rights",
    "-XMP-dc:Description",
    "-XMP-photoshop:Credit",
    "-XMP-photoshop:Source",
    "-XMP-photoshop:Instructions",
    "-XMP-xmpRights:UsageTerms",
    "-IPTC:By-line",
    "-IPTC:Credit",
    "-IPTC:Source",
    "-IPTC:CopyrightNotice",
    "-IPTC:Caption-Abstract",
    "-IPTC:SpecialInstructions",
    "-IFD0:Artist",
    "-IFD0:Copyright",
    "-IFD0:ImageDescription",
]

WRITTEN_XMP_EXIF = {
    "XMP-dc:Creator": "Roscosmos Press Service",
    "XMP-dc:Rights": RIGHTS,
    "XMP-dc:Description": CAPTION,
    "XMP-photoshop:Credit": CREDIT,
    "XMP-photoshop:Source": "Anadolu Agency",
    "XMP-photoshop:Instructions": "Handout",
    "XMP-xmpRights:UsageTerms": TERMS,
    "IFD0:Artist": "Roscosmos Press Service",
    "IFD0:Copyright": RIGHTS,
    "IFD0:ImageDescription": CAPTION,
}
WRITTEN_IIM = {
    "IPTC:By-line": "Roscosmos Press Service",
    "IPTC:Credit": "Anadolu Agency via Getty Images",
    "IPTC:Source": "Anadolu Agency",
    "IPTC:CopyrightNotice": RIGHTS,
    "IPTC:Caption-Abstract": CAPTION,
    "IPTC:SpecialInstructions": "Handout",
}


def read_back(exiftool: str, path: Path, *tags: str) -> dict[str, Any]:
    done = subprocess.run(
        [exiftool, "-j", "-G1", *(tags or TAGS), str(path)], capture_output=True, text=True, check=True
    )
    values: dict[str, Any] = json.loads(done.stdout)[0]
    values.pop("SourceFile")
    return values


def export(src: Path, dst: Path) -> list[str]:
    return embed_credits(src, dst, caption=CAPTION, credit=CREDIT, rights=RIGHTS, usage_terms=TERMS)


@pytest.mark.parametrize(
    "name",
    [
        "IPTC-PhotometadataRef-Std2021.1.jpg",
        "exiv2-Reagan.jpg",
        "frameright-nometa.jpg",
        "exiv2-iptc-psAPP13-wIPTC1-psAPP13-wIPTC2.jpg",
        "frameright-metapm.jpg",
        "exiv2-Reagan.tiff",
        "exiv2-ReaganSmallPng.png",
        "exiv2-imagemagick.png",
        "exiv2-1343_exif.png",
    ],
)
def test_caption_and_credit_read_back_through_exiftool(
    name: str, images_dir: Path, tmp_path: Path, exiftool: str
) -> None:
    dst = tmp_path / name
    warnings = export(images_dir / name, dst)
    assert read_back(exiftool, dst) == WRITTEN_XMP_EXIF | WRITTEN_IIM
    assert any("63 bytes" in w and "'Anadolu Agency via Getty Images'" in w for w in warnings)
    with Image.open(images_dir / name) as before, Image.open(dst) as after:
        assert before.size == after.size
        assert before.convert("RGB").tobytes() == after.convert("RGB").tobytes()
    meta = read_metadata(dst)
    assert (meta.credit, meta.iptc_credit, meta.rights) == (CREDIT, "Anadolu Agency via Getty Images", RIGHTS)


@pytest.mark.parametrize("name", ["frameright-meta.webp", "pillow-flower.webp"])
def test_webp_gets_xmp_and_exif_and_says_iim_has_no_place(
    name: str, images_dir: Path, tmp_path: Path, exiftool: str
) -> None:
    dst = tmp_path / name
    warnings = export(images_dir / name, dst)
    assert read_back(exiftool, dst) == WRITTEN_XMP_EXIF
    assert any("WebP has no place for IPTC IIM" in w for w in warnings)
    with Image.open(images_dir / name) as before, Image.open(dst) as after:
        assert before.convert("RGB").tobytes() == after.convert("RGB").tobytes()


def test_jpeg_scan_data_is_byte_identical(images_dir: Path, tmp_path: Path) -> None:
    src = images_dir / "IPTC-PhotometadataRef-Std2021.1.jpg"
    dst = tmp_path / "out.jpg"
    export(src, dst)
    before, after = src.read_bytes(), dst.read_bytes()
    (old_segments, old_scan), (new_segments, new_scan) = jpeg_segments(before), jpeg_segments(after)
    assert after[new_scan:] == before[old_scan:]
    # every segment that is not credit metadata is kept, in order and byte for byte
    kept = [(m, p) for m, p in old_segments if m not in (0xE1, 0xED)]
    assert [(m, p) for m, p in new_segments if m not in (0xE1, 0xED)] == kept


def test_other_metadata_survives(images_dir: Path, tmp_path: Path, exiftool: str) -> None:
    src = images_dir / "exiv2-Reagan.jpg"
    dst = tmp_path / "reagan.jpg"
    export(src, dst)
    tags = (
        "-IPTC:Keywords",
        "-IPTC:City",
        "-IFD0:Make",
        "-IFD0:Model",
        "-IFD1:ThumbnailLength",
        "-ICC_Profile:all",
    )
    before, after = read_back(exiftool, src, *tags), read_back(exiftool, dst, *tags)
    assert after == before
    assert after["IPTC:Keywords"][0] == "ronald reagan"
    assert after["IFD1:ThumbnailLength"] > 0


def test_conflicting_iim_blocks_become_one(images_dir: Path, tmp_path: Path, exiftool: str) -> None:
    dst = tmp_path / "one.jpg"
    export(images_dir / "exiv2-iptc-psAPP13-wIPTC1-psAPP13-wIPTC2.jpg", dst)
    values = read_back(exiftool, dst, "-IPTC:Credit", "-IPTC2:Credit", "-Warning")
    assert values == {"IPTC:Credit": "Anadolu Agency via Getty Images"}


def test_iim_byte_limits_keep_the_full_text_in_xmp(tmp_path: Path, plain_png: Path, exiftool: str) -> None:
    jpeg = tmp_path / "src.jpg"
    Image.open(plain_png).save(jpeg)
    creator = "Photographer’s Mate 3rd Class (AW) Elizabeth Thompson"
    dst = tmp_path / "out.jpg"
    warnings = embed_credits(jpeg, dst, caption=None, credit="U.S. Navy", creator=creator)
    values = read_back(exiftool, dst, "-IPTC:By-line", "-XMP-dc:Creator", "-IPTC:Credit", "-IPTC:Source")
    assert values["XMP-dc:Creator"] == creator
    assert len(values["IPTC:By-line"].encode()) <= 32
    assert creator.startswith(values["IPTC:By-line"])
    assert values["IPTC:Credit"] == "U.S. Navy"
    assert any("By-line holds 32 bytes" in w for w in warnings)


def test_exporting_twice_replaces_rather_than_piles_up(
    images_dir: Path, tmp_path: Path, exiftool: str
) -> None:
    once, twice = tmp_path / "once.jpg", tmp_path / "twice.jpg"
    export(images_dir / "frameright-metapm.jpg", once)
    embed_credits(once, twice, caption="Second caption", credit=parse_credit("Jane Doe/Reuters"))
    values = read_back(
        exiftool, twice, "-XMP-photoshop:Credit", "-IPTC:Credit", "-XMP-dc:Description", "-Warning"
    )
    assert values == {
        "XMP-photoshop:Credit": "Jane Doe/Reuters",
        "IPTC:Credit": "Jane Doe/Reuters",
        "XMP-dc:Description": "Second caption",
    }


def test_a_file_that_is_not_a_picture_is_refused(tmp_path: Path) -> None:
    from editor_app.errors import ImportRejected

    fake = tmp_path / "fake.jpg"
    fake.write_text("not a picture", encoding="utf-8")
    with pytest.raises(ImportRejected, match="not a picture"):
        export(fake, tmp_path / "out.jpg")
    assert not (tmp_path / "out.jpg").exists()
