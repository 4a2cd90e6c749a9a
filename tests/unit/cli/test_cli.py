"""The command line through its real entry point, on a real SQLite file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from editor_app.cli.main import main
from tests.helpers.cli import use_cli_folder
from tests.helpers.shared import seed_path


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    use_cli_folder(monkeypatch, tmp_path, "cli.sqlite3")

    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_import_show_list_roundtrip(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli("import", str(seed_path()))
    assert code == 0, err
    article_id = int(out.split()[0])
    code, out, _ = cli("show", str(article_id), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["headline"] == "Russian Crew to Film First Movie in Space"
    assert data["bylines"] == ["Sharon Renee"]
    assert data["updated"].startswith("2021-10-10")
    types = [b["type"] for b in data["blocks"]]
    assert types.count("image") == 5
    assert types.count("paragraph") == 7
    assert types.count("boilerplate") == 1
    image = next(b for b in data["blocks"] if b["type"] == "image")
    assert set(image) == {"type", "alt", "caption", "credit"}
    assert "text" not in image
    paragraph = next(b for b in data["blocks"] if b["type"] == "paragraph")
    assert set(paragraph) == {"type", "text"}
    code, out, _ = cli("list", "--format", "json")
    assert [a["id"] for a in json.loads(out)] == [article_id]


def test_same_file_twice_is_not_a_duplicate(cli) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = cli("import", str(seed_path()))
    first = int(out.split()[0])
    code, out, _ = cli("import", str(seed_path()), "--format", "json")
    assert code == 0
    assert json.loads(out) == [
        {"id": first, "revision": 1, "outcome": "unchanged", "source": seed_path().name}
    ]
    _, out, _ = cli("list", "--format", "json")
    assert len(json.loads(out)) == 1


def test_check_json_shape_and_exit_code(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("check", str(seed_path()), "--format", "json")
    assert code == 1  # problems found
    data = json.loads(out)
    assert set(data) == {"article", "flags", "images"}
    assert data["article"]["headline"].startswith("Russian Crew")
    flag = next(f for f in data["flags"] if f["text"] == "Kazahkstan")
    assert {
        "id",
        "kind",
        "severity",
        "block",
        "start",
        "end",
        "text",
        "message",
        "suggestions",
        "rule",
    } <= set(flag)
    block = data["article"]["blocks"][flag["block"]]
    assert block["text"][flag["start"] : flag["end"]] == "Kazahkstan"
    assert flag["suggestions"][0] == "Kazakhstan"
    assert len(data["images"]) == 5
    code, out, _ = cli("check", str(seed_path()))
    assert code == 1
    assert any("Kazahkstan" in line and "block" in line for line in out.splitlines())


def test_users_and_unknown_user(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("users", "list")[0] == 0  # bootstraps nobody: listing changes nothing
    code, out, err = cli("users", "add", "copy1", "--role", "copy-editor")
    assert code == 0, err
    code, out, _ = cli("users", "list", "--format", "json")
    assert {"name": "copy1", "role": "copy-editor"} in json.loads(out)
    assert {"name": "chief", "role": "admin"} in json.loads(out)
    code, _, err = cli("users", "add", "copy2", "--role", "desk", "--as", "copy1")
    assert code == 2
    assert "may not manage users" in err
    code, _, err = cli("import", str(seed_path()), "--as", "stranger")
    assert code == 2
    assert err.count("\n") == 1
    assert "unknown user 'stranger'" in err


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["show", "99"], "no article with id 99"),
        (["import", "/nonexistent/file.txt"], "file.txt"),
        (["flags", "1", "--status", "bogus"], "unknown status"),
        (["nonsense"], "invalid choice"),
    ],
)
def test_errors_are_one_line_exit_2(cli, args: list[str], needle: str) -> None:  # type: ignore[no-untyped-def]
    cli("import", str(seed_path()))
    with pytest.raises(SystemExit) if args == ["nonsense"] else _nullcontext():
        code, _, err = cli(*args)
        assert code == 2
        assert needle in err
        assert "Traceback" not in err
        assert err.count("\n") == 1


class _nullcontext:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> bool:
        return False


def test_console_script_runs_as_a_process(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "EDITOR_APP_DB": f"sqlite:///{tmp_path / 'p.sqlite3'}",
        "EDITOR_APP_USER": "chief",
        "EDITOR_APP_CONFIG_DIR": str(tmp_path),
        "EDITOR_APP_DATA_DIR": str(tmp_path),
    }
    proc = subprocess.run(
        [sys.executable, "-m", "editor_app.cli.main", "nonsense"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    proc = subprocess.run(
        [sys.executable, "-m", "editor_app.cli.main", "import", str(tmp_path / "none.txt")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert proc.returncode == 2
    assert "none.txt" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_gui_without_display_prints_one_line(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(EDITOR_APP_DATA_DIR=str(tmp_path), EDITOR_APP_CONFIG_DIR=str(tmp_path))
    root = Path(__file__).resolve().parents[3]
    proc = subprocess.run(
        [sys.executable, str(root / "main.py")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0
    assert "no display" in proc.stderr
    assert "QT_QPA_PLATFORM=offscreen" in proc.stderr


def test_a_file_name_with_a_newline_still_gives_one_line(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    odd = tmp_path / "bad\nname.txt"
    odd.write_bytes(b"\x00\x01\x02 not text")
    code, _, err = cli("import", str(odd))
    assert code == 2
    assert err.count("\n") == 1
    assert "bad\\nname.txt" in err
