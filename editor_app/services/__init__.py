"""Use cases shared by the GUI and the command line. No Qt here.

``Desk`` is imported on first use: the window paints the article a user opened
before the database layer (SQLAlchemy, a third of a second to import) is loaded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from editor_app.services.desk import Desk as Desk


def __getattr__(name: str) -> Any:
    if name == "Desk":
        from editor_app.services.desk import Desk

        return Desk
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Desk"]
