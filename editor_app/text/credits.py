"""Credit lines: recognising them, splitting them into parts, and writing them the house way.

Recognition is by shape, not by one article: agency and wire names from
``resources/agencies.json``, "via <distributor>", "AP Photo/", "/Reuters",
"Courtesy of", "Photo:", and slash-separated source chains.

The house format (``resources/credit_format.json``) says how parts are put back
together and how a line too long for IPTC IIM Credit (32 bytes) is shortened.
The agency registry merges the shipped agencies with the ones the desk added in
the database.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from editor_app.domain import Credit
from editor_app.paths import resource_path


@dataclass(frozen=True)
class Agency:
    canonical: str
    aliases: tuple[str, ...]
    kind: str
    notes: str

    @property
    def names(self) -> tuple[str, ...]:
        return (self.canonical, *self.aliases)


@cache
def shipped_agencies() -> tuple[Agency, ...]:
    """The agency registry shipped in ``resources/agencies.json``."""
    data = json.loads(resource_path("agencies.json").read_text(encoding="utf-8"))
    return tuple(
        Agency(a["canonical"], tuple(a.get("aliases", ())), a.get("kind", "agency"), a.get("notes", ""))
        for a in data["agencies"]
    )


_PREFIX = re.compile(r"^\s*(photo(graph)?s?|image|credit|courtesy( of)?|picture)\s*[:\-]?\s+\S", re.I)
_AP = re.compile(r"^\s*AP\s+Photos?\s*/", re.I)
_VIA = re.compile(r"\bvia\s+[A-Z][\w&.\- ]+$")
_SEP = re.compile(r"\s*[/\\|]\s*")


@cache
def _agency_pattern() -> re.Pattern[str]:
    names = sorted({n for a in shipped_agencies() for n in a.names}, key=len, reverse=True)
    return re.compile(r"(?<![\w])(" + "|".join(re.escape(n) for n in names) + r")(?![\w])")


def looks_like_credit(line: str) -> bool:
    """True for a line shaped like a photo credit rather than prose or a caption.

    Credit lines are short, carry no sentence punctuation at the end, and either
    start with a credit prefix, or name a known agency in a slash chain or after
    "via".
    """
    text = line.strip()
    if not text or len(text) > 160 or text.endswith((".", "?", "!", ":")) and not _PREFIX.match(text):
        return False
    if len(text.split()) > 16:
        return False
    if _AP.match(text) or _PREFIX.match(text) and len(text.split()) <= 10:
        return True
    has_agency = bool(_agency_pattern().search(text))
    if _VIA.search(text) and has_agency:
        return True
    parts = [p for p in _SEP.split(text) if p]
    if len(parts) >= 2 and has_agency:
        return all(p[:1].isupper() or p[:1].isdigit() for p in parts)
    return False


# --- the agency registry ---------------------------------------------------------------------------


def _fold(name: str) -> str:
    return " ".join(name.split()).casefold()


class AgencyRegistry:
    """Shipped agencies plus the desk's own (from the database), looked up by any spelling.

    An extra agency with the canonical name of a shipped one adds its aliases
    (and its notes, if the shipped one has none) instead of replacing it.
    """

    def __init__(self, extra: Iterable[Agency] = (), *, shipped: bool = True) -> None:
        merged: dict[str, Agency] = {}
        for agency in (*(shipped_agencies() if shipped else ()), *extra):
            key = _fold(agency.canonical)
            old = merged.get(key)
            if old is None:
                merged[key] = agency
            else:
                aliases = tuple(dict.fromkeys((*old.aliases, *agency.aliases)))
                merged[key] = replace(old, aliases=aliases, notes=old.notes or agency.notes)
        self.agencies: tuple[Agency, ...] = tuple(merged.values())
        self._exact = {n: a for a in self.agencies for n in a.names}
        self._folded = {_fold(n): a for a in self.agencies for n in a.names}

    @classmethod
    def with_names(cls, extra: Mapping[str, Sequence[str]]) -> AgencyRegistry:
        """A registry from ``{canonical: aliases}`` (the shape ``CheckContext.extra_agencies`` has)."""
        return cls(Agency(name, tuple(aliases), "agency", "") for name, aliases in extra.items())

    def lookup(self, name: str) -> Agency | None:
        """The agency a name means, by exact spelling first, then ignoring case and spacing."""
        return self._exact.get(name) or self._folded.get(_fold(name))

    def canonical(self, name: str) -> str | None:
        agency = self.lookup(name)
        return agency.canonical if agency else None

    def is_known(self, name: str) -> bool:
        return self.lookup(name) is not None

    def suggest(self, name: str, limit: int = 3, cutoff: float = 80) -> list[str]:
        """Canonical names that look like ``name`` (for "unknown agency" suggestions)."""
        from rapidfuzz import fuzz, process  # imported on first use: the window starts without it

        names = list(self._exact)
        found = process.extract(name, names, scorer=fuzz.WRatio, limit=limit * 3, score_cutoff=cutoff)
        out: list[str] = []
        for match, _score, _i in found:
            canonical = self._exact[match].canonical
            if canonical not in out:
                out.append(canonical)
        return out[:limit]

    def notes_for(self, credit: Credit) -> list[str]:
        """Usage notes of the agencies a credit names, in the credit's order."""
        notes: list[str] = []
        for name in (credit.creator, *_pieces(credit.agency), credit.distributor):
            agency = self.lookup(name) if name else None
            if agency and agency.notes and agency.notes not in notes:
                notes.append(agency.notes)
        return notes


