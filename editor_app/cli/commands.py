"""One function per ``editor-app`` subcommand; each calls the services and prints."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from editor_app.cli.output import article_text, emit_json, flag_line, one_line
from editor_app.domain import (
    Article,
    Credit,
    CreditStatus,
    Flag,
    FlagKind,
    FlagStatus,
    ImageSlot,
    Role,
    Severity,
    User,
    WorkflowState,
)
from editor_app.domain.serialize import article_to_dict
from editor_app.errors import InvalidRequest
from editor_app.services import Desk
from editor_app.services.images import ImageView
from editor_app.services.review import flag_to_dict
from editor_app.settings import Settings

Args = argparse.Namespace


def _desk(settings: Settings) -> Desk:
    desk = Desk.open(settings)
    if desk.read_only:
        sys.stderr.write(f"editor-app: warning: {desk.read_only}\n")
    return desk


def _enum(kind: type[Any], value: str | None, what: str) -> Any:
    if value is None:
        return None
    try:
        return kind(value)
    except ValueError:
        choices = ", ".join(m.value for m in kind)
        raise InvalidRequest(f"unknown {what} {value!r}; choose from {choices}") from None


def _slot_json(block: int, slot: ImageSlot, credit: Credit | None) -> dict[str, Any]:
    """An image slot in the CLI's JSON: the line as written and its parsed parts."""
    return {
        "block": block,
        "alt": slot.alt,
        "caption": slot.caption,
        "credit": slot.credit,
        "credit_parts": {
            "creator": credit.creator,
            "kind": credit.kind,
            "agency": credit.agency,
            "distributor": credit.distributor,
        }
        if credit
        else None,
        "image_path": slot.image_path,
        "rights": slot.rights,
        "status": slot.status.value,
        "verified_by": slot.verified_by,
    }


def images_json(article: Article) -> list[dict[str, Any]]:
    from editor_app.text.credits import parse_credit

    return [
        _slot_json(index, slot, parse_credit(slot.credit) if slot.credit else None)
        for index, slot in article.images
    ]


def _emit(args: Args, items: Sequence[Any], line: Callable[[Any], str]) -> None:
    """Print ``items`` as one JSON list (dataclasses as their fields) or one readable line each."""
    if args.format == "json":
        emit_json([_plain(i) for i in items])
    else:
        for item in items:
            print(line(item))


def _plain(item: Any) -> Any:
    if dataclasses.is_dataclass(item) and not isinstance(item, type):
        return dataclasses.asdict(item)
    return item


def _user(user: User) -> dict[str, str]:
    return {"name": user.name, "role": user.role.value}


def cmd_import(args: Args, settings: Settings) -> int:
    desk = _desk(settings)
    results = []
    failures = 0
    for path in args.files:
        try:
            results.append(desk.articles.import_file(path, actor=args.actor, on_duplicate=args.on_duplicate))
        except InvalidRequest:
            raise
        except Exception as exc:
            from editor_app.errors import UserError

            if not isinstance(exc, UserError):
                raise
            failures += 1
            import sys

            sys.stderr.write(f"editor-app: {one_line(str(exc))}\n")
    if args.format == "json":
        emit_json(
            [
                {"id": r.article_id, "revision": r.revision, "outcome": r.outcome, "source": r.source}
                for r in results
            ]
        )
    else:
        for r in results:
            note = {
                "created": "",
                "revision": f" (new revision {r.revision} of a stored article)",
                "unchanged": " (already stored, unchanged)",
            }[r.outcome]
            print(f"{r.article_id}\t{r.source}{note}")
    return 2 if failures else 0


def cmd_list(args: Args, settings: Settings) -> int:
    desk = _desk(settings)
    rows = desk.articles.list(args.search, _enum(WorkflowState, args.state, "state"))
    _emit(
        args,
        rows,
        lambda r: (
            f"{r.id}\t{r.state.value}\t{r.open_flags} open flags\t{r.unverified_credits} unverified\t"
            f"{r.headline}"
        ),
    )
    return 0


