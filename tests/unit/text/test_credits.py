"""Credit lines: parsing into parts, the house format, the IIM short form and the agency registry."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor_app.domain import Article, Block, BlockType, ImageSlot
from editor_app.text.credits import (
    Agency,
    AgencyRegistry,
    HouseCreditFormat,
    byte_length,
    canonical_credit,
    house_format,
    iim_short_form,
    looks_like_credit,
    parse_credit,
    render_credit,
    source_variants,
)
from tests.helpers.shared import seed_path

HANDOUT = "Roscosmos Press Service/Handout/Anadolu Agency via Getty Images"
BACKSLASH = "Roscosmos Press Office\\TASS via Getty Images"


def seed_article() -> Article:
    """The seed as the importer reads it; built from its credit lines if the importer is not there."""
    path: Path = seed_path()
    try:
        from editor_app.importers import load_article
    except ImportError:
        lines = path.read_text(encoding="utf-8").splitlines()
        blocks = [
            Block(BlockType.IMAGE, image=ImageSlot(credit=line)) for line in lines if looks_like_credit(line)
        ]
        return Article(headline=lines[0], blocks=blocks)
    return load_article(path)


def test_seed_has_the_five_credit_lines_and_each_parses_into_parts() -> None:
    credits = [slot.credit for _i, slot in seed_article().images]
    assert credits == [HANDOUT, BACKSLASH, HANDOUT, HANDOUT, HANDOUT]
    parsed = [parse_credit(line) for line in credits]
    handout = parsed[0]
    assert (handout.creator, handout.kind, handout.agency, handout.distributor) == (
        "Roscosmos Press Service",
        "Handout",
        "Anadolu Agency",
        "Getty Images",
    )
    tass = parsed[1]
    assert (tass.creator, tass.kind, tass.agency, tass.distributor) == (
        "Roscosmos Press Office",
        None,
        "TASS",
        "Getty Images",
    )
    for credit in parsed:
        for part, start, end in credit.spans:
            assert credit.raw[start:end] == getattr(credit, part) or part == "kind"


@pytest.mark.parametrize(
    ("line", "creator", "kind", "agency", "distributor", "shape"),
    [
        ("AP Photo/Evan Vucci", "Evan Vucci", None, "AP", None, "ap"),
        ("AP Photo/Evan Vucci, File", "Evan Vucci", "File", "AP", None, "ap"),
        ("Lucy Nicholson/Reuters", "Lucy Nicholson", None, "Reuters", None, "slash"),
        ("REUTERS/Lucy Nicholson", "Lucy Nicholson", None, "REUTERS", None, "agency-first"),
        ("Ozan Kose/AFP via Getty Images", "Ozan Kose", None, "AFP", "Getty Images", "slash"),
        ("Courtesy of NASA", "NASA", None, None, None, "courtesy"),
        ("Photo: Jane Doe", "Jane Doe", None, None, None, "photo-colon"),
        (
            "Photo by Chip Somodevilla/Getty Images",
            "Chip Somodevilla",
            None,
            "Getty Images",
            None,
            "photo-colon",
        ),
        ("HO/AFP", None, "Handout", "AFP", None, "slash"),
        ("Kevin Dietsch/Pool via Getty Images", "Kevin Dietsch", "Pool", None, "Getty Images", "slash"),
        ("Name / Reuters.", "Name", None, "Reuters", None, "slash"),
        ("U.S Navy", "U.S Navy", None, None, None, "plain"),
    ],
)
def test_common_credit_shapes(
    line: str, creator: str | None, kind: str | None, agency: str | None, distributor: str | None, shape: str
) -> None:
    credit = parse_credit(line)
    assert (credit.creator, credit.kind, credit.agency, credit.distributor, credit.shape) == (
        creator,
        kind,
        agency,
        distributor,
        shape,
    )


def test_spans_point_at_each_part_as_written() -> None:
    credit = parse_credit("  Kevin Dietsch / POOL via  Getty Images")
    pieces = {part: credit.raw[s:e] for part, s, e in credit.spans}
    assert pieces == {"creator": "Kevin Dietsch", "kind": "POOL", "distributor": "Getty Images"}


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (BACKSLASH, "Roscosmos Press Office/TASS via Getty Images"),
        (HANDOUT, HANDOUT),
        ("REUTERS/Lucy Nicholson", "Lucy Nicholson/Reuters"),
        ("Jane  Doe | ITAR-TASS", "Jane Doe/TASS"),
        ("HO / Anadolu via Getty", "Handout/Anadolu Agency via Getty Images"),
        ("AP Photo / Evan Vucci , FILE", "AP Photo/Evan Vucci, File"),
        ("Courtesy of SpaceX", "Courtesy of SpaceX"),
        ("Photo: Jane Doe", "Jane Doe"),
    ],
)
def test_canonical_credit_renders_parts_the_house_way(line: str, expected: str) -> None:
    assert canonical_credit(line) == expected


def test_house_format_comes_from_the_data_file_and_changes_the_rendering() -> None:
    shipped = house_format()
    assert shipped.separator == "/"
    other = HouseCreditFormat.from_dict(
        {
            "order": ["agency", "creator"],
            "separator": " / ",
            "via": " — ",
            "kinds": {"Handout": ["HO"]},
            "iim": {"limits": {"Credit": 32}, "credit_short_forms": [["agency"]]},
        }
    )
    credit = parse_credit(HANDOUT)
    assert render_credit(credit, other) == "Anadolu Agency / Roscosmos Press Service — Getty Images"
    with pytest.raises(ValueError, match="is missing"):
        HouseCreditFormat.from_dict({"separator": "/"})


def test_iim_short_form_of_the_seed_handout_credit_fits_32_bytes() -> None:
    assert byte_length(HANDOUT) == 63
    short = iim_short_form(HANDOUT)
    assert short == "Anadolu Agency via Getty Images"
    assert byte_length(short) <= 32
    assert iim_short_form("Lucy Nicholson/Reuters") == "Lucy Nicholson/Reuters"


def test_iim_short_form_cuts_at_a_character_boundary_when_no_form_fits() -> None:
    line = "Ștefan Ionescu-Vărzăreanu Dumitrescu"  # one long creator name, no agency
    short = iim_short_form(line)
    assert byte_length(short) <= 32
    assert line.startswith(short)
    short.encode("utf-8").decode("utf-8")  # still whole characters


def test_registry_merges_the_desks_agencies_with_the_shipped_ones() -> None:
    registry = AgencyRegistry(
        [
            Agency("Roscosmos Press Service", ("Roscosmos Press Office",), "press-office", ""),
            Agency("Acme Pictures", ("Acme",), "agency", "Staff only"),
        ]
    )
    service = registry.lookup("roscosmos press office")
    assert service is not None
    assert service.canonical == "Roscosmos Press Service"
    assert service.notes == "Handouts: editorial use only."  # the shipped note stays
    assert registry.canonical("ACME") == "Acme Pictures"
    assert registry.canonical("ITAR-TASS") == "TASS"
    assert not AgencyRegistry().is_known("Acme")
    assert AgencyRegistry.with_names({"Acme Pictures": ("Acme",)}).is_known("acme")
    assert registry.suggest("Anadolu Agncy") == ["Anadolu Agency"]
    assert registry.notes_for(parse_credit(HANDOUT))[0] == "Handouts: editorial use only."


def test_same_source_named_two_ways_suggests_the_majority_form() -> None:
    counts = {"Roscosmos Press Service": 4, "Anadolu Agency": 4, "Roscosmos Press Office": 1, "TASS": 1}
    assert source_variants(counts) == {"Roscosmos Press Office": "Roscosmos Press Service"}
    # the archive can outvote the article
    assert source_variants({"Roscosmos Press Office": 3, "Roscosmos Press Service": 40}) == {
        "Roscosmos Press Office": "Roscosmos Press Service"
    }
    # a typo of a photographer's name is one source; two different people are not
    assert source_variants({"Kevin Dietsch": 5, "Kevin Dietch": 1}) == {"Kevin Dietch": "Kevin Dietsch"}
    assert source_variants({"John Smith": 2, "Jane Smith": 1}) == {}
    # two different agencies the registry knows are never merged
    assert source_variants({"NASA": 3, "ESA": 1}) == {}


@pytest.mark.parametrize("line", [HANDOUT, BACKSLASH, "AP Photo/Evan Vucci", "Courtesy of NASA"])
def test_looks_like_credit_still_recognises_credit_lines(line: str) -> None:
    assert looks_like_credit(line)


def test_looks_like_credit_still_rejects_the_seeds_prose_and_alt_text() -> None:
    text = seed_path().read_text(encoding="utf-8")
    credits = {HANDOUT, BACKSLASH}
    others = [line for line in text.splitlines() if line.strip() and line.strip() not in credits]
    assert others, "the seed should have prose"
    assert [line for line in others if looks_like_credit(line)] == []
