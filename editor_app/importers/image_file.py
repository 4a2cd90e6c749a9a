"""Picture files: what they really are, whether they are whole, and small previews of them.

A file is judged by its content, not its name: a PNG called ``photo.jpg`` is
refused with a message that says so. Pictures over ``MAX_PIXELS`` are refused
before any pixel is decoded (decompression bombs). JPEGs are decoded at a
reduced scale (``draft``) whenever a full-size decode is not needed, which is
always here: the integrity check and the thumbnail both read the whole scan at
1/2 to 1/8 scale.
"""

from __future__ import annotations

import os
import re
import struct
import tempfile
import warnings
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageOps, PngImagePlugin, UnidentifiedImageError

from editor_app.domain import content_hash
from editor_app.errors import ImportRejected

#: Above this many pixels a file is refused unread (a 12-megapixel photo is 12,000,000).
MAX_PIXELS = 150_000_000

#: Largest unpacked PNG text chunk. Pillow's default (1 MB) refuses whole pictures whose XMP
#: carries Photoshop's document history; ``read_metadata`` inflates up to the same 16 MB.
MAX_TEXT_CHUNK = 16 << 20
PngImagePlugin.MAX_TEXT_CHUNK = max(PngImagePlugin.MAX_TEXT_CHUNK, MAX_TEXT_CHUNK)

#: Formats the desk takes, with their MIME type and the file name endings that fit them.
SUPPORTED: dict[str, tuple[str, tuple[str, ...]]] = {
    "JPEG": ("image/jpeg", (".jpg", ".jpeg", ".jpe", ".jfif")),
    "PNG": ("image/png", (".png",)),
    "WEBP": ("image/webp", (".webp",)),
    "TIFF": ("image/tiff", (".tif", ".tiff")),
}

_NAMES = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "TIFF": "TIFF"}

#: What other content looks like, to say what a rejected file really is.
_OTHER_ENDINGS: dict[str, str] = {
    ".gif": "GIF",
    ".bmp": "BMP",
    ".heic": "HEIC",
    ".heif": "HEIC",
    ".avif": "AVIF",
    ".pdf": "PDF",
    ".txt": "TEXT",
    ".html": "HTML",
    ".htm": "HTML",
    ".xml": "XML",
    ".xmp": "XMP",
    ".zip": "ZIP",
    ".docx": "ZIP",
}

_DESCRIPTIONS = {
    "GIF": "a GIF image",
    "BMP": "a BMP image",
    "HEIC": "a HEIC/HEIF image",
    "AVIF": "an AVIF image",
    "PDF": "a PDF document",
    "HTML": "an HTML page",
    "XMP": "an XMP sidecar (metadata only, no picture)",
    "XML": "an XML document",
    "ZIP": "a ZIP archive (or an Office document)",
    "TEXT": "a text file",
    "EMPTY": "an empty file",
    "UNKNOWN": "not a picture in any format the desk knows",
}


def sniff(head: bytes) -> str:
    """The format the first bytes of a file show: "JPEG", "PNG", "WEBP", "TIFF", or another kind."""
    if not head:
        return "EMPTY"
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "TIFF"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if head[:2] == b"BM":
        return "BMP"
    if head[4:8] == b"ftyp":
        return "AVIF" if head[8:12] in (b"avif", b"avis") else "HEIC"
    if head.startswith(b"%PDF"):
        return "PDF"
    if head.startswith(b"PK\x03\x04"):
        return "ZIP"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"<x:xmpmeta" in text or text.startswith(b"<?xpacket"):
        return "XMP"
    if text.startswith((b"<!doctype html", b"<html")):
        return "HTML"
    if text.startswith(b"<?xml"):
        return "XMP" if b"adobe:ns:meta" in head else "XML"
    if b"\x00" not in head:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            return "TEXT"
    return "UNKNOWN"


def describe(kind: str) -> str:
    """Words for a sniffed kind ("a PDF document", "a PNG image")."""
    if kind in _NAMES:
        return f"a {_NAMES[kind]} image"
    return _DESCRIPTIONS.get(kind, _DESCRIPTIONS["UNKNOWN"])


def _expected_kind(path: Path) -> str | None:
    ext = path.suffix.lower()
    for kind, (_mime, endings) in SUPPORTED.items():
        if ext in endings:
            return kind
    return _OTHER_ENDINGS.get(ext)


@dataclass(frozen=True)
class ImageInfo:
    """What the desk knows about an attached picture file before looking at its metadata.

    Attributes:
        format: "JPEG", "PNG", "WEBP" or "TIFF", from the content.
        width, height: stored pixel size (before EXIF orientation).
        orientation: EXIF orientation (1 = as stored; 6 and 8 swap width and height on screen).
        hash: SHA-256 of the file's bytes (``editor_app.domain.content_hash``).
    """

    path: Path
    format: str
    mime: str
    width: int
    height: int
    orientation: int
    byte_size: int
    hash: str

    @property
    def extension(self) -> str:
        """The usual file name ending for the format (".jpg", ".png", ".webp", ".tif")."""
        return SUPPORTED[self.format][1][0]

    @property
    def display_size(self) -> tuple[int, int]:
        """Size as shown, with EXIF orientation applied."""
        if self.orientation in (5, 6, 7, 8):
            return self.height, self.width
        return self.width, self.height


