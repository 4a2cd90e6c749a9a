"""Word files through python-docx, after zipfile checks for bombs, DTDs and damage."""

from __future__ import annotations

import importlib.util
import io
import struct
import zipfile
from datetime import datetime
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree
from PIL import Image

from editor_app.domain import Article, BlockType
from editor_app.errors import ImportRejected
from editor_app.importers import load_article, parse_bytes
from editor_app.paths import resource_path
from tests.helpers.badfiles import rezip
from tests.helpers.shared import shared_path

REPO = Path(__file__).resolve().parents[3]


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 40, 40)).save(out, format="PNG")
    return out.getvalue()


def _docx_bytes(document: docx.document.Document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _parse(data: bytes, name: str = "story.docx") -> Article:
    return parse_bytes(data, name)


def _simple_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("Headline From Title", style="Title")
    document.add_paragraph("Body paragraph.")
    return _docx_bytes(document)


def test_harvest_festival_sample() -> None:
    article = load_article(resource_path("samples", "harvest-festival.docx"))
    assert article.source_format == "docx"
    assert article.headline == "Apple Harvest Festival Draws Record Crowd to Hood River"
    assert article.bylines == ["Carmen Ruiz", "Dale Whitaker"]
    assert article.published == datetime(2024, 9, 21)
    [(_, slot)] = article.images
    assert slot.alt == "apple harvest festival crates orchard hood river"
    assert slot.caption.startswith("Volunteers stack crates")
    assert slot.credit == "Lena Brooks/AP"
    assert slot.image_path is None
    assert [b.text for b in article.blocks if b.type is BlockType.SUBHEADING] == [
        "Cider, Pies and Long Lines"
    ]
    [quote] = [b.text for b in article.blocks if b.type is BlockType.QUOTE]
    assert quote.endswith("a local grower said.")
    assert [b.text for b in article.blocks if b.type is BlockType.BOILERPLATE] == ["Advertisement"]
    body = " ".join(b.text for b in article.blocks)
    for problem in ("Oregan", "Thursday, September 19", "After about 4 hours", "the festival organiser said"):
        assert problem in body


def test_sample_is_what_the_script_generates() -> None:
    spec = importlib.util.spec_from_file_location(
        "make_sample_docx", REPO / "scripts" / "make_sample_docx.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build() == resource_path("samples", "harvest-festival.docx").read_bytes()


@pytest.mark.parametrize(
    ("name", "headline", "texts"),
    [
        ("mammoth-comments.docx", "Ouch.", []),
        ("mammoth-footnotes.docx", "Ouch.", []),
        ("mammoth-simple-list.docx", "", ["Apple", "Banana"]),
        ("mammoth-tables.docx", "Above", ["Top left | Top right", "Bottom left | Bottom right", "Below"]),
        ("mammoth-utf8-bom.docx", "This XML has a byte order mark.", []),
    ],
)
def test_real_docx_fixtures(name: str, headline: str, texts: list[str]) -> None:
    article = load_article(shared_path("fixtures", "articles", "docx", name))
    assert article.source_format == "docx"
    assert article.headline == headline
    assert [b.text for b in article.blocks] == texts


def test_real_docx_comments_and_footnotes_are_not_article_text() -> None:
    for name in ("mammoth-comments.docx", "mammoth-footnotes.docx"):
        article = load_article(shared_path("fixtures", "articles", "docx", name))
        assert "tachyon" not in " ".join([article.headline, *(b.text for b in article.blocks)])


def test_real_docx_tiny_picture() -> None:
    article = load_article(shared_path("fixtures", "articles", "docx", "mammoth-tiny-picture.docx"))
    assert [b.type for b in article.blocks] == [BlockType.IMAGE]
    assert article.images[0][1].alt == ""


def test_styles_give_structure() -> None:
    document = docx.Document()
    document.add_paragraph("Big News Today", style="Heading 1")
    document.add_paragraph("By Ann Lee and Bo Chan")
    document.add_paragraph("Updated: March 5, 2022")
    document.add_paragraph("First paragraph.")
    document.add_paragraph("Section Two", style="Heading 2")
    document.add_paragraph("Deeper Section", style="Heading 3")
    document.add_paragraph('"Quoted words," she said.', style="Quote")
    document.add_paragraph("Loud quote.", style="Intense Quote")
    document.add_picture(io.BytesIO(_png()))
    document.inline_shapes[-1]._inline.docPr.set("descr", "red square")
    document.add_paragraph("A red square on a page.", style="Caption")
    document.add_paragraph("Photo: Jane Roe/Reuters")
    document.add_paragraph("Subscribe")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Left"
    table.cell(0, 1).text = "Right"
    article = _parse(_docx_bytes(document))
    assert article.headline == "Big News Today"
    assert article.bylines == ["Ann Lee", "Bo Chan"]
    assert article.updated == datetime(2022, 3, 5)
    assert [(b.type.value, b.text) for b in article.blocks if b.type is not BlockType.IMAGE] == [
        ("paragraph", "First paragraph."),
        ("subheading", "Section Two"),
        ("subheading", "Deeper Section"),
        ("quote", '"Quoted words," she said.'),
        ("quote", "Loud quote."),
        ("boilerplate", "Subscribe"),
        ("paragraph", "Left | Right"),
    ]
    [(_, slot)] = article.images
    assert (slot.alt, slot.caption, slot.credit) == (
        "red square",
        "A red square on a page.",
        "Photo: Jane Roe/Reuters",
    )


def test_first_paragraph_is_headline_without_title_styles() -> None:
    document = docx.Document()
    document.add_paragraph("Plain First Line")
    document.add_paragraph("Second line.")
    article = _parse(_docx_bytes(document))
    assert article.headline == "Plain First Line"
    assert [b.text for b in article.blocks] == ["Second line."]


def test_content_controls_and_tracked_changes() -> None:
    document = docx.Document()
    document.add_paragraph("Head", style="Title")
    inside = document.add_paragraph("Inside a content control.")
    tracked = document.add_paragraph("Kept ")
    body = document.element.body
    sdt = etree.SubElement(body, qn("w:sdt"))
    content = etree.SubElement(sdt, qn("w:sdtContent"))
    body.remove(inside._p)
    content.append(inside._p)
    body.remove(sdt)
    tracked._p.addprevious(sdt)
    ins = etree.SubElement(tracked._p, qn("w:ins"))
    run = etree.SubElement(ins, qn("w:r"))
    etree.SubElement(run, qn("w:t")).text = "inserted"
    deleted = etree.SubElement(tracked._p, qn("w:del"))
    del_run = etree.SubElement(deleted, qn("w:r"))
    etree.SubElement(del_run, qn("w:delText")).text = "DELETED"
    article = _parse(_docx_bytes(document))
    assert [b.text for b in article.blocks] == ["Inside a content control.", "Kept inserted"]


def test_docx_renamed_txt_is_still_word() -> None:
    article = parse_bytes(_simple_docx(), "renamed.txt")
    assert article.source_format == "docx"
    assert article.headline == "Headline From Title"


def test_not_a_zip_is_rejected() -> None:
    with pytest.raises(ImportRejected) as info:
        _parse(b"Just some text pretending to be Word.\n", "fake.docx")
    assert info.value.source == "fake.docx"
    assert "zip" in info.value.reason


def test_truncated_zip_is_rejected() -> None:
    data = _simple_docx()
    with pytest.raises(ImportRejected, match="zip"):
        _parse(data[: len(data) // 2])


def test_zip_that_is_not_word_is_rejected() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "hello")
    with pytest.raises(ImportRejected, match="not a Word document"):
        _parse(out.getvalue())


def test_package_missing_parts_is_rejected() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        )
    with pytest.raises(ImportRejected, match="not a readable Word document"):
        _parse(out.getvalue())


def test_damaged_xml_part_is_rejected() -> None:
    data = _simple_docx()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml")
    with pytest.raises(ImportRejected, match="not well-formed XML"):
        _parse(rezip(data, {"word/document.xml": xml[: len(xml) // 2]}))


@pytest.mark.parametrize(
    "doctype",
    [
        b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
        b'<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
        b'<!DOCTYPE w:document SYSTEM "http://evil.example/x.dtd">',
    ],
    ids=["external-entity", "entity-expansion", "external-dtd"],
)
def test_dtd_in_a_part_is_rejected(doctype: bytes) -> None:
    data = _simple_docx()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml")
    head, rest = xml.split(b"?>", 1)
    poisoned = (
        head + b"?>" + doctype + rest.replace(b"Body paragraph.", b"&xxe;" if b"xxe" in doctype else b"x")
    )
    with pytest.raises(ImportRejected, match="DTD") as info:
        _parse(rezip(data, {"word/document.xml": poisoned}), "evil.docx")
    assert info.value.source == "evil.docx"


def test_highly_compressed_part_is_rejected_as_bomb() -> None:
    data = rezip(_simple_docx(), {"word/media/zeros.bin": b"\0" * (8 * 1024 * 1024)})
    assert len(data) < 100_000
    with pytest.raises(ImportRejected, match="zip bomb"):
        _parse(data)


def _patch_central_directory(data: bytes, field_offset: int, fmt: str, value: int, name: bytes) -> bytes:
    """Overwrite one field of one entry's central-directory header (what zipfile trusts for sizes)."""
    buffer = bytearray(data)
    position = 0
    while True:
        position = data.index(b"PK\x01\x02", position)
        name_length = struct.unpack_from("<H", data, position + 28)[0]
        if data[position + 46 : position + 46 + name_length] == name:
            struct.pack_into(fmt, buffer, position + field_offset, value)
            return bytes(buffer)
        position += 4


def test_declared_unpacked_size_over_limit_is_rejected_before_reading() -> None:
    data = _patch_central_directory(_simple_docx(), 24, "<I", 3_000_000_000, b"word/document.xml")
    with pytest.raises(ImportRejected, match="zip bomb"):
        _parse(data)


def test_encrypted_entry_is_rejected() -> None:
    data = _simple_docx()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        flags = archive.getinfo("word/document.xml").flag_bits
    data = _patch_central_directory(data, 8, "<H", flags | 0x1, b"word/document.xml")
    with pytest.raises(ImportRejected, match="encrypted"):
        _parse(data)


def test_old_word_doc_is_refused_with_advice() -> None:
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512
    with pytest.raises(ImportRejected, match=r"\.docx"):
        _parse(data, "old.doc")


def test_custom_styles_count_by_what_they_are_based_on() -> None:
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    story_head = document.styles.add_style("Story Head", WD_STYLE_TYPE.PARAGRAPH)
    story_head.base_style = document.styles["Title"]
    cross_head = document.styles.add_style("Cross Head", WD_STYLE_TYPE.PARAGRAPH)
    cross_head.base_style = document.styles["Heading 2"]
    pull = document.styles.add_style("Pull Quote", WD_STYLE_TYPE.PARAGRAPH)
    pull.base_style = document.styles["Intense Quote"]
    document.add_paragraph("Custom Headline", style="Story Head")
    document.add_paragraph("Body.")
    document.add_paragraph("Custom Cross Head", style="Cross Head")
    document.add_paragraph("Pulled words.", style="Pull Quote")
    article = _parse(_docx_bytes(document))
    assert article.headline == "Custom Headline"
    assert [(b.type, b.text) for b in article.blocks] == [
        (BlockType.PARAGRAPH, "Body."),
        (BlockType.SUBHEADING, "Custom Cross Head"),
        (BlockType.QUOTE, "Pulled words."),
    ]
