"""The export gate: which open flags and unverified credits stop an export (house policy)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from editor_app.domain import Article, CreditStatus, Flag
from editor_app.paths import resource_path

LEVELS = ("required", "recommended", "off")


@dataclass(frozen=True)
class GatePolicy:
    severity: dict[str, str]
    kinds: dict[str, str]
    rules: dict[str, str]
    unverified_credits: str = "required"

    @classmethod
    def load(cls, path: Path | None = None) -> GatePolicy:
        data = json.loads((path or resource_path("gate_policy.json")).read_text(encoding="utf-8"))
        policy = cls(
            severity=dict(data.get("severity", {})),
            kinds=dict(data.get("kinds", {})),
            rules=dict(data.get("rules", {})),
            unverified_credits=str(data.get("unverified_credits", "required")),
        )
        for value in [*policy.severity.values(), *policy.kinds.values(), *policy.rules.values()]:
            if value not in LEVELS:
                raise ValueError(f"gate policy level {value!r} is not one of {', '.join(LEVELS)}")
        return policy

    def level(self, flag: Flag) -> str:
        """Rule id first (exact, then its family before the first dot), then kind, then severity."""
        family = flag.rule.split(".", 1)[0] + ".*"
        for key, table in ((flag.rule, self.rules), (family, self.rules), (flag.kind.value, self.kinds)):
            if key in table:
                return table[key]
        return self.severity.get(flag.severity.value, "recommended")


@dataclass(frozen=True)
class GateReport:
    blocking: tuple[Flag, ...]
    recommended: tuple[Flag, ...]
    unverified: tuple[tuple[int, str], ...]  # (block index, credit line)
    credits_block: bool

    @property
    def ok(self) -> bool:
        return not self.blocking and not (self.unverified and self.credits_block)

    def describe(self, limit: int = 5) -> str:
        """Counts first, then the first items with where they are."""
        if self.ok:
            extra = f" ({len(self.recommended)} recommended flag(s) still open)" if self.recommended else ""
            return "ready to export" + extra
        parts = []
        if self.blocking:
            parts.append(f"{len(self.blocking)} open required flag(s)")
        if self.unverified and self.credits_block:
            parts.append(f"{len(self.unverified)} unverified image credit(s)")
        lines = ["Export blocked: " + ", ".join(parts) + "."]
        for flag in self.blocking[:limit]:
            where = "headline" if flag.block == -1 else f"block {flag.block}"
            lines.append(f"  - {where}, {flag.kind.value} [{flag.rule}]: {flag.text!r}: {flag.message}")
        if self.credits_block:
            for block, credit in self.unverified[:limit]:
                lines.append(f"  - block {block}, image credit not verified: {credit!r}")
        return "\n".join(lines)


def evaluate(article: Article, flags: list[Flag], policy: GatePolicy) -> GateReport:
    blocking, recommended = [], []
    for flag in flags:
        if not flag.is_open:
            continue
        level = policy.level(flag)
        if level == "required":
            blocking.append(flag)
        elif level == "recommended":
            recommended.append(flag)
    unverified = tuple(
        (i, slot.credit) for i, slot in article.images if slot.status is not CreditStatus.VERIFIED
    )
    return GateReport(
        tuple(blocking), tuple(recommended), unverified, policy.unverified_credits == "required"
    )
