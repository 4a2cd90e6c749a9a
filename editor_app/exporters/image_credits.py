"""Write the approved caption and credit into an exported picture's own metadata.

Every format gets XMP (dc:creator, dc:rights, dc:description, photoshop:Credit,
photoshop:Source, photoshop:Instructions for the usage kind, and
xmpRights:UsageTerms) and EXIF Artist, Copyright and ImageDescription. IPTC
IIM (By-line, Credit, Source, Copyright Notice, Caption-Abstract, Special
Instructions) is written where the format has a place for it: JPEG (APP13),
TIFF (tag 33723) and PNG (a "Raw profile type iptc" text chunk, as ImageMagick,
Exiv2 and ExifTool read it). WebP has no IIM container, so WebP files carry
XMP and EXIF only.

Nothing is re-encoded: new metadata is spliced between the file's existing
parts (JPEG segments, PNG chunks, RIFF chunks) and TIFF/EXIF get a new first
directory appended, so every other tag, the thumbnail and the maker notes stay
where they were. Existing metadata is merged, not dropped: other XMP
properties and IIM datasets are kept. The one exception is a JPEG's extended
XMP (the part of a packet over 64 KB): it may repeat the credit properties, and
a reader that lets it win would show a credit the desk never approved, so it is
left out and a warning says so.

IIM fields have byte limits (Credit, By-line and Source 32, Copyright Notice
128). The full text always goes to XMP; IIM gets the house short form of a
credit (``iim_short_form``) or the text cut at a character boundary, and each
such shortening comes back as a warning for the photo editor. IIM text is
written as UTF-8 and marked so (1:90).

No permissively licensed, maintained Python library writes IIM and XMP into
JPEG, PNG, WebP and TIFF without re-encoding (pyexiv2/py3exiv2 are GPL;
iptcinfo3 is Artistic/GPL, JPEG-only, and sets its charset marker through a
module-wide switch; Pillow writes EXIF/XMP only by re-encoding the picture and
its EXIF writer drops the IFD1 thumbnail and non-ASCII text it did not set).
The containers are simple and specified, so they are written here.
"""

from __future__ import annotations

import hashlib
import os
import struct
import tempfile
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from warnings import catch_warnings, simplefilter

from lxml import etree
from PIL import Image

from editor_app.domain import Credit
from editor_app.errors import ImportRejected, InvalidRequest
from editor_app.importers.image_file import check_kind
from editor_app.importers.image_meta import (
    IIM_CODES,
    NS,
    PHOTOSHOP_SIGNATURE,
    RESOURCE_IPTC,
    RESOURCE_IPTC_DIGEST,
    UTF8_MARK,
    encode_iim,
    encode_resources,
    iim_from_resources,
    parse_iim,
    parse_resources,
    parse_xmp_packet,
    png_text,
    raw_profile,
)
from editor_app.text.credits import (
    AgencyRegistry,
    HouseCreditFormat,
    byte_length,
    canonical_parts,
    cut_to_bytes,
    house_format,
    iim_short_form,
    parse_credit,
)

_RDF = f"{{{NS['rdf']}}}"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_XMP_ID = b"http://ns.adobe.com/xap/1.0/\x00"
_XMP_EXTENSION_ID = b"http://ns.adobe.com/xmp/extension/\x00"
_HAS_EXTENDED = "{http://ns.adobe.com/xmp/note/}HasExtendedXMP"
_EXIF_ID = b"Exif\x00\x00"
_MAX_SEGMENT = 65533  # JPEG segment payload, after the two length bytes

# TIFF field types
_BYTE, _ASCII, _UNDEFINED = 1, 2, 7


@dataclass(frozen=True)
class CreditFields:
    """What goes into the file, by field, already in its final text."""

    caption: str | None
    credit: str | None
    iim_credit: str | None
    creators: tuple[str, ...]
    rights: str | None
    source: str | None
    usage_kind: str | None
    usage_terms: str | None


# --- values ----------------------------------------------------------------------------------------


