"""ArticleRepo and FlagRepo on both backends: exact round trips and optimistic locking."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy.orm import Session, sessionmaker

from editor_app.domain import (
    Article,
    AuditEntry,
    Block,
    BlockType,
    CreditStatus,
    Flag,
    FlagKind,
    FlagStatus,
    ImageSlot,
    Severity,
)
from editor_app.errors import ConflictError
from editor_app.storage.repositories import ArticleRepo, AuditRepo, FlagRepo

T0 = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
T1 = T0 + timedelta(minutes=7)


def sample_article() -> Article:
    return Article(
        headline="Crew returns after 12 days — «first film shot in orbit»",
        bylines=["By Ana Ruiz", "Léa Martin in Baikonur"],
        published=datetime(2026, 11, 20, 8, 15, tzinfo=timezone(timedelta(hours=6))),
        updated=datetime(2026, 11, 21, 6, 0, tzinfo=UTC),
        source_name="crew.html",
        source_hash="9f" * 32,
        source_format="html",
        blocks=[
            Block(BlockType.PARAGRAPH, "The Soyuz capsule landed in Kazakhstan at 04:35 GMT."),
            Block(BlockType.SUBHEADING, "A film crew in orbit"),
            Block(BlockType.QUOTE, "“It was like working on a moving set,” the director said."),
            Block(
                BlockType.IMAGE,
                "",
                ImageSlot(
                    alt="soyuz capsule landing kazakhstan steppe",
                    caption="The capsule after landing.",
                    credit="Photo: Ana Ruiz\\AFP via Getty Images",
                    image_path="/data/images/ab.jpg",
                    image_hash="ab" * 32,
                    rights="editorial use only",
                    status=CreditStatus.VERIFIED,
                    verified_by="photo1",
                    verified_at=T0,
                    note="checked with the agency",
                ),
            ),
            Block(BlockType.BOILERPLATE, "Sign up for our newsletter"),
        ],
    )


def test_an_article_round_trips_exactly(sessions: sessionmaker[Session]) -> None:
    original = sample_article()
    with sessions.begin() as s:
        article_id = ArticleRepo(s).add(original, actor="chief", now=T0)
    with sessions.begin() as s:
        stored = ArticleRepo(s).get(article_id)
        snapshot = ArticleRepo(s).revision_content(article_id, 1)
    assert stored.id == article_id
    assert stored.version == 1
    assert stored.content_equal(original)
    assert snapshot.content_equal(original)
    assert stored.published == original.published  # the same instant, offset kept in the text
    assert stored.published is not None
    assert stored.published.utcoffset() == timedelta(hours=6)
    changed = stored.copy()
    changed.blocks[0].text += " "
    assert not changed.content_equal(original)  # the comparison does see a one-space change


def _stored(sessions: sessionmaker[Session]) -> tuple[int, Article, list[int]]:
    with sessions.begin() as s:
        repo = ArticleRepo(s)
        article_id = repo.add(sample_article(), actor="chief", now=T0)
        return article_id, repo.get(article_id), repo.block_versions(article_id)


def test_a_stale_whole_article_save_is_refused_naming_who_and_when(sessions: sessionmaker[Session]) -> None:
    article_id, mine, _ = _stored(sessions)
    theirs = mine.copy()
    theirs.headline = "Crew returns"
    with sessions.begin() as s:
        ArticleRepo(s).save_content(
            theirs, actor="bob", now=T1, message="headline", expected_version=theirs.version
        )
    mine.blocks[1].text = "Filming in orbit"
    with pytest.raises(ConflictError) as refused, sessions.begin() as s:
        ArticleRepo(s).save_content(mine, actor="alice", now=T1, message="sub", expected_version=mine.version)
    assert refused.value.changed_by == "bob"
    assert refused.value.changed_at == T1.isoformat()
    assert "bob" in str(refused.value)
    assert T1.isoformat() in str(refused.value)
    with sessions.begin() as s:
        stored = ArticleRepo(s).get(article_id)
    assert stored.headline == "Crew returns"
    assert stored.blocks[1].text == "A film crew in orbit"


def test_edits_to_different_blocks_merge(sessions: sessionmaker[Session]) -> None:
    article_id, base, versions = _stored(sessions)
    alice, bob = base.copy(), base.copy()
    alice.blocks[0].text = "The capsule landed at dawn."
    bob.blocks[2].text = "“A moving set,” the director said."
    with sessions.begin() as s:
        ArticleRepo(s).save_content(
            alice, actor="alice", now=T0, message="b0", expected_blocks={0: versions[0]}
        )
    with sessions.begin() as s:
        number = ArticleRepo(s).save_content(
            bob, actor="bob", now=T1, message="b2", expected_blocks={2: versions[2]}
        )
    assert number == 3
    with sessions.begin() as s:
        repo = ArticleRepo(s)
        stored = repo.get(article_id)
        snapshot = repo.revision_content(article_id, 3)
        after = repo.block_versions(article_id)
    assert stored.blocks[0].text == "The capsule landed at dawn."  # alice's edit survived bob's save
    assert stored.blocks[2].text == "“A moving set,” the director said."
    assert snapshot.content_equal(stored)  # the revision records the merged text, not bob's stale copy
    assert after[0] == versions[0] + 1
    assert after[2] == versions[2] + 1
    assert after[1] == versions[1]


def test_a_second_edit_to_the_same_block_is_refused(sessions: sessionmaker[Session]) -> None:
    article_id, base, versions = _stored(sessions)
    alice, bob = base.copy(), base.copy()
    alice.blocks[0].text = "Alice's lede."
    bob.blocks[0].text = "Bob's lede."
    with sessions.begin() as s:
        ArticleRepo(s).save_content(
            alice, actor="alice", now=T1, message="a", expected_blocks={0: versions[0]}
        )
    stale = r"block 0 .* changed by alice at 2026-11-25T09:07"
    with pytest.raises(ConflictError, match=stale) as refused, sessions.begin() as s:
        ArticleRepo(s).save_content(bob, actor="bob", now=T1, message="b", expected_blocks={0: versions[0]})
    assert refused.value.changed_by == "alice"
    with sessions.begin() as s:
        assert ArticleRepo(s).get(article_id).blocks[0].text == "Alice's lede."
        assert len(ArticleRepo(s).revisions(article_id)) == 2


def test_a_merge_on_a_rearranged_article_is_refused(sessions: sessionmaker[Session]) -> None:
    article_id, base, versions = _stored(sessions)
    shorter = base.copy()
    del shorter.blocks[4]
    with sessions.begin() as s:
        ArticleRepo(s).save_content(
            shorter, actor="bob", now=T1, message="cut", expected_version=base.version
        )
    base.blocks[0].text = "Edited lede."
    with pytest.raises(ConflictError, match="rearranged by bob"), sessions.begin() as s:
        ArticleRepo(s).save_content(
            base, actor="alice", now=T1, message="a", expected_blocks={0: versions[0]}
        )
    with sessions.begin() as s:
        assert len(ArticleRepo(s).get(article_id).blocks) == 4


def _flag(key: str = "f1") -> Flag:
    return Flag(
        id=key,
        kind=FlagKind.CLAIM,
        severity=Severity.WARNING,
        block=0,
        start=4,
        end=9,
        text="Soyuz",
        message="verify",
        rule="claims",
    )


def test_a_stale_flag_update_is_refused_naming_who_and_when(sessions: sessionmaker[Session]) -> None:
    article_id, _, _ = _stored(sessions)
    with sessions.begin() as s:
        FlagRepo(s).add(article_id, _flag())
    with sessions.begin() as s:
        seen = FlagRepo(s).get(article_id, "f1")
    assert seen.version == 1
    with sessions.begin() as s:
        FlagRepo(s).update(article_id, replace(seen, status=FlagStatus.VERIFIED, resolved_by="bob"))
        AuditRepo(s).append(AuditEntry(T1, "bob", "flag.verified", "flag:f1", article_id=article_id))
    stale = r"flag f1 was changed by bob at 2026-11-25T09:07"
    with pytest.raises(ConflictError, match=stale) as refused, sessions.begin() as s:
        FlagRepo(s).update(article_id, replace(seen, status=FlagStatus.WAIVED, note="fine"))
    assert refused.value.changed_by == "bob"
    with sessions.begin() as s:
        stored = FlagRepo(s).get(article_id, "f1")
    assert stored.status is FlagStatus.VERIFIED
    assert stored.version == 2
