"""Credit-related metadata embedded in picture files: EXIF, IPTC IIM and XMP.

Pillow finds the containers (JPEG APP segments, TIFF tags, WebP chunks) and
decodes EXIF. Three things it does not do are done here, each small:

* IPTC IIM datasets. Pillow's ``IptcImagePlugin.getiptcinfo`` merges every
  Photoshop APP13 block of a JPEG into one dict, so of two conflicting blocks
  the *last* wins, where ExifTool and the IPTC rules take the first; it also
  gives raw bytes without the IIM character set (1:90). So the Photoshop
  resource blocks ("8BIM") and IIM datasets are parsed here.
* PNG text chunks after the pixel data. Pillow only reaches them by decoding
  every pixel (``load()``); a chunk walk reads them without decoding.
* XMP. Pillow's ``getxmp()`` needs defusedxml and drops language
  alternatives and structure; XMP is parsed here with lxml, with entity
  resolution, network access and huge trees off.

No maintained, permissively licensed Python library reads IIM and XMP from
JPEG, PNG, WebP and TIFF alike (py3exiv2/pyexiv2 are GPL; python-xmp-toolkit
needs the Exempi C library and does not read IIM).
"""

from __future__ import annotations

import struct
import warnings
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from lxml import etree
from PIL import Image

from editor_app.domain import EmbeddedMetadata
from editor_app.errors import ImportRejected
from editor_app.importers.image_file import check_kind, open_image

# --- IPTC IIM --------------------------------------------------------------------------------------

#: IIM datasets the desk reads and writes, by (record, dataset).
IIM_NAMES: dict[tuple[int, int], str] = {
    (1, 90): "CodedCharacterSet",
    (2, 0): "ApplicationRecordVersion",
    (2, 5): "ObjectName",
    (2, 25): "Keywords",
    (2, 40): "SpecialInstructions",
    (2, 80): "By-line",
    (2, 85): "By-lineTitle",
    (2, 90): "City",
    (2, 101): "Country-PrimaryLocationName",
    (2, 105): "Headline",
    (2, 110): "Credit",
    (2, 115): "Source",
    (2, 116): "CopyrightNotice",
    (2, 120): "Caption-Abstract",
    (2, 122): "Writer-Editor",
}
IIM_CODES = {name: code for code, name in IIM_NAMES.items()}
UTF8_MARK = b"\x1b%G"


@dataclass
class IimBlock:
    """The datasets of one IIM block, in file order (a dataset may repeat)."""

    datasets: list[tuple[int, int, bytes]] = field(default_factory=list)

    @property
    def is_utf8(self) -> bool:
        return any((r, d) == (1, 90) and v.startswith(UTF8_MARK) for r, d, v in self.datasets)

    def decode(self, value: bytes) -> str:
        """Text of a value: UTF-8 when 1:90 says so, else Windows-1252 (what ExifTool calls Latin)."""
        if self.is_utf8:
            return value.decode("utf-8", "replace")
        return decode_latin(value)

    def values(self, name: str) -> list[str]:
        code = IIM_CODES[name]
        return [self.decode(v) for r, d, v in self.datasets if (r, d) == code]

    def first(self, name: str) -> str | None:
        found = self.values(name)
        return found[0] if found else None


def decode_latin(value: bytes) -> str:
    """Windows-1252, with its five undefined bytes read as Latin-1."""
    return "".join(
        chunk.decode("cp1252", "strict") if i % 2 == 0 else chunk.decode("latin-1")
        for i, chunk in enumerate(_split_undefined(value))
    )


def _split_undefined(value: bytes) -> list[bytes]:
    parts: list[bytes] = []
    current = bytearray()
    for byte in value:
        if byte in (0x81, 0x8D, 0x8F, 0x90, 0x9D):
            parts.extend((bytes(current), bytes([byte])))
            current = bytearray()
        else:
            current.append(byte)
    parts.append(bytes(current))
    return parts