@cache
def shipped_registry() -> AgencyRegistry:
    return AgencyRegistry()


def _pieces(agency: str | None) -> list[str]:
    """An agency part may itself be a chain ("dpa/picture alliance"); these are its names."""
    if not agency:
        return []
    return [p.strip() for p in _PART_SEP.split(agency) if p.strip()]


def unknown_agency_names(credit: Credit, registry: AgencyRegistry) -> list[str]:
    """Names in the agency and distributor parts that the registry does not know."""
    if credit.agency and registry.is_known(credit.agency):
        names = []
    else:
        names = [p for p in _pieces(credit.agency) if not registry.is_known(p)]
    if credit.distributor and not registry.is_known(credit.distributor):
        names.append(credit.distributor)
    return names


# --- the house format ------------------------------------------------------------------------------


@dataclass(frozen=True)
class HouseCreditFormat:
    """How the house writes a credit line and shortens it for IPTC IIM."""

    order: tuple[str, ...]
    separator: str
    via: str
    prefix_agencies: Mapping[str, str]
    kind_suffix: str
    courtesy: str
    kinds: Mapping[str, tuple[str, ...]]
    iim_limits: Mapping[str, int]
    credit_short_forms: tuple[tuple[str, ...], ...]
    source_unit_words: frozenset[str]

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> HouseCreditFormat:
        """Build from the JSON shape of ``credit_format.json``; a missing key is a clear error."""
        try:
            iim = data["iim"]
            return cls(
                order=tuple(str(p) for p in data["order"]),
                separator=str(data["separator"]),
                via=str(data["via"]),
                prefix_agencies={str(k): str(v) for k, v in data.get("prefix_agencies", {}).items()},
                kind_suffix=str(data.get("kind_suffix", ", ")),
                courtesy=str(data.get("courtesy", "Courtesy of ")),
                kinds={str(k): tuple(str(a) for a in v) for k, v in data["kinds"].items()},
                iim_limits={str(k): int(v) for k, v in iim["limits"].items()},
                credit_short_forms=tuple(tuple(str(p) for p in f) for f in iim["credit_short_forms"]),
                source_unit_words=frozenset(str(w).casefold() for w in data.get("source_unit_words", ())),
            )
        except KeyError as exc:
            raise ValueError(f"credit format: {exc.args[0]!r} is missing") from exc

    def kind_of(self, word: str) -> str | None:
        """The canonical usage kind a word names ("HO" -> "Handout"), or None."""
        folded = _fold(word)
        for canonical, spellings in self.kinds.items():
            if folded == canonical.casefold() or folded in (s.casefold() for s in spellings):
                return canonical
        return None


