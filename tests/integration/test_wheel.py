"""The built wheel carries the migrations and resources: an installed copy migrates an empty database."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def test_installed_wheel_migrates_an_empty_database(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = wheels.glob("editor_app-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert any(
        n.startswith("editor_app/migrations/versions/") and n.endswith("_initial_schema.py") for n in names
    )
    assert "editor_app/migrations/env.py" in names
    assert "editor_app/resources/agencies.json" in names
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    script = (
        "import editor_app, sys\n"
        "from editor_app.storage.db import make_engine\n"
        "from editor_app.storage.migrate import upgrade_to_head, is_at_head, head_revision\n"
        f"assert editor_app.__file__.startswith({str(target)!r}), editor_app.__file__\n"
        f"e = make_engine('sqlite:///{tmp_path / 'fresh.sqlite3'}')\n"
        "upgrade_to_head(e)\n"
        "print(is_at_head(e), head_revision(e))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    proc = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split()[0] == "True"