def cmd_show(args: Args, settings: Settings) -> int:
    desk = _desk(settings)
    article = desk.articles.revision(args.id, args.revision) if args.revision else desk.articles.get(args.id)
    if args.format == "json":
        emit_json(article_to_dict(article))
    else:
        print(article_text(article))
    return 0


def cmd_check(args: Args, settings: Settings) -> int:
    desk = _desk(settings)
    path = Path(args.target)
    if args.target.isdigit() and not path.exists():
        article = desk.articles.get(int(args.target))
        flags = desk.review.check(int(args.target), actor=args.actor)
    else:
        article, flags = desk.review.check_file(path)
    if args.format == "json":
        emit_json(
            {
                "article": article_to_dict(article),
                "flags": [flag_to_dict(f) for f in flags],
                "images": images_json(article),
            }
        )
    else:
        for flag in flags:
            print(flag_line(flag))
        open_flags = [f for f in flags if f.is_open]
        print(
            f"{len(open_flags)} open flag(s): "
            + ", ".join(f"{sum(f.severity is s for f in open_flags)} {s.value}" for s in Severity)
        )
    problems = [f for f in flags if f.is_open and f.severity in (Severity.ERROR, Severity.WARNING)]
    return 1 if problems else 0


def cmd_users(args: Args, settings: Settings) -> int:
    desk = _desk(settings)
    if args.action == "list":
        _emit(args, [_user(u) for u in desk.users.list()], lambda u: f"{u['name']}\t{u['role']}")
        return 0
    if not args.name:
        raise InvalidRequest(f"users {args.action} needs a user name")
    if args.action == "add":
        if not args.role:
            raise InvalidRequest("users add needs --role copy-editor|photo-editor|desk|admin")
        user = desk.users.add(args.name, Role(args.role), actor=args.actor)
    else:
        role = args.new_role or args.role
        user = desk.users.set_role(args.name, _enum(Role, role, "role"), actor=args.actor)
    if args.format == "json":
        emit_json(_user(user))
    else:
        print(f"{user.name}\t{user.role.value}")
    return 0


def _print_flags(args: Args, flags: list[Flag]) -> None:
    if args.format == "json":
        emit_json([flag_to_dict(f) for f in flags])
    else:
        for flag in flags:
            print(flag_line(flag))


def cmd_flags(args: Args, settings: Settings) -> int:
    desk = _desk(settings)
    flags = desk.review.flags(
        args.id,
        status=_enum(FlagStatus, args.status, "status"),
        kind=_enum(FlagKind, args.kind, "kind"),
        severity=_enum(Severity, args.severity, "severity"),
    )
    _print_flags(args, flags)
    return 0


def cmd_resolve(args: Args, settings: Settings) -> int:
    desk = _desk(settings)
    flag = desk.review.resolve(
        args.flag,
        FlagStatus(args.status),
        actor=args.actor,
        source=args.source,
        note=args.note or args.reason,
        replacement=args.replacement,
    )
    _print_flags(args, [flag])
    return 0


def cmd_accept(args: Args, settings: Settings) -> int:
    desk = _desk(settings)
    flag = desk.review.accept(args.flag, actor=args.actor, suggestion=args.suggestion)
    _print_flags(args, [flag])
    return 0


def cmd_undo(args: Args, settings: Settings) -> int:
    desk = _desk(settings)
    number = desk.review.undo_accept(args.id, actor=args.actor)
    if args.format == "json":
        emit_json({"id": args.id, "revision": number})
    else:
        print(f"article {args.id}: undone as revision {number}")
    return 0


def cmd_flag(args: Args, settings: Settings) -> int:
    desk = _desk(settings)
    flag = desk.review.add_manual(
        args.id,
        block=args.block,
        start=args.start,
        end=args.end,
        note=args.note,
        actor=args.actor,
        assign=args.assign,
        field=args.field,
    )
    _print_flags(args, [flag])
    return 0


def cmd_reopen(args: Args, settings: Settings) -> int:
    desk = _desk(settings)
    _print_flags(args, [desk.review.reopen(args.flag, actor=args.actor)])
    return 0


