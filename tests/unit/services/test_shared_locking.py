"""Optimistic locking on a shared desk: conflicts name who and when, different blocks merge.

Every test runs on SQLite and on a real PostgreSQL server (``backend`` fixture);
each editor works through their own Desk, as from their own machine.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest

from editor_app.domain import CreditStatus, FlagStatus
from editor_app.errors import ConflictError, InvalidRequest
from editor_app.services import Desk
from editor_app.storage.repositories import ArticleRepo, AuditRepo
from tests.helpers.newsroom import Newsroom, newsroom


@pytest.fixture
def room(open_desk: Callable[[], Desk]) -> Newsroom:
    return newsroom(open_desk)


def _edits(desk: Desk, article_id: int) -> list[tuple[str, dict[str, object]]]:
    with desk.ctx.tx() as s:
        return [(e.actor, e.after) for e in AuditRepo(s).list(article_id) if e.action == "article.edit"]


def test_edits_to_different_blocks_of_one_article_merge(room: Newsroom) -> None:
    article_id = room.add_article()
    alice, bob = room.machine(), room.machine()
    seen_by_alice = alice.articles.block_versions(article_id)
    seen_by_bob = bob.articles.block_versions(article_id)

    alice.articles.edit_block(
        article_id,
        0,
        "The ferry resumed service on Monday.",
        actor="alice",
        expected_version=seen_by_alice[0],
    )
    bob.articles.edit_block(
        article_id, 2, "Fares are unchanged, the operator said.", actor="bob", expected_version=seen_by_bob[2]
    )

    stored = room.chief.articles.get(article_id)
    assert stored.blocks[0].text == "The ferry resumed service on Monday."
    assert stored.blocks[2].text == "Fares are unchanged, the operator said."
    assert stored.blocks[1].text == "Crews replaced both engines and repainted the hull."
    # Each audit entry names only the block its editor changed (bob's stale copy of block 0 is not his edit).
    edits = _edits(room.chief, article_id)
    assert [(actor, sorted(k for k in after if k.startswith("block"))) for actor, after in edits] == [
        ("alice", ["block 0"]),
        ("bob", ["block 2"]),
    ]
    assert [r.author for r in room.chief.articles.history(article_id)] == ["chief", "alice", "bob"]


def test_a_second_edit_to_the_same_block_is_refused_naming_who_and_when(room: Newsroom) -> None:
    article_id = room.add_article()
    alice, bob = room.machine(), room.machine()
    version = bob.articles.block_versions(article_id)[1]
    alice.articles.edit_block(article_id, 1, "Crews replaced both engines.", actor="alice")
    with alice.ctx.tx() as s:
        when = ArticleRepo(s).meta(article_id).changed_at

    with pytest.raises(ConflictError) as refused:
        bob.articles.edit_block(
            article_id, 1, "Crews repainted the hull.", actor="bob", expected_version=version
        )
    assert refused.value.changed_by == "alice"
    assert refused.value.changed_at == when.isoformat()
    assert "alice" in str(refused.value)
    assert "reload or merge" in str(refused.value)
    assert room.chief.articles.get(article_id).blocks[1].text == "Crews replaced both engines."

    # Reload, merge by hand, save again: now it goes through, on top of alice's text.
    fresh = bob.articles.get(article_id)
    merged = fresh.blocks[1].text + " They also repainted the hull."
    bob.articles.edit_block(
        article_id, 1, merged, actor="bob", expected_version=bob.articles.block_versions(article_id)[1]
    )
    assert room.chief.articles.get(article_id).blocks[1].text == (
        "Crews replaced both engines. They also repainted the hull."
    )


def test_a_stale_whole_article_save_is_refused(room: Newsroom) -> None:
    article_id = room.add_article()
    alice, bob = room.machine(), room.machine()
    mine, theirs = alice.articles.get(article_id), bob.articles.get(article_id)
    theirs.headline = "Ferry back after repairs"
    bob.articles.save(theirs, actor="bob")
    mine.bylines = ["By Jo Marsh and Alice Grant"]
    with pytest.raises(ConflictError, match="changed by bob") as refused:
        alice.articles.save(mine, actor="alice")
    assert refused.value.changed_by == "bob"
    stored = room.chief.articles.get(article_id)
    assert stored.headline == "Ferry back after repairs"
    assert stored.bylines == ["By Jo Marsh"]


def test_resolving_a_flag_someone_else_resolved_is_refused_naming_them(room: Newsroom) -> None:
    article_id = room.add_article()
    alice, bob = room.machine(), room.machine()
    flag = alice.review.add_manual(article_id, block=1, note="which engines?", actor="alice")
    seen = bob.review.get(flag.id)[1]

    done = alice.review.resolve(
        flag.id, FlagStatus.VERIFIED, actor="alice", source="operator", expected_version=seen.version
    )
    assert done.version == seen.version + 1
    with pytest.raises(ConflictError) as refused:
        bob.review.resolve(
            flag.id, FlagStatus.WAIVED, actor="bob", note="minor", expected_version=seen.version
        )
    assert refused.value.changed_by == "alice"
    with alice.ctx.tx() as s:
        last = AuditRepo(s).last_change(f"flag:{flag.id}", article_id)
    assert last is not None
    assert last.action == "flag.verified"
    assert refused.value.changed_at == last.at.isoformat()
    # Without a version (the command line) the answer is the plain state of the flag.
    with pytest.raises(InvalidRequest, match="already verified"):
        bob.review.resolve(flag.id, FlagStatus.WAIVED, actor="bob", note="minor")
    final = room.chief.review.get(flag.id)[1]
    assert (final.status, final.resolved_by, final.source) == (FlagStatus.VERIFIED, "alice", "operator")


def test_a_caption_edit_over_a_fresh_credit_verdict_is_refused(room: Newsroom) -> None:
    article_id = room.add_article()
    pia, alice = room.machine(), room.machine()
    seen = alice.articles.get(article_id)
    versions = alice.articles.block_versions(article_id)
    pia.images.verify(article_id, 1, actor="pia")

    slot = seen.blocks[3].image
    assert slot is not None
    slot.caption = "The ferry at the north pier."
    with pytest.raises(ConflictError, match="block 3 .* changed by pia"):
        alice.articles.save(
            seen, actor="alice", expected_blocks={3: versions[3]}, check_article_version=False
        )
    stored = room.chief.articles.get(article_id).blocks[3].image
    assert stored is not None
    assert (stored.caption, stored.status, stored.verified_by) == (
        "The ferry leaves the north pier.",
        CreditStatus.VERIFIED,
        "pia",
    )


def test_concurrent_editors_on_one_article_lose_nothing(room: Newsroom) -> None:
    """Real threads, each with its own Desk, hammering different blocks and one shared flag."""
    article_id = room.add_article()
    flag = room.chief.review.add_manual(article_id, block=4, note="check the timetable", actor="chief")
    editors = ["alice", "bob", "dana", "chief"]
    desks = {name: room.machine() for name in editors}
    rounds = 4
    acknowledged: dict[str, list[int]] = {name: [] for name in editors}
    resolved: list[str] = []
    errors: list[BaseException] = []
    start = threading.Barrier(len(editors))

    def work(name: str, block: int) -> None:
        desk = desks[name]
        try:
            start.wait()
            try:
                desk.review.resolve(
                    flag.id, FlagStatus.VERIFIED, actor=name, source="timetable", expected_version=1
                )
                resolved.append(name)
            except ConflictError:
                pass
            for n in range(rounds):
                version = desk.articles.block_versions(article_id)[block]
                number = desk.articles.edit_block(
                    article_id, block, f"{name} edit {n}.", actor=name, expected_version=version
                )
                acknowledged[name].append(number)
        except BaseException as exc:  # surfaced below, with the thread's name
            errors.append(exc)

    text_blocks = [0, 1, 2, 4]  # block 3 is the picture
    threads = [threading.Thread(target=work, args=(n, b)) for n, b in zip(editors, text_blocks, strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors

    stored = room.chief.articles.get(article_id)
    assert [stored.blocks[b].text for b in text_blocks] == [f"{name} edit {rounds - 1}." for name in editors]
    numbers = sorted(n for ns in acknowledged.values() for n in ns)
    assert numbers == list(range(2, 2 + len(editors) * rounds))  # every save got its own revision, none twice
    assert len(_edits(room.chief, article_id)) == len(editors) * rounds
    assert len(resolved) == 1  # exactly one resolve won; the rest were told
    assert room.chief.review.get(flag.id)[1].resolved_by == resolved[0]
