"""The real app paints the file it was asked to open before it loads the database layer.

And before it builds the side panes or Qt's enums: what the window leaves for after the first paint.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.app_process import ROOT, app_env
from tests.helpers.shared import seed_path

pytestmark = [pytest.mark.gui, pytest.mark.slow]


def test_text_first_then_the_desk(tmp_path: Path) -> None:
    script: list[dict[str, object]] = [
        {"do": "wait_shown"},
        {"do": "print_startup"},
        {"do": "wait_open"},
        {"do": "print_startup"},
        {"do": "print_state"},
        {"do": "quit"},
    ]
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), str(seed_path())],
        cwd=ROOT,
        env=app_env(tmp_path, script),
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    first, second, state = lines
    assert first == {
        "previewing": True,
        "desk_open": False,
        "sqlalchemy_loaded": False,
        "checks_loaded": False,
        "qt_enums_loaded": False,
        "panes_built": False,
        "gc_enabled": False,
    }
    assert second["desk_open"] is True
    assert second["previewing"] is False
    assert second["panes_built"] is True
    assert second["qt_enums_loaded"] is True
    assert second["gc_enabled"] is True  # back on once the desk is open
    assert state["article_id"] == 1
    assert "Kazahkstan" in state["paragraphs"][1]