def cmd_note(args: Args, settings: Settings) -> int:
    desk = _desk(settings)
    _print_flags(args, [desk.review.annotate(args.flag, args.note, actor=args.actor)])
    return 0


def cmd_history(args: Args, settings: Settings) -> int:
    desk = _desk(settings)
    revisions = desk.articles.history(args.id)
    _emit(args, revisions, lambda r: f"{r.number}\t{r.created_at:%Y-%m-%d %H:%M:%S}\t{r.author}\t{r.message}")
    return 0


def cmd_diff(args: Args, settings: Settings) -> int:
    from editor_app.text.worddiff import render_markup

    desk = _desk(settings)
    changes = desk.articles.diff(args.id, args.rev_a, args.rev_b)
    if args.format == "json":
        emit_json(
            [
                {
                    "block": c.block,
                    "field": c.field,
                    "pieces": [{"op": p.op, "text": p.text} for p in c.pieces],
                }
                for c in changes
            ]
        )
    else:
        for c in changes:
            where = (
                "headline"
                if c.block == -1
                else f"block {c.block}" + ("" if c.field == "text" else f" {c.field}")
            )
            print(f"{where}: {render_markup(list(c.pieces))}")
    return 0


def cmd_restore(args: Args, settings: Settings) -> int:
    desk = _desk(settings)
    number = desk.articles.restore(args.id, args.rev, actor=args.actor)
    if args.format == "json":
        emit_json({"id": args.id, "restored": args.rev, "revision": number})
    else:
        print(f"article {args.id}: revision {args.rev} restored as revision {number}")
    return 0


def cmd_audit(args: Args, settings: Settings) -> int:
    desk = _desk(settings)
    entries = desk.audit_log(args.id)
    _emit(
        args,
        entries,
        lambda e: f"{e.at:%Y-%m-%d %H:%M:%S}\t{e.actor}\t{e.action}\t{e.target}\t{e.before} -> {e.after}",
    )
    return 0


def cmd_facts(args: Args, settings: Settings) -> int:
    desk = _desk(settings)
    if args.action == "list":
        facts = desk.facts.list(include_retired=args.all)
    elif args.action == "search":
        facts = desk.facts.search(args.arg or "")
    elif args.action == "add":
        facts = [
            desk.facts.add(
                subject=args.subject or "",
                claim=args.claim or "",
                value=args.value or "",
                source=args.source or "",
                actor=args.actor,
            )
        ]
    elif args.action == "from-flag":
        if not args.arg:
            raise InvalidRequest("facts from-flag needs a flag id")
        facts = [
            desk.facts.from_flag(
                args.arg, subject=args.subject or "", value=args.value or "", actor=args.actor
            )
        ]
    else:
        if not args.arg or not args.arg.isdigit():
            raise InvalidRequest(f"facts {args.action} needs a fact id")
        if args.action == "retire":
            facts = [desk.facts.retire(int(args.arg), actor=args.actor)]
        else:
            facts = [
                desk.facts.edit(
                    int(args.arg),
                    actor=args.actor,
                    subject=args.subject,
                    claim=args.claim,
                    value=args.value,
                    source=args.source,
                )
            ]
    _emit(
        args,
        facts,
        lambda f: (
            f"{f.id}\t{f.subject}: {f.claim} = {f.value}\t[{f.source}; {f.created_by}]"
            + (" (retired)" if f.retired else "")
        ),
    )
    return 0


def cmd_state(args: Args, settings: Settings) -> int:
    desk = _desk(settings)
    if args.advance:
        desk.workflow.advance(args.id, actor=args.actor)
    meta = desk.workflow.state(args.id)
    gate = desk.workflow.gate(args.id)
    if args.format == "json":
        emit_json(
            {
                "id": meta.id,
                "state": meta.state.value,
                "revision": meta.revision,
                "approved_by": meta.approved_by,
                "approved_at": meta.approved_at,
                "approved_revision": meta.approved_revision,
                "gate": {
                    "ok": gate.ok,
                    "blocking": [flag_to_dict(f) for f in gate.blocking],
                    "unverified": [{"block": b, "credit": c} for b, c in gate.unverified],
                },
            }
        )
    else:
        approved = (
            f", approved by {meta.approved_by} (revision {meta.approved_revision})"
            if meta.approved_by
            else ""
        )
        print(f"article {meta.id}: {meta.state.value}, revision {meta.revision}{approved}")
        print(gate.describe())
    return 0


