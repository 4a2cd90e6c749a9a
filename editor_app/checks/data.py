"""Loading the desk-editable data files under ``resources/checks/`` and the house style.

Rules and word lists live in data files so a desk can change them without
touching code; this module is the one place that reads them (cached: they are
read once per process).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from functools import cache
from typing import Any

from editor_app.errors import UserError
from editor_app.paths import resource_path


@cache
def load_json(*parts: str) -> dict[str, Any]:
    """A JSON object from ``resources/``; a broken file is a clear user error, not a traceback."""
    path = resource_path(*parts)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UserError(f"{path}: cannot read check data ({exc})") from exc
    if not isinstance(data, dict):
        raise UserError(f"{path}: expected a JSON object")
    return data


@cache
def load_words(*parts: str) -> frozenset[str]:
    """A word list: one entry a line, ``#`` starts a comment, blank lines ignored."""
    path = resource_path(*parts)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise UserError(f"{path}: cannot read word list ({exc})") from exc
    return frozenset(s for line in lines if (s := line.split("#", 1)[0].strip()))


def word_alternation(words: object) -> str:
    """A regex alternation of literal words, longest first (so "head of" wins over "head")."""
    if isinstance(words, str) or not isinstance(words, (list, tuple, set, frozenset, dict)):
        raise TypeError("word_alternation needs a collection of words")
    items = sorted({str(w) for w in words}, key=len, reverse=True)
    return "|".join(re.escape(w) for w in items) or r"(?!x)x"


@cache
def _defaults() -> dict[str, Any]:
    return load_json("house_style.json")


class House:
    """House style: shipped AP-style defaults merged with a desk's overrides.

    ``ctx.house`` may hold ``{"settings": {...}, "rules": {"style.numerals": {"enabled": false}}}``
    or settings at its top level (``{"dash": "spaced-en"}``).
    """

    def __init__(self, overrides: Mapping[str, object] | None = None) -> None:
        base = _defaults()
        self.settings: dict[str, Any] = dict(base.get("settings", {}))
        self.rules: dict[str, dict[str, Any]] = {k: dict(v) for k, v in base.get("rules", {}).items()}
        for key, value in (overrides or {}).items():
            if key == "settings" and isinstance(value, Mapping):
                self.settings.update(value)
            elif key == "rules" and isinstance(value, Mapping):
                for rule, conf in value.items():
                    if isinstance(conf, Mapping):
                        self.rules.setdefault(str(rule), {}).update(conf)
                    elif isinstance(conf, bool):
                        self.rules.setdefault(str(rule), {})["enabled"] = conf
            elif not key.startswith("_"):
                self.settings[key] = value

    def enabled(self, rule: str) -> bool:
        return bool(self.rules.get(rule, {}).get("enabled", True))

    def setting(self, name: str, default: Any = None) -> Any:
        return self.settings.get(name, default)

    def message(self, rule: str, default: str, **values: str) -> str:
        template = str(self.rules.get(rule, {}).get("message", default))
        try:
            return template.format(**values)
        except (KeyError, IndexError, ValueError):
            return template

    def severity(self, rule: str, default: str) -> str:
        return str(self.rules.get(rule, {}).get("severity", default))


@cache
def _house_cached(key: str) -> House:
    return House(json.loads(key))


def house_for(overrides: Mapping[str, object] | None) -> House:
    """The merged house style for a context (cached by the overrides' content)."""
    if not overrides:  # the usual case, asked for by every check on every block
        return _house_cached("{}")
    return _house_cached(json.dumps(overrides, sort_keys=True, default=str))
