"""Start-up time: launch to a painted main window with the seed article on screen.

In the same run, and measured the same way (spawn a process, wait for its
"ready" line), a bare PySide6 start: import QtWidgets, create the QApplication
and paint an empty window. Goal: under 1.5 s, and within 2x of the bare start.

Two figures for the app: the seed's text painted in the main window (the
start-up preview, before the database layer is even imported), and the desk
ready (database open, the seed imported and checked, its flags on screen,
editable). The goal is judged on the first; the second is printed beside it.

    QT_QPA_PLATFORM=offscreen python benchmarks/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BARE = """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow(); w.resize(1440, 900); w.show()
app.processEvents()
w.repaint()
print("READY", flush=True)
"""

SCRIPT = [
    {"do": "wait_shown"},
    {"do": "print", "text": "READY"},
    {"do": "wait_open"},
    {"do": "wait_painted"},
    {"do": "print", "text": "OPEN"},
    {"do": "quit"},
]


def seed_file() -> Path:
    shared = ROOT.parent / "shared" / "seed" / "russian-crew-space-movie.txt"
    return shared if shared.exists() else ROOT / "resources" / "samples" / "space-tourism-scrape.txt"


def time_to_ready(cmd: list[str], env: dict[str, str]) -> tuple[float, float | None]:
    """Seconds to the "READY" line, and to the "OPEN" line when the process prints one."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    assert proc.stdout is not None
    ready: float | None = None
    opened: float | None = None
    for line in proc.stdout:
        if line.startswith("READY"):
            ready = time.perf_counter() - start
        elif line.startswith("OPEN"):
            opened = time.perf_counter() - start
    proc.wait(30)
    if ready is None:
        raise SystemExit(f"{cmd[1]} never became ready (exit {proc.returncode})")
    return ready, opened


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="editor_app-startup-"))
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # An installed app has its bytecode cached; without this every launch would recompile
    # every module (the first launch below writes the cache).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(
        EDITOR_APP_DATA_DIR=str(tmp / "data"),
        EDITOR_APP_DB=f"sqlite:///{tmp / 'bench.sqlite3'}",
        EDITOR_APP_CONFIG_DIR=str(tmp / "config"),
        EDITOR_APP_USER="bench",
        EDITOR_APP_SCRIPT=json.dumps(SCRIPT),
    )
    app_cmd = [sys.executable, str(ROOT / "main.py"), str(seed_file())]
    first, first_open = time_to_ready(app_cmd, env)  # creates the database, imports and checks the seed
    app_times: list[float] = []
    open_times: list[float] = []
    bare_times: list[float] = []
    for _ in range(args.runs):
        bare_times.append(time_to_ready([sys.executable, "-c", BARE], env)[0])
        ready, opened = time_to_ready(app_cmd, env)
        app_times.append(ready)
        if opened is not None:
            open_times.append(opened)
    app, bare = statistics.median(app_times), statistics.median(bare_times)
    print(
        f"first launch, new database: seed painted {first:.3f} s, "
        f"imported and checked {first_open or 0:.3f} s"
    )
    print(f"launch to painted window with the seed (median of {args.runs}): {app:.3f} s")
    if open_times:
        print(
            f"launch to desk ready, seed open with its flags (median of {args.runs}): "
            f"{statistics.median(open_times):.3f} s"
        )
    print(f"bare PySide6 import + QApplication + painted window (median of {args.runs}): {bare:.3f} s")
    print(f"ratio app/bare: {app / bare:.2f}x (goal: under 1.5 s and within 2x)")
    return 0 if app < 1.5 and app / bare <= 2.0 else 1


if __name__ == "__main__":
    sys.exit(main())