def _fields(
    caption: str | None,
    credit: Credit | str | None,
    creator: str | Sequence[str] | None,
    rights: str | None,
    source: str | None,
    usage_kind: str | None,
    usage_terms: str | None,
    house: HouseCreditFormat,
    registry: AgencyRegistry | None,
    warnings: list[str],
) -> CreditFields:
    parsed = parse_credit(credit, registry, house) if isinstance(credit, str) else credit
    line = (parsed.raw.strip() or None) if parsed else None
    iim_credit = None
    canonical = canonical_parts(parsed, registry) if parsed else None
    if line and canonical:
        limit = house.iim_limits.get("Credit", 32)
        if byte_length(line) <= limit:
            iim_credit = line
        else:
            iim_credit = iim_short_form(canonical, house, registry, limit)
            warnings.append(
                f"Credit line is {byte_length(line)} bytes, over IPTC IIM Credit's {limit}: "
                f"IIM Credit gets the house short form {iim_credit!r}; XMP keeps the full line."
            )
    if creator is None:
        creators: tuple[str, ...] = (canonical.creator,) if canonical and canonical.creator else ()
    elif isinstance(creator, str):
        creators = (creator,) if creator else ()
    else:
        creators = tuple(c for c in creator if c)
    if source is None and canonical:
        source = canonical.agency or canonical.distributor
    if usage_kind is None and canonical:
        usage_kind = canonical.kind
    return CreditFields(caption, line, iim_credit, creators, rights, source, usage_kind, usage_terms)


def _iim_text(name: str, text: str, house: HouseCreditFormat, warnings: list[str]) -> bytes:
    limit = house.iim_limits.get(name)
    if limit is not None and byte_length(text) > limit:
        cut = cut_to_bytes(text, limit)
        warnings.append(
            f"IPTC IIM {name} holds {limit} bytes; {text!r} is {byte_length(text)}: IIM gets {cut!r}, "
            "XMP keeps the full text."
        )
        text = cut
    return text.encode("utf-8")


# --- XMP -------------------------------------------------------------------------------------------


def _q(prefix: str, name: str) -> str:
    return f"{{{NS[prefix]}}}{name}"


def build_xmp(existing: bytes | None, fields: CreditFields, *, drop_extended: bool = False) -> bytes:
    """An XMP packet: the existing one (if well-formed) with the credit properties replaced.

    ``drop_extended`` removes the pointer to a JPEG extended XMP packet that is not copied.
    """
    root = parse_xmp_packet(existing) if existing else None
    rdf = None
    if root is not None:
        rdf = root if root.tag == f"{_RDF}RDF" else root.find(f"{_RDF}RDF")
    if root is None or rdf is None:
        root = etree.Element(_q("x", "xmpmeta"), nsmap={"x": NS["x"]})
        root.set(_q("x", "xmptk"), "editor_app")
        rdf = etree.SubElement(root, f"{_RDF}RDF", nsmap={"rdf": NS["rdf"]})
    descriptions = rdf.findall(f"{_RDF}Description")
    if descriptions:
        desc = descriptions[0]
    else:
        nsmap = {p: NS[p] for p in ("dc", "photoshop", "xmpRights")}
        desc = etree.SubElement(rdf, f"{_RDF}Description", nsmap=nsmap)
        desc.set(f"{_RDF}about", "")

    def clear(prefix: str, name: str) -> None:
        tag = _q(prefix, name)
        for d in descriptions or [desc]:
            d.attrib.pop(tag, None)
            for old in d.findall(tag):
                d.remove(old)

    def simple(prefix: str, name: str, value: str | None) -> None:
        if value is None:
            return
        clear(prefix, name)
        etree.SubElement(desc, _q(prefix, name), nsmap={prefix: NS[prefix]}).text = value

    def alt(prefix: str, name: str, value: str | None) -> None:
        if value is None:
            return
        clear(prefix, name)
        prop = etree.SubElement(desc, _q(prefix, name), nsmap={prefix: NS[prefix]})
        li = etree.SubElement(etree.SubElement(prop, f"{_RDF}Alt"), f"{_RDF}li")
        li.set(_XML_LANG, "x-default")
        li.text = value

    if fields.creators:
        clear("dc", "creator")
        prop = etree.SubElement(desc, _q("dc", "creator"), nsmap={"dc": NS["dc"]})
        seq = etree.SubElement(prop, f"{_RDF}Seq")
        for name in fields.creators:
            etree.SubElement(seq, f"{_RDF}li").text = name
    alt("dc", "rights", fields.rights)
    alt("dc", "description", fields.caption)
    simple("photoshop", "Credit", fields.credit)
    simple("photoshop", "Source", fields.source)
    simple("photoshop", "Instructions", fields.usage_kind)
    alt("xmpRights", "UsageTerms", fields.usage_terms)
    if drop_extended:
        for d in descriptions:
            d.attrib.pop(_HAS_EXTENDED, None)
            for old in d.findall(_HAS_EXTENDED):
                d.remove(old)

    body = etree.tostring(root, encoding="utf-8")
    padding = (b" " * 99 + b"\n") * 20
    return (
        b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        + body
        + b"\n"
        + padding
        + b'<?xpacket end="w"?>'
    )


