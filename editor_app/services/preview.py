"""An article file read for display only, before (or without) the database.

The window shows a file's text the moment it starts, while the desk opens and
the proper import (stored, checked, audited) runs behind it. Nothing here
touches the database, so it stays cheap to import.
"""

from __future__ import annotations

from pathlib import Path

from editor_app.domain import Article
from editor_app.errors import UserError


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
