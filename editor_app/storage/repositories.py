"""Repositories: take a Session, speak in domain objects, never commit.

Services own the transaction (``with session_factory.begin()``); these
classes only read and write rows inside it.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

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
    Revision,
    Role,
    Severity,
    User,
    WorkflowState,
)
from editor_app.domain.serialize import article_from_dict, article_to_dict
from editor_app.errors import ConflictError, NotFound
from editor_app.storage.models import (
    AgencyRow,
    ArticleRow,
    AuditRow,
    BlockRow,
    FactRow,
    FlagRow,
    OverrideRow,
    RevisionRow,
    UserRow,
)


def utc(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; everything the app stores is UTC."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _from_iso(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


@dataclass(frozen=True)
class ArticleSummary:
    """One row of the library view."""

    id: int
    headline: str
    bylines: tuple[str, ...]
    state: WorkflowState
    revision: int
    open_flags: int
    unverified_credits: int
    changed_at: datetime
    changed_by: str


@dataclass(frozen=True)
class ArticleMeta:
    """Workflow facts about an article that are not its content."""

    id: int
    state: WorkflowState
    revision: int
    version: int
    approved_by: str | None
    approved_at: datetime | None
    approved_revision: int | None
    changed_at: datetime
    changed_by: str


@dataclass(frozen=True)
class Fact:
    id: int
    subject: str
    claim: str
    value: str
    source: str
    created_by: str
    created_at: datetime
    retired: bool


@dataclass(frozen=True)
class Override:
    article_id: int
    revision: int
    actor: str
    at: datetime
    reason: str


def _slot_to_row(row: BlockRow, block: Block) -> None:
    row.type = block.type.value
    row.text = block.text
    slot = block.image or ImageSlot()
    row.alt, row.caption, row.credit = slot.alt, slot.caption, slot.credit
    row.image_path, row.image_hash, row.rights = slot.image_path, slot.image_hash, slot.rights
    row.credit_status = slot.status.value
    row.verified_by, row.verified_at, row.note = slot.verified_by, slot.verified_at, slot.note


def _row_to_block(row: BlockRow) -> Block:
    kind = BlockType(row.type)
    if kind is not BlockType.IMAGE:
        return Block(kind, row.text)
    return Block(
        kind,
        "",
        ImageSlot(
            alt=row.alt,
            caption=row.caption,
            credit=row.credit,
            image_path=row.image_path,
            image_hash=row.image_hash,
            rights=row.rights,
            status=CreditStatus(row.credit_status),
            verified_by=row.verified_by,
            verified_at=utc(row.verified_at),
            note=row.note,
        ),
    )


def _same_block(row: BlockRow, block: Block) -> bool:
    return _row_to_block(row) == block


class ArticleRepo:
    def __init__(self, session: Session) -> None:
        self.s = session

    def _row(self, article_id: int, *, lock: bool = False) -> ArticleRow:
        stmt = select(ArticleRow).where(ArticleRow.id == article_id)
        if lock:
            stmt = stmt.with_for_update()
        row = self.s.scalars(stmt).one_or_none()
        if row is None:
            raise NotFound(f"no article with id {article_id}")
        return row

    def lock(self, article_id: int) -> None:
        """Take the article's row lock first, so concurrent writers to one article queue up.

        Called at the start of a write transaction, before anything is read:
        what the transaction then reads is what it will write over. SQLite has
        no row locks; a no-op UPDATE takes its one write lock (waiting out the
        busy timeout) and starts the transaction there.
        """
        if self.s.get_bind().dialect.name == "sqlite":
            stmt: Any = (
                update(ArticleRow)
                .where(ArticleRow.id == article_id)
                .values(id=ArticleRow.id)
                .returning(ArticleRow.id)
                .execution_options(synchronize_session=False)
            )
        else:
            stmt = select(ArticleRow.id).where(ArticleRow.id == article_id).with_for_update()
        if self.s.scalar(stmt) is None:
            raise NotFound(f"no article with id {article_id}")

    def add(self, article: Article, *, actor: str, now: datetime, message: str = "imported") -> int:
        row = ArticleRow(
            headline=article.headline,
            bylines=list(article.bylines),
            published=_iso(article.published),
            updated=_iso(article.updated),
            source_name=article.source_name,
            source_hash=article.source_hash,
            source_format=article.source_format,
            state=WorkflowState.DRAFT.value,
            revision=1,
            created_at=now,
            changed_at=now,
            changed_by=actor,
        )
        for pos, block in enumerate(article.blocks):
            brow = BlockRow(position=pos, changed_at=now, changed_by=actor)
            _slot_to_row(brow, block)
            row.blocks.append(brow)
        self.s.add(row)
        self.s.flush()
        self._snapshot(row, article, number=1, actor=actor, now=now, message=message)
        return row.id

    def _snapshot(
        self,
        row: ArticleRow,
        article: Article,
        *,
        number: int,
        actor: str,
        now: datetime,
        message: str,
        flag_id: str | None = None,
        draft: bool = False,
    ) -> None:
        self.s.add(
            RevisionRow(
                article_id=row.id,
                number=number,
                author=actor,
                created_at=now,
                message=message,
                flag_id=flag_id,
                draft=draft,
                snapshot=article_to_dict(article, full=True),
            )
        )

    def get(self, article_id: int) -> Article:
        row = self._row(article_id)
        return Article(
            headline=row.headline,
            bylines=list(row.bylines),
            published=_from_iso(row.published),
            updated=_from_iso(row.updated),
            blocks=[_row_to_block(b) for b in row.blocks],
            source_name=row.source_name,
            source_hash=row.source_hash,
            source_format=row.source_format,
            id=row.id,
            version=row.version,
        )

    def block_versions(self, article_id: int) -> builtins.list[int]:
        return [b.version for b in self._row(article_id).blocks]

    def meta(self, article_id: int) -> ArticleMeta:
        row = self._row(article_id)
        return ArticleMeta(
            id=row.id,
            state=WorkflowState(row.state),
            revision=row.revision,
            version=row.version,
            approved_by=row.approved_by,
            approved_at=utc(row.approved_at),
            approved_revision=row.approved_revision,
            changed_at=utc(row.changed_at) or row.changed_at,
            changed_by=row.changed_by,
        )

    def find_by_hash(self, source_hash: str) -> int | None:
        stmt = select(ArticleRow.id).where(ArticleRow.source_hash == source_hash).order_by(ArticleRow.id)
        return self.s.scalars(stmt).first()

    def ids(self) -> builtins.list[int]:
        return list(self.s.scalars(select(ArticleRow.id).order_by(ArticleRow.id)))

    def summaries(self, text: str = "", state: WorkflowState | None = None) -> builtins.list[ArticleSummary]:
        open_flags = (
            select(FlagRow.article_id, func.count().label("n"))
            .where(FlagRow.status == FlagStatus.OPEN.value, FlagRow.present.is_(True))
            .group_by(FlagRow.article_id)
            .subquery()
        )
        unverified = (
            select(BlockRow.article_id, func.count().label("n"))
            .where(BlockRow.type == BlockType.IMAGE.value, BlockRow.credit_status != "verified")
            .group_by(BlockRow.article_id)
            .subquery()
        )
        stmt = (
            select(ArticleRow, open_flags.c.n, unverified.c.n)
            .outerjoin(open_flags, open_flags.c.article_id == ArticleRow.id)
            .outerjoin(unverified, unverified.c.article_id == ArticleRow.id)
            .order_by(ArticleRow.id)
        )
        if state is not None:
            stmt = stmt.where(ArticleRow.state == state.value)
        if text:
            pattern = f"%{text.lower()}%"
            body = select(BlockRow.article_id).where(func.lower(BlockRow.text).like(pattern))
            stmt = stmt.where(func.lower(ArticleRow.headline).like(pattern) | ArticleRow.id.in_(body))
        return [
            ArticleSummary(
                id=row.id,
                headline=row.headline,
                bylines=tuple(row.bylines),
                state=WorkflowState(row.state),
                revision=row.revision,
                open_flags=n_flags or 0,
                unverified_credits=n_unverified or 0,
                changed_at=utc(row.changed_at) or row.changed_at,
                changed_by=row.changed_by,
            )
            for row, n_flags, n_unverified in self.s.execute(stmt)
        ]

    def save_content(
        self,
        article: Article,
        *,
        actor: str,
        now: datetime,
        message: str,
        expected_version: int | None = None,
        expected_blocks: dict[int, int] | None = None,
        flag_id: str | None = None,
        draft: bool = False,
    ) -> int:
        """Store ``article`` as the next revision; returns its number.

        ``expected_version`` guards the whole article (headline, bylines, block
        list). Without it, ``expected_blocks`` switches to merging: it maps the
        positions of the blocks the editor changed to the versions they started
        from, and only those blocks are written; everything else keeps what is
        stored, so edits to different blocks by different editors all survive.
        """
        assert article.id is not None
        row = self._row(article.id, lock=True)
        if expected_version is not None and row.version != expected_version:
            raise ConflictError(
                f"article {row.id} was changed by {row.changed_by} at {_iso(utc(row.changed_at))}; "
                "reload or merge",
                changed_by=row.changed_by,
                changed_at=_iso(utc(row.changed_at)),
            )
        existing = list(row.blocks)
        merging = expected_version is None and expected_blocks is not None
        wanted = expected_blocks or {}
        if merging and (len(article.blocks) != len(existing) or not set(wanted) <= set(range(len(existing)))):
            raise ConflictError(
                f"the blocks of article {row.id} were rearranged by {row.changed_by} "
                f"at {_iso(utc(row.changed_at))}; reload or merge",
                changed_by=row.changed_by,
                changed_at=_iso(utc(row.changed_at)),
            )
        for pos, brow in enumerate(existing):
            if pos in wanted and brow.version != wanted[pos]:
                raise ConflictError(
                    f"block {pos} of article {row.id} was changed by {brow.changed_by} "
                    f"at {_iso(utc(brow.changed_at))}; reload or merge",
                    changed_by=brow.changed_by,
                    changed_at=_iso(utc(brow.changed_at)),
                )
        if merging:
            # Only the blocks the editor changed: the rest of ``article`` may be older than what is stored.
            for pos in sorted(wanted):
                if not _same_block(existing[pos], article.blocks[pos]):
                    _slot_to_row(existing[pos], article.blocks[pos])
                    existing[pos].changed_at, existing[pos].changed_by = now, actor
        else:
            row.headline = article.headline
            row.bylines = list(article.bylines)
            row.published = _iso(article.published)
            row.updated = _iso(article.updated)
            for pos, block in enumerate(article.blocks):
                if pos < len(existing):
                    brow = existing[pos]
                    if not _same_block(brow, block):
                        _slot_to_row(brow, block)
                        brow.changed_at, brow.changed_by = now, actor
                else:
                    brow = BlockRow(position=pos, changed_at=now, changed_by=actor)
                    _slot_to_row(brow, block)
                    row.blocks.append(brow)
            for brow in existing[len(article.blocks) :]:
                row.blocks.remove(brow)
        row.revision += 1
        row.changed_at, row.changed_by = now, actor
        self.s.flush()
        self._snapshot(
            row,
            self.get(row.id) if merging else article,
            number=row.revision,
            actor=actor,
            now=now,
            message=message,
            flag_id=flag_id,
            draft=draft,
        )
        return row.revision

    def set_slot_review(
        self,
        article_id: int,
        block: int,
        *,
        status: CreditStatus,
        actor: str,
        now: datetime,
        note: str,
        expected_version: int | None = None,
    ) -> None:
        """A photo editor's verdict on a slot: not a text change, so no new revision."""
        row = self._row(article_id)
        if not 0 <= block < len(row.blocks) or row.blocks[block].type != BlockType.IMAGE.value:
            raise NotFound(f"article {article_id} has no image at block {block}")
        brow = row.blocks[block]
        if expected_version is not None and brow.version != expected_version:
            raise ConflictError(
                f"image {block} of article {article_id} was changed by {brow.changed_by} "
                f"at {_iso(utc(brow.changed_at))}",
                changed_by=brow.changed_by,
                changed_at=_iso(utc(brow.changed_at)),
            )
        brow.credit_status = status.value
        brow.verified_by = actor if status is not CreditStatus.UNVERIFIED else None
        brow.verified_at = now if status is not CreditStatus.UNVERIFIED else None
        brow.note = note
        brow.changed_at, brow.changed_by = now, actor
        row.changed_at, row.changed_by = now, actor

    def set_state(self, article_id: int, state: WorkflowState, *, actor: str, now: datetime) -> None:
        row = self._row(article_id, lock=True)
        row.state = state.value
        row.changed_at, row.changed_by = now, actor
        if state is WorkflowState.APPROVED:
            row.approved_by, row.approved_at, row.approved_revision = actor, now, row.revision
        elif state in (WorkflowState.DRAFT, WorkflowState.COPY_EDIT):
            row.approved_by = row.approved_at = row.approved_revision = None

    def revisions(self, article_id: int) -> builtins.list[Revision]:
        self._row(article_id)
        stmt = select(RevisionRow).where(RevisionRow.article_id == article_id).order_by(RevisionRow.number)
        return [
            Revision(
                number=r.number,
                author=r.author,
                created_at=utc(r.created_at) or r.created_at,
                message=r.message,
                flag_id=r.flag_id,
                draft=r.draft,
            )
            for r in self.s.scalars(stmt)
        ]

    def revision_content(self, article_id: int, number: int) -> Article:
        stmt = select(RevisionRow).where(RevisionRow.article_id == article_id, RevisionRow.number == number)
        row = self.s.scalars(stmt).one_or_none()
        if row is None:
            raise NotFound(f"article {article_id} has no revision {number}")
        article = article_from_dict(row.snapshot)
        article.id = article_id
        return article

    def delete_revision(self, article_id: int, number: int) -> None:
        stmt = select(RevisionRow).where(RevisionRow.article_id == article_id, RevisionRow.number == number)
        row = self.s.scalars(stmt).one_or_none()
        if row is not None:
            self.s.delete(row)