def parse_iim(data: bytes) -> IimBlock:
    """IIM datasets (tag 0x1C, record, dataset, length, value) until the data stops looking like IIM."""
    block = IimBlock()
    pos = 0
    while pos + 5 <= len(data) and data[pos] == 0x1C:
        record, dataset, length = (
            data[pos + 1],
            data[pos + 2],
            struct.unpack(">H", data[pos + 3 : pos + 5])[0],
        )
        pos += 5
        if length & 0x8000:  # extended dataset: the next (length & 0x7FFF) bytes hold the length
            size = length & 0x7FFF
            if size > 4 or pos + size > len(data):
                break
            length = int.from_bytes(data[pos : pos + size], "big")
            pos += size
        if pos + length > len(data):
            break
        block.datasets.append((record, dataset, data[pos : pos + length]))
        pos += length
    return block


def encode_iim(datasets: list[tuple[int, int, bytes]]) -> bytes:
    """IIM bytes for datasets (values up to 32,767 bytes, which every text dataset is)."""
    out = bytearray()
    for record, dataset, value in datasets:
        if len(value) > 0x7FFF:
            raise ValueError(f"IIM {record}:{dataset} value is too long ({len(value)} bytes)")
        out += struct.pack(">BBBH", 0x1C, record, dataset, len(value)) + value
    return bytes(out)


# --- Photoshop image resources (APP13 "8BIM" blocks) -----------------------------------------------

PHOTOSHOP_SIGNATURE = b"Photoshop 3.0\x00"
RESOURCE_IPTC = 0x0404
RESOURCE_IPTC_DIGEST = 0x0425


def parse_resources(data: bytes) -> list[tuple[int, bytes, bytes]]:
    """Photoshop image resources as (id, name bytes, value), in order."""
    out: list[tuple[int, bytes, bytes]] = []
    pos = 0
    while pos + 12 <= len(data) and data[pos : pos + 4] == b"8BIM":
        (rid,) = struct.unpack(">H", data[pos + 4 : pos + 6])
        name_len = data[pos + 6]
        name_field = name_len + 1 + ((name_len + 1) % 2)
        name = data[pos + 7 : pos + 7 + name_len]
        pos += 6 + name_field
        if pos + 4 > len(data):
            break
        (size,) = struct.unpack(">I", data[pos : pos + 4])
        pos += 4
        out.append((rid, name, data[pos : pos + size]))
        pos += size + (size % 2)
    return out


def encode_resources(resources: list[tuple[int, bytes, bytes]]) -> bytes:
    out = bytearray()
    for rid, name, value in resources:
        pascal = bytes([len(name)]) + name
        if len(pascal) % 2:
            pascal += b"\x00"
        out += b"8BIM" + struct.pack(">H", rid) + pascal + struct.pack(">I", len(value)) + value
        if len(value) % 2:
            out += b"\x00"
    return bytes(out)


def iim_from_resources(data: bytes) -> bytes | None:
    for rid, _name, value in parse_resources(data):
        if rid == RESOURCE_IPTC:
            return value
    return None


# --- XMP -------------------------------------------------------------------------------------------

NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "photoshop": "http://ns.adobe.com/photoshop/1.0/",
    "xmpRights": "http://ns.adobe.com/xap/1.0/rights/",
    "Iptc4xmpCore": "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/",
    "Iptc4xmpExt": "http://iptc.org/std/Iptc4xmpExt/2008-02-29/",
    "tiff": "http://ns.adobe.com/tiff/1.0/",
}
_RDF = f"{{{NS['rdf']}}}"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

XmpValue = str | list[str] | dict[str, str]


def xml_parser() -> etree.XMLParser:
    """An lxml parser that never fetches, never expands entities and refuses huge trees."""
    return etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False, remove_pis=True
    )


def parse_xmp_packet(packet: bytes) -> etree._Element | None:
    """The x:xmpmeta (or rdf:RDF) root of a packet, or None when it is not well-formed XML."""
    start = packet.find(b"<")
    end = packet.rfind(b">")
    if start < 0 or end < start:
        return None
    try:
        return etree.fromstring(packet[start : end + 1], xml_parser())
    except etree.XMLSyntaxError:
        return None


