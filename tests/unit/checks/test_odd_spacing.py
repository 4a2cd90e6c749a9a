"""Names with doubled spaces or line breaks must not crash the people and title checks."""

from __future__ import annotations

import pytest

from editor_app.checks import run_checks
from editor_app.domain import Article, Block, BlockType


@pytest.mark.parametrize(
    "text",
    [
        "Dmitry  Rogozin, head of the agency, said so.",
        "Dmitry\nRogozin, head of the agency, said so.",
        "The agency head Dmitry  Rogozin said so.",
        "Agency head Dmitry\nRogozin said so.",
    ],
)
def test_titles_with_odd_spacing_are_found_not_crashed(text: str) -> None:
    findings = run_checks(Article(headline="Test", blocks=[Block(BlockType.PARAGRAPH, text)]))
    assert findings  # the titled name is still a claim to verify
    for f in findings:
        assert text[f.start : f.end] == f.text