def check_kind(path: Path, head: bytes) -> str:
    """The file's supported format, or ImportRejected saying what it really is."""
    kind = sniff(head)
    expected = _expected_kind(path)
    if kind not in SUPPORTED:
        what = describe(kind)
        named = f" although its name ends in {path.suffix}" if expected in SUPPORTED else ""
        if kind in ("GIF", "BMP", "HEIC", "AVIF"):
            raise ImportRejected(
                str(path), f"is {what}{named}; the desk takes JPEG, PNG, WebP or TIFF: convert it first"
            )
        raise ImportRejected(str(path), f"is not a picture: it is {what}{named}")
    if expected is not None and expected != kind:
        ending = SUPPORTED[kind][1][0]
        raise ImportRejected(
            str(path),
            f"is really {describe(kind)}, but its name ends in {path.suffix} "
            f"(a lying extension); rename it to {path.stem}{ending}",
        )
    return kind


def _read_head(path: Path, size: int = 64) -> bytes:
    try:
        with path.open("rb") as fp:
            return fp.read(size)
    except FileNotFoundError:
        raise ImportRejected(str(path), "no such file") from None
    except IsADirectoryError:
        raise ImportRejected(str(path), "is a folder, not a picture") from None
    except OSError as exc:
        raise ImportRejected(str(path), f"cannot be read: {exc.strerror or exc}") from None


def _bomb_reason(pixels: int, max_pixels: int, size: tuple[int, int] | None = None) -> str:
    dims = f"{size[0]:,} × {size[1]:,} = " if size else ""
    return (
        f"refused as a likely decompression bomb: {dims}{pixels:,} pixels is over the limit of "
        f"{max_pixels:,} ({max_pixels // 1_000_000} megapixels); nothing was decoded"
    )


def _png_damage(path: Path) -> str | None:
    """Why a PNG that Pillow will not open is damaged (a chunk checksum, a cut-off chunk)."""
    data = path.read_bytes()
    pos = 8
    while pos + 8 <= len(data):
        length, ctype = struct.unpack(">I4s", data[pos : pos + 8])
        end = pos + 12 + length
        if not (ctype.isascii() and ctype.isalpha()) or (pos == 8 and ctype != b"IHDR"):
            # Not a chunk at all: never echo the bytes (they may hold line breaks or controls).
            return f"it starts like a PNG, but the bytes at offset {pos:,} are not a PNG chunk"
        name = ctype.decode("ascii")
        if end > len(data):
            return f"chunk {name} is cut off: the file is truncated"
        (crc,) = struct.unpack(">I", data[end - 4 : end])
        if crc != zlib.crc32(data[pos + 4 : end - 4]):
            return f"chunk {name} fails its checksum"
        if ctype == b"IEND":
            return None
        pos = end
    return "the file ends before its IEND chunk: it is truncated"


@contextmanager
def open_image(
    path: Path | str, *, max_pixels: int = MAX_PIXELS, quiet: bool = True
) -> Iterator[Image.Image]:
    """Open a picture for reading, or raise ImportRejected with a reason a person understands.

    Checks content against name and the pixel count against ``max_pixels``
    before anything is decoded. The image is closed on leaving the block.
    ``quiet=False`` lets Pillow's warnings about damaged tags through to the
    caller (``read_metadata`` reports them).
    """
    path = Path(path)
    kind = check_kind(path, _read_head(path))
    try:
        with warnings.catch_warnings():
            # Our own pixel limit replaces Pillow's bomb warning; a damaged EXIF block is
            # reported by read_metadata, not here.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            if quiet:
                warnings.simplefilter("ignore", UserWarning)
            im = Image.open(path, formats=[kind])
    except Image.DecompressionBombError as exc:
        found = re.search(r"\((\d+) pixels\)", str(exc))
        # Pillow refuses at twice its own limit even when ours is higher (read_metadata's is).
        limit = min(max_pixels, 2 * (Image.MAX_IMAGE_PIXELS or max_pixels))
        pixels = int(found.group(1)) if found else limit + 1
        raise ImportRejected(str(path), _bomb_reason(pixels, limit)) from None
    except UnidentifiedImageError:
        detail = (_png_damage(path) if kind == "PNG" else None) or (
            f"its header cannot be read (the file is {path.stat().st_size:,} bytes)"
        )
        raise ImportRejected(str(path), f"is a damaged {_NAMES[kind]} file: {detail}") from None
    except (OSError, SyntaxError, ValueError, struct.error) as exc:
        if "MAX_TEXT" in str(exc):  # Pillow's PNG text limits: metadata, not a damaged picture
            raise ImportRejected(
                str(path),
                f"carries PNG text metadata that unpacks to over {MAX_TEXT_CHUNK >> 20} MB "
                "(a likely decompression bomb); refused",
            ) from None
        detail = str(exc).replace(str(path), "").strip(" '") or type(exc).__name__
        raise ImportRejected(str(path), f"is a damaged {_NAMES[kind]} file: {detail}") from None
    try:
        pixels = im.width * im.height
        if pixels > max_pixels:
            raise ImportRejected(str(path), _bomb_reason(pixels, max_pixels, im.size))
        yield im
    finally:
        im.close()


