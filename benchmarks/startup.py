"""Start-up time: launch to a painted main window with the seed article on screen.

In the same run, and measured the same way (spawn a process, wait for its
"ready" line), a bare PySide6 start: import QtWidgets, create the QApplication
and paint an empty window. Goal: under 1.5 s, and within 2x of the bare start.

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
    {"do": "wait_open"},
    {"do": "wait_painted"},
    {"do": "print", "text": "READY"},
    {"do": "quit"},
]


def seed_file() -> Path:
    shared = ROOT.parent / "shared" / "seed" / "russian-crew-space-movie.txt"
    return shared if shared.exists() else ROOT / "resources" / "samples" / "space-tourism-scrape.txt"


def time_to_ready(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("READY"):
            elapsed = time.perf_counter() - start
            break
    else:
        raise SystemExit(f"{cmd[1]} never became ready (exit {proc.wait()})")
    proc.wait(30)
    return elapsed


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
    first = time_to_ready(app_cmd, env)  # creates the database and imports the seed
    app_times, bare_times = [], []
    for _ in range(args.runs):
        bare_times.append(time_to_ready([sys.executable, "-c", BARE], env))
        app_times.append(time_to_ready(app_cmd, env))
    app, bare = statistics.median(app_times), statistics.median(bare_times)
    print(f"first launch (new database, import and check the seed): {first:.3f} s")
    print(f"launch to painted window with the seed (median of {args.runs}): {app:.3f} s")
    print(f"bare PySide6 import + QApplication + painted window (median of {args.runs}): {bare:.3f} s")
    print(f"ratio app/bare: {app / bare:.2f}x (goal: under 1.5 s and within 2x)")
    return 0 if app < 1.5 and app / bare <= 2.0 else 1


if __name__ == "__main__":
    sys.exit(main())
