"""One direction of dependency: each layer imports only what the architecture allows it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "editor_app"

# layer -> module prefixes it must not import (anywhere in the file, lazy imports included)
FORBIDDEN = {
    "domain": ("editor_app.", "PySide6", "sqlalchemy", "PIL", "lxml", "alembic"),
    "text": (
        "editor_app.checks",
        "editor_app.storage",
        "editor_app.services",
        "editor_app.ui",
        "PySide6",
        "sqlalchemy",
    ),
    "checks": (
        "editor_app.storage",
        "editor_app.services",
        "editor_app.ui",
        "editor_app.cli",
        "PySide6",
        "sqlalchemy",
    ),
    "importers": (
        "editor_app.storage",
        "editor_app.services",
        "editor_app.ui",
        "editor_app.cli",
        "PySide6",
        "sqlalchemy",
    ),
    "exporters": (
        "editor_app.storage",
        "editor_app.services",
        "editor_app.ui",
        "editor_app.cli",
        "sqlalchemy",
    ),
    "storage": ("editor_app.services", "editor_app.ui", "editor_app.cli", "PySide6"),
    "services": ("editor_app.ui", "editor_app.cli", "PySide6"),
    "ui": ("editor_app.storage", "sqlalchemy", "PIL", "editor_app.cli"),
    "cli": ("editor_app.ui", "PySide6", "editor_app.storage", "sqlalchemy"),
}
# The one sanctioned exception: PDF typesetting uses Qt's QTextDocument/QPdfWriter.
ALLOWED = {("exporters", "pdf.py", "PySide6")}
DOMAIN_ALLOWED = ("editor_app.domain",)


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def _cases() -> list[tuple[str, Path]]:
    return [(layer, path) for layer in FORBIDDEN for path in sorted((PACKAGE / layer).rglob("*.py"))]


@pytest.mark.parametrize(("layer", "path"), _cases(), ids=lambda v: v if isinstance(v, str) else v.name)
def test_layer_imports(layer: str, path: Path) -> None:
    bad = []
    for name in _imports(path):
        for prefix in FORBIDDEN[layer]:
            if name == prefix.rstrip(".") or name.startswith(prefix):
                if layer == "domain" and name.startswith(DOMAIN_ALLOWED):
                    continue
                if (layer, path.name, prefix) in ALLOWED:
                    continue
                bad.append(name)
    assert not bad, f"{path.relative_to(PACKAGE.parent)} ({layer}) imports {sorted(set(bad))}"


def test_every_layer_has_modules() -> None:
    assert all(any((PACKAGE / layer).rglob("*.py")) for layer in FORBIDDEN)