def cmd_approve(args: Args, settings: Settings) -> int:
    desk = _desk(settings)
    meta = desk.workflow.approve(args.id, actor=args.actor)
    if args.format == "json":
        emit_json({"id": meta.id, "state": meta.state.value, "revision": meta.approved_revision})
    else:
        print(f"article {meta.id}: approved revision {meta.approved_revision}")
    return 0


def _image_json(view: ImageView) -> dict[str, Any]:
    slot = view.slot
    meta = view.embedded
    return {
        "number": view.number,
        **_slot_json(view.block, slot, view.credit),
        "verified_at": slot.verified_at,
        "note": slot.note,
        "embedded": {
            "credit": meta.credit,
            "creator": meta.creator,
            "rights": meta.rights,
            "description": meta.description,
            "source": meta.source,
        }
        if meta
        else None,
        "mismatches": list(view.mismatches),
        "file_error": view.file_error,
    }


def _print_images(args: Args, views: list[ImageView]) -> None:
    if args.format == "json":
        emit_json([_image_json(v) for v in views])
        return
    for v in views:
        parts = ""
        if v.credit:
            bits = [
                f"{k}={getattr(v.credit, k)!r}"
                for k in ("creator", "kind", "agency", "distributor")
                if getattr(v.credit, k)
            ]
            parts = " (" + ", ".join(bits) + ")"
        print(f"image {v.number} [block {v.block}] {v.slot.status.value}")
        print(f"  caption: {v.slot.caption!r}  alt: {v.slot.alt!r}")
        print(f"  credit:  {v.slot.credit!r}{parts}")
        if v.slot.image_path:
            print(f"  file:    {v.slot.image_path}")
        if v.embedded is not None:
            print(
                f"  embedded credit: {v.embedded.credit!r}, creator: {v.embedded.creator!r}, "
                f"rights: {v.embedded.rights!r}"
            )
        if v.mismatches:
            print(f"  MISMATCH with the file: {', '.join(v.mismatches)}")
        if v.file_error:
            print(f"  file problem: {v.file_error}")


def cmd_images(args: Args, settings: Settings) -> int:
    _print_images(args, _desk(settings).images.list(args.id))
    return 0


def cmd_attach(args: Args, settings: Settings) -> int:
    _print_images(args, [_desk(settings).images.attach(args.id, args.slot, args.file, actor=args.actor)])
    return 0


def cmd_caption(args: Args, settings: Settings) -> int:
    view = _desk(settings).images.set_field(args.id, args.slot, "caption", args.set, actor=args.actor)
    _print_images(args, [view])
    return 0


def cmd_credit(args: Args, settings: Settings) -> int:
    view = _desk(settings).images.set_field(args.id, args.slot, "credit", args.set, actor=args.actor)
    _print_images(args, [view])
    return 0


def cmd_rights(args: Args, settings: Settings) -> int:
    view = _desk(settings).images.set_field(args.id, args.slot, "rights", args.set, actor=args.actor)
    _print_images(args, [view])
    return 0


def cmd_verify_credit(args: Args, settings: Settings) -> int:
    view = _desk(settings).images.verify(
        args.id, args.slot, actor=args.actor, status=CreditStatus(args.status), note=args.note
    )
    _print_images(args, [view])
    return 0