@cache
def house_format() -> HouseCreditFormat:
    """The shipped house format (``resources/credit_format.json``)."""
    data = json.loads(resource_path("credit_format.json").read_text(encoding="utf-8"))
    return HouseCreditFormat.from_dict(data)


# --- parsing ---------------------------------------------------------------------------------------

_AP_PREFIX = re.compile(r"AP\s+Photos?\s*/\s*", re.I)
_COURTESY_PREFIX = re.compile(r"courtesy(\s+of)?\s*:?\s+", re.I)
_PHOTO_PREFIX = re.compile(
    r"((photo(graph)?s?|pictures?|images?|credit)\s*(by\s*)?[:\-]\s*|(photo(graph)?|picture)\s+by\s+)", re.I
)
# Starts only at the first space of a run, so a long run of spaces is scanned once.
_VIA_SPLIT = re.compile(r"(?<!\s)\s+via\s+", re.I)
# Separators without the spaces around them (parts are trimmed): "\s*[/]" would try every position
# of a run of spaces, quadratic in a long line.
_PART_SEP = re.compile(r"[/\\|]")
# Starts at the comma or parenthesis itself, for the same reason; possessive runs never give back
# spaces that cannot help the match.
_TRAILING_KIND = re.compile(r"(,\s*+|\(\s*+)([A-Za-z]++(?:\s++Photo)?)\s*+\)?\s*+$")


_ABBREVIATION = re.compile(r"\w{1,3}\.|\w+\.\w+\.")
_WORD_CHAR = re.compile(r"\w")


def _ends_abbreviation(text: str, start: int, pos: int) -> bool:
    """Whether the word ending at ``pos`` (after a dot) is an abbreviation ("St.", "U.S.").

    Only a dot after a letter can end one, so a run of dots costs one look at one word.
    """
    if pos - start < 2 or not _WORD_CHAR.match(text, pos - 2):
        return False
    word = pos - 1
    while word > start and not text[word - 1].isspace():
        word -= 1
    return _ABBREVIATION.fullmatch(text, word, pos) is not None