# --- IPTC IIM --------------------------------------------------------------------------------------

_WRITTEN = {IIM_CODES[n] for n in ("By-line", "Credit", "Source", "CopyrightNotice", "Caption-Abstract")} | {
    IIM_CODES["SpecialInstructions"]
}


def build_iim(
    existing: bytes | None, fields: CreditFields, house: HouseCreditFormat, warnings: list[str]
) -> bytes:
    """IIM datasets: the existing ones kept (re-encoded as UTF-8), the credit fields replaced."""
    old = parse_iim(existing) if existing else None
    ours: list[tuple[int, int, bytes]] = []
    if fields.creators:
        ours += [(2, 80, _iim_text("By-line", c, house, warnings)) for c in fields.creators]
    if fields.iim_credit is not None:
        ours.append((2, 110, fields.iim_credit.encode("utf-8")))
    for name, value in (
        ("Source", fields.source),
        ("CopyrightNotice", fields.rights),
        ("Caption-Abstract", fields.caption),
        ("SpecialInstructions", fields.usage_kind),
    ):
        if value is not None:
            ours.append((*IIM_CODES[name], _iim_text(name, value, house, warnings)))
    replaced = {(r, d) for r, d, _v in ours}
    kept: list[tuple[int, int, bytes]] = []
    for record, dataset, raw in old.datasets if old else []:
        if (record, dataset) in replaced or (record, dataset) == (1, 90):
            continue
        if record == 2 and 0 < dataset < 200 and old is not None and not old.is_utf8:
            raw = old.decode(raw).encode("utf-8")
        kept.append((record, dataset, raw))
    if not any((r, d) == (2, 0) for r, d, _v in kept):
        kept.append((2, 0, b"\x00\x04"))
    datasets = [(1, 90, UTF8_MARK), *kept, *ours]
    datasets.sort(key=lambda t: (t[0], t[1]))  # stable: repeated datasets keep their order
    return encode_iim(datasets)


def build_resources(existing: list[bytes], iim: bytes) -> bytes:
    """Photoshop image resources with the IPTC block replaced (and its digest, if it had one)."""
    resources = [r for block in existing for r in parse_resources(block)]
    had_digest = any(rid == RESOURCE_IPTC_DIGEST for rid, _n, _v in resources)
    out: list[tuple[int, bytes, bytes]] = []
    placed = False
    for rid, name, value in resources:
        if rid == RESOURCE_IPTC_DIGEST:
            continue
        if rid == RESOURCE_IPTC:
            if not placed:
                out.append((RESOURCE_IPTC, name, iim))
                placed = True
            continue
        out.append((rid, name, value))
    if not placed:
        out.append((RESOURCE_IPTC, b"", iim))
    if had_digest:
        out.append((RESOURCE_IPTC_DIGEST, b"", hashlib.md5(iim, usedforsecurity=False).digest()))
    return encode_resources(out)


# --- EXIF / TIFF directories -----------------------------------------------------------------------


