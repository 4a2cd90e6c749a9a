"""The real app (``main.py``) in a subprocess, offscreen, driven by an ``EDITOR_APP_SCRIPT``."""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def app_env(tmp_path: Path, script: list[dict[str, object]]) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        EDITOR_APP_DATA_DIR=str(tmp_path / "data"),
        EDITOR_APP_DB=f"sqlite:///{tmp_path / 'app.sqlite3'}",
        EDITOR_APP_CONFIG_DIR=str(tmp_path / "config"),
        EDITOR_APP_USER="desk1",
        EDITOR_APP_SCRIPT=json.dumps(script),
    )
    return env


def read_line(proc: subprocess.Popen[str], wanted: str, timeout: float = 60.0) -> str:
    assert proc.stdout is not None
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        line = proc.stdout.readline()
        if not line:
            break
        if line.startswith(wanted):
            return line.strip()
    raise AssertionError(f"the app never printed {wanted!r} (exit code {proc.poll()})")
