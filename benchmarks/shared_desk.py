"""A shared desk under load: concurrent editors on one PostgreSQL server, then an audit for lost updates.

EDITORS processes (default 20, each its own Desk, engine and connections, as
separate machines would be) work for SECONDS on ARTICLES stored articles
(copies of the shipped samples, checked by the real checks). Each loop an
editor opens a random article and either edits one paragraph (``edit_block``
with the block version it loaded) or resolves an open flag (``resolve`` with
the flag version it saw), thinking THINK ms in between, as a person would.
Conflicts are refusals the editor is told about; nothing is retried blindly.

Then the audit: every acknowledged edit is in exactly one revision and one
audit entry, every block holds the text of its last acknowledged edit, every
acknowledged resolve is what the flag says, and nothing was applied that was
not acknowledged. A third-party window (a ``ChangeFeed``) measures how long
changes take to reach other windows meanwhile.

    .venv/bin/python benchmarks/shared_desk.py [--editors 20] [--articles 200] [--seconds 60]
        [--think-ms 20] [--db postgresql+psycopg://...  (an empty database; default: a throwaway server)]
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from editor_app.domain import BlockType, FlagStatus, Role
from editor_app.errors import ConflictError, InvalidRequest
from editor_app.paths import resource_path
from editor_app.services import Desk
from editor_app.services.core import StaleRead
from editor_app.services.live import Change, ChangeFeed
from editor_app.settings import Settings
from editor_app.storage.models import AuditRow, BlockRow, FlagRow, RevisionRow
from editor_app.storage.repositories import ArticleRepo

REPO = Path(__file__).resolve().parents[1]
SAMPLES = ["clean-report.txt", "launch-delay.md", "observatory-opening.html", "space-tourism-scrape.txt"]
RESOLVABLE = (FlagStatus.VERIFIED, FlagStatus.WAIVED)


@dataclass
class Outcome:
    """What one editor did, as their own screen saw it."""

    name: str
    edits: list[tuple[int, int, str, int]] = field(default_factory=list)  # article, block, token, revision
    resolves: list[tuple[int, str, str, str]] = field(default_factory=list)  # article, key, status, token
    latency_ms: dict[str, list[float]] = field(default_factory=lambda: {"edit": [], "resolve": []})
    acked_at: dict[str, float] = field(default_factory=dict)  # token -> wall clock when the call returned
    conflicts: Counter[str] = field(default_factory=Counter)
    exhausted: int = 0  # internal retries ran out (reported as conflicts to the user)
    stale: int = 0  # the flag was no longer open when resolving (an edit closed it)
    errors: list[str] = field(default_factory=list)
    conflict_sample: str = ""


def _settings(url: str, folder: str) -> Settings:
    return Settings(data_dir=Path(folder), db_url=url, user="chief")


def _tokened(base: str, token: str) -> str:
    return f"{base} [{token}]"


def setup(url: str, folder: str, editors: int, articles: int) -> dict[tuple[int, int], str]:
    """Staff and ARTICLES checked articles; returns the original text of every paragraph."""
    desk = Desk.open(_settings(url, folder))
    try:
        desk.users.sign_in("chief")
        for n in range(editors):
            desk.users.add(f"editor{n:02d}", Role.DESK, actor="chief")
        originals = []
        for name in SAMPLES:
            result = desk.articles.import_file(
                resource_path("samples", name), actor="chief", on_duplicate="new"
            )
            originals.append(desk.articles.get(result.article_id))
        for n in range(articles - len(originals)):
            copy = originals[n % len(originals)].copy()
            copy.headline = f"{copy.headline} ({n + 2})"
            copy.source_hash = None
            with desk.ctx.tx() as s:
                article_id = ArticleRepo(s).add(copy, actor="chief", now=desk.ctx.now(), message="copied")
                desk.ctx.audit(s, "chief", "article.import", f"article:{article_id}", article_id=article_id)
            desk.review.check(article_id, actor="chief")
        paragraphs: dict[tuple[int, int], str] = {}
        for article_id in (summary.id for summary in desk.articles.list()):
            for index, block in enumerate(desk.articles.get(article_id).blocks):
                if block.type is BlockType.PARAGRAPH:
                    paragraphs[(article_id, index)] = block.text
        return paragraphs
    finally:
        desk.close()


def editor(
    number: int,
    url: str,
    folder: str,
    paragraphs: dict[tuple[int, int], str],
    go: Any,
    seconds: float,
    think: float,
) -> Outcome:
    name = f"editor{number:02d}"
    out = Outcome(name)
    rng = random.Random(number)
    desk = Desk.open(_settings(url, folder))
    by_article: dict[int, list[int]] = defaultdict(list)
    for article_id, block in paragraphs:
        by_article[article_id].append(block)
    article_ids = sorted(by_article)
    desk.users.sign_in(name)
    go.wait()
    deadline = time.monotonic() + seconds
    seq = 0
    try:
        while time.monotonic() < deadline:
            seq += 1
            article_id = rng.choice(article_ids)
            token = f"{name}-{seq:06d}"
            try:
                if rng.random() < 0.5:
                    block = rng.choice(by_article[article_id])
                    version = desk.articles.block_versions(article_id)[block]  # what the window loaded
                    time.sleep(rng.uniform(0, 2 * think))
                    started = time.perf_counter()
                    try:
                        revision = desk.articles.edit_block(
                            article_id,
                            block,
                            _tokened(paragraphs[(article_id, block)], token),
                            actor=name,
                            expected_version=version,
                        )
                    finally:
                        out.latency_ms["edit"].append((time.perf_counter() - started) * 1000)
                    out.acked_at[token] = time.time()
                    out.edits.append((article_id, block, token, revision))
                else:
                    open_flags = desk.review.flags(article_id, status=FlagStatus.OPEN)
                    if not open_flags:
                        continue
                    flag = rng.choice(open_flags)
                    status = rng.choice(RESOLVABLE)
                    time.sleep(rng.uniform(0, 2 * think))
                    started = time.perf_counter()
                    try:
                        desk.review.resolve(
                            f"{article_id}:{flag.id}",
                            status,
                            actor=name,
                            source="benchmark desk",
                            note=token,
                            expected_version=flag.version,
                        )
                    finally:
                        out.latency_ms["resolve"].append((time.perf_counter() - started) * 1000)
                    out.acked_at[token] = time.time()
                    out.resolves.append((article_id, flag.id, status.value, token))
            except StaleRead:
                out.exhausted += 1
                out.conflicts["retries exhausted"] += 1
            except ConflictError as exc:
                kind = (
                    "flag" if str(exc).startswith("flag") else "block" if "block" in str(exc) else "article"
                )
                out.conflicts[kind] += 1
                out.conflict_sample = out.conflict_sample or str(exc)
            except InvalidRequest as exc:
                if "already" not in str(exc):
                    out.errors.append(f"{type(exc).__name__}: {exc}")
                out.stale += 1
            except Exception as exc:  # reported and counted: the audit must still run
                out.errors.append(f"{type(exc).__name__}: {exc}")
    finally:
        desk.close()
    return out


def audit(
    url: str, folder: str, paragraphs: dict[tuple[int, int], str], outcomes: list[Outcome]
) -> dict[str, int]:
    """Compare what editors were told with what the database holds."""
    desk = Desk.open(_settings(url, folder))
    problems: Counter[str] = Counter()
    try:
        with desk.ctx.tx() as s:
            edit_entries = Counter(
                (r.article_id, int(r.after.get("revision", -1)), r.actor)
                for r in s.scalars(select(AuditRow).where(AuditRow.action == "article.edit"))
            )
            resolve_entries = Counter(
                (
                    r.article_id,
                    r.target.removeprefix("flag:"),
                    r.action.removeprefix("flag."),
                    str(r.after.get("note")),
                )
                for r in s.scalars(
                    select(AuditRow).where(AuditRow.action.in_([f"flag.{st.value}" for st in RESOLVABLE]))
                )
            )
            revisions: dict[int, list[tuple[int, dict[str, Any]]]] = defaultdict(list)
            for r in s.scalars(select(RevisionRow).order_by(RevisionRow.article_id, RevisionRow.number)):
                revisions[r.article_id].append((r.number, r.snapshot))
            blocks = {
                (b.article_id, b.position): b.text
                for b in s.scalars(select(BlockRow).where(BlockRow.type == BlockType.PARAGRAPH.value))
            }
            flags = {
                (f.article_id, f.key): (f.status, f.resolved_by, f.note) for f in s.scalars(select(FlagRow))
            }
    finally:
        desk.close()

    acked_edits = [(o.name, e) for o in outcomes for e in o.edits]
    last: dict[tuple[int, int], tuple[int, str]] = {}
    for name, (article_id, block, token, revision) in acked_edits:
        seen = edit_entries.get((article_id, revision, name), 0)
        if seen == 0:
            problems["acknowledged edit missing from the audit log"] += 1
        elif seen > 1:
            problems["edit applied twice"] += 1
        snapshot = dict(revisions[article_id]).get(revision)
        expected = _tokened(paragraphs[(article_id, block)], token)
        if snapshot is None or snapshot["blocks"][block].get("text") != expected:
            problems["acknowledged edit not in its revision"] += 1
        if (article_id, block) not in last or last[(article_id, block)][0] < revision:
            last[(article_id, block)] = (revision, expected)
    acked_keys = Counter((a, r, n) for n, (a, _b, _t, r) in acked_edits)
    problems["edit applied but never acknowledged"] += sum(
        n for key, n in edit_entries.items() if key not in acked_keys
    )
    for key, text in blocks.items():
        expected = last.get(key, (0, paragraphs.get(key, text)))[1]
        if text != expected:
            problems["block lost its last acknowledged edit"] += 1
    for article_id, numbers in revisions.items():
        edits_here = sum(1 for _n, (a, *_rest) in acked_edits if a == article_id)
        if [n for n, _snap in numbers] != list(range(1, len(numbers) + 1)) or len(numbers) != 1 + edits_here:
            problems["revision history has gaps or extras"] += 1

    acked_resolves = [(o.name, r) for o in outcomes for r in o.resolves]
    for name, (article_id, flag_key, status, token) in acked_resolves:
        if flags.get((article_id, flag_key)) != (status, name, token):
            problems["acknowledged resolve lost"] += 1
        count = resolve_entries.get((article_id, flag_key, status, token), 0)
        if count != 1:
            problems[f"resolve audited {'never' if count == 0 else 'more than once'}"] += 1
    resolved = {(a, k, st, t) for _n, (a, k, st, t) in acked_resolves}
    problems["resolve applied but never acknowledged"] += sum(
        n for entry, n in resolve_entries.items() if entry not in resolved
    )
    return {k: v for k, v in problems.items() if v} | {
        "edits checked": len(acked_edits),
        "resolves checked": len(acked_resolves),
    }


def live_delays(url: str, folder: str, outcomes: list[Outcome], heard_at: dict[int, float]) -> list[float]:
    """Seconds from each acknowledged save returning to the other window hearing of it.

    The save returns just after its commit and the notification leaves at the
    commit, so this is the wait another editor's screen adds; 0 when the other
    window heard first, infinite when it never heard.
    """
    acked = {token: at for o in outcomes for token, at in o.acked_at.items()}
    edits = {(a, r): t for o in outcomes for a, _b, t, r in o.edits}
    desk = Desk.open(_settings(url, folder))
    try:
        with desk.ctx.tx() as s:
            rows = s.execute(
                select(AuditRow.id, AuditRow.article_id, AuditRow.action, AuditRow.after).where(
                    AuditRow.action.in_(["article.edit", *(f"flag.{st.value}" for st in RESOLVABLE)])
                )
            ).all()
    finally:
        desk.close()
    delays = []
    for audit_id, article_id, action, after in rows:
        token = (
            edits.get((article_id, after.get("revision"))) if action == "article.edit" else after.get("note")
        )
        if token in acked:
            delays.append(max(0.0, heard_at.get(audit_id, float("inf")) - acked[token]))
    return delays


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--editors", type=int, default=20)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--think-ms", type=float, default=20.0, help="mean pause between loading and saving")
    parser.add_argument("--db", help="an empty PostgreSQL database URL (default: a throwaway local server)")
    args = parser.parse_args()

    cluster = None
    url = args.db
    if url is None:
        sys.path.insert(0, str(REPO))
        from tests.helpers.postgres import PostgresCluster, PostgresUnavailable

        try:
            cluster = PostgresCluster.start(max_connections=4 * args.editors + 20)
        except PostgresUnavailable as exc:
            print(f"shared_desk: skipped, no PostgreSQL server to run against ({exc})")
            return 0
        url = cluster.create_database("bench")
    folder = tempfile.mkdtemp(prefix="editor-app-bench-")
    try:
        started = time.perf_counter()
        paragraphs = setup(url, folder, args.editors, args.articles)
        print(
            f"setup: {args.articles} articles ({len(paragraphs)} paragraphs), {args.editors} editors "
            f"in {time.perf_counter() - started:.1f} s"
        )
        context = multiprocessing.get_context("fork")  # forked before this process opens any connection
        go = context.Manager().Event()
        heard_at: dict[int, float] = {}  # audit id -> wall clock when the other window heard of it

        def heard(change: Change) -> None:
            heard_at[change.audit_id] = time.time()

        with ProcessPoolExecutor(max_workers=args.editors, mp_context=context) as pool:
            futures = [
                pool.submit(editor, n, url, folder, paragraphs, go, args.seconds, args.think_ms / 1000)
                for n in range(args.editors)
            ]
            watcher = Desk.open(_settings(url, folder))  # another window, watching every article
            feed = ChangeFeed(watcher.ctx.engine)
            feed.subscribe(None, heard)
            feed.start()
            time.sleep(min(5.0, 0.5 * args.editors))  # let every editor open its desk
            go.set()
            wall = time.perf_counter()
            outcomes = [f.result() for f in futures]
            wall = time.perf_counter() - wall
        feed.close()
        watcher.close()

        edits = [x for o in outcomes for x in o.latency_ms["edit"]]
        resolves = [x for o in outcomes for x in o.latency_ms["resolve"]]
        every = edits + resolves
        conflicts: Counter[str] = Counter()
        for o in outcomes:
            conflicts.update(o.conflicts)
        acked = sum(len(o.edits) + len(o.resolves) for o in outcomes)
        print(f"run: {args.editors} editor processes, {wall:.1f} s, think time ~{args.think_ms:.0f} ms")
        print(f"operations: {len(every)} ({acked} acknowledged), {len(every) / wall:.1f} ops/s")
        for label, values in (("edit block", edits), ("resolve flag", resolves), ("all", every)):
            p50, p95 = _pct(values, 50), _pct(values, 95)
            print(f"  {label:<13} n={len(values):>6}  p50 {p50:7.1f} ms  p95 {p95:7.1f} ms")
        print(
            f"conflicts detected: {sum(conflicts.values())} "
            f"({', '.join(f'{k} {v}' for k, v in sorted(conflicts.items())) or 'none'})"
        )
        sample = next((o.conflict_sample for o in outcomes if o.conflict_sample), "")
        if sample:
            print(f"  e.g. {sample}")
        print(f"refused because the flag was already closed by an edit: {sum(o.stale for o in outcomes)}")
        delays = live_delays(url, folder, outcomes, heard_at)
        if delays:
            late = sum(d > 2.0 for d in delays)
            print(
                f"live updates: {len(delays)} acknowledged changes heard by another window "
                f"{_pct(delays, 50) * 1000:.0f} ms (p50) / {_pct(delays, 95) * 1000:.0f} ms (p95) / "
                f"{max(delays) * 1000:.0f} ms (max) after the editor's save returned; {late} over 2 s"
            )
        errors = [e for o in outcomes for e in o.errors]
        for e in errors[:5]:
            print(f"  unexpected error: {e}")
        report = audit(url, folder, paragraphs, outcomes)
        checked = f"{report.pop('edits checked')} edits, {report.pop('resolves checked')} resolves"
        lost = sum(report.values())
        print(f"audit: {checked} checked; lost or duplicated updates: {lost}")
        for problem, count in report.items():
            print(f"  {problem}: {count}")
        return 1 if lost or errors else 0
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        if cluster is not None:
            cluster.stop()


if __name__ == "__main__":
    raise SystemExit(main())