def _exif_tags(fields: CreditFields) -> dict[int, tuple[int, bytes]]:
    tags: dict[int, tuple[int, bytes]] = {}
    if fields.caption is not None:
        tags[270] = (_ASCII, fields.caption.encode("utf-8") + b"\x00")
    if fields.creators:
        tags[315] = (_ASCII, "; ".join(fields.creators).encode("utf-8") + b"\x00")
    if fields.rights is not None:
        tags[33432] = (_ASCII, fields.rights.encode("utf-8") + b"\x00")
    return tags


_EMPTY_TIFF = b"MM\x00*\x00\x00\x00\x08\x00\x00\x00\x00\x00\x00"


def set_first_ifd_tags(blob: bytes, tags: dict[int, tuple[int, bytes]]) -> bytes:
    """A TIFF stream with its first directory rewritten at the end, holding ``tags``.

    Everything else stays at its offset (strips, the EXIF and GPS directories,
    the thumbnail directory, maker notes); the old first directory is left
    unreferenced. Values are byte strings of BYTE/ASCII/UNDEFINED fields.
    """
    order = {b"II": "<", b"MM": ">"}.get(blob[:2])
    if order is None or len(blob) < 8:
        raise ValueError("not a TIFF stream")
    (magic,) = struct.unpack(order + "H", blob[2:4])
    if magic != 42:
        raise ValueError("BigTIFF is not supported")
    (first,) = struct.unpack(order + "I", blob[4:8])
    if first + 2 > len(blob):
        raise ValueError("first directory lies outside the file")
    (count,) = struct.unpack(order + "H", blob[first : first + 2])
    end = first + 2 + 12 * count
    if end + 4 > len(blob):
        raise ValueError("first directory is cut off")
    entries = {
        struct.unpack(order + "H", blob[first + 2 + 12 * i : first + 4 + 12 * i])[0]: blob[
            first + 2 + 12 * i : first + 14 + 12 * i
        ]
        for i in range(count)
    }
    next_ifd = blob[end : end + 4]
    out = bytearray(blob)
    if len(out) % 2:
        out += b"\x00"
    ifd_at = len(out)
    total = len(set(entries) | set(tags))
    values_at = ifd_at + 2 + 12 * total + 4
    values = bytearray()
    for tag, (ftype, value) in tags.items():
        if len(value) <= 4:
            entries[tag] = struct.pack(order + "HHI", tag, ftype, len(value)) + value.ljust(4, b"\x00")
        else:
            offset = values_at + len(values)
            entries[tag] = struct.pack(order + "HHII", tag, ftype, len(value), offset)
            values += value + (b"\x00" if len(value) % 2 else b"")
    out += struct.pack(order + "H", total)
    for tag in sorted(entries):
        out += entries[tag]
    out += next_ifd + values
    out[4:8] = struct.pack(order + "I", ifd_at)
    return bytes(out)


# --- JPEG ------------------------------------------------------------------------------------------


def jpeg_segments(data: bytes) -> tuple[list[tuple[int, bytes]], int]:
    """The marker segments before the first scan as (marker, payload), and where the scan (SOS) starts."""
    if not data.startswith(b"\xff\xd8"):
        raise ValueError("not a JPEG")
    segments: list[tuple[int, bytes]] = []
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            raise ValueError(f"expected a marker at byte {pos}")
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == 0xDA:
            return segments, pos
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            segments.append((marker, b""))
            pos += 2
            continue
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        if length < 2 or pos + 2 + length > len(data):
            raise ValueError("a marker segment runs past the end of the file")
        segments.append((marker, data[pos + 4 : pos + 2 + length]))
        pos += 2 + length
    raise ValueError("no picture data (SOS) found")


def _segment(marker: int, payload: bytes, what: str) -> bytes:
    if len(payload) > _MAX_SEGMENT:
        raise InvalidRequest(f"{what} is {len(payload):,} bytes, over the 64 KB a JPEG segment holds")
    return bytes((0xFF, marker)) + struct.pack(">H", len(payload) + 2) + payload


