"""The fact-check sheet end to end on the seed, through the real services and a SQLite file."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor_app.domain import Flag, FlagKind, FlagStatus
from editor_app.errors import InvalidRequest, NotFound, PermissionDenied
from editor_app.services import Desk
from editor_app.storage.repositories import AuditRepo
from tests.helpers.desks import make_desk
from tests.helpers.shared import seed_path


@pytest.fixture
def desk(tmp_path: Path) -> Desk:
    return make_desk(tmp_path)


@pytest.fixture
def seed_id(desk: Desk) -> int:
    return desk.articles.import_file(seed_path(), actor="copy1").article_id


def _one(flags: list[Flag], *, text: str, kind: FlagKind | None = None, rule: str = "") -> Flag:
    found = [f for f in flags if text in f.text and (kind is None or f.kind is kind) and rule in f.rule]
    assert found, f"no flag on {text!r} ({kind}); have {[(f.kind.value, f.text) for f in flags]}"
    return found[0]


def _audit(desk: Desk, article_id: int) -> list[str]:
    with desk.ctx.tx() as s:
        return [e.action for e in AuditRepo(s).list(article_id)]


def test_whole_sheet_on_the_seed(desk: Desk, seed_id: int) -> None:
    flags = desk.review.flags(seed_id)
    kaz = next(f for f in flags if f.text == "Kazahkstan")
    assert kaz.suggestions[0] == "Kazakhstan"
    claim = _one(flags, text="3 hours", kind=FlagKind.CLAIM)
    style = _one(flags, text="3", kind=FlagKind.STYLE)
    disputed = _one(flags, text="12 days", kind=FlagKind.CLAIM)

    desk.review.accept(kaz.id, actor="copy1")
    desk.review.resolve(
        claim.id,
        FlagStatus.VERIFIED,
        actor="copy1",
        source="https://www.nasa.gov/soyuz-ms-19",
        note="launch to docking 3 h 27 min",
    )
    desk.review.resolve(style.id, FlagStatus.WAIVED, actor="copy1", note="durations keep numerals here")
    desk.review.resolve(
        disputed.id,
        FlagStatus.DISPUTED,
        actor="copy1",
        source="Roscosmos press office",
        note="agency says 12 days including landing",
    )

    article = desk.articles.get(seed_id)
    assert "Kazakhstan" in article.blocks[kaz.block].text
    other = next(i for i, b in enumerate(article.blocks) if b.text.startswith("Cinematography"))
    assert other != kaz.block
    desk.articles.edit_block(
        seed_id, other, article.blocks[other].text + " It took years to plan.", actor="copy1"
    )
    desk.review.check(seed_id, actor="copy1")

    after = {f.id: f for f in desk.review.flags(seed_id)}
    assert after[kaz.id].status is FlagStatus.CORRECTED
    assert after[kaz.id].replacement == "Kazakhstan"
    assert after[claim.id].status is FlagStatus.VERIFIED
    assert after[claim.id].source == "https://www.nasa.gov/soyuz-ms-19"
    assert after[claim.id].note == "launch to docking 3 h 27 min"
    assert after[claim.id].resolved_by == "copy1"
    assert after[style.id].status is FlagStatus.WAIVED
    assert after[style.id].note == "durations keep numerals here"
    assert after[disputed.id].status is FlagStatus.DISPUTED
    assert after[disputed.id].source == "Roscosmos press office"

    history = desk.articles.history(seed_id)
    assert [r.number for r in history] == [1, 2, 3]
    assert history[1].flag_id == kaz.id
    assert [r.author for r in history] == ["copy1", "copy1", "copy1"]
    changes = desk.articles.diff(seed_id, 1, 2)
    assert len(changes) == 1
    pieces = [(p.op, p.text) for p in changes[0].pieces if p.op != "equal"]
    assert pieces == [("delete", "Kazahkstan"), ("insert", "Kazakhstan")]
    changes = desk.articles.diff(seed_id, 2, 3)
    assert [(c.block, [(p.op, p.text) for p in c.pieces if p.op != "equal"]) for c in changes] == [
        (other, [("insert", " It took years to plan.")])
    ]

    number = desk.articles.restore(seed_id, 1, actor="copy1")
    assert number == 4
    restored = desk.articles.get(seed_id)
    assert "Kazahkstan" in restored.blocks[kaz.block].text
    assert "It took years" not in restored.blocks[other].text
    reopened = {f.id: f for f in desk.review.flags(seed_id)}[kaz.id]
    assert reopened.status is FlagStatus.OPEN  # the misspelling is back, so its flag is too
    assert {f.id: f for f in desk.review.flags(seed_id)}[claim.id].status is FlagStatus.VERIFIED

    actions = _audit(desk, seed_id)
    expected = [
        "article.import",
        "flag.corrected",
        "flag.verified",
        "flag.waived",
        "flag.disputed",
        "article.edit",
        "article.edit",
        "flag.reappeared",
    ]
    it = iter(actions)
    assert all(any(a == step for a in it) for step in expected), actions


def test_undo_last_accepted_suggestion(desk: Desk, seed_id: int) -> None:
    kaz = next(f for f in desk.review.flags(seed_id) if f.text == "Kazahkstan")
    desk.review.accept(kaz.id, actor="copy1")
    desk.review.undo_accept(seed_id, actor="copy1")
    article = desk.articles.get(seed_id)
    assert "Kazahkstan" in article.blocks[kaz.block].text
    assert {f.id: f for f in desk.review.flags(seed_id)}[kaz.id].status is FlagStatus.OPEN
    with pytest.raises(InvalidRequest):
        desk.review.undo_accept(seed_id, actor="copy1")


def test_manual_flag_joins_the_sheet(desk: Desk, seed_id: int) -> None:
    article = desk.articles.get(seed_id)
    block = next(i for i, b in enumerate(article.blocks) if "Soyuz" in b.text)
    start = article.blocks[block].text.index("Soyuz")
    flag = desk.review.add_manual(
        seed_id,
        block=block,
        start=start,
        end=start + 5,
        note="check the launch time with the agency",
        actor="copy1",
        assign="desk1",
    )
    listed = {f.id: f for f in desk.review.flags(seed_id)}[flag.id]
    assert listed.text == "Soyuz"
    assert listed.assigned_to == "desk1"
    assert listed.kind is FlagKind.MANUAL
    desk.review.check(seed_id, actor="copy1")  # re-checking keeps manual flags
    assert flag.id in {f.id for f in desk.review.flags(seed_id)}


def test_bad_requests_change_nothing(desk: Desk, seed_id: int) -> None:
    flags = desk.review.flags(seed_id)
    claim = _one(flags, text="3 hours", kind=FlagKind.CLAIM)
    desk.review.resolve(claim.id, FlagStatus.VERIFIED, actor="copy1", source="NASA")
    before_flags = desk.review.flags(seed_id)
    before_audit = _audit(desk, seed_id)
    before_history = desk.articles.history(seed_id)
    open_flag = next(
        f
        for f in before_flags
        if f.is_open and f.kind is not FlagKind.CREDIT and f.kind is not FlagKind.CAPTION
    )

    with pytest.raises(NotFound):
        desk.review.resolve("ffffffffffffffff", FlagStatus.VERIFIED, actor="copy1", source="x")
    with pytest.raises(InvalidRequest, match="already verified"):
        desk.review.resolve(claim.id, FlagStatus.DISPUTED, actor="copy1", source="x")
    with pytest.raises(InvalidRequest, match="reason"):
        desk.review.resolve(open_flag.id, FlagStatus.WAIVED, actor="copy1", note="   ")
    with pytest.raises(InvalidRequest, match="source"):
        desk.review.resolve(open_flag.id, FlagStatus.VERIFIED, actor="copy1", source="")
    with pytest.raises(InvalidRequest, match="outside"):
        desk.review.add_manual(
            seed_id,
            block=open_flag.block if open_flag.block >= 0 else 0,
            start=0,
            end=100_000,
            note="x",
            actor="copy1",
        )
    with pytest.raises(InvalidRequest):
        desk.review.add_manual(seed_id, block=999, note="x", actor="copy1")
    with pytest.raises(NotFound):
        desk.articles.diff(seed_id, 1, 99)
    with pytest.raises(NotFound):
        desk.articles.restore(seed_id, 42, actor="copy1")
    with pytest.raises(NotFound):
        desk.review.resolve(open_flag.id, FlagStatus.VERIFIED, actor="nobody", source="x")

    assert desk.review.flags(seed_id) == before_flags
    assert _audit(desk, seed_id) == before_audit
    assert desk.articles.history(seed_id) == before_history


def test_photo_editor_may_not_resolve_text_flags(desk: Desk, seed_id: int) -> None:
    kaz = next(f for f in desk.review.flags(seed_id) if f.text == "Kazahkstan")
    with pytest.raises(PermissionDenied):
        desk.review.accept(kaz.id, actor="photo1")
    assert "denied" in _audit(desk, None)  # type: ignore[arg-type]
    assert {f.id: f for f in desk.review.flags(seed_id)}[kaz.id].status is FlagStatus.OPEN


def test_saved_fact_is_a_hint_on_another_article(desk: Desk, seed_id: int, tmp_path: Path) -> None:
    claim = _one(desk.review.flags(seed_id), text="3 hours", kind=FlagKind.CLAIM)
    desk.review.resolve(claim.id, FlagStatus.VERIFIED, actor="copy1", source="NASA launch blog")
    fact = desk.facts.from_flag(
        claim.id, subject="Soyuz MS-19", value="about 3 h 27 min, launch to docking", actor="copy1"
    )
    assert fact.source == "NASA launch blog"
    second = tmp_path / "second.txt"
    second.write_text(
        "Soyuz Crew Reaches Station\n\nBy Desk Staff\n\n"
        "The Soyuz capsule docked with the station after about 3 hours of flight, officials said on "
        "Wednesday.\n",
        encoding="utf-8",
    )
    other_id = desk.articles.import_file(second, actor="copy1").article_id
    hinted = [f for f in desk.review.flags(other_id) if f.kind is FlagKind.CLAIM and "fact" in f.data]
    assert hinted, [(f.kind.value, f.text, f.data) for f in desk.review.flags(other_id)]
    assert "NASA launch blog" in hinted[0].data["fact"]
    assert "copy1" in hinted[0].data["fact"]
    desk.facts.retire(fact.id, actor="copy1")
    assert desk.facts.search("Soyuz") == []
    desk.review.check(other_id, actor="copy1")
    assert not [f for f in desk.review.flags(other_id) if "fact" in f.data]


def test_a_note_on_a_flag_keeps_its_status_and_survives_a_recheck(desk: Desk, seed_id: int) -> None:
    before = desk.review.flags(seed_id)
    claim = _one(before, text="3 hours", kind=FlagKind.CLAIM)
    noted = desk.review.annotate(claim.id, "  asked Roscosmos, waiting  ", actor="copy1")
    assert noted.note == "asked Roscosmos, waiting"
    assert noted.status is FlagStatus.OPEN
    assert len(desk.review.flags(seed_id)) == len(before)  # a note is not a new flag

    desk.review.annotate(claim.id, "Roscosmos confirms 3 h 27 min", actor="copy1")
    desk.review.check(seed_id, actor="copy1")
    again = desk.review.get(claim.id)[1]
    assert again.note == "Roscosmos confirms 3 h 27 min"
    assert again.is_open
    with desk.ctx.tx() as s:
        notes = [e for e in AuditRepo(s).list(seed_id) if e.action == "flag.note"]
    assert [(e.before, e.after) for e in notes] == [
        ({"note": ""}, {"note": "asked Roscosmos, waiting"}),
        ({"note": "asked Roscosmos, waiting"}, {"note": "Roscosmos confirms 3 h 27 min"}),
    ]


def test_a_note_needs_text_a_known_flag_and_the_right_role(desk: Desk, seed_id: int) -> None:
    claim = _one(desk.review.flags(seed_id), text="3 hours", kind=FlagKind.CLAIM)
    with pytest.raises(InvalidRequest):
        desk.review.annotate(claim.id, "   ", actor="copy1")
    with pytest.raises(NotFound):
        desk.review.annotate("nosuchflag", "hello", actor="copy1")
    with pytest.raises(PermissionDenied):
        desk.review.annotate(claim.id, "hello", actor="photo1")
    assert desk.review.get(claim.id)[1].note == ""
