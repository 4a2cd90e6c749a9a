"""Kill the real app with SIGKILL after an edit; the next start shows the text again, with a notice."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers.app_process import ROOT, app_env, read_line
from tests.helpers.shared import seed_path

pytestmark = [pytest.mark.gui, pytest.mark.slow]

EDIT = " (Edited just before the crash.)"


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_killed_app_restores_the_autosaved_edit(tmp_path: Path) -> None:
    seed = seed_path()
    first = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), str(seed)],
        cwd=ROOT,
        env=app_env(
            tmp_path,
            [
                {"do": "wait_open"},
                {"do": "type", "text": EDIT},
                {"do": "wait_saved"},
                {"do": "print", "text": "SAVED"},
            ],
        ),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        read_line(first, "SAVED")
        started = time.monotonic()
        first.send_signal(signal.SIGKILL)
        first.wait(10)
        assert first.returncode == -signal.SIGKILL
        assert time.monotonic() - started < 10
    finally:
        if first.poll() is None:
            first.kill()

    second = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), str(seed)],
        cwd=ROOT,
        env=app_env(tmp_path, [{"do": "wait_open"}, {"do": "print_state"}, {"do": "quit"}]),
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert second.returncode == 0, second.stderr[-2000:]
    state = json.loads(next(line for line in second.stdout.splitlines() if line.startswith("{")))
    assert state["paragraphs"][0].endswith(EDIT), state
    assert "Recovered" in state["notice"], state
