"""Property tests: whatever bytes a picture file holds, the desk answers or refuses, never crashes.

``inspect_image``, ``read_metadata`` and ``make_thumbnail`` must give an
``ImageInfo``, an ``EmbeddedMetadata`` or thumbnail bytes, or raise
``ImportRejected`` naming the file, for any content under any name. And a file
that ``inspect_image`` accepts (so it can be attached) must also be exportable
with credits embedded, or refused with a ``UserError``. Inputs are random bytes
and real pictures carrying EXIF, IPTC and XMP that are then damaged: bytes
flipped, cut short, spliced, or a length field overwritten with a huge value.
"""

from __future__ import annotations

import io
import struct
import tempfile
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from editor_app.domain import EmbeddedMetadata
from editor_app.errors import ImportRejected, UserError
from editor_app.exporters.image_credits import embed_credits
from editor_app.importers.image_file import ImageInfo, inspect_image, make_thumbnail
from editor_app.importers.image_meta import read_metadata

# A warning from Pillow would reach the user as a stray stderr line: none may escape.
pytestmark = pytest.mark.filterwarnings("error::UserWarning")

SETTINGS = settings(
    max_examples=200,
    deadline=timedelta(seconds=3),
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
NAMES = st.sampled_from(
    ["a.jpg", "a.jpeg", "a.png", "a.webp", "a.tif", "a.tiff", "a.xmp", "a.gif", "a.txt", "a.docx", "noext"]
)


def _plain(fmt: str) -> bytes:
    im = Image.merge(
        "RGB",
        (
            Image.linear_gradient("L").resize((48, 32)),
            Image.radial_gradient("L").resize((48, 32)),
            Image.effect_noise((48, 32), 30),
        ),
    )
    out = io.BytesIO()
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x013B] = "Jane Roe"
    im.save(out, fmt, exif=exif.tobytes()) if fmt in ("JPEG", "WEBP", "PNG") else im.save(out, fmt)
    return out.getvalue()


def _with_credits(fmt: str, suffix: str, folder: Path) -> bytes:
    """A small picture with EXIF, XMP and (where the format has it) IPTC written by the exporter."""
    src, dst = folder / f"src{suffix}", folder / f"dst{suffix}"
    src.write_bytes(_plain(fmt))
    embed_credits(
        src,
        dst,
        caption="The dome at dusk on opening day.",
        credit="Jane Roe/Handout/Reuters via Getty Images",
        rights="© 2021 Jane Roe",
    )
    return dst.read_bytes()


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="image-props-") as name:
        yield Path(name)


@pytest.fixture(scope="module")
def seeds(folder: Path) -> list[tuple[str, bytes]]:
    made = folder / "made"
    made.mkdir()
    return [
        (f"seed{suffix}", _with_credits(fmt, suffix, made))
        for fmt, suffix in (("JPEG", ".jpg"), ("PNG", ".png"), ("TIFF", ".tif"), ("WEBP", ".webp"))
    ]


def _outcome(call: object, path: Path) -> object:
    """The call's result, or the ImportRejected it raised (which must name the file)."""
    assert callable(call)
    try:
        return call(path)
    except ImportRejected as exc:
        refusal = exc
    assert refusal.source in (str(path), path.name)
    assert refusal.reason
    assert "\n" not in str(refusal)
    return refusal


def _check_file(path: Path) -> None:
    info = _outcome(inspect_image, path)
    assert isinstance(info, ImageInfo | ImportRejected)
    meta = _outcome(read_metadata, path)
    assert isinstance(meta, EmbeddedMetadata | ImportRejected)
    thumb = _outcome(lambda p: make_thumbnail(p, 64), path)
    assert isinstance(thumb, bytes | ImportRejected)
    if isinstance(info, ImageInfo):
        assert 1 <= info.orientation <= 8
        assert info.width > 0
        assert info.height > 0
        assert isinstance(thumb, bytes)  # whatever can be attached can be shown
        # whatever can be attached can be exported with its credits, or refused clearly
        out = path.with_name("export-" + path.name)
        refused: UserError | None = None
        try:
            warnings = embed_credits(path, out, caption="Caption.", credit="Jane Roe/Reuters")
        except UserError as exc:
            refused = exc
        if refused is not None:
            assert "\n" not in str(refused)
        else:
            assert all(isinstance(w, str) for w in warnings)
            written = read_metadata(out)
            # the credit reads back, or the damage that hides it (copied from the file) is reported
            assert written.credit == "Jane Roe/Reuters" or written.warnings
            out.unlink()


@SETTINGS
@given(data=st.binary(max_size=4096), name=NAMES)
def test_any_bytes_under_any_name(folder: Path, data: bytes, name: str) -> None:
    path = folder / name
    path.write_bytes(data)
    _check_file(path)


@SETTINGS
@given(
    data=st.binary(max_size=2048),
    magic=st.sampled_from(
        [
            b"\xff\xd8\xff\xe0",
            b"\xff\xd8\xff\xe1",
            b"\x89PNG\r\n\x1a\n",
            b"II*\x00",
            b"MM\x00*",
            b"RIFF\x00\x00\x00\x00WEBPVP8 ",
            b"<?xpacket begin",
            b'<x:xmpmeta xmlns:x="adobe:ns:meta/">',
            b"GIF89a",
            b"PK\x03\x04",
        ]
    ),  # fmt: skip
    name=NAMES,
)
def test_right_signature_then_anything(folder: Path, data: bytes, magic: bytes, name: str) -> None:
    path = folder / name
    path.write_bytes(magic + data)
    _check_file(path)


@st.composite
def damaged(draw: st.DrawFn, seeds: list[tuple[str, bytes]]) -> tuple[str, bytes]:
    name, data = draw(st.sampled_from(seeds))
    buffer = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        action = draw(st.sampled_from(["flip", "cut", "splice", "huge-length", "zero-length"]))
        if not buffer:
            break
        at = draw(st.integers(0, len(buffer) - 1))
        if action == "flip":
            buffer[at] = draw(st.integers(0, 255))
        elif action == "cut":
            del buffer[at:]
        elif action == "splice":
            buffer[at:at] = draw(st.binary(min_size=1, max_size=64))
        else:
            value = 0xFFFFFFF0 if action == "huge-length" else 0
            buffer[at : at + 4] = struct.pack(">I", value)
    return name, bytes(buffer)


def test_damaged_real_pictures(folder: Path, seeds: list[tuple[str, bytes]]) -> None:
    for _name, data in seeds:  # the undamaged seeds are whole pictures with the credit in them
        path = folder / f"whole-{_name}"
        path.write_bytes(data)
        assert isinstance(inspect_image(path), ImageInfo)
        assert read_metadata(path).credit == "Jane Roe/Handout/Reuters via Getty Images"

    @SETTINGS
    @given(damaged(seeds))
    def run(case: tuple[str, bytes]) -> None:
        name, data = case
        path = folder / name
        path.write_bytes(data)
        _check_file(path)

    run()
