"""Embedded credit metadata of every fixture image, against the values ExifTool read (expected.json)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from editor_app.domain import EmbeddedMetadata
from editor_app.errors import ImportRejected
from editor_app.importers.image_meta import metadata_summary, read_metadata
from tests.helpers.shared import SHARED

# ExifTool's per-container tag names -> EmbeddedMetadata fields
CONTAINER_FIELDS = {
    "exif": {"Artist": "exif_artist", "Copyright": "exif_copyright", "ImageDescription": "exif_description"},
    "iptc_iim": {
        "By-line": "iptc_byline",
        "By-lineTitle": "iptc_byline_title",
        "Credit": "iptc_credit",
        "Source": "iptc_source",
        "CopyrightNotice": "iptc_copyright",
        "Caption-Abstract": "iptc_caption",
        "Headline": "iptc_headline",
        "ObjectName": "iptc_title",
    },
    "xmp": {
        "Creator": "xmp_creator",
        "Rights": "xmp_rights",
        "Description": "xmp_description",
        "Title": "xmp_title",
        "Credit": "xmp_credit",
        "Source": "xmp_source",
        "Headline": "xmp_headline",
        "AuthorsPosition": "xmp_authors_position",
        "UsageTerms": "xmp_usage_terms",
        "WebStatement": "xmp_web_statement",
        "DigitalSourceType": "xmp_digital_source_type",
    },
}


def _fixture_names() -> list[str]:
    folder = SHARED / "fixtures" / "images"
    if not folder.is_dir():
        return ["(absent)"]
    return sorted(p.name for p in folder.iterdir() if p.name != "expected.json")


def _as_expected(value: object) -> object:
    if isinstance(value, tuple):
        return list(value) or None
    return value


@pytest.mark.parametrize("name", _fixture_names())
def test_fixture_metadata_matches_exiftool(
    name: str, images_dir: Path, expected: dict[str, dict[str, Any]]
) -> None:
    want = expected[name]
    path = images_dir / name
    if want["image_size"] is None:  # ExifTool found no picture either ("JPEG format error")
        with pytest.raises(ImportRejected, match="damaged JPEG") as info:
            read_metadata(path)
        assert name in str(info.value)
        return
    meta = read_metadata(path)
    summary = metadata_summary(meta)
    assert {k: summary[k] for k in summary} == {k: want[k] for k in summary}
    for container, fields in CONTAINER_FIELDS.items():
        values = want["by_container"].get(container, {})
        for tag, attr in fields.items():
            wanted = values.get(tag)
            if tag == "By-line" and isinstance(wanted, str):
                wanted = [wanted]
            assert _as_expected(getattr(meta, attr)) == wanted, f"{container} {tag}"


def test_conflicting_iim_blocks_keep_the_first_and_say_so(images_dir: Path, expected: dict[str, Any]) -> None:
    name = "exiv2-iptc-psAPP13-wIPTC1-psAPP13-wIPTC2.jpg"
    meta = read_metadata(images_dir / name)
    second = expected[name]["by_container"]["iptc_iim_second_block"]["Credit"]
    assert meta.iptc_credit == "This is credit number one"
    assert meta.extra["IPTC2:Credit"] == second
    assert any("block 2" in w and second in w for w in meta.warnings)


def test_iim_without_a_character_set_reads_as_windows_1252_like_exiftool(images_dir: Path) -> None:
    meta = read_metadata(images_dir / "frameright-metapm.jpg")
    assert meta.iptc_caption == "JosŽ Mourinho"  # Mac Roman bytes, no 1:90: the file's own fault
    assert meta.description == "José Mourinho"  # XMP wins by precedence


def test_damaged_png_and_undecodable_profiles_are_warnings_not_crashes(images_dir: Path) -> None:
    broken = read_metadata(images_dir / "frameright-malformedchunks.png")
    assert broken.is_empty()
    assert any("checksum" in w for w in broken.warnings)
    raw = read_metadata(images_dir / "frameright-metapm.png")
    assert any("raw iptc profile" in w for w in raw.warnings)
    assert raw.iptc_caption is None
    assert raw.description == "Caption"


def test_a_png_with_no_metadata_reads_as_empty(plain_png: Path) -> None:
    meta = read_metadata(plain_png)
    assert meta == EmbeddedMetadata()
    assert meta.is_empty()
    assert not meta.has_rights


def test_reading_metadata_never_decodes_the_pixels_of_a_bomb(bomb_png: Path) -> None:
    assert read_metadata(bomb_png).is_empty()


def test_xmp_with_an_external_entity_is_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    sidecar = tmp_path / "evil.xmp"
    sidecar.write_text(
        f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file://{secret}">]>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/">'
        "<photoshop:Credit>&e;</photoshop:Credit></rdf:Description></rdf:RDF></x:xmpmeta>",
        encoding="utf-8",
    )
    assert "TOP SECRET" not in (read_metadata(sidecar).credit or "")
