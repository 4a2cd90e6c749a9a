"""Credit-line checks for the photo desk: shape, spelling, consistency, the file's own metadata.

Block checks look at one image slot: malformed separators, stray spaces and
punctuation, agencies the registry does not know (or knows by another
spelling), a line too long for IPTC IIM Credit, a line that disagrees with the
credit embedded in the attached file, and a picture with no rights
information. The article check finds one source named two ways (in this
article, or against the archive) and suggests the form used most.

Reading the attached file's metadata is the one thing here that is not pure:
it goes through ``editor_app.importers.image_meta`` (a cheap header read, cached
by the file's hash). Pass a ``reader`` to keep a check away from files.
"""

from __future__ import annotations

import re
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from pathlib import Path

from editor_app.checks.base import CheckContext
from editor_app.domain import Article, Block, Credit, EmbeddedMetadata, Finding, FlagKind, ImageSlot, Severity
from editor_app.errors import UserError
from editor_app.text.credits import (
    AgencyRegistry,
    byte_length,
    canonical_credit,
    canonical_parts,
    house_format,
    iim_short_form,
    parse_credit,
    source_variants,
    stray_end,
    unknown_agency_names,
)

MetadataReader = Callable[[ImageSlot], EmbeddedMetadata | None]

_BAD_SEPARATOR = re.compile(r"\\|\||(?<!/)//(?!/)|／|∕")
_SEPARATOR_NAMES = {"\\": "a backslash", "|": "a pipe", "//": "a double slash", "／": "a full-width slash"}
_DOUBLE_SPACE = re.compile(r"(?<=\S)\s{2,}(?=\S)")
#: ``\s+/\s*|/\s+`` and ``\s+,``, tried only where a run of spaces starts: the same matches (the
#: run is greedy, so a match never starts inside one), without retrying every position of a long
#: run to its end (quadratic: 100,000 spaces took most of a minute)
_SPACED_SLASH = re.compile(r"(?<!\s)\s+/\s*|/\s+")
_SPACE_BEFORE_COMMA = re.compile(r"(?<!\s)\s+,")


def _finding(
    index: int,
    line: str,
    start: int,
    end: int,
    message: str,
    rule: str,
    severity: Severity = Severity.WARNING,
    suggestions: Iterable[str] = (),
    data: Mapping[str, str] | None = None,
) -> Finding:
    return Finding(
        kind=FlagKind.CREDIT,
        severity=severity,
        block=index,
        start=start,
        end=end,
        text=line[start:end],
        message=message,
        rule=rule,
        suggestions=tuple(suggestions),
        field="credit",
        data=dict(data or {}),
    )


@lru_cache(maxsize=32)
def _registry_for(extra: tuple[tuple[str, tuple[str, ...]], ...]) -> AgencyRegistry:
    return AgencyRegistry.with_names(dict(extra))


def registry_for(ctx: CheckContext) -> AgencyRegistry:
    """The shipped agencies plus the desk's (``ctx.extra_agencies``), built once per distinct set."""
    key = tuple(sorted((name, tuple(aliases)) for name, aliases in ctx.extra_agencies.items()))
    return _registry_for(key)


# --- the attached file's metadata ------------------------------------------------------------------

_CACHE: OrderedDict[tuple[str, ...], EmbeddedMetadata | None] = OrderedDict()
_CACHE_SIZE = 512


def read_slot_metadata(slot: ImageSlot) -> EmbeddedMetadata | None:
    """Metadata of the slot's attached file, or None without one (or when it cannot be read).

    Cached by the file's hash (or path, size and time when the slot has no hash).
    """
    if not slot.image_path:
        return None
    path = Path(slot.image_path)
    try:
        stat = path.stat()
    except OSError:
        return None
    key = (slot.image_hash,) if slot.image_hash else (str(path), str(stat.st_size), str(stat.st_mtime_ns))
    if key in _CACHE:
        _CACHE.move_to_end(key)
        return _CACHE[key]
    from editor_app.importers.image_meta import read_metadata

    try:
        meta: EmbeddedMetadata | None = read_metadata(path)
    except (UserError, OSError, ValueError):
        meta = None
    _CACHE[key] = meta
    while len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return meta


# --- block checks ----------------------------------------------------------------------------------


