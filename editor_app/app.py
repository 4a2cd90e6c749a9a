"""Composition root for the desktop app: settings, database, services, main window.

The only module outside ``ui/`` that imports PySide6, and only after it has
checked there is a screen to draw on.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from editor_app.errors import UserError

NO_DISPLAY_MESSAGE = (
    "editor_app: no display found. Run it on a desktop, set QT_QPA_PLATFORM=offscreen to run "
    "without a screen, or use the command line: editor-app --help"
)


def has_display() -> bool:
    """Whether Qt can open a window here (Linux needs X11 or Wayland unless a platform is forced)."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if not sys.platform.startswith("linux"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not has_display():
        sys.stderr.write(NO_DISPLAY_MESSAGE + "\n")
        return 2
    # No garbage collection while the window is built: start-up makes objects that live as long
    # as the app, and walking them again and again costs ~20 ms. ``settle_memory`` turns it back on.
    gc.disable()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    from editor_app.services.preview import start_preview
    from editor_app.settings import load_settings

    try:
        settings = load_settings()
    except UserError as exc:
        sys.stderr.write(f"editor_app: {exc}\n")
        return 2
    initial = Path(args[0]) if args else None
    # Read the file before Qt is imported (PySide6 inspects every module imported after it), on
    # the other core, while this process loads Qt.
    preview = start_preview(initial) if initial is not None else None
    from editor_app.ui.main_window import run_app

    return run_app(settings, initial, preview)