def _flag_from_row(row: FlagRow) -> Flag:
    return Flag(
        id=row.key,
        kind=FlagKind(row.kind),
        severity=Severity(row.severity),
        block=row.block,
        start=row.start,
        end=row.end,
        text=row.text,
        message=row.message,
        rule=row.rule,
        suggestions=tuple(row.suggestions),
        field=row.field,
        data=dict(row.data),
        status=FlagStatus(row.status),
        manual=row.manual,
        present=row.present,
        note=row.note,
        source=row.source,
        replacement=row.replacement,
        assigned_to=row.assigned_to,
        created_by=row.created_by,
        resolved_by=row.resolved_by,
        resolved_at=utc(row.resolved_at),
        version=row.version,
    )


_FLAG_FIELDS = (
    "kind",
    "severity",
    "block",
    "start",
    "end",
    "text",
    "message",
    "rule",
    "field",
    "status",
    "manual",
    "note",
    "source",
    "replacement",
    "assigned_to",
    "created_by",
    "resolved_by",
    "resolved_at",
)


class FlagRepo:
    def __init__(self, session: Session) -> None:
        self.s = session

    def rows(self, article_id: int, *, present_only: bool = False) -> builtins.list[FlagRow]:
        stmt = select(FlagRow).where(FlagRow.article_id == article_id)
        if present_only:
            stmt = stmt.where(FlagRow.present.is_(True))
        return list(self.s.scalars(stmt.order_by(FlagRow.block, FlagRow.field, FlagRow.start, FlagRow.id)))

    def list(self, article_id: int, *, present_only: bool = False) -> builtins.list[Flag]:
        """The whole sheet, resolved flags included; ``present_only`` keeps those the text still has."""
        return [_flag_from_row(r) for r in self.rows(article_id, present_only=present_only)]

    def row(self, article_id: int, key: str) -> FlagRow:
        stmt = select(FlagRow).where(FlagRow.article_id == article_id, FlagRow.key == key)
        row = self.s.scalars(stmt).one_or_none()
        if row is None:
            raise NotFound(f"article {article_id} has no flag {key}")
        return row

    def locate(self, key: str) -> builtins.list[tuple[int, str]]:
        """(article id, key) pairs whose key starts with ``key`` (users may type a prefix)."""
        stmt = select(FlagRow.article_id, FlagRow.key).where(FlagRow.key.like(f"{key}%"))
        return [(a, k) for a, k in self.s.execute(stmt)]

    def get(self, article_id: int, key: str) -> Flag:
        return _flag_from_row(self.row(article_id, key))

    def add(self, article_id: int, flag: Flag) -> None:
        row = FlagRow(article_id=article_id, key=flag.id, present=True)
        self._write(row, flag)
        self.s.add(row)

    def update(self, article_id: int, flag: Flag) -> None:
        row = self.row(article_id, flag.id)
        if flag.version and row.version != flag.version:
            raise self.conflict(article_id, flag.id)
        self._write(row, flag)

    def conflict(self, article_id: int, key: str) -> ConflictError:
        """The refusal for a stale flag, naming who changed it last and when (from the audit log)."""
        row = self.row(article_id, key)
        last = AuditRepo(self.s).last_change(f"flag:{key}", article_id)
        who = last.actor if last else row.resolved_by or row.created_by
        when = _iso(last.at) if last else _iso(utc(row.resolved_at))
        return ConflictError(
            f"flag {key} was changed by {who} at {when}; reload or merge", changed_by=who, changed_at=when
        )

    def set_present(self, article_id: int, key: str, present: bool) -> None:
        self.row(article_id, key).present = present

    @staticmethod
    def _write(row: FlagRow, flag: Flag) -> None:
        for name in _FLAG_FIELDS:
            value: Any = getattr(flag, name)
            if hasattr(value, "value") and not isinstance(value, bool | int):
                value = value.value
            setattr(row, name, value)
        row.suggestions = list(flag.suggestions)
        row.data = dict(flag.data)


