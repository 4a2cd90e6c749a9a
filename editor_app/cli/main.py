"""``editor-app``: the desk's use cases, headless, for scripts.

Exit codes: 0 ok, 1 problems found (check), 2 bad input or usage. Errors are
one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from editor_app.cli import commands
from editor_app.cli.output import one_line
from editor_app.errors import EditorError, ExportBlocked, UserError
from editor_app.settings import load_settings


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"editor-app: {message} (see --help)\n")
        raise SystemExit(2)


def _common() -> _Parser:
    common = _Parser(add_help=False)
    common.add_argument(
        "--db", help="SQLAlchemy database URL (default: EDITOR_APP_DB or the user data folder)"
    )
    common.add_argument("--format", choices=["text", "json"], default="text", help="output format")
    common.add_argument(
        "--as", dest="actor", metavar="USER", help="act as this user (default: configured user)"
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common()
    parser = _Parser(prog="editor-app", description="Editorial review desk (command line).", parents=[common])
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def add(name: str, func: Callable[..., int], help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, parents=[common], description=help_text)
        p.set_defaults(func=func)
        return p

    p = add("import", commands.cmd_import, "import article files and print their ids")
    p.add_argument("files", nargs="+", type=Path)
    p.add_argument(
        "--on-duplicate",
        choices=["revision", "skip", "new"],
        default="revision",
        help="what to do with a file whose content is already stored",
    )
    p = add("list", commands.cmd_list, "list stored articles")
    p.add_argument("--state")
    p.add_argument("--search", default="")
    p = add("show", commands.cmd_show, "show one article")
    p.add_argument("id", type=int)
    p.add_argument("--revision", type=int)
    p = add("check", commands.cmd_check, "check a file or a stored article; exit 1 when problems are found")
    p.add_argument("target", help="a file path or an article id")

    p = add("users", commands.cmd_users, "manage users: add NAME --role R | list | role NAME ROLE")
    p.add_argument("action", choices=["add", "list", "role"])
    p.add_argument("name", nargs="?")
    p.add_argument("new_role", nargs="?")
    p.add_argument("--role", choices=["copy-editor", "photo-editor", "desk", "admin"])

    p = add("flags", commands.cmd_flags, "list an article's flags")
    p.add_argument("id", type=int)
    p.add_argument("--status")
    p.add_argument("--kind")
    p.add_argument("--severity")
    p = add("resolve", commands.cmd_resolve, "resolve a flag as verified, disputed, waived or corrected")
    p.add_argument("flag")
    p.add_argument("--status", required=True, choices=["verified", "disputed", "waived", "corrected"])
    p.add_argument("--source", default="")
    p.add_argument("--note", default="", help="note (for waived: the reason)")
    p.add_argument("--reason", default="", help="reason (same as --note, for waived)")
    p.add_argument("--replacement", default="", help="replacement text (for corrected)")
    p = add("accept", commands.cmd_accept, "accept a flag's suggestion as a new revision")
    p.add_argument("flag")
    p.add_argument("--suggestion", type=int, default=0)
    p = add("undo", commands.cmd_undo, "undo the last accepted suggestion of an article")
    p.add_argument("id", type=int)
    p = add("flag", commands.cmd_flag, "add a manual flag to a span or block")
    p.add_argument("id", type=int)
    p.add_argument("--block", type=int, required=True)
    p.add_argument("--start", type=int)
    p.add_argument("--end", type=int)
    p.add_argument("--field", default="text", choices=["text", "alt", "caption", "credit"])
    p.add_argument("--note", required=True)
    p.add_argument("--assign", default="")
    p = add("reopen", commands.cmd_reopen, "reopen a resolved flag")
    p.add_argument("flag")
    p = add("note", commands.cmd_note, "write a note on a flag for the desk (its status is unchanged)")
    p.add_argument("flag")
    p.add_argument("note")
    p = add("history", commands.cmd_history, "list an article's revisions")
    p.add_argument("id", type=int)
    p = add("diff", commands.cmd_diff, "compare two revisions word by word")
    p.add_argument("id", type=int)
    p.add_argument("rev_a", type=int)
    p.add_argument("rev_b", type=int)
    p = add("restore", commands.cmd_restore, "restore an earlier revision as a new one")
    p.add_argument("id", type=int)
    p.add_argument("rev", type=int)
    p = add("audit", commands.cmd_audit, "print the audit log (of one article, or all)")
    p.add_argument("id", type=int, nargs="?")

    p = add(
        "facts", commands.cmd_facts, "the desk fact library: list | add | search | retire | edit | from-flag"
    )
    p.add_argument("action", choices=["list", "add", "search", "retire", "edit", "from-flag"])
    p.add_argument("arg", nargs="?", help="search text, fact id, or flag")
    p.add_argument("--subject")
    p.add_argument("--claim")
    p.add_argument("--value")
    p.add_argument("--source")
    p.add_argument("--all", action="store_true", help="include retired facts")

    p = add("state", commands.cmd_state, "show (or advance) an article's workflow state")
    p.add_argument("id", type=int)
    p.add_argument("--advance", action="store_true")
    p = add("approve", commands.cmd_approve, "approve the current revision (desk editors)")
    p.add_argument("id", type=int)
    commands.add_late_commands(add)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settings = load_settings(db_url=args.db, user=args.actor)
        args.actor = settings.user
        result: int = args.func(args, settings)
        return result
    except UserError as exc:
        # One line, whatever a file name holds; the export gate's list is the one message kept whole.
        text = str(exc) if isinstance(exc, ExportBlocked) else one_line(str(exc))
        sys.stderr.write(f"editor-app: {text}\n")
        return 2
    except EditorError as exc:
        sys.stderr.write(f"editor-app: internal error: {exc}\n")
        return 3
    except KeyboardInterrupt:
        sys.stderr.write("editor-app: interrupted\n")
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
