"""Builders of hostile input files: each writes one bad file into a folder and returns its path.

Every builder is deterministic (seeded, no network) and fast; big files are
sparse or highly regular so building them costs little disk and time.
"""

from __future__ import annotations

import io
import os
import random
import struct
import zipfile
import zlib
from pathlib import Path

import docx
from PIL import Image

MiB = 1024 * 1024

#: A well-formed short article, the base several builders spoil.
STORY = "Observatory Opens Its Doors\n\nThe new observatory opened on Saturday to a crowd of visitors.\n"

#: An article with one picture slot, so images can be attached to it.
PICTURE_STORY = (
    "# Observatory Opens Its Doors\n\n"
    "The new observatory opened on Saturday to a crowd of visitors.\n\n"
    "![the dome at dusk](dome.jpg)\n\n"
    "*The dome at dusk on opening day.*\n\n"
    "Jane Roe/Reuters\n\n"
    "Volunteers ran tours until midnight.\n"
)


# --- articles ---------------------------------------------------------------------------------------


def random_bytes(folder: Path) -> Path:
    """64 KB of seeded random bytes saved as a .txt file."""
    path = folder / "random.txt"
    path.write_bytes(random.Random(20211011).randbytes(64 * 1024))
    return path


def invalid_utf8(folder: Path) -> Path:
    """Text that is UTF-8 except for one Latin-1 byte (0xE9) in the body."""
    path = folder / "latin1.txt"
    path.write_bytes(STORY.encode("utf-8") + b"The caf\xe9 stayed open late.\n")
    return path


def huge_sparse_text(folder: Path) -> Path:
    """A 200 MB .txt file that takes no disk space (sparse): the size alone must refuse it."""
    path = folder / "huge.txt"
    with open(path, "wb") as stream:
        stream.write(STORY.encode("utf-8"))
    os.truncate(path, 200 * MiB)
    return path


def ten_megabyte_line(folder: Path) -> Path:
    """A headline, then a single 10 MB line of words with no line break."""
    path = folder / "oneline.txt"
    path.write_bytes(b"Headline\n\n" + b"word " * (2 * MiB) + b"\n")
    return path


def deep_html(folder: Path, depth: int = 100_000) -> Path:
    """A page with ``depth`` nested <div> elements around its only paragraph."""
    path = folder / "deep.html"
    path.write_text(
        "<html><body><h1>Deep</h1>"
        + "<div>" * depth
        + "<p>The bottom paragraph.</p>"
        + "</div>" * depth
        + "</body></html>",
        encoding="utf-8",
    )
    return path