def _decode_problem(path: Path, kind: str, exc: Exception) -> ImportRejected:
    text = str(exc)
    if "truncated" in text or isinstance(exc, EOFError):
        size = path.stat().st_size
        return ImportRejected(
            str(path),
            f"is a truncated {_NAMES[kind]}: the file ({size:,} bytes) ends before the picture does; "
            "ask for the complete file",
        )
    return ImportRejected(str(path), f"has damaged {_NAMES[kind]} picture data: {text or type(exc).__name__}")


def _load_checked(im: Image.Image, path: Path, kind: str) -> None:
    """Decode the pixels (at reduced scale where the format allows) to prove the file is whole."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # damaged tags: read_metadata reports them
            im.load()
    except (OSError, SyntaxError, ValueError, EOFError, struct.error, zlib.error) as exc:
        raise _decode_problem(path, kind, exc) from None


def inspect_image(path: Path | str, *, max_pixels: int = MAX_PIXELS) -> ImageInfo:
    """Check that a file is a whole picture of a supported format and describe it.

    Raises ImportRejected for: a missing or empty file, something that is not a
    picture (saying what it is), a lying extension, a decompression bomb, a
    damaged header and truncated or damaged picture data.
    """
    path = Path(path)
    with open_image(path, max_pixels=max_pixels) as im:
        kind = im.format or sniff(_read_head(path))
        width, height = im.size
        orientation = 1
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # read_metadata reports a damaged EXIF block
                orientation = int(im.getexif().get(0x0112, 1) or 1)
        except Exception:  # a broken EXIF block does not make the picture unusable
            orientation = 1
        if kind == "JPEG":
            im.draft(im.mode if im.mode in ("L", "RGB") else None, (max(1, width // 8), max(1, height // 8)))
        _load_checked(im, path, kind)
    data = path.read_bytes()
    return ImageInfo(
        path=path,
        format=kind,
        mime=SUPPORTED[kind][0],
        width=width,
        height=height,
        orientation=orientation if 1 <= orientation <= 8 else 1,
        byte_size=len(data),
        hash=content_hash(data),
    )


def make_thumbnail(path: Path | str, max_px: int = 512, *, max_pixels: int = MAX_PIXELS) -> bytes:
    """A preview no larger than ``max_px`` on its long side, EXIF orientation applied.

    JPEG bytes for opaque pictures, PNG bytes where there is transparency.
    JPEGs are decoded at the smallest DCT scale that still covers ``max_px``.
    """
    if max_px < 1:
        raise ValueError("max_px must be at least 1")
    path = Path(path)
    with open_image(path, max_pixels=max_pixels) as im:
        kind = im.format or "JPEG"
        if kind == "JPEG":
            im.draft("RGB" if im.mode in ("RGB", "YCbCr") else None, (max_px, max_px))
        _load_checked(im, path, kind)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                shown = ImageOps.exif_transpose(im)
        except Exception:  # a broken EXIF block: show the picture as stored, as inspect_image does
            shown = im
        shown.thumbnail((max_px, max_px), Image.Resampling.LANCZOS)
        alpha = shown.mode in ("RGBA", "LA", "PA") or (shown.mode == "P" and "transparency" in shown.info)
        out = BytesIO()
        if alpha:
            shown.convert("RGBA").save(out, "PNG", optimize=False)
        else:
            shown.convert("RGB").save(out, "JPEG", quality=85)
        return out.getvalue()


class ThumbnailCache:
    """Thumbnails kept on disk by content hash and size, so each is made once.

    Keyed by the file's SHA-256 (pass ``image_hash`` when it is already known,
    as ``ImageSlot.image_hash`` is), so a renamed or moved file still hits.
    """

    def __init__(self, folder: Path | str) -> None:
        self.folder = Path(folder)

    def _entry(self, image_hash: str, max_px: int) -> Path:
        return self.folder / image_hash[:2] / f"{image_hash}-{max_px}"

    def thumbnail(self, path: Path | str, max_px: int = 512, *, image_hash: str | None = None) -> bytes:
        path = Path(path)
        image_hash = image_hash or content_hash(_read_all(path))
        entry = self._entry(image_hash, max_px)
        try:
            return entry.read_bytes()
        except FileNotFoundError:
            pass
        data = make_thumbnail(path, max_px)
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as fp:
            fp.write(data)
        os.replace(tmp, entry)
        return data


def _read_all(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ImportRejected(str(path), f"cannot be read: {exc.strerror or exc}") from None
