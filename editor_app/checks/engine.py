"""Running the registered checks: caching per block, stable ids, and re-checking one block.

Block checks are pure functions of one block's content and the context, so their
results are cached by (check, block content, context); re-checking an edited
paragraph recomputes only that paragraph and re-runs the article-wide checks,
which themselves read per-block analyses cached by text. Ids come from what a
flag says and the words around it (``make_flag_id``), never from block indexes.
"""

from __future__ import annotations

import json
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from itertools import compress, count
from operator import attrgetter, is_not

from editor_app.checks import parallel
from editor_app.checks.base import ArticleCheck, BlockCheck, CheckContext
from editor_app.checks.data import House, house_for
from editor_app.checks.engine_support import HEADLINE, indexed_blocks, one_run
from editor_app.checks.registry import registered_checks
from editor_app.checks.textutil import context, finish, with_id, words_after, words_before
from editor_app.domain import Article, Block, BlockType, Finding, make_flag_id

_CACHE_SIZE = 60_000
#: checks keep per-process caches and the engine keeps the last result: one run at a time
_lock = threading.RLock()
_block_cache: OrderedDict[tuple[object, ...], _Raw] = OrderedDict()
_id_memo: dict[tuple[tuple[str, str, str, str, str], int], str] = {}
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


class _Raw(list[Finding]):
    """A block's findings as its checks returned them, with what assembling each one found.

    ``assembled`` and ``occurrence`` map a finding (by identity: the list holds it) to its id's key
    and occurrence when it was given its id, so running the same block again skips the context
    words and hash (two dicts of plain values: no tuple per finding for the garbage collector).
    """

    __slots__ = ("assembled", "occurrence")

    def __init__(self) -> None:
        super().__init__()
        self.assembled: dict[int, Base] = {}
        self.occurrence: dict[int, int] = {}


def _run_block_checks(
    checks: list[BlockCheck], article: Article, index: int, block: Block, ctx: CheckContext, ckey: str
) -> list[Finding]:
    """All block checks on one block, cached by (block content, context, checks)."""
    key = (index == HEADLINE, _block_key(block), ckey)
    hit = _block_cache.get(key)
    if hit is not None:
        _block_cache.move_to_end(key)
        if all(f.block == index for f in hit):
            return hit
        return [f if f.block == index else replace(f, block=index) for f in hit]
    found = _Raw()
    for check in checks:
        found.extend(check.check_block(article, index, block, ctx))
    for rule in {f.rule for f in found}:
        _rule_owner.setdefault(rule, "block")
    _block_cache[key] = found
    if len(_block_cache) > _CACHE_SIZE:
        _block_cache.popitem(last=False)
    return found


def _run_block_checks_all(
    checks: list[BlockCheck],
    article: Article,
    ctx: CheckContext,
    ckey: str,
    step: Callable[[int], None] | None = None,
) -> tuple[dict[int, tuple[object, ...]], dict[int, list[Finding]]]:
    """(content key, findings) of every block, as ``_run_block_checks`` gives them one by one.

    The blocks the cache lacks are checked one check at a time over all of them rather than one
    block at a time: each check's patterns, tables and caches stay hot in the processor's caches
    while it runs (a tenth faster on a long article). Findings inside a block keep the check order.
    """
    keys: dict[int, tuple[object, ...]] = {}
    raw: dict[int, list[Finding]] = {}
    fresh: dict[tuple[object, ...], _Raw] = {}
    todo: list[tuple[int, Block, _Raw]] = []
    #: each block in article order: its cache key, its cached findings (None: checked in this run)
    order: list[tuple[int, tuple[object, ...], _Raw | None]] = []
    for index, block in indexed_blocks(article):
        bkey = keys[index] = _block_key(block)
        key: tuple[object, ...] = (index == HEADLINE, bkey, ckey)
        if key not in fresh:
            cached = _block_cache.get(key)
            if cached is None:
                found = fresh[key] = _Raw()
                todo.append((index, block, found))
            order.append((index, key, cached))
        else:  # the same content as an earlier block: a cache hit once that block is checked
            order.append((index, key, fresh[key]))
    if len(todo) >= parallel.MIN_BLOCKS and parallel.ready(_warm_helper):
        _shared_with_helper(checks, article, ctx, todo, step)
    else:
        for done, check in enumerate(checks, 1):
            run = check.check_block
            for index, block, found in todo:
                found.extend(run(article, index, block, ctx))
            if step is not None:
                step(done)  # may raise (a cancel): nothing below has touched the cache yet
    owner = _rule_owner
    for _index, _block, found in todo:
        for rule in {f.rule for f in found}:
            owner.setdefault(rule, "block")
    for index, key, hit in order:
        if hit is None:
            raw[index] = _block_cache[key] = fresh[key]
            if len(_block_cache) > _CACHE_SIZE:
                _block_cache.popitem(last=False)
            continue
        if key in _block_cache:
            _block_cache.move_to_end(key)
        if all(f.block == index for f in hit):
            raw[index] = hit
        else:
            raw[index] = [f if f.block == index else replace(f, block=index) for f in hit]
    return keys, raw


