"""The engine: stable ids, re-checking one block, house overrides, and the registry."""

from __future__ import annotations

import random
import sys
from dataclasses import replace

import pytest

from editor_app.checks import recheck, registered_checks, run_checks
from editor_app.checks.base import ArticleCheck, BlockCheck, CheckContext
from editor_app.checks.engine import clear_caches
from editor_app.domain import Article, Block, BlockType, Finding
from tests.unit.checks.samples import problem_article


def _ids(findings: list[Finding]) -> dict[tuple[str, str], str]:
    return {(f.rule, f.text): f.id for f in findings}


def test_ids_survive_inserting_a_paragraph_elsewhere(seed: Article, ctx: CheckContext) -> None:
    before = run_checks(seed, ctx)
    edited = seed.copy()
    edited.blocks.insert(2, Block(BlockType.PARAGRAPH, "The weather at the launch site was calm all week."))
    after = run_checks(edited, ctx)
    assert {f.id for f in before} <= {f.id for f in after}
    moved = {f.id: f.block for f in after}
    assert all(moved[f.id] == (f.block + 1 if f.block >= 2 else f.block) for f in before)


def test_ids_survive_an_edit_in_another_paragraph(seed: Article, ctx: CheckContext) -> None:
    before = run_checks(seed, ctx)
    edited = seed.copy()
    edited.blocks[8] = replace(edited.blocks[8], text=edited.blocks[8].text.replace("quite the", "a real"))
    after = run_checks(edited, ctx)
    untouched = [f for f in before if f.block != 8]
    assert {f.id for f in untouched} <= {f.id for f in after}


def test_the_same_words_twice_get_different_ids(ctx: CheckContext) -> None:
    text = "It took 3 hours."
    article = Article("Twice", [Block(BlockType.PARAGRAPH, text), Block(BlockType.PARAGRAPH, text)])
    found = [f for f in run_checks(article, ctx) if f.rule == "style.numerals"]
    assert len(found) == 2
    assert found[0].id != found[1].id


def _edits(article: Article, rng: random.Random, steps: int) -> list[tuple[Article, int]]:
    additions = [
        " The ministry said so again.",
        ' "We never planned for this at all," Peresield said.',
        " They flew via Moskow on Friday, October 8.",
        " It took 3 hours - or more...",
        "",
    ]
    out = []
    for _ in range(steps):
        index = rng.choice([i for i, b in enumerate(article.blocks) if b.type is BlockType.PARAGRAPH])
        article = article.copy()
        article.blocks[index] = replace(
            article.blocks[index], text=article.blocks[index].text + rng.choice(additions)
        )
        out.append((article, index))
    return out


def test_recheck_equals_a_full_run(seed: Article, ctx: CheckContext) -> None:
    previous = run_checks(seed, ctx)
    for article, index in _edits(seed, random.Random(4), 12):
        got = recheck(article, {index}, previous, ctx)
        want = run_checks(article, ctx)
        assert got == want
        assert [f.id for f in got] == [f.id for f in want]
        previous = got


def test_recheck_from_stored_findings_with_cold_caches(seed: Article, ctx: CheckContext) -> None:
    previous = list(run_checks(seed, ctx))
    ((article, index),) = _edits(seed, random.Random(9), 1)
    clear_caches()
    got = recheck(article, {index}, previous, ctx)
    clear_caches()
    assert got == run_checks(article, ctx)


def test_recheck_after_blocks_were_removed_is_a_full_run(seed: Article, ctx: CheckContext) -> None:
    previous = run_checks(seed, ctx)
    shorter = seed.copy()
    del shorter.blocks[-3:]
    assert recheck(shorter, {0}, previous, ctx) == run_checks(shorter, ctx)


def test_house_overrides(seed: Article, ctx: CheckContext) -> None:
    def rules(house: dict[str, object]) -> list[Finding]:
        return run_checks(seed, replace(ctx, house=house))

    assert not [
        f for f in rules({"rules": {"style.numerals": {"enabled": False}}}) if f.rule == "style.numerals"
    ]
    dash = [f for f in rules({"settings": {"dash": "spaced-en"}}) if f.rule == "style.spaced-hyphen"]
    assert dash[0].suggestions == (" – ",)
    assert not [f for f in rules({"durations_as_figures": True}) if f.rule == "style.numerals"]
    italics = [f for f in rules({"composition_titles": "italics"}) if f.rule == "style.composition-title"]
    assert italics[0].suggestions == ()
    assert "italics" in italics[0].message
    assert not [f for f in rules({"rules": {"claim.quantity": False}}) if f.rule == "claim.quantity"]


def test_registry_runs_the_credit_checks_when_present(seed: Article, ctx: CheckContext) -> None:
    checks = registered_checks()
    assert all(isinstance(c, (BlockCheck, ArticleCheck)) for c in checks)
    modules = {type(c).__module__ for c in checks}
    assert "editor_app.checks.credits" in modules
    assert any(f.kind.value == "credit" for f in run_checks(seed, ctx))


def test_registry_without_the_credit_module(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "editor_app.checks.credits", None)
    modules = {type(c).__module__ for c in registered_checks()}
    assert "editor_app.checks.credits" not in modules
    assert {"editor_app.checks.spelling", "editor_app.checks.quotes", "editor_app.checks.captions"} <= modules


def test_every_check_declares_its_rules(ctx: CheckContext) -> None:
    ours = [c for c in registered_checks() if type(c).__module__ != "editor_app.checks.credits"]
    declared = {r for c in ours for r in getattr(c, "rules", ())}
    found = {f.rule for f in run_checks(problem_article(), ctx) if f.kind.value != "credit"}
    assert found <= declared