class AuditRepo:
    def __init__(self, session: Session) -> None:
        self.s = session

    def append(self, entry: AuditEntry) -> None:
        self.s.add(
            AuditRow(
                at=entry.at,
                actor=entry.actor,
                action=entry.action,
                target=entry.target,
                article_id=entry.article_id,
                before=dict(entry.before),
                after=dict(entry.after),
            )
        )

    def last_change(self, target: str, article_id: int | None = None) -> AuditEntry | None:
        """The newest entry about ``target``: who changed it last, and when (for conflict messages)."""
        stmt = select(AuditRow).where(AuditRow.target == target).order_by(AuditRow.id.desc()).limit(1)
        if article_id is not None:
            stmt = stmt.where(AuditRow.article_id == article_id)
        row = self.s.scalars(stmt).first()
        if row is None:
            return None
        return AuditEntry(
            at=utc(row.at) or row.at,
            actor=row.actor,
            action=row.action,
            target=row.target,
            article_id=row.article_id,
            id=row.id,
        )

    def list(self, article_id: int | None = None, *, limit: int | None = None) -> builtins.list[AuditEntry]:
        stmt = select(AuditRow).order_by(AuditRow.id)
        if article_id is not None:
            stmt = stmt.where(AuditRow.article_id == article_id)
        if limit is not None:
            stmt = stmt.limit(limit)
        return [
            AuditEntry(
                at=utc(r.at) or r.at,
                actor=r.actor,
                action=r.action,
                target=r.target,
                before=dict(r.before),
                after=dict(r.after),
                article_id=r.article_id,
                id=r.id,
            )
            for r in self.s.scalars(stmt)
        ]