def _lang_alt(node: etree._Element) -> str:
    items = node.findall(f"{_RDF}li")
    for li in items:
        if li.get(_XML_LANG) == "x-default":
            return li.text or ""
    return (items[0].text or "") if items else ""


def _value(node: etree._Element) -> XmpValue:
    """A property element's value: text, a list (Seq/Bag), a language default (Alt) or a struct."""
    for child in node:
        if child.tag in (f"{_RDF}Seq", f"{_RDF}Bag"):
            return [li.text or "" for li in child.findall(f"{_RDF}li")]
        if child.tag == f"{_RDF}Alt":
            return _lang_alt(child)
    if node.get(f"{_RDF}resource") is not None:
        return node.get(f"{_RDF}resource") or ""
    struct_node = node.find(f"{_RDF}Description")
    if node.get(f"{_RDF}parseType") == "Resource" or struct_node is not None or len(node):
        holder = struct_node if struct_node is not None else node
        out = {etree.QName(k).localname: v for k, v in holder.attrib.items() if not k.startswith(_RDF)}
        for child in holder:
            if isinstance(child.tag, str):
                value = _value(child)
                out[etree.QName(child).localname] = value if isinstance(value, str) else "; ".join(value)
        return out
    return node.text or ""


def xmp_properties(root: etree._Element) -> dict[tuple[str, str], XmpValue]:
    """Every top-level property of every rdf:Description, keyed by (namespace URI, local name)."""
    props: dict[tuple[str, str], XmpValue] = {}
    for desc in root.iter(f"{_RDF}Description"):
        parent = desc.getparent()
        if parent is None or parent.tag != f"{_RDF}RDF":
            continue
        for key, value in desc.attrib.items():
            q = etree.QName(key)
            if q.namespace and q.namespace != NS["rdf"]:
                props.setdefault((q.namespace, q.localname), value)
        for child in desc:
            if isinstance(child.tag, str):
                q = etree.QName(child)
                props.setdefault((q.namespace or "", q.localname), _value(child))
    return props


# --- containers ------------------------------------------------------------------------------------


@dataclass
class _Found:
    exif: list[bytes] = field(default_factory=list)
    iim: list[bytes] = field(default_factory=list)
    xmp: list[bytes] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    exif_tags: dict[int, object] | None = None


def png_chunks(fp: BinaryIO, *, max_chunk: int = 64 << 20) -> Iterator[tuple[bytes, bytes, bool]]:
    """(type, data, checksum ok) for each PNG chunk; IDAT is skipped, not read."""
    fp.seek(8)
    while True:
        header = fp.read(8)
        if len(header) < 8:
            return
        length, ctype = struct.unpack(">I4s", header)
        if ctype == b"IDAT" or length > max_chunk:
            fp.seek(length + 4, 1)
            continue
        data = fp.read(length)
        crc = fp.read(4)
        if len(data) < length or len(crc) < 4:
            return
        yield ctype, data, struct.unpack(">I", crc)[0] == zlib.crc32(ctype + data)
        if ctype == b"IEND":
            return


def _inflate(data: bytes, limit: int = 16 << 20) -> bytes:
    d = zlib.decompressobj()
    out = d.decompress(data, limit)
    if d.unconsumed_tail:
        raise ValueError("compressed text is over 16 MB")
    return out


def png_text(ctype: bytes, data: bytes) -> tuple[str, bytes] | None:
    """(keyword, text bytes) of a tEXt, zTXt or iTXt chunk."""
    keyword, sep, rest = data.partition(b"\x00")
    if not sep:
        return None
    key = keyword.decode("latin-1")
    if ctype == b"tEXt":
        return key, rest
    if ctype == b"zTXt":
        return key, _inflate(rest[1:])
    if ctype == b"iTXt" and len(rest) >= 2:
        compressed = rest[0]
        _lang, _, rest2 = rest[2:].partition(b"\x00")
        _translated, _, text = rest2.partition(b"\x00")
        return key, _inflate(text) if compressed else text
    return None


