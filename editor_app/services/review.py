"""The fact-check sheet: run checks, keep flags in step with the text, resolve them."""

from __future__ import annotations

import builtins
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path

from rapidfuzz import fuzz
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from editor_app.checks import run_checks
from editor_app.checks.base import CheckContext
from editor_app.domain import (
    Article,
    BlockType,
    Finding,
    Flag,
    FlagKind,
    FlagStatus,
    Severity,
    make_flag_id,
)
from editor_app.errors import InvalidRequest, NotFound
from editor_app.importers import load_article
from editor_app.services.core import Context, Progress, retry_stale
from editor_app.services.permissions import Action, flag_action
from editor_app.services.workflow import back_to_copy_edit
from editor_app.storage.models import BlockRow
from editor_app.storage.repositories import AgencyRepo, ArticleRepo, Fact, FactRepo, FlagRepo
from editor_app.text.credits import parse_credit

RESOLVE_STATUSES = (FlagStatus.VERIFIED, FlagStatus.DISPUTED, FlagStatus.WAIVED, FlagStatus.CORRECTED)


def flag_to_dict(flag: Flag) -> dict[str, object]:
    """The documented JSON shape of a flag (``docs/cli.md``)."""
    out: dict[str, object] = {
        "id": flag.id,
        "kind": flag.kind.value,
        "severity": flag.severity.value,
        "block": flag.block,
        "field": flag.field,
        "start": flag.start,
        "end": flag.end,
        "text": flag.text,
        "message": flag.message,
        "suggestions": list(flag.suggestions),
        "rule": flag.rule,
        "status": flag.status.value,
    }
    if flag.data:
        out["data"] = dict(flag.data)
    for name in ("note", "source", "replacement", "assigned_to", "resolved_by"):
        value = getattr(flag, name)
        if value:
            out[name] = value
    if flag.resolved_at:
        out["resolved_at"] = flag.resolved_at.isoformat()
    if flag.manual:
        out["manual"] = True
    return out


def _fact_hint(fact: Fact) -> str:
    return f"{fact.subject}: {fact.value} (source: {fact.source}; verified by {fact.created_by})"


def _norm(text: str) -> str:
    return " ".join("".join(c.lower() if c.isalnum() else " " for c in text).split())


class FactMatcher:
    """Saved facts a claim repeats: the same claim words, and the fact's subject in the article.

    Built once per check run, so the article body is normalised once, not once per finding.
    """

    def __init__(self, facts: builtins.list[Fact], article: Article) -> None:
        self.facts = [
            (fact, _norm(fact.claim), [w for w in _norm(fact.subject).split() if len(w) >= 3])
            for fact in facts
        ]
        self.body_words: set[str] = set()
        if self.facts:
            self.body_words = set(
                _norm(" ".join([article.headline, *(b.text for b in article.blocks)])).split()
            )

    def match(self, finding: Finding) -> Fact | None:
        if not self.facts or finding.kind is not FlagKind.CLAIM:
            return None
        claim = _norm(finding.text)
        if not claim:
            return None
        for fact, fact_claim, subject_words in self.facts:
            same = claim == fact_claim or (len(claim) > 3 and fuzz.ratio(claim, fact_claim) >= 90)
            if same and (not subject_words or any(w in self.body_words for w in subject_words)):
                return fact
        return None