class UserRepo:
    def __init__(self, session: Session) -> None:
        self.s = session

    def count(self) -> int:
        return self.s.scalar(select(func.count()).select_from(UserRow)) or 0

    def find(self, name: str) -> User | None:
        row = self.s.scalars(select(UserRow).where(UserRow.name == name)).one_or_none()
        return User(row.name, Role(row.role), row.id) if row else None

    def add(self, name: str, role: Role, now: datetime) -> User:
        row = UserRow(name=name, role=role.value, created_at=now)
        self.s.add(row)
        self.s.flush()
        return User(row.name, role, row.id)

    def set_role(self, name: str, role: Role) -> None:
        row = self.s.scalars(select(UserRow).where(UserRow.name == name)).one_or_none()
        if row is None:
            raise NotFound(f"no user named {name!r}")
        row.role = role.value

    def list(self) -> builtins.list[User]:
        return [
            User(r.name, Role(r.role), r.id) for r in self.s.scalars(select(UserRow).order_by(UserRow.name))
        ]


def _fact(row: FactRow) -> Fact:
    return Fact(
        id=row.id,
        subject=row.subject,
        claim=row.claim,
        value=row.value,
        source=row.source,
        created_by=row.created_by,
        created_at=utc(row.created_at) or row.created_at,
        retired=row.retired,
    )