def raw_profile(text: bytes) -> bytes | None:
    """ImageMagick's "Raw profile type X" text: a blank line, the type, the length, then hex."""
    lines = text.split(b"\n")
    if len(lines) < 4 or lines[0].strip() or not lines[2].strip().isdigit():
        return None
    length = int(lines[2])
    try:
        return bytes.fromhex(b"".join(line.strip() for line in lines[3:]).decode("ascii"))[:length]
    except ValueError:
        return None


def _read_png(path: Path, found: _Found) -> None:
    bad_crc: list[str] = []
    with path.open("rb") as fp:
        for ctype, data, crc_ok in png_chunks(fp):
            if not crc_ok:
                bad_crc.append(ctype.decode("latin-1"))
            if ctype == b"eXIf":
                found.exif.append(data)
                continue
            if ctype not in (b"tEXt", b"zTXt", b"iTXt"):
                continue
            try:
                text = png_text(ctype, data)
            except (zlib.error, ValueError) as exc:
                found.warnings.append(f"PNG {ctype.decode()} chunk could not be read: {exc}")
                continue
            if text is None:
                continue
            key, value = text
            if key == "XML:com.adobe.xmp":
                found.xmp.append(value)
            elif key.startswith("Raw profile type "):
                kind = key.removeprefix("Raw profile type ").lower()
                raw = raw_profile(value)
                if raw is None:
                    found.warnings.append(f"PNG raw {kind} profile is not in ImageMagick's hex form; ignored")
                elif kind in ("exif", "app1") and raw.startswith((b"Exif", b"II", b"MM")):
                    found.exif.append(raw)
                elif kind == "iptc":
                    iim = iim_from_resources(raw) if raw.startswith(b"8BIM") else raw
                    if iim:
                        found.iim.append(iim)
                elif kind == "xmp":
                    found.xmp.append(raw)
    if bad_crc:
        found.warnings.append(f"PNG chunks fail their checksums: {', '.join(dict.fromkeys(bad_crc))}")


def _read_with_pillow(path: Path, found: _Found) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")  # before opening: Pillow reads TIFF tags in open()
        with open_image(path, max_pixels=1 << 62, quiet=False) as im:
            _pillow_containers(im, found)
    found.warnings.extend(dict.fromkeys(f"{im.format}: {w.message}" for w in caught))


def _pillow_containers(im: Image.Image, found: _Found) -> None:
    """EXIF, IIM and XMP as Pillow finds them in JPEG segments, TIFF tags and WebP chunks."""
    if im.format == "JPEG":
        applist: list[tuple[str, bytes]] = getattr(im, "applist", [])
        for marker, data in applist:
            if marker == "APP13" and data.startswith(PHOTOSHOP_SIGNATURE):
                iim = iim_from_resources(data[len(PHOTOSHOP_SIGNATURE) :])
                if iim:
                    found.iim.append(iim)
        _jpeg_xmp(applist, found)
    if im.format == "TIFF":
        tags = im.tag_v2  # type: ignore[attr-defined]
        # Raw tag bytes, as Pillow's own getiptcinfo takes them (Photoshop types this tag LONG).
        raw = getattr(tags, "_tagdata", {}).get(33723)
        if isinstance(raw, bytes):
            found.iim.append(raw)
        found.exif_tags = {tag: tags.get(tag) for tag in (270, 315, 33432) if tag in tags}
    elif isinstance(im.info.get("exif"), bytes):
        found.exif.append(im.info["exif"])
    xmp = im.info.get("xmp")
    if isinstance(xmp, bytes) and im.format != "JPEG":
        found.xmp.append(xmp)


XMP_ID = b"http://ns.adobe.com/xap/1.0/\x00"
XMP_EXTENSION_ID = b"http://ns.adobe.com/xmp/extension/\x00"
#: Largest extended XMP packet put back together (XMP Part 3 allows up to 4 GB).
MAX_EXTENDED_XMP = 16 << 20