def cmd_agencies(args: Args, settings: Settings) -> int:
    desk = _desk(settings)
    if args.action == "list":
        agencies = desk.images.agencies()
    elif args.action == "add":
        if not args.name:
            raise InvalidRequest("agencies add needs a name")
        agencies = [
            desk.images.add_agency(
                args.name, actor=args.actor, aliases=tuple(args.alias or ()), kind=args.kind, notes=args.notes
            )
        ]
    else:
        if not args.name or not args.alias:
            raise InvalidRequest("agencies alias needs the agency name and --alias NAME")
        agency = None
        for alias in args.alias:
            agency = desk.images.add_alias(args.name, alias, actor=args.actor)
        assert agency is not None
        agencies = [agency]
    if args.format == "json":
        emit_json(
            [
                {"canonical": a.canonical, "aliases": list(a.aliases), "kind": a.kind, "notes": a.notes}
                for a in agencies
            ]
        )
    else:
        for a in agencies:
            aliases = f" (also: {', '.join(a.aliases)})" if a.aliases else ""
            notes = f" - {a.notes}" if a.notes else ""
            print(f"{a.canonical}\t{a.kind}{aliases}{notes}")
    return 0


def cmd_export(args: Args, settings: Settings) -> int:
    desk = _desk(settings)
    formats = [f.strip() for f in args.export_formats.split(",") if f.strip()]
    result = desk.exports.export(
        args.id, formats, Path(args.out), actor=args.actor, force=args.force, override=args.override
    )
    if args.format == "json":
        emit_json(
            {
                "id": result.article_id,
                "revision": result.revision,
                "files": [str(p) for p in result.files],
                "warnings": list(result.warnings),
                "overridden": result.overridden,
            }
        )
    else:
        for path in result.files:
            print(path)
        for warning in result.warnings:
            print(f"warning: {warning}", file=sys.stderr)
    return 0


def cmd_backup(args: Args, settings: Settings) -> int:
    desk = _desk(settings)
    if args.list:
        copies = desk.backups.list()
    else:
        copies = [desk.backups.backup_now()]
    if args.format == "json":
        emit_json([str(p) for p in copies])
    else:
        for path in copies:
            print(path)
    return 0


def add_late_commands(add: Callable[[str, Callable[..., int], str], argparse.ArgumentParser]) -> None:
    """The photo desk's and the export desk's subcommands."""
    p = add("images", cmd_images, "list an article's images with credits, parts and embedded metadata")
    p.add_argument("id", type=int)
    p = add("attach", cmd_attach, "attach an image file to image SLOT (1-based)")
    p.add_argument("id", type=int)
    p.add_argument("slot", type=int)
    p.add_argument("file", type=Path)
    for name, func, what in (
        ("caption", cmd_caption, "caption"),
        ("credit", cmd_credit, "credit line"),
        ("rights", cmd_rights, "rights note"),
    ):
        p = add(name, func, f"set the {what} of image SLOT")
        p.add_argument("id", type=int)
        p.add_argument("slot", type=int)
        p.add_argument("--set", required=True)
    p = add("verify-credit", cmd_verify_credit, "verify image SLOT's caption and credit (photo editors)")
    p.add_argument("id", type=int)
    p.add_argument("slot", type=int)
    p.add_argument("--status", choices=["verified", "problem", "unverified"], default="verified")
    p.add_argument("--note", default="")
    p = add("agencies", cmd_agencies, "the agency registry: list | add NAME | alias NAME --alias A")
    p.add_argument("action", choices=["list", "add", "alias"])
    p.add_argument("name", nargs="?")
    p.add_argument("--alias", action="append")
    p.add_argument("--kind", default="agency")
    p.add_argument("--notes", default="")
    p = add("backup", cmd_backup, "copy the local database now (SQLite backup API), or --list the copies")
    p.add_argument("--list", action="store_true")
    p = add("export", cmd_export, "export the approved revision (desk editors)")
    p.add_argument("id", type=int)
    p.add_argument(
        "--formats",
        "--to",
        dest="export_formats",
        default="html,md,txt,ninjs,docx,pdf,newsml",
        help="comma-separated: html,md,txt,ninjs,docx,pdf,newsml",
    )
    p.add_argument("--out", required=True, help="folder to write into")
    p.add_argument("--force", action="store_true", help="overwrite existing files")
    p.add_argument("--override", help="export despite the gate, with this written reason (desk editors)")
