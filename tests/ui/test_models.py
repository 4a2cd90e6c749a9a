"""Every item model passes Qt's model tester with real service data in it."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor_app.domain import FlagStatus, Severity
from editor_app.services import Desk
from editor_app.ui.models.articles_model import ArticlesModel
from editor_app.ui.models.flags_model import FlagsModel
from editor_app.ui.models.history_model import HistoryModel
from editor_app.ui.models.images_model import ImageRow, ImagesModel
from tests.helpers.shared import seed_path

pytestmark = pytest.mark.gui


@pytest.fixture
def seeded(desk: Desk) -> int:
    return desk.articles.import_file(seed_path(), actor="desk1").article_id


def test_flags_model_groups_by_kind_and_filters(qtmodeltester: object, desk: Desk, seeded: int) -> None:
    flags = desk.review.flags(seeded)
    model = FlagsModel()
    model.set_flags(flags)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    kinds = {f.kind for f in flags if f.is_open}
    assert model.rowCount() == len(kinds)
    assert sum(model.rowCount(model.index(g, 0)) for g in range(model.rowCount())) == len(
        [f for f in flags if f.is_open]
    )
    first = model.index(0, 0)
    label = model.data(first)
    assert label.endswith(f"({model.rowCount(first)})")
    model.set_filter(None, Severity.ERROR)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert all(f.severity is Severity.ERROR for f in model.shown())
    model.set_filter(FlagStatus.VERIFIED, None)
    assert model.rowCount() == 0
    assert model.counts()[FlagStatus.OPEN] == len([f for f in flags if f.is_open])


def test_articles_model(qtmodeltester: object, desk: Desk, seeded: int) -> None:
    model = ArticlesModel()
    model.set_rows(desk.articles.list())
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.rowCount() == 1
    assert model.data(model.index(0, 0)) == "Russian Crew to Film First Movie in Space"
    assert model.data(model.index(0, 2)) == "Draft"
    assert model.row_of(seeded) == 0


def test_images_model(qtmodeltester: object, desk: Desk, seeded: int) -> None:
    model = ImagesModel()
    views = desk.images.list(seeded)
    model.set_rows([ImageRow(v) for v in views])
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.rowCount() == len(views) == 5
    assert "TASS" in model.data(model.index(1, 1))
    assert model.data(model.index(1, 2)) == "unverified"


def test_history_model_hides_autosaves(
    qtmodeltester: object, desk: Desk, seeded: int, tmp_path: Path
) -> None:
    article = desk.articles.get(seeded)
    article.blocks[2].text += " More."
    desk.articles.save(article, actor="desk1", message="autosave", draft=True)
    article = desk.articles.get(seeded)
    article.blocks[2].text += " Again."
    desk.articles.save(article, actor="desk1", message="edited")
    model = HistoryModel()
    model.set_revisions(desk.articles.history(seeded))
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert [model.data(model.index(r, 0)) for r in range(model.rowCount())] == ["3", "2", "1"]
    model.set_show_drafts(False)
    assert [model.data(model.index(r, 0)) for r in range(model.rowCount())] == ["3", "1"]