def _jpeg_xmp(applist: list[tuple[str, bytes]], found: _Found) -> None:
    """XMP from a JPEG's APP1 segments: the standard packet, then any extended packet.

    Pillow keeps only the last standard packet; a file should have one, and of
    several the first is used (as for IIM). XMP over 64 KB is split into
    extended segments (XMP Part 3, 1.1.3.1): GUID, full length, offset, piece.
    """
    standard = [
        data[len(XMP_ID) :] for marker, data in applist if marker == "APP1" and data.startswith(XMP_ID)
    ]
    if len(standard) > 1:
        found.warnings.append(f"JPEG has {len(standard)} standard XMP packets; the first is used")
    found.xmp.extend(standard)
    pieces: dict[bytes, tuple[int, dict[int, bytes]]] = {}
    for marker, data in applist:
        if (
            marker != "APP1"
            or not data.startswith(XMP_EXTENSION_ID)
            or len(data) < len(XMP_EXTENSION_ID) + 40
        ):
            continue
        head = len(XMP_EXTENSION_ID)
        guid = data[head : head + 32]
        total, offset = struct.unpack(">II", data[head + 32 : head + 40])
        known_total, parts = pieces.setdefault(guid, (total, {}))
        if known_total == total:
            parts[offset] = data[head + 40 :]
    for guid, (total, parts) in pieces.items():
        name = guid.decode("ascii") if guid.isascii() and guid.isalnum() else guid.hex()
        if total > MAX_EXTENDED_XMP:
            found.warnings.append(
                f"extended XMP {name} declares {total:,} bytes (limit {MAX_EXTENDED_XMP:,}); ignored"
            )
            continue
        packet = bytearray()
        for offset in sorted(parts):
            if offset != len(packet):
                break
            packet += parts[offset]
        if len(packet) != total:
            found.warnings.append(
                f"extended XMP {name} is incomplete ({len(packet):,} of {total:,} bytes); ignored"
            )
            continue
        found.xmp.append(bytes(packet))


# --- decoding --------------------------------------------------------------------------------------


def _exif_text(value: object) -> str | None:
    """An EXIF ASCII value as text: UTF-8 where the bytes are UTF-8 (as ExifTool shows them)."""
    if value is None:
        return None
    if isinstance(value, tuple):
        value = value[0] if value else None
        if value is None:
            return None
    raw = value if isinstance(value, bytes) else str(value).encode("latin-1", "replace")
    raw = raw.split(b"\x00", 1)[0]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = decode_latin(raw)
    return text or None


def _exif_values(found: _Found) -> dict[int, object]:
    if found.exif_tags is not None:
        return dict(found.exif_tags)
    for data in found.exif:
        exif = Image.Exif()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                exif.load(data if data.startswith(b"Exif") else b"Exif\x00\x00" + data)
            except (SyntaxError, ValueError, struct.error, OSError) as exc:
                found.warnings.append(f"EXIF block could not be read: {exc}")
                continue
        found.warnings.extend(f"EXIF: {w.message}" for w in caught)
        return {tag: exif.get(tag) for tag in (270, 315, 33432) if tag in exif}
    return {}


def _as_text(value: XmpValue | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        return "; ".join(value) if value else None
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items()) if value else None
    return value


def _xmp(found: _Found) -> dict[tuple[str, str], XmpValue]:
    props: dict[tuple[str, str], XmpValue] = {}
    for packet in found.xmp:
        root = parse_xmp_packet(packet)
        if root is None:
            found.warnings.append("XMP packet is not well-formed XML; ignored")
            continue
        for key, value in xmp_properties(root).items():
            props.setdefault(key, value)
    return props


