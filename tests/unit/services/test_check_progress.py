"""A long check reports its progress and can be stopped; a stopped check or import saves nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor_app.domain import FlagKind
from editor_app.errors import Cancelled
from editor_app.services import Desk
from tests.helpers.desks import make_desk
from tests.helpers.shared import seed_path


@pytest.fixture
def desk(tmp_path: Path) -> Desk:
    return make_desk(tmp_path)


def _flag_state(desk: Desk, article_id: int) -> list[tuple[str, str, str]]:
    return sorted((f.id, f.status.value, repr(sorted(f.data.items()))) for f in desk.review.flags(article_id))


def test_progress_counts_up_to_its_total(desk: Desk) -> None:
    article_id = desk.articles.import_file(seed_path(), actor="copy1").article_id
    seen: list[tuple[int, int]] = []
    desk.review.check(article_id, actor="copy1", progress=lambda done, total: seen.append((done, total)))
    assert len(seen) >= 2
    totals = {total for _done, total in seen}
    assert len(totals) == 1
    assert [done for done, _t in seen] == sorted(done for done, _t in seen)
    assert seen[-1][0] == seen[-1][1]


def test_a_cancelled_check_changes_nothing_and_a_full_one_does(desk: Desk) -> None:
    article_id = desk.articles.import_file(seed_path(), actor="copy1").article_id
    claim = next(f for f in desk.review.flags(article_id) if f.kind is FlagKind.CLAIM and "3 hours" in f.text)
    desk.facts.add(
        subject="Soyuz MS-19",
        claim=claim.text,
        value="3 h 27 min",
        source="NASA",
        actor="copy1",
    )
    before = _flag_state(desk, article_id)
    audit_before = len(desk.audit_log(article_id))
    calls: list[int] = []

    def stop_halfway(done: int, total: int) -> None:
        calls.append(done)
        if done * 2 >= total:
            raise Cancelled("check cancelled")

    with pytest.raises(Cancelled):
        desk.review.check(article_id, actor="copy1", progress=stop_halfway)
    assert calls
    assert _flag_state(desk, article_id) == before  # the fact hint the check would add is not there
    assert len(desk.audit_log(article_id)) == audit_before

    desk.review.check(article_id, actor="copy1")
    hinted = [f for f in desk.review.flags(article_id) if f.kind is FlagKind.CLAIM and "fact" in f.data]
    assert hinted


def test_an_import_stopped_during_its_first_check_stores_nothing(desk: Desk) -> None:
    def stop(_done: int, _total: int) -> None:
        raise Cancelled("import cancelled")

    with pytest.raises(Cancelled):
        desk.articles.import_file(seed_path(), actor="copy1", progress=stop)
    assert desk.articles.list() == []
    assert desk.articles.import_file(seed_path(), actor="copy1").outcome == "created"