def _shared_with_helper(
    checks: list[BlockCheck],
    article: Article,
    ctx: CheckContext,
    todo: list[tuple[int, Block, _Raw]],
    step: Callable[[int], None] | None,
) -> None:
    """The block checks of ``todo``, the helper's share (``parallel.HELPER_CHECKS``) on the other core.

    Each block's findings keep the check order, exactly as when one process runs them all.
    """
    indices = [index for index, _block, _found in todo]
    mine = [c for c in checks if type(c).__name__ not in parallel.HELPER_CHECKS]
    theirs = [type(c).__name__ for c in checks if type(c).__name__ in parallel.HELPER_CHECKS]
    remote = parallel.submit(_block_checks_in_helper, article, indices, ctx, theirs)
    by_check: dict[str, list[list[Finding]]] = {}
    for done, check in enumerate(mine, 1):
        run = check.check_block
        by_check[type(check).__name__] = [list(run(article, i, b, ctx)) for i, b, _f in todo]
        if step is not None:
            step(done)
    try:
        by_check.update(zip(theirs, remote.result(), strict=True))
    except Exception as exc:  # the helper died: do its share here, and everything from now on
        parallel.give_up(exc)
        for check in checks:
            name = type(check).__name__
            if name not in by_check:
                by_check[name] = [list(check.check_block(article, i, b, ctx)) for i, b, _f in todo]
    if step is not None:
        step(len(checks))
    for check in checks:
        for (_index, _block, found), items in zip(todo, by_check[type(check).__name__], strict=True):
            found.extend(items)


def _block_checks_in_helper(
    article: Article, indices: list[int], ctx: CheckContext, names: list[str]
) -> list[list[list[Finding]]]:
    """In the helper process: the checks ``names`` (in that order) on the blocks ``indices``."""
    by_name = {type(c).__name__: c for c in _split(registered_checks())[0]}
    blocks = dict(indexed_blocks(article))
    return [[list(by_name[n].check_block(article, i, blocks[i], ctx)) for i in indices] for n in names]


def _warm_helper() -> None:
    """In the helper process: load the dictionary, frequency list, gazetteer and patterns."""
    sample = Article(
        headline="Crew Reaches Kazahkstan",
        blocks=[
            Block(BlockType.PARAGRAPH, "On Tuesday, October 5, the crew flew for 3 hours, officials said."),
            Block(BlockType.PARAGRAPH, '"It was a first," said Anna Smith, head of the agency.'),
        ],
    )
    run_checks(sample, CheckContext())
    clear_caches()


def start_helper() -> None:
    """Start the helper process and wait until its data is loaded (start-up work, not a check's)."""
    if parallel.enabled():
        parallel.start(_warm_helper).result()


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
    with one_run():
        for check in checks:
            found = list(check.check_article(article, ctx))
            for rule in {f.rule for f in found}:
                _rule_owner.setdefault(rule, "article")
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
    #: the blocks holding each key, in order: an int for one block (most keys), else a tuple
    key_blocks: dict[Base, int | tuple[int, ...]] = field(default_factory=dict)
    result: list[Finding] = field(default_factory=list)


_last: _Assembly | None = None


def _bases(article: Article, items: list[Finding]) -> list[Base]:
    """What each finding's id is made of: rule, field, text and the words around it."""
    texts: dict[tuple[int, str], str] = {}
    memo = _context_memo
    out: list[Base] = []
    for f in items:
        where = (f.block, f.field)
        text = texts.get(where)
        if text is None:
            text = texts[where] = _field_text(article, f.block, f.field)
        ckey = (text, f.start, f.end)
        words = memo.get(ckey)
        if words is None:
            words = context(text, f.start, f.end)
            if len(memo) > 200_000:
                memo.clear()
            memo[ckey] = words
        out.append((f.rule, f.field, f.text, words[0], words[1]))
    return out


