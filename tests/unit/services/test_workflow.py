"""Workflow states and who may move them, through the real services."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor_app.domain import WorkflowState
from editor_app.errors import ExportBlocked, InvalidRequest, PermissionDenied
from editor_app.services import Desk
from tests.helpers.desks import make_desk
from tests.helpers.shared import seed_path


@pytest.fixture
def desk(tmp_path: Path) -> Desk:
    return make_desk(tmp_path)


def test_states_in_order_and_an_edit_after_approval_goes_back(desk: Desk) -> None:
    article_id = desk.articles.import_file(seed_path(), actor="copy1").article_id
    assert desk.workflow.state(article_id).state is WorkflowState.DRAFT
    assert desk.workflow.advance(article_id, actor="copy1") is WorkflowState.COPY_EDIT
    with pytest.raises(PermissionDenied):
        desk.workflow.advance(article_id, actor="photo1")  # copy edit is the copy desk's to finish
    assert desk.workflow.advance(article_id, actor="copy1") is WorkflowState.PHOTO_CHECK
    assert desk.workflow.advance(article_id, actor="photo1") is WorkflowState.READY
    with pytest.raises(InvalidRequest, match="approve"):
        desk.workflow.advance(article_id, actor="desk1")
    with pytest.raises(PermissionDenied, match="may not approve"):
        desk.workflow.approve(article_id, actor="copy1")
    meta = desk.workflow.approve(article_id, actor="desk1")
    assert meta.state is WorkflowState.APPROVED
    assert meta.approved_by == "desk1"
    assert meta.approved_revision == meta.revision

    text = desk.articles.get(article_id).blocks[3].text
    desk.articles.edit_block(article_id, 3, text.replace("Kazahkstan", "Kazakhstan"), actor="copy1")
    after = desk.workflow.state(article_id)
    assert after.state is WorkflowState.COPY_EDIT
    assert after.approved_by is None
    with pytest.raises(ExportBlocked, match="approves it first"):
        desk.exports.export(article_id, ["html"], desk.ctx.data_dir / "out", actor="desk1", override="x")
    actions = [e.action for e in desk.audit_log(article_id)]
    assert actions.count("state") >= 4
    assert "approve" in actions
