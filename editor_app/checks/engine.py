"""Running the registered checks: caching per block, stable ids, and re-checking one block.

Block checks are pure functions of one block's content and the context, so their
results are cached by (check, block content, context); re-checking an edited
paragraph recomputes only that paragraph and re-runs the article-wide checks,
which themselves read per-block analyses cached by text. Ids come from what a
flag says and the words around it (``make_flag_id``), never from block indexes.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from editor_app.checks.base import ArticleCheck, BlockCheck, CheckContext
from editor_app.checks.data import house_for
from editor_app.checks.engine_support import HEADLINE, indexed_blocks
from editor_app.checks.registry import registered_checks
from editor_app.checks.textutil import context
from editor_app.domain import Article, Block, Finding, make_flag_id

_CACHE_SIZE = 60_000
#: checks keep per-process caches and the engine keeps the last result: one run at a time
_lock = threading.RLock()
_block_cache: OrderedDict[tuple[object, ...], list[Finding]] = OrderedDict()
_id_memo: dict[tuple[str, str, str, str, str, int], str] = {}
_context_memo: dict[tuple[str, int, int], tuple[str, str]] = {}
#: Which kind of check produced a rule ("block" or "article"), learned as checks run.
_rule_owner: dict[str, str] = {}


def _ctx_key(article: Article, ctx: CheckContext, checks: Sequence[object] = ()) -> str:
    """Everything besides a block's content that block checks may read, as one hashable string."""
    ref = article.reference_date
    return repr(
        (
            ctx.today.isoformat(),
            json.dumps(dict(ctx.house), sort_keys=True, default=str),
            ref.isoformat() if isinstance(ref, (date, datetime)) else None,
            tuple(sorted((k, tuple(v)) for k, v in ctx.extra_agencies.items())),
            tuple(sorted(ctx.archive_credit_sources.items())),
            tuple(f"{type(c).__module__}.{type(c).__qualname__}" for c in checks),
        )
    )


def _block_key(block: Block) -> tuple[object, ...]:
    slot = block.image
    if slot is None:
        return (block.type, block.text)
    return (
        block.type,
        block.text,
        slot.alt,
        slot.caption,
        slot.credit,
        slot.image_path,
        slot.image_hash,
        slot.rights,
    )


def _run_block_checks(
    checks: list[BlockCheck], article: Article, index: int, block: Block, ctx: CheckContext, ckey: str
) -> list[Finding]:
    """All block checks on one block, cached by (block content, context, checks)."""
    key = (index == HEADLINE, _block_key(block), ckey)
    hit = _block_cache.get(key)
    if hit is not None:
        _block_cache.move_to_end(key)
        return [f if f.block == index else replace(f, block=index) for f in hit]
    found: list[Finding] = []
    for check in checks:
        found.extend(check.check_block(article, index, block, ctx))
    for f in found:
        _rule_owner.setdefault(f.rule, "block")
    _block_cache[key] = found
    if len(_block_cache) > _CACHE_SIZE:
        _block_cache.popitem(last=False)
    return found


def _split(checks: Sequence[BlockCheck | ArticleCheck]) -> tuple[list[BlockCheck], list[ArticleCheck]]:
    blocks: list[BlockCheck] = []
    articles: list[ArticleCheck] = []
    for check in checks:
        if hasattr(check, "check_block"):
            blocks.append(check)  # type: ignore[arg-type]
        if hasattr(check, "check_article"):
            articles.append(check)  # type: ignore[arg-type]
    return blocks, articles


def _article_findings(article: Article, ctx: CheckContext, checks: Iterable[ArticleCheck]) -> list[Finding]:
    out: list[Finding] = []
    for check in checks:
        found = list(check.check_article(article, ctx))
        for f in found:
            _rule_owner.setdefault(f.rule, "article")
        out.extend(found)
    return out