#: the order of findings inside a block
_ORDER = attrgetter("field", "start", "end", "rule", "text")


def _disabled(house: House) -> frozenset[str]:
    """Rules the house switched off (every other rule is on)."""
    return frozenset(rule for rule in house.rules if not house.enabled(rule))


def _sorted_block(findings: list[Finding], disabled: frozenset[str]) -> list[Finding]:
    items = [f for f in findings if f.rule not in disabled] if disabled else list(findings)
    items.sort(key=_ORDER)
    return items


def _with_ids(items: list[Finding], bases: list[Base], before: dict[Base, int]) -> list[Finding]:
    """Final findings of one block: ``before`` counts each key in earlier blocks (the occurrence)."""
    seen: dict[Base, int] = {}
    out: list[Finding] = []
    memo = _id_memo
    for f, base in zip(items, bases, strict=True):
        k = seen.get(base, 0)
        n = before.get(base, 0) + k
        seen[base] = k + 1
        idkey = (base, n)
        fid = memo.get(idkey)
        if fid is None:
            fid = make_flag_id(base[0], base[1], base[2], base[3], base[4], n)
            if len(memo) > 200_000:
                memo.clear()
            memo[idkey] = fid
        out.append(f if f.id == fid else with_id(f, fid))
    return out


class _Around:
    """The context words of one text by span start and by span end: a block's findings often share
    an edge (a claim and a style flag on one number), and each half reads only its own edge."""

    __slots__ = ("text", "_before", "_after")

    def __init__(self, text: str) -> None:
        self.text = text
        self._before: dict[int, str] = {}
        self._after: dict[int, str] = {}

    def words(self, start: int, end: int) -> tuple[str, str]:
        """``context(self.text, start, end)``."""
        before = self._before.get(start)
        if before is None:
            before = self._before[start] = words_before(self.text, start)
        after = self._after.get(end)
        if after is None:
            after = self._after[end] = words_after(self.text, end)
        return before, after


def _assemble(
    article: Article,
    ctx: CheckContext,
    ckey: str,
    block_keys: dict[int, tuple[object, ...]],
    raw: dict[int, list[Finding]],
    flat: list[Finding],
) -> _Assembly:
    """Drop rules the house turned off, order by (block, field, start), assign stable ids.

    One pass per finding (what ``_bases`` and ``_with_ids`` do for a re-check's few blocks, with
    memos): a full run has ten thousand of them, nearly all new.
    """
    disabled = _disabled(house_for(ctx.house))
    article_raw = _group(flat)
    final: dict[int, list[Finding]] = {}
    bases: dict[int, list[Base]] = {}
    counts: dict[Base, int] = {}
    key_blocks: dict[Base, int | tuple[int, ...]] = {}
    result: list[Finding] = []
    # article-wide checks may hand out the same finding objects again (their own caches): those are
    # copied; a block check's findings are new objects the engine alone holds, finished in place
    shared = {id(f) for f in flat}
    for index in sorted(set(raw) | set(article_raw)):
        items = _sorted_block([*raw.get(index, ()), *article_raw.get(index, ())], disabled)
        if not items:
            continue
        keys: list[Base] = []
        done: list[Finding] = []
        around: dict[str, _Around] = {}
        own = raw.get(index)
        assembled, occurrence = (own.assembled, own.occurrence) if type(own) is _Raw else (None, {})
        for f in items:
            prior = assembled.get(id(f)) if assembled is not None and f.id else None
            if prior is not None:  # a block unchanged since the last run: same words around it
                base = prior
            else:
                field_name = f.field
                if f.block == index:
                    near = around.get(field_name)
                    if near is None:
                        near = around[field_name] = _Around(_field_text(article, index, field_name))
                    before, after = near.words(f.start, f.end)
                else:
                    before, after = context(_field_text(article, f.block, field_name), f.start, f.end)
                base = (f.rule, field_name, f.text, before, after)
            keys.append(base)
            n = counts.get(base)
            if n is None:
                n = 0
                key_blocks[base] = index
            else:
                held = key_blocks[base]
                if isinstance(held, int):
                    if held != index:
                        key_blocks[base] = (held, index)
                elif held[-1] != index:
                    key_blocks[base] = (*held, index)
            counts[base] = n + 1
            if prior is not None and occurrence[id(f)] == n:
                done.append(f)
                continue
            fid = make_flag_id(base[0], base[1], base[2], base[3], base[4], n)
            if f.id == fid:
                done.append(f)
            elif f.id or id(f) in shared:
                done.append(with_id(f, fid))
                continue
            else:
                done.append(finish(f, fid))
            if assembled is not None and id(f) not in shared:
                assembled[id(f)] = base
                occurrence[id(f)] = n
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