def _valid_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("Observatory Opens Its Doors", style="Title")
    document.add_paragraph("The new observatory opened on Saturday to a crowd of visitors.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def rezip(data: bytes, replace: dict[str, bytes]) -> bytes:
    """The same package with some parts' bytes replaced (or added)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            value = replace.pop(entry.filename) if entry.filename in replace else source.read(entry)
            target.writestr(entry.filename, value)
        for name, value in replace.items():
            target.writestr(name, value)
    return out.getvalue()


def docx_not_zip(folder: Path) -> Path:
    """Plain text saved with a .docx name."""
    path = folder / "notzip.docx"
    path.write_bytes(STORY.encode("utf-8"))
    return path


def docx_external_entity(folder: Path) -> Path:
    """A Word file whose document part declares an external entity pointing at /etc/passwd."""
    data = _valid_docx()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml")
    head, rest = xml.split(b"?>", 1)
    doctype = b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    poisoned = head + b"?>" + doctype + rest.replace(b"The new observatory", b"&xxe; The new observatory")
    path = folder / "xxe.docx"
    path.write_bytes(rezip(data, {"word/document.xml": poisoned}))
    return path


def docx_zip_bomb(folder: Path) -> Path:
    """A Word file carrying a part that unpacks to 300 MB of zeros (a few hundred KB packed)."""
    data = _valid_docx()
    out = io.BytesIO()
    packed = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1)
    with zipfile.ZipFile(io.BytesIO(data)) as source, packed as target:
        for entry in source.infolist():
            target.writestr(entry, source.read(entry))
        with target.open("word/media/zeros.bin", "w", force_zip64=True) as part:
            block = bytes(MiB)
            for _ in range(300):
                part.write(block)
    path = folder / "bomb.docx"
    path.write_bytes(out.getvalue())
    return path


def html_hostile() -> str:
    """A news page carrying every kind of active content an export must never carry."""
    return """<!DOCTYPE html><html><head><title>Observatory Opens Its Doors</title>
<style>body { background: url(javascript:alert('STYLE1')) } .x{color:red}</style>
<script>alert('SCRIPT1')</script>
<script src="https://evil.example/SCRIPT2.js"></script>
<link rel="stylesheet" href="javascript:alert('LINK1')">
<meta http-equiv="refresh" content="0;url=javascript:alert('META1')">
</head><body onload="alert('ONLOAD1')">
<article>
<h1 onclick="alert('ONCLICK1')">Observatory Opens Its Doors</h1>
<p class="byline">By Jane Roe</p>
<p onmouseover="alert('ONMOUSE1')">The new observatory opened on Saturday to a crowd of visitors,
<a href="javascript:alert('JSLINK1')">said the director</a> and
<a href="JaVaScRiPt:alert('JSLINK2')">her deputy</a>.</p>
<script>document.write('SCRIPT3')</script>
<style>p { display: none } /* STYLE2 */</style>
<iframe src="https://evil.example/IFRAME1"><p>IFRAME2 fallback text</p></iframe>
<figure><img src="x.jpg" alt="the dome" onerror="alert('ONERROR1')">
<figcaption>The dome at dusk. <span class="credit">Jane Roe/Reuters</span></figcaption></figure>
<p>Volunteers ran tours until midnight <img src=x onerror=alert('ONERROR2')> and the
<a href="vbscript:msgbox('VBS1')">café</a> stayed open, with
<a href="data:text/html,DATA1">a data link</a>.</p>
<p>Visitors wrote &lt;script&gt;alert('ESCAPED1')&lt;/script&gt; in the guest book.</p>
<svg onload="alert('SVG1')"><script>alert('SVG2')</script></svg>
<object data="javascript:alert('OBJECT1')"></object><embed src="javascript:alert('EMBED1')">
<form action="javascript:alert('FORM1')"><button formaction="javascript:alert('BUTTON1')">Go</button></form>
</article></body></html>"""


#: Markers placed in the hostile page's active content: none may appear in any export.
HOSTILE_MARKERS = (
    "STYLE1", "STYLE2", "SCRIPT1", "SCRIPT2", "SCRIPT3", "LINK1", "META1", "ONLOAD1", "ONCLICK1",
    "ONMOUSE1", "JSLINK1", "JSLINK2", "IFRAME1", "IFRAME2", "ONERROR1", "ONERROR2", "VBS1", "DATA1",
    "SVG1", "SVG2", "OBJECT1", "EMBED1", "FORM1", "BUTTON1",
)  # fmt: skip
#: Words that mean active content survived, whatever the marker.
HOSTILE_WORDS = (
    "<script", "</script", "javascript:", "vbscript:", "data:text/html", "<iframe", "<style", "onerror",
    "onclick", "onload", "onmouseover", "alert(", "document.write", "<object", "<embed", "<svg", "<form",
)  # fmt: skip


def markdown_hostile() -> str:
    """A Markdown article with raw HTML and script links in it (Markdown passes raw HTML through)."""
    return """# Observatory Opens Its Doors

By Jane Roe

The new observatory opened on Saturday <script>alert('SCRIPT1')</script> to a crowd of visitors,
[said the director](javascript:alert('JSLINK1')).

<style>p { color: red } /* STYLE1 */</style>

<iframe src="https://evil.example/IFRAME1"></iframe>

![the dome](dome.jpg "The dome at dusk.")

Jane Roe/Reuters

Volunteers ran tours until midnight <img src=x onerror="alert('ONERROR1')"> and
[the cafe](vbscript:msgbox('VBS1')) stayed open
<a href="JavaScript:alert('JSLINK2')" onclick="alert('ONCLICK1')">late</a>.
"""


# --- pictures ---------------------------------------------------------------------------------------


def photo_jpeg_bytes(size: tuple[int, int] = (320, 240)) -> bytes:
    """A small photo-like JPEG (gradients and noise), so a cut-off one is visibly cut off."""
    width, height = size
    im = Image.merge(
        "RGB",
        (
            Image.linear_gradient("L").resize(size),
            Image.radial_gradient("L").resize(size),
            Image.effect_noise(size, 40),
        ),
    )
    out = io.BytesIO()
    im.save(out, "JPEG", quality=90)
    assert (width, height) == im.size
    return out.getvalue()


def good_jpeg(folder: Path) -> Path:
    path = folder / "good.jpg"
    path.write_bytes(photo_jpeg_bytes())
    return path


def truncated_jpeg(folder: Path) -> Path:
    """A photo cut off halfway through its scan data."""
    data = photo_jpeg_bytes()
    path = folder / "truncated.jpg"
    path.write_bytes(data[: len(data) // 2])
    return path


def png_signature_then_garbage(folder: Path) -> Path:
    """The eight-byte PNG signature followed by seeded random bytes."""
    path = folder / "garbage.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + random.Random(7).randbytes(4096))
    return path


def jpeg_lying_size(folder: Path) -> Path:
    """A real JPEG whose frame header (SOF0) is edited to declare 65,500 × 65,500 pixels."""
    data = bytearray(photo_jpeg_bytes())
    sof = data.index(b"\xff\xc0")
    struct.pack_into(">HH", data, sof + 5, 65_500, 65_500)
    path = folder / "lying-size.jpg"
    path.write_bytes(bytes(data))
    return path


def _png_chunk(ctype: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + ctype + data + struct.pack(">I", zlib.crc32(ctype + data))


def png_bomb(folder: Path, side: int = 50_000) -> Path:
    """A whole, valid ``side`` × ``side`` 1-bit PNG: about 1.4 MB on disk, 2.5 gigapixels decoded."""
    row = bytes(1 + side // 8)
    packer = zlib.compressobj(1)
    rows_per_block = 1000
    block = row * rows_per_block
    idat = b"".join(packer.compress(block) for _ in range(side // rows_per_block)) + packer.flush()
    ihdr = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    path = folder / "bomb.png"
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", ihdr)
        + _png_chunk(b"IDAT", idat)
        + _png_chunk(b"IEND", b"")
    )
    return path


XMP_NS = b"http://ns.adobe.com/xap/1.0/\x00"
XMP_EXT_NS = b"http://ns.adobe.com/xmp/extension/\x00"


def _app1(payload: bytes) -> bytes:
    return b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload


def xmp_packet(credit: str, filler_bytes: int = 0) -> bytes:
    """An XMP packet naming ``credit`` as photoshop:Credit, padded with ``filler_bytes`` of description."""
    filler = ("x" * 79 + "\n") * (filler_bytes // 80)
    description = (
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{filler}</rdf:li></rdf:Alt></dc:description>'
        if filler
        else ""
    )
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<photoshop:Credit>{credit}</photoshop:Credit>"
        f"{description}</rdf:Description>"
        '</rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    ).encode()


def jpeg_with_1mb_xmp(folder: Path) -> Path:
    """A JPEG carrying 1 MB of XMP, the way Adobe's spec allows: a small standard packet in one APP1
    segment, and the 1 MB extended packet split over about 16 more APP1 segments (XMP Part 3, 1.1.3.1)."""
    import hashlib

    extended = xmp_packet("Extended Credit", filler_bytes=MiB)
    digest = hashlib.md5(extended).hexdigest().upper().encode("ascii")  # noqa: S324 - the spec's GUID
    standard = xmp_packet("Jane Roe/Reuters").replace(
        b"<photoshop:Credit>",
        b'<xmpNote:HasExtendedXMP xmlns:xmpNote="http://ns.adobe.com/xmp/note/">'
        + digest
        + b"</xmpNote:HasExtendedXMP><photoshop:Credit>",
    )
    segments = [_app1(XMP_NS + standard)]
    chunk = 65_000
    for offset in range(0, len(extended), chunk):
        piece = extended[offset : offset + chunk]
        segments.append(_app1(XMP_EXT_NS + digest + struct.pack(">II", len(extended), offset) + piece))
    data = photo_jpeg_bytes()
    path = folder / "big-xmp.jpg"
    path.write_bytes(data[:2] + b"".join(segments) + data[2:])
    return path


def png_bytes(size: tuple[int, int] = (64, 48)) -> bytes:
    out = io.BytesIO()
    Image.linear_gradient("L").resize(size).convert("RGB").save(out, "PNG")
    return out.getvalue()


def png_text_bomb(folder: Path) -> Path:
    """A small PNG whose XMP text chunk (before the pixels) unpacks to 17 MB."""
    data = png_bytes()
    bomb = _png_chunk(b"iTXt", b"XML:com.adobe.xmp\x00\x01\x00\x00\x00" + zlib.compress(b"x" * (17 * MiB), 9))
    path = folder / "text-bomb.png"
    path.write_bytes(data[:33] + bomb + data[33:])  # right after IHDR
    return path


def png_named_jpg(folder: Path) -> Path:
    path = folder / "photo.jpg"
    path.write_bytes(png_bytes())
    return path


def text_named_jpg(folder: Path) -> Path:
    path = folder / "notes.jpg"
    path.write_text("Call the photographer about the dome pictures.\n", encoding="utf-8")
    return path


def jpeg_with_many_xmp_packets(folder: Path, count: int = 18) -> Path:
    """A JPEG with ``count`` standard XMP packets of 60 KB each (a file may have one): over 1 MB."""
    credits = ["Jane Roe/Reuters", *(f"Other Credit {i}" for i in range(1, count))]
    segments = b"".join(_app1(XMP_NS + xmp_packet(c, filler_bytes=60_000)) for c in credits)
    data = photo_jpeg_bytes()
    path = folder / "many-xmp.jpg"
    path.write_bytes(data[:2] + segments + data[2:])
    return path


def _picture_with_xmp(folder: Path, name: str, **save: object) -> Path:
    path = folder / name
    Image.linear_gradient("L").resize((64, 48)).convert("RGB").save(path, **save)  # type: ignore[arg-type]
    return path


def png_with_1mb_xmp(folder: Path) -> Path:
    """A PNG whose compressed XMP chunk unpacks to 1 MB (Pillow's own default limit)."""
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_itxt("XML:com.adobe.xmp", xmp_packet("Jane Roe/Reuters", MiB).decode("utf-8"), zip=True)
    path = _picture_with_xmp(folder, "big-xmp.png", pnginfo=info)
    # compressed, the packet is small: pad the file past 1 MB with an ordinary private chunk
    data = path.read_bytes()
    iend = data.rindex(b"IEND") - 4
    path.write_bytes(data[:iend] + _png_chunk(b"prVt", random.Random(3).randbytes(MiB)) + data[iend:])
    return path


def tiff_with_1mb_xmp(folder: Path) -> Path:
    return _picture_with_xmp(folder, "big-xmp.tif", tiffinfo={700: xmp_packet("Jane Roe/Reuters", MiB)})


def webp_with_1mb_xmp(folder: Path) -> Path:
    return _picture_with_xmp(folder, "big-xmp.webp", xmp=xmp_packet("Jane Roe/Reuters", MiB))