def _field_text(article: Article, block: int, field: str) -> str:
    if block == HEADLINE:
        return article.headline
    if 0 <= block < len(article.blocks):
        try:
            return article.blocks[block].field_text(field)
        except KeyError:
            return ""
    if block == -2 and field == "text":
        return "; ".join(article.bylines)
    return ""


Base = tuple[str, str, str, str, str]


@dataclass
class _Assembly:
    """One run's result with what a re-check needs to redo only the changed blocks."""

    ckey: str
    house_key: str
    block_keys: dict[int, tuple[object, ...]]
    raw: dict[int, list[Finding]]
    article_raw: dict[int, list[Finding]]
    article_flat: list[Finding]
    final: dict[int, list[Finding]]
    bases: dict[int, list[Base]]
    key_blocks: dict[Base, list[int]] = field(default_factory=dict)
    result: list[Finding] = field(default_factory=list)


_last: _Assembly | None = None


def _base_of(article: Article, f: Finding) -> Base:
    ckey = (_field_text(article, f.block, f.field), f.start, f.end)
    words = _context_memo.get(ckey)
    if words is None:
        words = context(ckey[0], f.start, f.end)
        if len(_context_memo) > 200_000:
            _context_memo.clear()
        _context_memo[ckey] = words
    return (f.rule, f.field, f.text, words[0], words[1])


def _sorted_block(findings: list[Finding], house_enabled: Callable[[str], bool]) -> list[Finding]:
    items = [f for f in findings if house_enabled(f.rule)]
    items.sort(key=lambda f: (f.field, f.start, f.end, f.rule, f.text))
    return items


def _with_ids(items: list[Finding], bases: list[Base], before: dict[Base, int]) -> list[Finding]:
    """Final findings of one block: ``before`` counts each key in earlier blocks (the occurrence)."""
    seen: dict[Base, int] = {}
    out: list[Finding] = []
    for f, base in zip(items, bases, strict=True):
        n = before.get(base, 0) + seen.get(base, 0)
        seen[base] = seen.get(base, 0) + 1
        idkey = (*base, n)
        fid = _id_memo.get(idkey)
        if fid is None:
            fid = make_flag_id(base[0], base[1], base[2], base[3], base[4], n)
            if len(_id_memo) > 200_000:
                _id_memo.clear()
            _id_memo[idkey] = fid
        if f.id != fid:
            f = Finding(
                f.kind,
                f.severity,
                f.block,
                f.start,
                f.end,
                f.text,
                f.message,
                f.rule,
                f.suggestions,
                f.field,
                f.data,
                fid,
            )
        out.append(f)
    return out


def _assemble(
    article: Article,
    ctx: CheckContext,
    ckey: str,
    block_keys: dict[int, tuple[object, ...]],
    raw: dict[int, list[Finding]],
    flat: list[Finding],
) -> _Assembly:
    """Drop rules the house turned off, order by (block, field, start), assign stable ids."""
    house = house_for(ctx.house)
    article_raw = _group(flat)
    final: dict[int, list[Finding]] = {}
    bases: dict[int, list[Base]] = {}
    counts: dict[Base, int] = {}
    key_blocks: dict[Base, list[int]] = {}
    result: list[Finding] = []
    for index in sorted(set(raw) | set(article_raw)):
        items = _sorted_block([*raw.get(index, ()), *article_raw.get(index, ())], house.enabled)
        if not items:
            continue
        keys = [_base_of(article, f) for f in items]
        done = _with_ids(items, keys, counts)
        for k in keys:
            if k in counts:
                counts[k] += 1
                blocks = key_blocks[k]
                if blocks[-1] != index:
                    blocks.append(index)
            else:
                counts[k] = 1
                key_blocks[k] = [index]
        final[index] = done
        bases[index] = keys
        result.extend(done)
    return _Assembly(
        ckey, _house_key(ctx), block_keys, raw, article_raw, flat, final, bases, key_blocks, result
    )


def _house_key(ctx: CheckContext) -> str:
    return json.dumps(dict(ctx.house), sort_keys=True, default=str)


