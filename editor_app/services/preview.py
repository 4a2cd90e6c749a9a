"""An article file read for display only, before (or without) the database.

The window shows a file's text the moment it starts, while the desk opens and
the proper import (stored, checked, audited) runs behind it. Nothing here
touches the database, so it stays cheap to import.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from pathlib import Path

from editor_app.domain import Article
from editor_app.errors import UserError

PreviewSource = Callable[[], "Article | None"]


def preview_file(path: Path) -> Article | None:
    """The article in ``path`` as the importer reads it, or None when it cannot be read.

    A file that cannot be read gives no preview; the real import that follows
    reports why, in the usual way.
    """
    from editor_app.importers import load_article

    try:
        return load_article(path)
    except (UserError, OSError, ValueError):
        return None


def start_preview(path: Path) -> PreviewSource:
    """Read ``path`` on the other core while this process loads Qt; call the result for the article.

    Reading a file means loading the importers and compiling their patterns
    (~90 ms), and loading Qt is as long again; side by side, neither waits.
    Where there is no ``fork`` (Windows, or when it fails), the file is read
    here, now.
    """
    if not hasattr(os, "fork"):
        return _ready(preview_file(path))
    try:
        read_end, write_end = os.pipe()
        pid = os.fork()
    except OSError:
        return _ready(preview_file(path))
    if pid == 0:  # the child: read, send, and leave without running the parent's exit handlers
        code = 1
        try:
            os.close(read_end)
            data = pickle.dumps(preview_file(path), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as out:
                out.write(data)
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    return _Received(pid, read_end)


def _ready(article: Article | None) -> PreviewSource:
    return lambda: article


class _Received:
    """The article the child process sends; None if it could not read the file or died."""

    def __init__(self, pid: int, fd: int) -> None:
        self._pid = pid
        self._fd = fd
        self._article: Article | None = None
        self._received = False

    def __call__(self) -> Article | None:
        if not self._received:
            self._received = True
            self._article = self._receive()
        return self._article

    def _receive(self) -> Article | None:
        try:
            with os.fdopen(self._fd, "rb") as received:
                data = received.read()
            os.waitpid(self._pid, 0)
            article = pickle.loads(data) if data else None
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
            return None
        return article if isinstance(article, Article) else None