def _embed_jpeg(data: bytes, fields: CreditFields, house: HouseCreditFormat, warnings: list[str]) -> bytes:
    segments, scan = jpeg_segments(data)
    exif = next((p for m, p in segments if m == 0xE1 and p.startswith(_EXIF_ID)), None)
    xmp = next((p for m, p in segments if m == 0xE1 and p.startswith(_XMP_ID)), None)
    extended = sum(len(p) for m, p in segments if m == 0xE1 and p.startswith(_XMP_EXTENSION_ID))
    if extended:
        warnings.append(
            f"the picture's extended XMP ({extended:,} bytes) was not copied: it could override "
            "the approved credit and caption"
        )
    app13 = [
        p[len(PHOTOSHOP_SIGNATURE) :] for m, p in segments if m == 0xED and p.startswith(PHOTOSHOP_SIGNATURE)
    ]
    old_iim = next((iim for block in app13 if (iim := iim_from_resources(block))), None)

    tiff = exif[len(_EXIF_ID) :] if exif else _EMPTY_TIFF
    new_exif = _segment(0xE1, _EXIF_ID + set_first_ifd_tags(tiff, _exif_tags(fields)), "EXIF")
    old_xmp = xmp[len(_XMP_ID) :] if xmp else None
    new_xmp = _segment(0xE1, _XMP_ID + build_xmp(old_xmp, fields, drop_extended=bool(extended)), "XMP")
    iim = build_iim(old_iim, fields, house, warnings)
    new_app13 = _segment(0xED, PHOTOSHOP_SIGNATURE + build_resources(app13, iim), "Photoshop APP13")

    out = bytearray(b"\xff\xd8")
    pending = [new_exif, new_xmp, new_app13]
    placed = {"exif": False, "xmp": False, "app13": False}
    for marker, payload in segments:
        if marker == 0xE1 and payload.startswith(_EXIF_ID):
            if not placed["exif"]:
                out += new_exif
                placed["exif"] = True
            continue
        if marker == 0xE1 and payload.startswith(_XMP_EXTENSION_ID):
            continue
        if marker == 0xE1 and payload.startswith(_XMP_ID):
            if not placed["xmp"]:
                out += new_xmp
                placed["xmp"] = True
            continue
        if marker == 0xED and payload.startswith(PHOTOSHOP_SIGNATURE):
            if not placed["app13"]:
                out += new_app13
                placed["app13"] = True
            continue
        if marker != 0xE0 and not all(placed.values()):
            # first segment past APP0: put whatever is still missing here, in the usual order
            for key, seg in zip(("exif", "xmp", "app13"), pending, strict=True):
                if not placed[key]:
                    out += seg
                    placed[key] = True
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            out += bytes((0xFF, marker))
        else:
            out += bytes((0xFF, marker)) + struct.pack(">H", len(payload) + 2) + payload
    out += data[scan:]
    return bytes(out)


# --- PNG -------------------------------------------------------------------------------------------

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_REPLACED_KEYS = {
    b"XML:com.adobe.xmp",
    b"Raw profile type exif",
    b"Raw profile type APP1",
    b"Raw profile type iptc",
    b"Raw profile type xmp",
}