def run_checks(
    article: Article, ctx: CheckContext | None = None, *, progress: Callable[[int, int], None] | None = None
) -> list[Finding]:
    """Every registered check over the whole article, sorted by (block, field, start), with stable ids.

    The list returned is shared with the engine (it makes the next ``recheck`` cheap): read it, do
    not change it. ``progress(done, total)`` is told after each check; an exception it raises
    stops the run (that is how a user cancels) and leaves the engine's caches as they were.
    """
    with _lock:
        return _run_checks(article, ctx or CheckContext(), progress)


def _run_checks(
    article: Article, ctx: CheckContext, progress: Callable[[int, int], None] | None = None
) -> list[Finding]:
    global _last
    block_checks, article_checks = _split(registered_checks())
    total = len(block_checks) + 2

    def step(done: int) -> None:
        if progress is not None:
            progress(done, total)

    ckey = _ctx_key(article, ctx, block_checks)
    keys, raw = _run_block_checks_all(block_checks, article, ctx, ckey, step)
    flat = _article_findings(article, ctx, article_checks)
    step(total - 1)
    _last = _assemble(article, ctx, ckey, keys, raw, flat)
    step(total)
    return _last.result


def _same(a: list[Finding], b: list[Finding]) -> bool:
    return len(a) == len(b) and all(x is y or x == y for x, y in zip(a, b, strict=True))


def _blocks_of(key_blocks: dict[Base, int | tuple[int, ...]], key: Base) -> tuple[int, ...]:
    held = key_blocks.get(key, ())
    return (held,) if isinstance(held, int) else held


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
        moved = [i for i in compress(count(), map(is_not, flat, old_flat)) if flat[i] != old_flat[i]]
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
    disabled = _disabled(house_for(ctx.house))
    items = {i: _sorted_block([*raw.get(i, ()), *article_raw.get(i, ())], disabled) for i in dirty}
    new_bases = {i: _bases(article, items[i]) for i in dirty}
    # A key's occurrence numbers shift in later blocks when a dirty block gains or loses it.
    key_blocks = dict(state.key_blocks)
    redo = set(dirty)
    touched: dict[Base, int] = {}
    for i in dirty:
        for k in {*state.bases.get(i, ()), *new_bases[i]}:
            touched[k] = min(touched.get(k, i), i)
    for k, first in touched.items():
        old = _blocks_of(key_blocks, k)
        redo.update(b for b in old if b > first)
        present = sorted({*(b for b in old if b not in dirty), *(i for i in dirty if k in new_bases[i])})
        if present:
            key_blocks[k] = tuple(present)
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
    sweep = sorted({j for k in wanted for j in _blocks_of(key_blocks, k)} | (redo & bases.keys()))
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

    Loaded dictionaries and data files stay loaded, and compiled patterns stay compiled.
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
        dates._after_stamp,
        claims.claims,
        people.introductions,
        quotes.quotes,
        quotes._signature,
        textutil._breaks,
        textutil.lower_words,
        textutil.folded,
        textutil.digit_runs,
        names._summarise,
        names._variant_pairs,
        names._gazetteer_slip,
        names._common_word_slip,
    ):
        fn.cache_clear()
    credits = sys.modules.get("editor_app.checks.credits")  # optional module (see registry)
    parsed = getattr(credits, "_parsed", None)
    if parsed is not None:
        parsed.cache_clear()
    names._block_findings.clear()
    quotes._block_findings.clear()
    for check in registered_checks():
        forget = getattr(check, "forget", None)
        if callable(forget):
            forget()
    spelling.forget_words()
    lexicon.speller().forget()
    lexicon.suggester().forget()
    parallel.run_in_helper(_clear_helper_caches)  # a cold check is cold in the helper too


def _clear_helper_caches() -> None:
    clear_caches()