class CreditLineCheck:
    """How a credit line is written: separators, spacing, agency names, IIM length."""

    name = "credit-line"

    def check_block(self, article: Article, index: int, block: Block, ctx: CheckContext) -> Iterable[Finding]:
        slot = block.image
        if slot is None:
            return []
        line = slot.credit
        if not line.strip():
            return [_finding(index, line, 0, 0, "This picture has no credit line.", "credit.missing")]
        registry = registry_for(ctx)
        credit = parse_credit(line, registry)
        return [
            *self._separators(index, line, credit, registry),
            *self._spacing(index, line),
            *self._agencies(index, line, credit, registry),
            *self._iim(index, line, credit, registry),
        ]

    @staticmethod
    def _separators(index: int, line: str, credit: Credit, registry: AgencyRegistry) -> list[Finding]:
        house = house_format()
        canonical = canonical_credit(line, registry)
        return [
            _finding(
                index,
                line,
                m.start(),
                m.end(),
                f"Credit parts are separated by {_SEPARATOR_NAMES.get(m.group(), repr(m.group()))}; "
                f"the house separator is '{house.separator}' ({canonical!r}).",
                "credit.separator",
                suggestions=(house.separator,),
                data={"canonical": canonical},
            )
            for m in _BAD_SEPARATOR.finditer(line)
        ]

    @staticmethod
    def _spacing(index: int, line: str) -> list[Finding]:
        out: list[Finding] = []

        def add(start: int, end: int, message: str, replacement: str) -> None:
            out.append(
                _finding(index, line, start, end, message, "credit.spacing", Severity.INFO, (replacement,))
            )

        lead = len(line) - len(line.lstrip())
        if lead:
            add(0, lead, "Space before the credit line.", "")
        body_end = len(line.rstrip())
        if body_end < len(line):
            add(body_end, len(line), "Space after the credit line.", "")
        for m in _DOUBLE_SPACE.finditer(line):
            add(m.start(), m.end(), "More than one space between words.", " ")
        for m in _SPACED_SLASH.finditer(line, lead, body_end):
            add(m.start(), m.end(), "Spaces around the slash; the house writes Name/Agency.", "/")
        for m in _SPACE_BEFORE_COMMA.finditer(line, lead, body_end):
            add(m.start(), m.end(), "Space before a comma.", ",")
        stray = stray_end(line, lead, body_end)
        if stray < body_end:
            add(stray, body_end, f"Stray punctuation at the end of the credit: {line[stray:body_end]!r}.", "")
        return out

    @staticmethod
    def _agencies(index: int, line: str, credit: Credit, registry: AgencyRegistry) -> list[Finding]:
        out: list[Finding] = []
        for name in unknown_agency_names(credit, registry):
            start = _locate(line, name, credit)
            suggestions = registry.suggest(name)
            hint = f" Did you mean {' or '.join(repr(s) for s in suggestions)}?" if suggestions else ""
            out.append(
                _finding(
                    index,
                    line,
                    start,
                    start + len(name),
                    f"{name!r} is not in the agency registry.{hint} "
                    "Add it to the agency list if it is right.",
                    "credit.unknown-agency",
                    suggestions=suggestions,
                )
            )
        for part in ("agency", "distributor"):
            span = credit.span(part)
            if span is None:
                continue
            written = line[span[0] : span[1]]
            canonical = registry.canonical(written)
            if canonical and canonical != written and not (part == "agency" and credit.shape == "ap"):
                out.append(
                    _finding(
                        index,
                        line,
                        span[0],
                        span[1],
                        f"The house spelling of {written!r} is {canonical!r}.",
                        "credit.agency-alias",
                        Severity.INFO,
                        (canonical,),
                    )
                )
        return out

    @staticmethod
    def _iim(index: int, line: str, credit: Credit, registry: AgencyRegistry) -> list[Finding]:
        house = house_format()
        limit = house.iim_limits.get("Credit", 32)
        full = line.strip()  # what the exporter measures: the approved line as written
        if byte_length(full) <= limit:
            return []
        short = iim_short_form(canonical_parts(credit, registry), house, registry, limit)
        return [
            _finding(
                index,
                line,
                0,
                len(line),
                f"This credit is {byte_length(full)} bytes; IPTC IIM Credit (2:110) holds {limit}. "
                f"Exported files carry the full line in XMP and {short!r} in IIM; check that short form.",
                "credit.iim-too-long",
                Severity.INFO,
                data={"iim_credit": short, "bytes": str(byte_length(full))},
            )
        ]