def _build(found: _Found) -> EmbeddedMetadata:
    exif = _exif_values(found)
    blocks = [parse_iim(data) for data in found.iim]
    iim = blocks[0] if blocks else IimBlock()
    extra: dict[str, str] = {}
    for n, other in enumerate(blocks[1:], start=2):
        for name in ("Credit", "By-line", "Source", "CopyrightNotice", "Caption-Abstract"):
            theirs = other.first(name)
            if theirs is None:
                continue
            extra[f"IPTC{n}:{name}"] = theirs
            ours = iim.first(name)
            if ours != theirs:
                found.warnings.append(
                    f"IPTC IIM block {n} gives {name} {theirs!r}, block 1 {ours!r}; block 1 is used"
                )
    props = _xmp(found)

    def xmp(prefix: str, name: str) -> XmpValue | None:
        return props.get((NS[prefix], name))

    for (ns, name), value in props.items():
        if ns in (NS["Iptc4xmpCore"], NS["Iptc4xmpExt"]):
            prefix = "Iptc4xmpCore" if ns == NS["Iptc4xmpCore"] else "Iptc4xmpExt"
            if isinstance(value, dict):
                extra.update({f"{prefix}:{name}/{k}": v for k, v in value.items()})
            elif (text := _as_text(value)) is not None:
                extra[f"{prefix}:{name}"] = text
    creators = xmp("dc", "creator")
    return EmbeddedMetadata(
        exif_artist=_exif_text(exif.get(315)),
        exif_copyright=_exif_text(exif.get(33432)),
        exif_description=_exif_text(exif.get(270)),
        iptc_byline=tuple(iim.values("By-line")),
        iptc_credit=iim.first("Credit"),
        iptc_source=iim.first("Source"),
        iptc_copyright=iim.first("CopyrightNotice"),
        iptc_caption=iim.first("Caption-Abstract"),
        iptc_headline=iim.first("Headline"),
        iptc_title=iim.first("ObjectName"),
        iptc_byline_title=iim.first("By-lineTitle"),
        xmp_creator=tuple(creators)
        if isinstance(creators, list)
        else (creators,)
        if isinstance(creators, str)
        else (),
        xmp_rights=_as_text(xmp("dc", "rights")),
        xmp_description=_as_text(xmp("dc", "description")),
        xmp_credit=_as_text(xmp("photoshop", "Credit")),
        xmp_source=_as_text(xmp("photoshop", "Source")),
        xmp_headline=_as_text(xmp("photoshop", "Headline")),
        xmp_title=_as_text(xmp("dc", "title")),
        xmp_instructions=_as_text(xmp("photoshop", "Instructions")),
        xmp_usage_terms=_as_text(xmp("xmpRights", "UsageTerms")),
        xmp_authors_position=_as_text(xmp("photoshop", "AuthorsPosition")),
        xmp_web_statement=_as_text(xmp("xmpRights", "WebStatement")),
        xmp_digital_source_type=_as_text(xmp("Iptc4xmpExt", "DigitalSourceType")),
        extra=extra,
        warnings=tuple(dict.fromkeys(found.warnings)),
    )


def read_metadata(path: Path | str) -> EmbeddedMetadata:
    """Credit-related metadata of a picture (JPEG, PNG, WebP, TIFF) or an XMP sidecar.

    Values keep the file's text exactly (line breaks, spacing). Precedence
    between standards is left to ``EmbeddedMetadata``'s properties. Raises
    ImportRejected for a file that is not a picture or cannot be opened.
    """
    path = Path(path)
    try:
        with path.open("rb") as fp:
            head = fp.read(4096)
    except OSError as exc:
        raise ImportRejected(str(path), f"cannot be read: {exc.strerror or exc}") from None
    found = _Found()
    sidecar = head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"<?xpacket", b"<x:"))
    if path.suffix.lower() == ".xmp" or sidecar:
        found.xmp.append(path.read_bytes())
    elif check_kind(path, head[:64]) == "PNG":
        _read_png(path, found)
    else:
        _read_with_pillow(path, found)
    return _build(found)


def metadata_summary(meta: EmbeddedMetadata) -> Mapping[str, object]:
    """The top-level values a photo editor sees, by IPTC precedence (for reports and the CLI)."""
    return {
        "creator": list(meta.creators) or None,
        "creator_job_title": meta.creator_job_title,
        "credit_line": meta.credit,
        "source": meta.source,
        "copyright_notice": meta.rights,
        "description": meta.description,
        "headline": meta.headline,
        "title": meta.title,
        "usage_terms": meta.usage_terms,
        "web_statement": meta.xmp_web_statement,
        "digital_source_type": meta.xmp_digital_source_type,
    }
