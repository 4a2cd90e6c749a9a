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
        shape: which pattern matched ("slash", "ap", "agency-first", "courtesy", "photo-colon",
            "plain").
        spans: (part, start, end) offsets of each part in ``raw``, so checks can point at it.
    """

    raw: str
    creator: str | None = None
    kind: str | None = None
    agency: str | None = None
    distributor: str | None = None
    shape: str = "plain"
    spans: tuple[tuple[str, int, int], ...] = field(default=(), compare=False)

    def span(self, part: str) -> tuple[int, int] | None:
        """Where a part ("creator", "kind", "agency", "distributor") stands in ``raw``."""
        for name, start, end in self.spans:
            if name == part:
                return start, end
        return None

    @property
    def sources(self) -> tuple[str, ...]:
        """The names this credit gives (creator, agency, distributor): what consistency compares."""
        return tuple(p for p in (self.creator, self.agency, self.distributor) if p)


@dataclass(frozen=True)
class EmbeddedMetadata:
    """Credit-related metadata read from an image file, by standard.

    Lists keep the file's order; empty means absent. ``warnings`` says what was odd
    about the file's metadata (conflicting IIM blocks, an undecodable profile);
    ``extra`` keeps other values by a "Namespace:Name" key.
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
    iptc_byline_title: str | None = None
    xmp_authors_position: str | None = None
    xmp_web_statement: str | None = None
    xmp_digital_source_type: str | None = None
    warnings: tuple[str, ...] = ()

    @property
    def credit(self) -> str | None:
        """Credit line by IPTC precedence: XMP, then IIM."""
        return self.xmp_credit or self.iptc_credit

    @property
    def creators(self) -> tuple[str, ...]:
        """Creators as a list, by precedence: XMP, IIM, EXIF."""
        if self.xmp_creator:
            return self.xmp_creator
        if self.iptc_byline:
            return self.iptc_byline
        return (self.exif_artist,) if self.exif_artist else ()

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

    @property
    def headline(self) -> str | None:
        return self.xmp_headline or self.iptc_headline

    @property
    def title(self) -> str | None:
        return self.xmp_title or self.iptc_title

    @property
    def creator_job_title(self) -> str | None:
        return self.xmp_authors_position or self.iptc_byline_title

    @property
    def usage_terms(self) -> str | None:
        return self.xmp_usage_terms

    @property
    def has_rights(self) -> bool:
        """Whether the file says anything about rights: a copyright notice or usage terms."""
        return bool(self.rights or self.xmp_usage_terms or self.xmp_web_statement)

    def is_empty(self) -> bool:
        return not any((self.credit, self.creator, self.rights, self.description, self.source))
