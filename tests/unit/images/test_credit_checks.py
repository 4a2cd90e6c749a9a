"""Credit checks through the check contract: the seed article, the registry, the file's own credit."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from editor_app.checks.base import ArticleCheck, BlockCheck, CheckContext
from editor_app.checks.credits import CHECKS, EmbeddedCreditCheck
from editor_app.domain import Article, Block, BlockType, Finding, FlagKind, ImageSlot
from editor_app.exporters.image_credits import embed_credits
from tests.unit.text.test_credits import BACKSLASH, HANDOUT, seed_article


def run(article: Article, ctx: CheckContext | None = None) -> list[Finding]:
    ctx = ctx or CheckContext()
    found: list[Finding] = []
    for check in CHECKS:
        if isinstance(check, BlockCheck):
            for index, block in enumerate(article.blocks):
                found.extend(check.check_block(article, index, block, ctx))
        else:
            assert isinstance(check, ArticleCheck)
            found.extend(check.check_article(article, ctx))
    for f in found:
        assert f.kind is FlagKind.CREDIT
        assert f.field == "credit"
        assert f.id == ""
        assert article.blocks[f.block].field_text("credit")[f.start : f.end] == f.text
    return found


def images(*credits: str, **slot: object) -> Article:
    return Article(
        headline="Test",
        blocks=[Block(BlockType.IMAGE, image=ImageSlot(credit=c, **slot)) for c in credits],  # type: ignore[arg-type]
    )


def by_rule(found: list[Finding], rule: str) -> list[Finding]:
    return [f for f in found if f.rule == rule]


def test_seed_backslash_and_press_office_pair_are_flagged_with_canonical_suggestions() -> None:
    article = seed_article()
    found = run(article)
    backslash_block = next(i for i, slot in article.images if slot.credit == BACKSLASH)

    (separator,) = by_rule(found, "credit.separator")
    assert (separator.block, separator.text, separator.suggestions) == (backslash_block, "\\", ("/",))
    assert separator.data["canonical"] == "Roscosmos Press Office/TASS via Getty Images"

    (variant,) = by_rule(found, "credit.inconsistent-source")
    assert (variant.block, variant.text, variant.suggestions) == (
        backslash_block,
        "Roscosmos Press Office",
        ("Roscosmos Press Service",),
    )
    assert "4 in this article" in variant.message

    too_long = by_rule(found, "credit.iim-too-long")
    assert len(too_long) == 5
    assert {f.data["iim_credit"] for f in too_long} == {
        "Anadolu Agency via Getty Images",
        "TASS via Getty Images",
    }
    assert len(by_rule(found, "credit.no-rights")) == 5
    assert by_rule(found, "credit.unknown-agency") == []
    assert by_rule(found, "credit.spacing") == []


def test_the_archive_can_outvote_a_single_article() -> None:
    article = images("Roscosmos Press Office/Handout/TASS")
    assert by_rule(run(article), "credit.inconsistent-source") == []
    ctx = CheckContext(archive_credit_sources={"Roscosmos Press Service": 40})
    (variant,) = by_rule(run(article, ctx), "credit.inconsistent-source")
    assert variant.suggestions == ("Roscosmos Press Service",)
    assert "40 in the archive" in variant.message


def test_unknown_agency_and_the_desks_own_registry() -> None:
    article = images("Jane Doe/Acme Pictures", "Jane Doe/Reutres")
    unknown = by_rule(run(article), "credit.unknown-agency")
    assert [(f.block, f.text) for f in unknown] == [(0, "Acme Pictures"), (1, "Reutres")]
    assert unknown[1].suggestions == ("Reuters",)
    ctx = CheckContext(extra_agencies={"Acme Pictures": ("Acme",)})
    assert [f.text for f in by_rule(run(article, ctx), "credit.unknown-agency")] == ["Reutres"]


def test_alias_spelling_is_pointed_at_the_house_name() -> None:
    (alias,) = by_rule(run(images("REUTERS/Lucy Nicholson")), "credit.agency-alias")
    assert (alias.text, alias.suggestions) == ("REUTERS", ("Reuters",))


def test_stray_spaces_and_punctuation() -> None:
    found = by_rule(run(images(" Jane  Doe / Reuters ,.")), "credit.spacing")
    assert [(f.text, f.suggestions) for f in found] == [
        (" ", ("",)),
        ("  ", (" ",)),
        (" / ", ("/",)),
        (" ,", (",",)),
        (",.", ("",)),
    ]
    assert by_rule(run(images("Photo: U.S. Navy")), "credit.spacing") == []


def test_missing_credit_is_flagged() -> None:
    (missing,) = by_rule(run(images("")), "credit.missing")
    assert missing.start == missing.end == 0


@pytest.fixture
def credited_jpeg(tmp_path: Path) -> Path:
    src = tmp_path / "src.jpg"
    Image.linear_gradient("L").convert("RGB").save(src)
    dst = tmp_path / "credited.jpg"
    embed_credits(src, dst, caption="A caption", credit=HANDOUT, rights="© Roscosmos")
    return dst


def test_credit_line_against_the_files_embedded_credit(credited_jpeg: Path) -> None:
    same = images(HANDOUT, image_path=str(credited_jpeg), rights="")
    assert by_rule(run(same), "credit.embedded-mismatch") == []
    assert by_rule(run(same), "credit.no-rights") == []  # the file states its rights

    other = images("Jane Doe/AFP via Getty Images", image_path=str(credited_jpeg), image_hash="h1")
    (mismatch,) = by_rule(run(other), "credit.embedded-mismatch")
    assert mismatch.suggestions == (HANDOUT,)
    assert HANDOUT in mismatch.message


def test_iim_short_form_in_the_file_is_not_a_mismatch(tmp_path: Path) -> None:
    src = tmp_path / "src.jpg"
    Image.new("RGB", (8, 8)).save(src)
    iim_only = tmp_path / "iim.jpg"
    embed_credits(src, iim_only, caption=None, credit=HANDOUT)
    slot = ImageSlot(credit=HANDOUT, image_path=str(iim_only))
    check = EmbeddedCreditCheck(reader=lambda s: _iim_view(s))
    block = Block(BlockType.IMAGE, image=slot)
    found = list(check.check_block(Article("t", [block]), 0, block, CheckContext()))
    assert [f.rule for f in found] == ["credit.no-rights"]


def _iim_view(slot: ImageSlot):  # type: ignore[no-untyped-def]
    """What a CMS that reads only IIM sees: the short credit."""
    from dataclasses import replace

    from editor_app.importers.image_meta import read_metadata

    assert slot.image_path
    meta = read_metadata(slot.image_path)
    return replace(meta, xmp_credit=None)


def test_no_rights_uses_the_registrys_usage_note() -> None:
    (no_rights,) = by_rule(run(images(HANDOUT)), "credit.no-rights")
    assert "Handouts: editorial use only." in no_rights.data["notes"]
    assert by_rule(run(images(HANDOUT, rights="Editorial use only")), "credit.no-rights") == []
