"""Bytes to clean text: encodings, byte-order marks, line endings and invisible spaces.

Scraped articles arrive as UTF-8 (with or without a BOM), sometimes as UTF-16
from Windows tools, with CRLF or bare CR line ends and non-breaking spaces
pasted in from web pages. Everything is normalised here once, so the format
parsers and the checks only ever see ``\\n`` line ends and ordinary spaces.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from editor_app.errors import ImportRejected

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Spaces that look like a space but break word matching: NBSP, narrow NBSP, figure space,
# and the other fixed-width spaces of the General Punctuation block.
_ODD_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
# Invisible characters that scrapes leave inside words (ZWJ/ZWNJ are kept: scripts and emoji need them).
# U+FFFE/U+FFFF are not characters at all (and XML refuses them).
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad\ufffe\uffff]")
# Form feed (a page break in old text files) ends a line like the others.
_LINE_ENDS = re.compile("\r\n|\r|\u2028|\u2029|\u0085|\x0c")
# Control characters other than tab, newline and carriage return.
_CONTROLS = re.compile("[\x01-\x08\x0b\x0e-\x1f\x7f-\x84\x86-\x9f]")
_HTML_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.I)

# More than this share of control characters means the file is binary, not text with a stray byte.
BINARY_CONTROL_SHARE = 0.01


class DecodeError(ValueError):
    """The bytes are not text we can read; the message is the user-facing reason."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def decode_text(data: bytes, *, declared: str | None = None) -> Decoded:
    """Decode a text file strictly and normalise it.

    A BOM wins; otherwise ``declared`` (an HTML page's own charset) if it names a
    real codec; otherwise UTF-8. Undecodable bytes are refused rather than
    guessed, because a wrong guess silently corrupts names and quotes.
    """
    encoding, body = _pick_encoding(data, declared)
    if b"\x00" in body and not encoding.startswith(("utf-16", "utf-32")):
        offset = body.index(b"\x00")
        raise DecodeError(
            f"contains NUL bytes (first at byte {offset}); it is a binary file or UTF-16 text saved "
            "without a byte-order mark"
        )
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        bad = body[exc.start : exc.start + 1].hex()
        raise DecodeError(
            f"is not valid {_label(encoding)} (byte 0x{bad} at offset {exc.start}); save it as UTF-8"
        ) from None
    if "\x00" in text:
        raise DecodeError("contains NUL characters; it is a binary file, not text")
    return Decoded(normalise_text(text), encoding)


def normalise_text(text: str) -> str:
    """Line ends to ``\\n``, odd spaces to plain spaces, invisible characters and stray controls out.

    Raises ``DecodeError`` when control characters are so common that the file is binary.
    """
    text = _LINE_ENDS.sub("\n", text)
    controls = len(_CONTROLS.findall(text))
    if controls and controls > BINARY_CONTROL_SHARE * len(text):
        raise DecodeError(f"looks binary ({controls} control characters in {len(text)}); not a text file")
    if controls:
        text = _CONTROLS.sub("", text)
    text = _INVISIBLE.sub("", text)
    text = _ODD_SPACES.sub(" ", text)
    return unicodedata.normalize("NFC", text)


def normalise_inline(text: str) -> str:
    """One line of text from markup (HTML, DOCX): every whitespace run becomes one space."""
    text = _INVISIBLE.sub("", text)
    text = _CONTROLS.sub("", text)
    return unicodedata.normalize("NFC", " ".join(text.split()))


def html_declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first 4 KB, if it names a codec Python knows."""
    match = _HTML_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace").lower()
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    # A page read as bytes cannot really be UTF-16 without a BOM; HTML says treat that as UTF-8.
    if codec.startswith(("utf-16", "utf-32")):
        return "utf-8"
    return codec


def _pick_encoding(data: bytes, declared: str | None) -> tuple[str, bytes]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, data[len(bom) :]
    return (declared or "utf-8"), data


def _label(encoding: str) -> str:
    return {"utf-8": "UTF-8", "utf-16-le": "UTF-16", "utf-16-be": "UTF-16"}.get(encoding, encoding)


def decode_or_reject(data: bytes, name: str, *, declared: str | None = None) -> str:
    """``decode_text`` for importers: a decoding problem becomes ``ImportRejected`` naming the file."""
    try:
        return decode_text(data, declared=declared).text
    except DecodeError as exc:
        raise ImportRejected(name, str(exc)) from None


def check_line_lengths(text: str, name: str, limit: int) -> None:
    """Refuse text with a line longer than ``limit``: no article paragraph is that long."""
    lengths = [len(line) for line in text.split("\n")]
    longest = max(lengths)
    if longest > limit:
        number = lengths.index(longest) + 1
        raise ImportRejected(
            name, f"line {number} is {longest:,} characters long (limit {limit:,}); not article text"
        )
