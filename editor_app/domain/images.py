"""Credits and embedded picture metadata."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class CreditStatus(StrEnum):
    """A photo editor's verdict on one image slot."""

    UNVERIFIED = "unverified"
    VERIFIED = "verified"
    PROBLEM = "problem"


@dataclass(frozen=True)
class Credit:
    """A credit line split into parts.

    Attributes:
        raw: the line as written.
        creator: the photographer or source ("Roscosmos Press Service").
        kind: usage kind ("Handout", "Pool", "File"), if stated.
        agency: the agency that supplied it ("Anadolu Agency", "TASS").
        distributor: who distributes it ("Getty Images" from "via Getty Images").
        shape: which pattern matched ("slash", "ap", "courtesy", "photo-colon", "plain").
    """

    raw: str
    creator: str | None = None
    kind: str | None = None
    agency: str | None = None
    distributor: str | None = None
    shape: str = "plain"


@dataclass(frozen=True)
class EmbeddedMetadata:
    """Credit-related metadata read from an image file, by standard.

    Lists keep the file's order; empty means absent.
    """

    exif_artist: str | None = None
    exif_copyright: str | None = None
    exif_description: str | None = None
    iptc_byline: tuple[str, ...] = ()
    iptc_credit: str | None = None
    iptc_source: str | None = None
    iptc_copyright: str | None = None
    iptc_caption: str | None = None
    iptc_headline: str | None = None
    iptc_title: str | None = None
    xmp_creator: tuple[str, ...] = ()
    xmp_rights: str | None = None
    xmp_description: str | None = None
    xmp_credit: str | None = None
    xmp_source: str | None = None
    xmp_headline: str | None = None
    xmp_title: str | None = None
    xmp_instructions: str | None = None
    xmp_usage_terms: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def credit(self) -> str | None:
        """Credit line by IPTC precedence: XMP, then IIM."""
        return self.xmp_credit or self.iptc_credit

    @property
    def creator(self) -> str | None:
        """Creator by precedence: XMP, IIM, EXIF."""
        if self.xmp_creator:
            return "; ".join(self.xmp_creator)
        if self.iptc_byline:
            return "; ".join(self.iptc_byline)
        return self.exif_artist

    @property
    def rights(self) -> str | None:
        return self.xmp_rights or self.iptc_copyright or self.exif_copyright

    @property
    def description(self) -> str | None:
        return self.xmp_description or self.iptc_caption or self.exif_description

    @property
    def source(self) -> str | None:
        return self.xmp_source or self.iptc_source

    def is_empty(self) -> bool:
        return not any((self.credit, self.creator, self.rights, self.description, self.source))