def _png_chunk(ctype: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + ctype + data + struct.pack(">I", zlib.crc32(ctype + data))


def _raw_profile_text(kind: str, data: bytes) -> bytes:
    hexed = data.hex()
    lines = "\n".join(hexed[i : i + 72] for i in range(0, len(hexed), 72))
    return f"\n{kind}\n{len(data):8d}\n{lines}\n".encode("ascii")


def _embed_png(data: bytes, fields: CreditFields, house: HouseCreditFormat, warnings: list[str]) -> bytes:
    exif: bytes | None = None
    xmp: bytes | None = None
    iim: bytes | None = None
    chunks: list[tuple[bytes, bytes]] = []  # (type, whole chunk as stored)
    pos = 8
    while pos + 12 <= len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        ctype, chunk = data[pos + 4 : pos + 8], data[pos : pos + 12 + length]
        pos += 12 + length
        body = chunk[8:-4]
        key = body.split(b"\x00", 1)[0] if ctype in (b"tEXt", b"zTXt", b"iTXt") else b""
        if ctype == b"eXIf":
            exif = exif or body
        elif key in _PNG_REPLACED_KEYS:
            text = png_text(ctype, body)
            value = text[1] if text else b""
            raw = raw_profile(value) if key.startswith(b"Raw profile") else None
            if key == b"XML:com.adobe.xmp":
                xmp = xmp or value
            elif key == b"Raw profile type xmp":
                xmp = xmp or raw
            elif key == b"Raw profile type iptc" and raw:
                iim = iim or (iim_from_resources(raw) if raw.startswith(b"8BIM") else raw)
            elif raw:
                exif = exif or (raw[len(_EXIF_ID) :] if raw.startswith(_EXIF_ID) else raw)
        else:
            chunks.append((ctype, chunk))
        if ctype == b"IEND":
            break
    if not chunks or chunks[0][0] != b"IHDR" or chunks[-1][0] != b"IEND":
        raise ValueError("the PNG does not start with IHDR and end with IEND")
    profile = _raw_profile_text("iptc", build_iim(iim, fields, house, warnings))
    new = (
        _png_chunk(b"eXIf", set_first_ifd_tags(exif or _EMPTY_TIFF, _exif_tags(fields)))
        + _png_chunk(b"iTXt", b"XML:com.adobe.xmp\x00\x00\x00\x00\x00" + build_xmp(xmp, fields))
        + _png_chunk(b"zTXt", b"Raw profile type iptc\x00\x00" + zlib.compress(profile))
    )
    return _PNG_SIGNATURE + chunks[0][1] + new + b"".join(chunk for _t, chunk in chunks[1:])


# --- WebP ------------------------------------------------------------------------------------------


def _riff_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise ValueError("not a WebP file")
    chunks: list[tuple[bytes, bytes]] = []
    pos = 12
    while pos + 8 <= len(data):
        ctype = data[pos : pos + 4]
        (size,) = struct.unpack("<I", data[pos + 4 : pos + 8])
        if pos + 8 + size > len(data):
            raise ValueError(f"WebP chunk {ctype!r} runs past the end of the file")
        chunks.append((ctype, data[pos + 8 : pos + 8 + size]))
        pos += 8 + size + (size % 2)
    return chunks


def _embed_webp(
    data: bytes, fields: CreditFields, size: tuple[int, int], has_alpha: bool, warnings: list[str]
) -> bytes:
    chunks = _riff_chunks(data)
    exif = next((b for t, b in chunks if t == b"EXIF"), None)
    xmp = next((b for t, b in chunks if t == b"XMP "), None)
    if exif is not None and exif.startswith(_EXIF_ID):
        exif = exif[len(_EXIF_ID) :]
    body = [(t, b) for t, b in chunks if t not in (b"EXIF", b"XMP ")]
    if body and body[0][0] == b"VP8X":
        flags = body[0][1][0] | 0x08 | 0x04
        body[0] = (b"VP8X", bytes([flags]) + body[0][1][1:])
    else:
        flags = 0x08 | 0x04 | (0x10 if has_alpha else 0) | (0x20 if any(t == b"ICCP" for t, _ in body) else 0)
        width, height = size[0] - 1, size[1] - 1
        vp8x = bytes([flags, 0, 0, 0]) + width.to_bytes(3, "little") + height.to_bytes(3, "little")
        body.insert(0, (b"VP8X", vp8x))
    body.append((b"EXIF", set_first_ifd_tags(exif or _EMPTY_TIFF, _exif_tags(fields))))
    body.append((b"XMP ", build_xmp(xmp, fields)))
    warnings.append("WebP has no place for IPTC IIM: credit and caption are in XMP and EXIF only.")
    payload = b"".join(t + struct.pack("<I", len(b)) + b + (b"\x00" if len(b) % 2 else b"") for t, b in body)
    return b"RIFF" + struct.pack("<I", 4 + len(payload)) + b"WEBP" + payload


# --- TIFF ------------------------------------------------------------------------------------------


def _embed_tiff(data: bytes, fields: CreditFields, house: HouseCreditFormat, warnings: list[str]) -> bytes:
    with Image.open(BytesIO(data), formats=["TIFF"]) as im:
        tags = im.tag_v2  # type: ignore[attr-defined]
        old_xmp = tags.get(700)
        raw_iim = getattr(tags, "_tagdata", {}).get(33723)
    new_tags = _exif_tags(fields)
    new_tags[700] = (_BYTE, build_xmp(old_xmp if isinstance(old_xmp, bytes) else None, fields))
    new_tags[33723] = (
        _UNDEFINED,
        build_iim(raw_iim if isinstance(raw_iim, bytes) else None, fields, house, warnings),
    )
    return set_first_ifd_tags(data, new_tags)


# --- entry point -----------------------------------------------------------------------------------


def embed_credits(
    src: Path | str,
    dst: Path | str,
    *,
    caption: str | None,
    credit: Credit | str | None,
    creator: str | Sequence[str] | None = None,
    rights: str | None = None,
    source: str | None = None,
    usage_kind: str | None = None,
    usage_terms: str | None = None,
    house: HouseCreditFormat | None = None,
    registry: AgencyRegistry | None = None,
) -> list[str]:
    """Copy ``src`` to ``dst`` with caption, credit and rights written into its metadata.

    ``None`` (or an empty string) leaves a field as the file has it. ``creator``, ``source`` and
    ``usage_kind`` default to the credit's parsed creator, agency and kind.
    Returns warnings for the photo editor (IIM shortenings, what a format
    cannot hold). Raises ImportRejected if ``src`` is not a supported picture.
    """
    src, dst = Path(src), Path(dst)
    house = house or house_format()
    caption, rights, source, usage_kind, usage_terms = (
        v or None for v in (caption, rights, source, usage_kind, usage_terms)
    )
    if isinstance(credit, str):
        credit = credit or None
    data = src.read_bytes()
    kind = check_kind(src, data[:64])
    warnings: list[str] = []
    fields = _fields(
        caption, credit, creator, rights, source, usage_kind, usage_terms, house, registry, warnings
    )
    writers: dict[str, Callable[[], bytes]] = {
        "JPEG": lambda: _embed_jpeg(data, fields, house, warnings),
        "PNG": lambda: _embed_png(data, fields, house, warnings),
        "TIFF": lambda: _embed_tiff(data, fields, house, warnings),
        "WEBP": lambda: _embed_webp(data, fields, *_webp_shape(data), warnings),
    }
    try:
        with catch_warnings():
            simplefilter("ignore", UserWarning)  # damaged tags: read_metadata reported them on attach
            out = writers[kind]()
    except (ValueError, struct.error, OSError, SyntaxError) as exc:
        raise ImportRejected(str(src), f"metadata cannot be written into this {kind} file: {exc}") from None
    _check_readable(src, kind, data, out)
    _write_atomically(dst, out)
    return warnings


def _check_readable(src: Path, kind: str, before: bytes, after: bytes) -> None:
    """Refuse to write a picture that no longer opens as the same picture: damaged tags copied
    from a damaged original can make one, and a broken export is worse than none."""
    try:
        with catch_warnings():
            simplefilter("ignore")
            with (
                Image.open(BytesIO(before), formats=[kind]) as old,
                Image.open(BytesIO(after), formats=[kind]) as new,
            ):
                same = old.size == new.size and old.mode == new.mode
    except (OSError, SyntaxError, ValueError, EOFError, struct.error):
        same = False
    if not same:
        raise ImportRejected(
            str(src),
            f"its {kind} metadata is too damaged to add the credits safely; "
            "open and save the picture again in a photo editor, then attach the new file",
        )


def _webp_shape(data: bytes) -> tuple[tuple[int, int], bool]:
    with Image.open(BytesIO(data), formats=["WEBP"]) as im:
        return im.size, im.mode in ("RGBA", "LA") or "transparency" in im.info


def _write_atomically(dst: Path, data: bytes) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=dst.parent, prefix=f".{dst.name}.")
    try:
        with os.fdopen(fd, "wb") as fp:
            fp.write(data)
        os.replace(tmp, dst)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
