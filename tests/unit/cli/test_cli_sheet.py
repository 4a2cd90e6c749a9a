"""The fact-check sheet's commands, text and JSON, through the real entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from editor_app.cli.main import main
from tests.helpers.cli import use_cli_folder
from tests.helpers.shared import seed_path


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    use_cli_folder(monkeypatch, tmp_path, "sheet.sqlite3")

    def run(*args: str) -> str:
        code = main(list(args))
        out, err = capsys.readouterr()
        assert code == 0, err
        return out

    def js(*args: str):  # type: ignore[no-untyped-def]
        return json.loads(run(*args, "--format", "json"))

    run("users", "add", "copy1", "--role", "copy-editor")
    return run, js


def test_sheet_commands_text_and_json(cli) -> None:  # type: ignore[no-untyped-def]
    run, js = cli
    article_id = str(js("import", str(seed_path()), "--as", "copy1")[0]["id"])
    flags = js("flags", article_id, "--status", "open", "--kind", "claim")
    assert flags
    assert all(f["kind"] == "claim" and f["status"] == "open" for f in flags)
    three = next(f for f in flags if f["text"] == "3 hours")
    kaz = next(f for f in js("flags", article_id) if f["text"] == "Kazahkstan")

    resolved = js(
        "resolve",
        three["id"],
        "--status",
        "verified",
        "--source",
        "NASA",
        "--note",
        "3 h 27 min",
        "--as",
        "copy1",
    )[0]
    assert (resolved["status"], resolved["source"], resolved["resolved_by"]) == ("verified", "NASA", "copy1")
    assert three["id"] in run("reopen", three["id"], "--as", "copy1")
    assert js("flags", article_id, "--kind", "claim", "--status", "open")  # reopened
    noted = js("note", three["id"], "asked NASA for the docking time", "--as", "copy1")[0]
    assert (noted["status"], noted["note"]) == ("open", "asked NASA for the docking time")
    assert "asked NASA" in run("flags", article_id, "--kind", "claim")
    js("resolve", three["id"], "--status", "verified", "--source", "NASA", "--as", "copy1")

    fact = js("facts", "from-flag", three["id"], "--subject", "Soyuz MS-19", "--as", "copy1")[0]
    assert fact["source"] == "NASA"
    assert [f["id"] for f in js("facts", "search", "soyuz")] == [fact["id"]]
    edited = js("facts", "edit", str(fact["id"]), "--value", "about 3 h 27 min", "--as", "copy1")[0]
    assert edited["value"] == "about 3 h 27 min"
    js("facts", "retire", str(fact["id"]), "--as", "copy1")
    assert js("facts", "list") == []
    assert len(js("facts", "list", "--all")) == 1

    accepted = js("accept", kaz["id"], "--as", "copy1")[0]
    assert (accepted["status"], accepted["replacement"]) == ("corrected", "Kazakhstan")
    manual = js(
        "flag",
        article_id,
        "--block",
        str(kaz["block"]),
        "--start",
        "0",
        "--end",
        "2",
        "--note",
        "check the launch date",
        "--assign",
        "desk",
        "--as",
        "copy1",
    )[0]
    assert manual["kind"] == "manual"
    assert manual["assigned_to"] == "desk"

    history = js("history", article_id)
    assert [h["number"] for h in history] == [1, 2]
    assert history[1]["flag_id"] == kaz["id"]
    assert "[-Kazahkstan-]{+Kazakhstan+}" in run("diff", article_id, "1", "2")
    pieces = js("diff", article_id, "1", "2")[0]["pieces"]
    assert {"op": "insert", "text": "Kazakhstan"} in pieces
    assert "restored as revision 3" in run("restore", article_id, "1", "--as", "copy1")
    assert "Kazahkstan" in run("show", article_id)
    assert js("show", article_id, "--revision", "2")["blocks"][kaz["block"]]["text"].count("Kazakhstan") == 1

    actions = [e["action"] for e in js("audit", article_id)]
    for step in (
        "article.import",
        "flag.verified",
        "flag.reopen",
        "flag.note",
        "flag.corrected",
        "flag.manual",
        "article.edit",
    ):
        assert step in actions
    lines = run("audit", article_id).splitlines()
    assert len(lines) == len(actions)
    state = js("state", article_id)
    assert state["state"] == "draft"
    assert state["gate"]["ok"] is False
    assert "Export blocked" in run("state", article_id)