def _raw_block(
    article: Article, index: int, block: Block, ctx: CheckContext, ckey: str, checks: list[BlockCheck]
) -> list[Finding]:
    return _run_block_checks(checks, article, index, block, ctx, ckey)


def _group(findings: Iterable[Finding]) -> dict[int, list[Finding]]:
    out: dict[int, list[Finding]] = {}
    for f in findings:
        out.setdefault(f.block, []).append(f)
    return out


def run_checks(article: Article, ctx: CheckContext | None = None) -> list[Finding]:
    """Every registered check over the whole article, sorted by (block, field, start), with stable ids.

    The list returned is shared with the engine (it makes the next ``recheck`` cheap): read it, do
    not change it.
    """
    with _lock:
        return _run_checks(article, ctx or CheckContext())


def _run_checks(article: Article, ctx: CheckContext) -> list[Finding]:
    global _last
    block_checks, article_checks = _split(registered_checks())
    ckey = _ctx_key(article, ctx, block_checks)
    raw: dict[int, list[Finding]] = {}
    keys: dict[int, tuple[object, ...]] = {}
    for index, block in indexed_blocks(article):
        keys[index] = _block_key(block)
        raw[index] = _raw_block(article, index, block, ctx, ckey, block_checks)
    _last = _assemble(article, ctx, ckey, keys, raw, _article_findings(article, ctx, article_checks))
    return _last.result


def _same(a: list[Finding], b: list[Finding]) -> bool:
    return len(a) == len(b) and all(x is y or x == y for x, y in zip(a, b, strict=True))


def _incremental(
    article: Article,
    changed: set[int],
    ctx: CheckContext,
    state: _Assembly,
    block_checks: list[BlockCheck],
    article_checks: list[ArticleCheck],
    ckey: str,
) -> list[Finding]:
    """Redo only the blocks whose findings can have changed; keep every other block's final findings."""
    global _last
    dirty: set[int] = set()
    keys = dict(state.block_keys)
    raw = dict(state.raw)
    for index, block in indexed_blocks(article):
        key = _block_key(block)
        if index in changed or key != keys.get(index):
            keys[index] = key
            raw[index] = _raw_block(article, index, block, ctx, ckey, block_checks)
            dirty.add(index)
    flat = _article_findings(article, ctx, article_checks)
    old_flat = state.article_flat
    if len(flat) == len(old_flat):
        moved = [i for i, (a, b) in enumerate(zip(flat, old_flat, strict=True)) if a is not b and a != b]
        dirty.update(flat[i].block for i in moved)
        dirty.update(old_flat[i].block for i in moved)
        article_raw = state.article_raw
        if moved:
            article_raw = _group(flat)
    else:
        article_raw = _group(flat)
        for index in set(article_raw) | set(state.article_raw):
            if not _same(article_raw.get(index, []), state.article_raw.get(index, [])):
                dirty.add(index)
    if not dirty:
        _last = replace(state, article_flat=flat)
        return state.result
    house = house_for(ctx.house)
    items = {i: _sorted_block([*raw.get(i, ()), *article_raw.get(i, ())], house.enabled) for i in dirty}
    new_bases = {i: [_base_of(article, f) for f in items[i]] for i in dirty}
    # A key's occurrence numbers shift in later blocks when a dirty block gains or loses it.
    key_blocks = dict(state.key_blocks)
    redo = set(dirty)
    touched: dict[Base, int] = {}
    for i in dirty:
        for k in {*state.bases.get(i, ()), *new_bases[i]}:
            touched[k] = min(touched.get(k, i), i)
    for k, first in touched.items():
        old = key_blocks.get(k, [])
        redo.update(b for b in old if b > first)
        present = sorted({*(b for b in old if b not in dirty), *(i for i in dirty if k in new_bases[i])})
        if present:
            key_blocks[k] = present
        else:
            key_blocks.pop(k, None)
    if len(redo) > len(keys) // 2:
        _last = _assemble(article, ctx, ckey, keys, raw, flat)
        return _last.result
    final = dict(state.final)
    bases = dict(state.bases)
    for i in redo - dirty:
        items[i] = final[i]
        new_bases[i] = bases[i]
    for i in dirty:
        final.pop(i, None)
        bases.pop(i, None)
        if items[i]:
            bases[i] = new_bases[i]
    order = sorted(bases)
    wanted = {k for i in redo if i in bases for k in bases[i]}
    sweep = sorted({j for k in wanted for j in key_blocks.get(k, ())} | (redo & bases.keys()))
    counts: dict[Base, int] = {}
    for j in sweep:
        if j in redo:
            final[j] = _with_ids(items[j], bases[j], counts)
        for k in bases[j]:
            if k in wanted:
                counts[k] = counts.get(k, 0) + 1
    result: list[Finding] = []
    for i in order:
        result.extend(final[i])
    _last = _Assembly(ckey, _house_key(ctx), keys, raw, article_raw, flat, final, bases, key_blocks, result)
    return result