def stray_end(text: str, start: int, end: int) -> int:
    """Where stray closing punctuation begins ("Reuters." -> before the dot; "U.S." keeps its dot)."""
    pos = end
    while pos > start and text[pos - 1] in ",;:.-":
        if text[pos - 1] == "." and _ends_abbreviation(text, start, pos):
            break
        pos -= 1
    return pos


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def parse_credit(
    line: str, registry: AgencyRegistry | None = None, house: HouseCreditFormat | None = None
) -> Credit:
    """Split a credit line into creator, kind, agency and distributor, keeping where each stands.

    Parts keep the spelling of the line (so checks can compare and point at
    them); ``canonical_credit`` gives the house spelling. Shapes handled:
    "Creator/Kind/Agency via Distributor", "AP Photo/Name", "Name/Reuters",
    "REUTERS/Name", "Courtesy of X", "Photo: X", "Photo by X/Agency", with
    backslashes and pipes read as (malformed) slashes.
    """
    registry = registry or shipped_registry()
    house = house or house_format()
    spans: list[tuple[str, int, int]] = []
    lo, hi = _trim(line, 0, len(line))
    hi = _trim(line, lo, stray_end(line, lo, hi))[1]
    shape = "plain"
    agency: str | None = None
    kind: str | None = None
    creator: str | None = None
    distributor: str | None = None

    if m := _AP_PREFIX.match(line, lo, hi):
        shape = "ap"
        agency = "AP"
        spans.append(("agency", lo, lo + 2))
        lo = m.end()
    elif m := _COURTESY_PREFIX.match(line, lo, hi):
        shape = "courtesy"
        lo = m.end()
    elif m := _PHOTO_PREFIX.match(line, lo, hi):
        shape = "photo-colon"
        lo = m.end()

    if m := _VIA_SPLIT.search(line, lo, hi):
        d_start, d_end = _trim(line, m.end(), hi)
        if d_end > d_start:
            distributor = line[d_start:d_end]
            spans.append(("distributor", d_start, d_end))
            hi = m.start()

    if (m := _TRAILING_KIND.search(line, lo, hi)) and (k := house.kind_of(m.group(2))):
        kind = k
        spans.append(("kind", m.start(2), m.end(2)))
        hi = m.start()

    parts: list[tuple[int, int]] = []
    pos = lo
    for sep in _PART_SEP.finditer(line, lo, hi):
        parts.append(_trim(line, pos, sep.start()))
        pos = sep.end()
    parts.append(_trim(line, pos, hi))
    parts = [(s, e) for s, e in parts if e > s]
    if len(parts) > 1 and shape == "plain":
        shape = "slash"

    names: list[tuple[int, int]] = []
    for s, e in parts:
        k = house.kind_of(line[s:e])
        if k and kind is None:
            kind = k
            spans.append(("kind", s, e))
        elif k:
            continue
        else:
            names.append((s, e))

    def put(part: str, run: list[tuple[int, int]]) -> str:
        nonlocal kind
        start, end = run[0][0], run[-1][1]
        inside = [span for span in spans if span[0] == "kind" and start < span[1] < end]
        if inside:
            # A kind word between the names of one chain ("Reuters/Handout/AFP") is part of that
            # chain's text; taken as the kind too, the house form would say it twice.
            spans.remove(inside[0])
            kind = None
        spans.append((part, start, end))
        return line[start:end]

    if names:
        if shape in ("ap", "courtesy") or (len(names) == 1 and shape == "photo-colon"):
            creator = put("creator", names)
        elif len(names) == 1:
            if registry.is_known(line[names[0][0] : names[0][1]]):
                agency = put("agency", names)
            else:
                creator = put("creator", names)
        else:
            first, rest = names[0], names[1:]
            first_known = registry.lookup(line[first[0] : first[1]])
            rest_known = any(registry.is_known(line[s:e]) for s, e in rest)
            if first_known and first_known.kind in ("wire", "agency") and not rest_known:
                shape = "agency-first"
                agency = put("agency", [first])
                creator = put("creator", rest)
            else:
                creator = put("creator", [first])
                agency = put("agency", rest)

    spans.sort(key=lambda t: t[1])
    return Credit(
        raw=line,
        creator=creator,
        kind=kind,
        agency=agency,
        distributor=distributor,
        shape=shape,
        spans=tuple(spans),
    )


# --- rendering -------------------------------------------------------------------------------------


def _normal_spaces(text: str | None) -> str | None:
    return " ".join(text.split()) if text else None


def canonical_parts(credit: Credit, registry: AgencyRegistry | None = None) -> Credit:
    """The same credit with house spellings: registry names for agencies, one space between words."""
    registry = registry or shipped_registry()

    def name(text: str | None) -> str | None:
        text = _normal_spaces(text)
        return (registry.canonical(text) or text) if text else None

    agency = credit.agency
    if agency:
        whole = registry.canonical(agency)
        agency = whole or "/".join(name(p) or p for p in _pieces(agency))
    return replace(
        credit,
        creator=name(credit.creator),
        agency=_normal_spaces(agency),
        distributor=name(credit.distributor),
        spans=(),
    )


def render_credit(credit: Credit, house: HouseCreditFormat | None = None) -> str:
    """Put a credit's parts back together the house way ("Creator/Kind/Agency via Distributor")."""
    house = house or house_format()
    values = {"creator": credit.creator, "kind": credit.kind, "agency": credit.agency}
    prefix = house.prefix_agencies.get(credit.agency or "")
    if prefix is not None and credit.creator:
        line = prefix + credit.creator + (house.kind_suffix + credit.kind if credit.kind else "")
    elif credit.shape == "courtesy" and credit.creator and not credit.agency:
        line = house.courtesy + credit.creator
        if credit.kind:
            line += house.separator + credit.kind
    else:
        line = house.separator.join(v for p in house.order if (v := values.get(p)))
    if credit.distributor:
        line = line + house.via + credit.distributor if line else credit.distributor
    return line