class ReviewService:
    def __init__(
        self, ctx: Context, house: dict[str, object] | None = None, today: date | None = None
    ) -> None:
        self.ctx = ctx
        self.house = house or {}
        self.today = today

    # -- running checks --------------------------------------------------
    def check_context(self, session: Session | None = None, article_id: int | None = None) -> CheckContext:
        archive: Counter[str] = Counter()
        extra: dict[str, tuple[str, ...]] = {}
        if session is not None:
            # Each distinct credit line is parsed once, however many pictures carry it.
            stmt = select(BlockRow.credit, func.count()).where(
                BlockRow.type == BlockType.IMAGE.value, BlockRow.credit != ""
            )
            if article_id is not None:
                stmt = stmt.where(BlockRow.article_id != article_id)
            for line, count in session.execute(stmt.group_by(BlockRow.credit)):
                for source in parse_credit(line).sources:
                    archive[source] += count
            extra = {canonical: aliases for canonical, aliases, _kind, _notes in AgencyRepo(session).list()}
        return CheckContext(
            today=self.today or self.ctx.now().date(),
            house=self.house,
            archive_credit_sources=dict(archive),
            extra_agencies=extra,
        )

    def check_file(self, path: Path) -> tuple[Article, list[Flag]]:
        """Check a file without storing it (``editor-app check FILE``)."""
        article = load_article(path)
        findings = run_checks(article, self.check_context())
        return article, [Flag.from_finding(f) for f in findings]

    def sync_flags(
        self,
        session: Session,
        article_id: int,
        actor: str,
        *,
        after_edit: bool = False,
        progress: Progress | None = None,
    ) -> builtins.list[Flag]:
        """Bring the stored flags in step with the article's current text.

        Unchanged findings keep their status, notes and sources (stable ids);
        an open flag whose text has gone after an edit closes as corrected;
        new findings open. ``progress`` follows the checks (and may cancel them).
        """
        article = ArticleRepo(session).get(article_id)
        findings = run_checks(article, self.check_context(session, article_id), progress=progress)
        facts = FactMatcher(FactRepo(session).list(), article)
        repo = FlagRepo(session)
        rows = {r.key: r for r in repo.rows(article_id, present_only=False)}
        seen: set[str] = set()
        now = self.ctx.now()
        for finding in findings:
            if finding.id in seen:
                continue
            seen.add(finding.id)
            fact = facts.match(finding)
            if fact is not None:
                finding = replace(
                    finding, data={**finding.data, "fact": _fact_hint(fact), "fact_id": str(fact.id)}
                )
            row = rows.get(finding.id)
            if row is None:
                repo.add(article_id, Flag.from_finding(finding))
                continue
            if not row.present and row.status == FlagStatus.CORRECTED.value:
                # The corrected text is back (a restore, an undo, a re-import): open again.
                row.status, row.resolved_by, row.resolved_at = FlagStatus.OPEN.value, None, None
                self.ctx.audit(
                    session,
                    actor,
                    "flag.reappeared",
                    f"flag:{finding.id}",
                    article_id=article_id,
                    before={"status": "corrected"},
                    after={"status": "open"},
                )
            row.block, row.start, row.end = finding.block, finding.start, finding.end
            row.message, row.suggestions = finding.message, list(finding.suggestions)
            row.data, row.severity, row.present = dict(finding.data), finding.severity.value, True
        for key, row in rows.items():
            if row.manual or key in seen or not row.present:
                continue
            row.present = False
            if after_edit and row.status == FlagStatus.OPEN.value:
                row.status = FlagStatus.CORRECTED.value
                row.resolved_by, row.resolved_at = actor, now
                row.note = row.note or "text changed by an edit"
                self.ctx.audit(
                    session,
                    actor,
                    "flag.auto-corrected",
                    f"flag:{key}",
                    article_id=article_id,
                    before={"status": "open", "text": row.text},
                    after={"status": "corrected"},
                )
            elif row.status == FlagStatus.OPEN.value:
                row.status = FlagStatus.CORRECTED.value
                row.resolved_by, row.resolved_at = actor, now
                row.note = row.note or "no longer found by the checks"
        session.flush()
        return repo.list(article_id)

    def after_edit(self, session: Session, article_id: int, actor: str) -> None:
        """Re-check after a content change; an approved article goes back to copy edit."""
        self.sync_flags(session, article_id, actor, after_edit=True)
        back_to_copy_edit(self.ctx, session, article_id, actor=actor)

    @retry_stale
    def check(self, article_id: int, *, actor: str, progress: Progress | None = None) -> builtins.list[Flag]:
        """Run every check on the stored text; cancelled (through ``progress``), nothing changes."""
        with self.ctx.tx() as s:
            ArticleRepo(s).lock(article_id)
            self.ctx.actor(s, actor)
            return self.sync_flags(s, article_id, actor, progress=progress)

    # -- reading ---------------------------------------------------------
    def flags(
        self,
        article_id: int,
        *,
        status: FlagStatus | None = None,
        kind: FlagKind | None = None,
        severity: Severity | None = None,
    ) -> builtins.list[Flag]:
        with self.ctx.tx() as s:
            ArticleRepo(s).meta(article_id)
            flags = FlagRepo(s).list(article_id)
        return [
            f
            for f in flags
            if (status is None or f.status is status)
            and (kind is None or f.kind is kind)
            and (severity is None or f.severity is severity)
        ]

    def locate(self, ref: str) -> tuple[int, str]:
        """Article id and key of a flag given as ``KEY``, a unique key prefix, or ``ARTICLE:KEY``."""
        ref = ref.strip()
        with self.ctx.tx() as s:
            if ":" in ref:
                article_part, key = ref.split(":", 1)
                if not article_part.isdigit():
                    raise InvalidRequest(f"bad flag reference {ref!r}; use KEY or ARTICLE:KEY")
                matches = [m for m in FlagRepo(s).locate(key) if m[0] == int(article_part)]
            else:
                matches = FlagRepo(s).locate(ref) if ref else []
        exact = [m for m in matches if m[1] == ref.split(":")[-1]]
        if len(exact) == 1:
            return exact[0]
        if not matches:
            raise NotFound(f"no flag {ref!r}")
        if len(matches) > 1:
            raise InvalidRequest(f"flag {ref!r} is ambiguous; use ARTICLE:KEY")
        return matches[0]

    def get(self, ref: str) -> tuple[int, Flag]:
        article_id, key = self.locate(ref)
        with self.ctx.tx() as s:
            return article_id, FlagRepo(s).get(article_id, key)

    # -- resolving -------------------------------------------------------
    @contextmanager
    def _changing(
        self, ref: str, actor: str, expected_version: int | None = None
    ) -> Iterator[tuple[Session, FlagRepo, int, Flag]]:
        """The flag ``ref`` in a transaction, its article locked; the actor and the version checked."""
        article_id, key = self.locate(ref)
        with self.ctx.tx() as s:
            ArticleRepo(s).lock(article_id)
            repo = FlagRepo(s)
            flag = repo.get(article_id, key)
            self.ctx.require(s, actor, flag_action(flag.kind), f"flag:{key}", article_id)
            if expected_version is not None and flag.version != expected_version:
                raise repo.conflict(article_id, key)
            yield s, repo, article_id, flag

    @retry_stale
    def resolve(
        self,
        ref: str,
        status: FlagStatus,
        *,
        actor: str,
        source: str = "",
        note: str = "",
        replacement: str = "",
        expected_version: int | None = None,
    ) -> Flag:
        """Close an open flag: verified/disputed need a source, waived a reason, corrected a replacement.

        ``expected_version`` is the ``Flag.version`` the editor was looking at;
        if someone changed the flag since, the resolve is refused with a
        conflict naming them (a shared desk passes it; the CLI need not).
        """
        if status not in RESOLVE_STATUSES:
            raise InvalidRequest(
                f"a flag is resolved as one of {', '.join(s.value for s in RESOLVE_STATUSES)}"
            )
        if status is FlagStatus.CORRECTED:
            return self.correct(ref, replacement, actor=actor, note=note)
        if status in (FlagStatus.VERIFIED, FlagStatus.DISPUTED) and not source.strip():
            raise InvalidRequest(f"{status.value} needs a source (a URL, a document or a person contacted)")
        if status is FlagStatus.WAIVED and not note.strip():
            raise InvalidRequest("waiving a flag needs a reason")
        with self._changing(ref, actor, expected_version) as (s, repo, article_id, flag):
            key = flag.id
            if not flag.is_open:
                raise InvalidRequest(f"flag {key} is already {flag.status.value}; reopen it first")
            updated = replace(
                flag,
                status=status,
                source=source.strip(),
                note=note.strip(),
                resolved_by=actor,
                resolved_at=self.ctx.now(),
            )
            repo.update(article_id, updated)
            self.ctx.audit(
                s,
                actor,
                f"flag.{status.value}",
                f"flag:{key}",
                article_id=article_id,
                before={"status": flag.status.value},
                after={"status": status.value, "source": updated.source, "note": updated.note},
            )
            return repo.get(article_id, key)

    @retry_stale
    def reopen(self, ref: str, *, actor: str) -> Flag:
        with self._changing(ref, actor) as (s, repo, article_id, flag):
            key = flag.id
            if flag.is_open:
                raise InvalidRequest(f"flag {key} is already open")
            repo.update(article_id, replace(flag, status=FlagStatus.OPEN, resolved_by=None, resolved_at=None))
            self.ctx.audit(
                s,
                actor,
                "flag.reopen",
                f"flag:{key}",
                article_id=article_id,
                before={"status": flag.status.value, "source": flag.source, "note": flag.note},
                after={"status": "open"},
            )
            return repo.get(article_id, key)

    @retry_stale
    def annotate(self, ref: str, note: str, *, actor: str, expected_version: int | None = None) -> Flag:
        """Write an editor's note on a flag, open or closed, without changing its status.

        Notes are for the desk ("asked the agency, waiting"); the note
        replaces the previous one, which the audit entry keeps.
        """
        if not note.strip():
            raise InvalidRequest("a note cannot be empty")
        with self._changing(ref, actor, expected_version) as (s, repo, article_id, flag):
            key = flag.id
            repo.update(article_id, replace(flag, note=note.strip()))
            self.ctx.audit(
                s,
                actor,
                "flag.note",
                f"flag:{key}",
                article_id=article_id,
                before={"note": flag.note},
                after={"note": note.strip()},
            )
            return repo.get(article_id, key)

    def accept(self, ref: str, *, actor: str, suggestion: int = 0) -> Flag:
        """Apply a flag's suggestion as a new revision; the flag closes as corrected."""
        _article_id, flag = self.get(ref)
        if not flag.suggestions:
            raise InvalidRequest(f"flag {flag.id} has no suggestions; resolve it instead")
        if not 0 <= suggestion < len(flag.suggestions):
            raise InvalidRequest(
                f"flag {flag.id} has {len(flag.suggestions)} suggestion(s); "
                f"pick 0 to {len(flag.suggestions) - 1}"
            )
        return self.correct(ref, flag.suggestions[suggestion], actor=actor)

    @retry_stale
    def correct(self, ref: str, replacement: str, *, actor: str, note: str = "") -> Flag:
        article_id, key = self.locate(ref)
        with self.ctx.tx() as s:
            ArticleRepo(s).lock(article_id)
            flags = FlagRepo(s)
            flag = flags.get(article_id, key)
            action = (
                Action.EDIT_IMAGE if flag_action(flag.kind) is Action.RESOLVE_IMAGE_FLAG else Action.EDIT_TEXT
            )
            self.ctx.require(s, actor, flag_action(flag.kind), f"flag:{key}", article_id)
            self.ctx.require(s, actor, action, f"flag:{key}", article_id)
            if not flag.is_open:
                raise InvalidRequest(f"flag {key} is already {flag.status.value}; reopen it first")
            articles = ArticleRepo(s)
            article = articles.get(article_id)
            try:
                current = article.text_at(flag.block, flag.field)
            except (IndexError, KeyError) as exc:
                raise InvalidRequest(f"flag {key} points at a place the article no longer has") from exc
            if current[flag.start : flag.end] != flag.text:
                raise InvalidRequest(f"the text of flag {key} has changed since it was found; check again")
            article.set_text(
                flag.block, flag.field, current[: flag.start] + replacement + current[flag.end :]
            )
            number = articles.save_content(
                article,
                actor=actor,
                now=self.ctx.now(),
                message=f"accepted {replacement!r} for {flag.text!r}",
                flag_id=key,
            )
            flags.update(
                article_id,
                replace(
                    flag,
                    status=FlagStatus.CORRECTED,
                    replacement=replacement,
                    note=note,
                    resolved_by=actor,
                    resolved_at=self.ctx.now(),
                ),
            )
            self.ctx.audit(
                s,
                actor,
                "flag.corrected",
                f"flag:{key}",
                article_id=article_id,
                before={"status": "open", "text": flag.text},
                after={"status": "corrected", "replacement": replacement, "revision": number},
            )
            self.after_edit(s, article_id, actor)
            return flags.get(article_id, key)

    @retry_stale
    def undo_accept(self, article_id: int, *, actor: str) -> int:
        """Undo the last accepted suggestion, if nothing was edited after it; the flag reopens."""
        with self.ctx.tx() as s:
            articles = ArticleRepo(s)
            articles.lock(article_id)
            revisions = articles.revisions(article_id)
            last = revisions[-1]
            if last.flag_id is None or len(revisions) < 2:
                raise InvalidRequest("the last change was not an accepted suggestion; use restore instead")
            self.ctx.require(s, actor, Action.EDIT_TEXT, f"article:{article_id}", article_id)
            previous = articles.revision_content(article_id, revisions[-2].number)
            previous.id = article_id
            number = articles.save_content(
                previous,
                actor=actor,
                now=self.ctx.now(),
                message=f"undid accepted suggestion ({last.flag_id})",
            )
            flags = FlagRepo(s)
            flag = flags.get(article_id, last.flag_id)
            flags.update(
                article_id,
                replace(flag, status=FlagStatus.OPEN, replacement="", resolved_by=None, resolved_at=None),
            )
            self.ctx.audit(
                s,
                actor,
                "flag.undo-accept",
                f"flag:{last.flag_id}",
                article_id=article_id,
                before={"status": flag.status.value, "replacement": flag.replacement},
                after={"status": "open", "revision": number},
            )
            self.sync_flags(s, article_id, actor)
            return number

    def add_manual(
        self,
        article_id: int,
        *,
        block: int,
        start: int | None = None,
        end: int | None = None,
        note: str,
        actor: str,
        assign: str = "",
        field: str = "text",
    ) -> Flag:
        """An editor's own flag on a span (or a whole block), listed with the automatic ones."""
        if not note.strip():
            raise InvalidRequest("a manual flag needs a note saying what to check")
        with self.ctx.tx() as s:
            self.ctx.actor(s, actor)
            article = ArticleRepo(s).get(article_id)
            try:
                text = article.text_at(block, field)
            except (IndexError, KeyError) as exc:
                raise InvalidRequest(
                    f"article {article_id} has no block {block} with a {field} field"
                ) from exc
            start = 0 if start is None else start
            end = len(text) if end is None else end
            if not 0 <= start <= end <= len(text) or start == end and text:
                raise InvalidRequest(f"offsets {start}-{end} are outside block {block} (0-{len(text)})")
            repo = FlagRepo(s)
            existing = {f.id for f in repo.list(article_id, present_only=False)}
            occurrence = 0
            key = make_flag_id("manual", field, text[start:end], note, actor, occurrence)
            while key in existing:
                occurrence += 1
                key = make_flag_id("manual", field, text[start:end], note, actor, occurrence)
            flag = Flag(
                id=key,
                kind=FlagKind.MANUAL,
                severity=Severity.WARNING,
                block=block,
                start=start,
                end=end,
                text=text[start:end],
                message=note.strip(),
                rule="manual",
                field=field,
                manual=True,
                note=note.strip(),
                assigned_to=assign,
                created_by=actor,
            )
            repo.add(article_id, flag)
            self.ctx.audit(
                s,
                actor,
                "flag.manual",
                f"flag:{key}",
                article_id=article_id,
                after={
                    "block": block,
                    "start": start,
                    "end": end,
                    "note": note.strip(),
                    "assigned_to": assign,
                },
            )
            return flag