def _locate(line: str, name: str, credit: Credit) -> int:
    """Offset of a name inside the credit's agency/distributor part (else anywhere in the line)."""
    for part in ("agency", "distributor"):
        span = credit.span(part)
        if span:
            found = line.find(name, span[0], span[1])
            if found >= 0:
                return found
    return max(line.find(name), 0)


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


class EmbeddedCreditCheck:
    """The credit line against the attached file's own credit, and whether anyone states rights."""

    name = "credit-embedded"

    def __init__(self, reader: MetadataReader | None = None) -> None:
        self.reader = reader or read_slot_metadata

    def check_block(self, article: Article, index: int, block: Block, ctx: CheckContext) -> Iterable[Finding]:
        slot = block.image
        if slot is None:
            return []
        meta = self.reader(slot)
        out: list[Finding] = []
        line = slot.credit
        if meta is not None and meta.credit and line.strip():
            registry = registry_for(ctx)
            if not self._agrees(line, meta.credit, registry):
                out.append(
                    _finding(
                        index,
                        line,
                        0,
                        len(line),
                        f"The picture file's embedded credit is {meta.credit!r}; the credit line says "
                        f"{line.strip()!r}. Check which is right.",
                        "credit.embedded-mismatch",
                        suggestions=(meta.credit,),
                        data={"embedded": meta.credit},
                    )
                )
        if not slot.rights.strip() and not (meta is not None and meta.has_rights):
            registry = registry_for(ctx)
            notes = registry.notes_for(parse_credit(line, registry)) if line.strip() else []
            hint = f" The agency list says: {' '.join(notes)}" if notes else ""
            out.append(
                _finding(
                    index,
                    line,
                    0,
                    len(line),
                    "No rights information for this picture: neither the slot's rights notes nor the file "
                    f"say how it may be used.{hint}",
                    "credit.no-rights",
                    data={"notes": " ".join(notes)} if notes else None,
                )
            )
        return out

    @staticmethod
    def _agrees(line: str, embedded: str, registry: AgencyRegistry) -> bool:
        """Same credit, allowing spelling variants of spacing and case, aliases and the IIM short form."""
        a, b = _fold(line), _fold(embedded)
        if a == b or (len(b) >= 4 and b in a):
            return True
        if _fold(canonical_credit(line, registry)) == _fold(canonical_credit(embedded, registry)):
            return True
        return _fold(iim_short_form(line, registry=registry)) == b


# --- article check ---------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _parsed(line: str, registry: AgencyRegistry) -> Credit:
    """``parse_credit`` remembered per line: this check re-reads every credit on each re-check."""
    return parse_credit(line, registry)


class SourceConsistencyCheck:
    """One source named two ways in an article or across the archive; suggests the form used most."""

    name = "credit-consistency"

    def check_article(self, article: Article, ctx: CheckContext) -> Iterable[Finding]:
        registry = registry_for(ctx)
        credits = [
            (index, slot.credit, _parsed(slot.credit, registry))
            for index, slot in article.images
            if slot.credit.strip()
        ]
        here: Counter[str] = Counter()
        for _index, line, credit in credits:
            for part in ("creator", "agency", "distributor"):
                span = credit.span(part)
                if span:
                    here[" ".join(line[span[0] : span[1]].split())] += 1
        counts: Counter[str] = Counter(here)
        for name, n in ctx.archive_credit_sources.items():
            counts[" ".join(name.split())] += n
        variants = {
            name: best
            for name, best in source_variants(counts, registry).items()
            if name in here and registry.canonical(name) is None
        }
        out: list[Finding] = []
        for index, line, credit in credits:
            for part in ("creator", "agency", "distributor"):
                span = credit.span(part)
                if not span:
                    continue
                name = " ".join(line[span[0] : span[1]].split())
                best = variants.get(name)
                if best is None:
                    continue
                archive = ctx.archive_credit_sources.get(best, 0)
                where = f"{here[best]} in this article" + (f", {archive} in the archive" if archive else "")
                out.append(
                    _finding(
                        index,
                        line,
                        span[0],
                        span[1],
                        f"{name!r} looks like the same source as {best!r} ({where}); use one form.",
                        "credit.inconsistent-source",
                        suggestions=(best,),
                        data={"majority": best, "majority_count": str(counts[best])},
                    )
                )
        return out


CHECKS: list[CreditLineCheck | EmbeddedCreditCheck | SourceConsistencyCheck] = [
    CreditLineCheck(),
    EmbeddedCreditCheck(),
    SourceConsistencyCheck(),
]
