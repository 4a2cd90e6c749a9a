"""The flags tree: one group per kind (with counts), the flags of that kind under it.

Filtering by status and severity happens here, so group counts always match
what is shown.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from editor_app.domain import Flag, FlagKind, FlagStatus, Severity
from editor_app.ui.models.roles import OBJECT_ROLE, SORT_ROLE
from editor_app.ui.theme import KIND_LABELS, STATUS_COLOURS, kind_colour

Index = QModelIndex | QPersistentModelIndex

COLUMNS = ("Flag", "Status", "Note")
GROUP_ID = 0  # internalId of group rows; flag rows use group row + 1

SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def where(flag: Flag) -> str:
    if flag.block == -1:
        return "headline"
    if flag.block == -2:
        return "byline"
    return f"block {flag.block}" + ("" if flag.field == "text" else f" {flag.field}")


def flag_order(flag: Flag) -> tuple[int, int, int]:
    """Reading order: headline, byline, then the body."""
    block = {-1: -2, -2: -1}.get(flag.block, flag.block)
    field = (
        ("text", "caption", "credit", "alt").index(flag.field)
        if flag.field
        in (
            "text",
            "caption",
            "credit",
            "alt",
        )
        else 9
    )
    return block, field, flag.start


class FlagsModel(QAbstractItemModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[Flag] = []
        self._groups: list[tuple[FlagKind, list[Flag]]] = []
        self._status: FlagStatus | None = FlagStatus.OPEN
        self._severity: Severity | None = None

    # -- content -----------------------------------------------------------
    def set_flags(self, flags: list[Flag]) -> None:
        self._all = list(flags)
        self._regroup()

    def set_filter(self, status: FlagStatus | None, severity: Severity | None) -> None:
        self._status, self._severity = status, severity
        self._regroup()

    @property
    def status_filter(self) -> FlagStatus | None:
        return self._status

    @property
    def severity_filter(self) -> Severity | None:
        return self._severity

    def all_flags(self) -> list[Flag]:
        return list(self._all)

    def shown(self) -> list[Flag]:
        return [f for _kind, flags in self._groups for f in flags]

    def counts(self) -> dict[FlagStatus, int]:
        out = dict.fromkeys(FlagStatus, 0)
        for f in self._all:
            out[f.status] += 1
        return out

    def _regroup(self) -> None:
        self.beginResetModel()
        by_kind: dict[FlagKind, list[Flag]] = {}
        for f in self._all:
            if (self._status is None or f.status is self._status) and (
                self._severity is None or f.severity is self._severity
            ):
                by_kind.setdefault(f.kind, []).append(f)
        self._groups = [(kind, sorted(by_kind[kind], key=flag_order)) for kind in FlagKind if kind in by_kind]
        self.endResetModel()

    def index_of(self, flag_id: str) -> QModelIndex:
        for g, (_kind, flags) in enumerate(self._groups):
            for r, f in enumerate(flags):
                if f.id == flag_id:
                    return self.createIndex(r, 0, g + 1)
        return QModelIndex()

    def group_index(self, kind: FlagKind) -> QModelIndex:
        for g, (k, _flags) in enumerate(self._groups):
            if k is kind:
                return self.createIndex(g, 0, GROUP_ID)
        return QModelIndex()

    def flag(self, index: Index) -> Flag | None:
        if not index.isValid() or index.internalId() == GROUP_ID:
            return None
        g = index.internalId() - 1
        if not 0 <= g < len(self._groups) or not 0 <= index.row() < len(self._groups[g][1]):
            return None
        return self._groups[g][1][index.row()]

    # -- QAbstractItemModel ------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if row < 0 or not 0 <= column < len(COLUMNS):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, GROUP_ID) if row < len(self._groups) else QModelIndex()
        group = parent.row()
        if (
            parent.internalId() == GROUP_ID
            and parent.column() == 0
            and 0 <= group < len(self._groups)
            and row < len(self._groups[group][1])
        ):
            return self.createIndex(row, column, group + 1)
        return QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == GROUP_ID:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, GROUP_ID)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == GROUP_ID and parent.column() == 0:
            return len(self._groups[parent.row()][1]) if 0 <= parent.row() < len(self._groups) else 0
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == GROUP_ID:
            return self._group_data(index, role)
        flag = self.flag(index)
        if flag is None:
            return None
        col = index.column()
        if role == OBJECT_ROLE:
            return flag
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return flag.text if len(flag.text) <= 60 else flag.text[:57] + "…"
            if col == 1:
                return flag.status.value
            return flag.note or flag.source or flag.message
        if role == SORT_ROLE:
            return flag_order(flag)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"{flag.message}", f"{where(flag)} · {flag.severity.value} · {flag.rule}"]
            if flag.suggestions:
                lines.append("Suggestions: " + ", ".join(flag.suggestions))
            if flag.data.get("fact"):
                lines.append("Saved fact: " + flag.data["fact"])
            if flag.source:
                lines.append("Source: " + flag.source)
            if flag.resolved_by:
                lines.append(f"{flag.status.value} by {flag.resolved_by}")
            return "\n".join(lines)
        if role == Qt.ItemDataRole.ForegroundRole and col == 1:
            return QBrush(QColor(STATUS_COLOURS.get(flag.status, "#8C8C8C")))
        if role == Qt.ItemDataRole.FontRole and col == 0 and flag.severity is Severity.ERROR:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _group_data(self, index: Index, role: int) -> Any:
        if not 0 <= index.row() < len(self._groups):
            return None
        kind, flags = self._groups[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return f"{KIND_LABELS.get(kind, kind.value)} ({len(flags)})"
            if index.column() == 1:
                open_count = sum(f.is_open for f in flags)
                return f"{open_count} open" if open_count else ""
            return None
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0:
            return kind_colour(kind)
        if role == OBJECT_ROLE:
            return kind
        if role == Qt.ItemDataRole.FontRole and index.column() == 0:
            font = QFont()
            font.setBold(True)
            return font
        return None