class FactRepo:
    def __init__(self, session: Session) -> None:
        self.s = session

    def add(self, *, subject: str, claim: str, value: str, source: str, actor: str, now: datetime) -> Fact:
        row = FactRow(
            subject=subject, claim=claim, value=value, source=source, created_by=actor, created_at=now
        )
        self.s.add(row)
        self.s.flush()
        return _fact(row)

    def row(self, fact_id: int) -> FactRow:
        row = self.s.get(FactRow, fact_id)
        if row is None:
            raise NotFound(f"no fact with id {fact_id}")
        return row

    def get(self, fact_id: int) -> Fact:
        return _fact(self.row(fact_id))

    def list(self, *, include_retired: bool = False) -> builtins.list[Fact]:
        stmt = select(FactRow).order_by(FactRow.id)
        if not include_retired:
            stmt = stmt.where(FactRow.retired.is_(False))
        return [_fact(r) for r in self.s.scalars(stmt)]


class AgencyRepo:
    def __init__(self, session: Session) -> None:
        self.s = session

    def list(self) -> builtins.list[tuple[str, tuple[str, ...], str, str]]:
        rows = self.s.scalars(select(AgencyRow).order_by(AgencyRow.canonical))
        return [(r.canonical, tuple(r.aliases), r.kind, r.notes) for r in rows]

    def add(self, canonical: str, aliases: tuple[str, ...], kind: str, notes: str) -> None:
        self.s.add(AgencyRow(canonical=canonical, aliases=list(aliases), kind=kind, notes=notes))

    def add_alias(self, canonical: str, alias: str) -> bool:
        row = self.s.scalars(select(AgencyRow).where(AgencyRow.canonical == canonical)).one_or_none()
        if row is None:
            return False
        if alias not in row.aliases:
            row.aliases = [*row.aliases, alias]
        return True


class OverrideRepo:
    def __init__(self, session: Session) -> None:
        self.s = session

    def add(self, override: Override) -> None:
        self.s.add(
            OverrideRow(
                article_id=override.article_id,
                revision=override.revision,
                actor=override.actor,
                at=override.at,
                reason=override.reason,
            )
        )

    def list(self, article_id: int) -> builtins.list[Override]:
        stmt = select(OverrideRow).where(OverrideRow.article_id == article_id).order_by(OverrideRow.id)
        return [
            Override(r.article_id, r.revision, r.actor, utc(r.at) or r.at, r.reason)
            for r in self.s.scalars(stmt)
        ]