def recheck(
    article: Article, changed: set[int], previous: list[Finding], ctx: CheckContext | None = None
) -> list[Finding]:
    """Re-run block checks for ``changed`` blocks only, keep the rest, re-run article-wide checks.

    When ``previous`` is this process's last result for the same blocks, only the
    changed blocks (and blocks whose article-wide findings changed) are redone.
    Otherwise unchanged blocks take their findings from the block cache, or else
    from ``previous``; a block whose previous findings include a rule of unknown
    origin is recomputed. If ``previous`` names blocks the article no longer has,
    this is a full run. The result equals ``run_checks(article, ctx)``.
    """
    with _lock:
        return _recheck(article, changed, previous, ctx or CheckContext())


def _recheck(
    article: Article, changed: set[int], previous: list[Finding], ctx: CheckContext
) -> list[Finding]:
    global _last
    block_checks, article_checks = _split(registered_checks())
    ckey = _ctx_key(article, ctx, block_checks)
    state = _last
    if (
        state is not None
        and state.ckey == ckey
        and len(state.block_keys) == len(article.blocks) + 1
        and len(previous) == len(state.result)
        and (previous is state.result or all(a is b for a, b in zip(previous, state.result, strict=True)))
    ):
        return _incremental(article, changed, ctx, state, block_checks, article_checks, ckey)
    if any(f.block >= len(article.blocks) for f in previous):
        return _run_checks(article, ctx)
    prev_by_block = _group(previous)
    raw: dict[int, list[Finding]] = {}
    keys: dict[int, tuple[object, ...]] = {}
    for index, block in indexed_blocks(article):
        keys[index] = _block_key(block)
        if index not in changed and (index == HEADLINE, keys[index], ckey) in _block_cache:
            raw[index] = _raw_block(article, index, block, ctx, ckey, block_checks)
            continue
        prev = prev_by_block.get(index, [])
        if index not in changed and all(_rule_owner.get(f.rule) is not None for f in prev):
            raw[index] = [f for f in prev if _rule_owner[f.rule] == "block"]
            continue
        raw[index] = _raw_block(article, index, block, ctx, ckey, block_checks)
    _last = _assemble(article, ctx, ckey, keys, raw, _article_findings(article, ctx, article_checks))
    return _last.result


def clear_caches() -> None:
    """Forget every cached result and word verdict (benchmarks, tests, or after a data file changed).

    Loaded dictionaries and data files stay loaded.
    """
    global _last
    from editor_app.checks import claims, dates, lexicon, names, people, quotes, spelling, textutil

    _last = None
    _block_cache.clear()
    _id_memo.clear()
    _context_memo.clear()
    _rule_owner.clear()
    for fn in (
        spelling.scan,
        dates.mentions,
        claims.claims,
        people.introductions,
        quotes.quotes,
        textutil._breaks,
        names._variant_pairs,
        names._gazetteer_slip,
        names._common_word_slip,
    ):
        fn.cache_clear()
    spelling.forget_words()
    lexicon.speller().forget()
    lexicon.suggester().forget()