def canonical_credit(
    line: str, registry: AgencyRegistry | None = None, house: HouseCreditFormat | None = None
) -> str:
    """The house form of a credit line: parsed, names made canonical, rendered again."""
    registry = registry or shipped_registry()
    credit = parse_credit(line, registry, house)
    if not credit.sources and not credit.kind:
        return " ".join(line.split())
    return render_credit(canonical_parts(credit, registry), house)


def byte_length(text: str) -> int:
    """Length in UTF-8 bytes: what IIM's field limits count."""
    return len(text.encode("utf-8"))


def cut_to_bytes(text: str, limit: int) -> str:
    """The longest prefix of ``text`` that fits ``limit`` UTF-8 bytes without splitting a character."""
    return text.encode("utf-8")[:limit].decode("utf-8", "ignore").rstrip()


def iim_short_form(
    credit: Credit | str,
    house: HouseCreditFormat | None = None,
    registry: AgencyRegistry | None = None,
    limit: int | None = None,
) -> str:
    """The credit as IIM Credit (2:110) takes it: the house line if it fits, else the house's
    shorter forms in order ("Anadolu Agency via Getty Images"), else cut at the byte limit."""
    house = house or house_format()
    limit = limit if limit is not None else house.iim_limits.get("Credit", 32)
    if isinstance(credit, str):
        credit = canonical_parts(parse_credit(credit, registry, house), registry)
    full = render_credit(credit, house)
    if byte_length(full) <= limit:
        return full
    for keep in house.credit_short_forms:
        partial = replace(
            credit,
            creator=credit.creator if "creator" in keep else None,
            kind=credit.kind if "kind" in keep else None,
            agency=credit.agency if "agency" in keep else None,
            distributor=credit.distributor if "distributor" in keep else None,
        )
        text = render_credit(partial, house)
        if text and byte_length(text) <= limit:
            return text
    return cut_to_bytes(full, limit)


# --- consistency -----------------------------------------------------------------------------------


def _same_source(a: str, b: str, registry: AgencyRegistry, unit_words: frozenset[str]) -> bool:
    """Whether two spellings name one source (a typo, a case slip, an alias, or Office/Service)."""
    fa, fb = _fold(a), _fold(b)
    if fa == fb:
        return True
    ka, kb = registry.lookup(a), registry.lookup(b)
    if ka and kb:
        return ka is kb
    wa, wb = fa.split(), fb.split()
    if len(wa) == len(wb) >= 2:
        diff = [(x, y) for x, y in zip(wa, wb, strict=True) if x != y]
        if len(diff) == 1 and diff[0][0] in unit_words and diff[0][1] in unit_words:
            return True
    if min(len(fa), len(fb)) < 6:
        return False
    from rapidfuzz import fuzz

    return fuzz.ratio(fa, fb) >= 90


def source_variants(
    counts: Mapping[str, int],
    registry: AgencyRegistry | None = None,
    house: HouseCreditFormat | None = None,
) -> dict[str, str]:
    """For each spelling that is a minority variant of another, the form to suggest.

    ``counts`` maps each spelling to how often it is used (this article plus the
    archive). The suggested form is the most used spelling of the group; ties go
    to the registry's canonical name, then to the first seen.
    """
    registry = registry or shipped_registry()
    house = house or house_format()
    groups: list[list[str]] = []
    for name in counts:
        for group in groups:
            if any(_same_source(name, other, registry, house.source_unit_words) for other in group):
                group.append(name)
                break
        else:
            groups.append([name])
    out: dict[str, str] = {}
    order = {name: i for i, name in enumerate(counts)}
    for group in groups:
        if len(group) < 2:
            continue
        best = max(group, key=lambda n: (counts[n], registry.canonical(n) == n, -order[n]))
        out.update({n: best for n in group if n != best})
    return out
