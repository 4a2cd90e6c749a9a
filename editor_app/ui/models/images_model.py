"""The images list: one row per image slot with its thumbnail, caption, credit and verdict."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QImage

from editor_app.domain import CreditStatus, ImageSlot
from editor_app.ui.models.roles import SORT_ROLE
from editor_app.ui.models.rows_model import RowsModel

if TYPE_CHECKING:
    from editor_app.services.images import ImageView

COLUMNS = ("Image", "Credit", "Status")

STATUS_COLOURS = {
    CreditStatus.UNVERIFIED: "#D55E00",
    CreditStatus.VERIFIED: "#009E73",
    CreditStatus.PROBLEM: "#C0392B",
}


@dataclass
class ImageRow:
    """The photo desk's view of one slot plus its thumbnail (both loaded off the GUI thread)."""

    view: ImageView
    thumbnail: QImage | None = None

    @property
    def block(self) -> int:
        return self.view.block

    @property
    def number(self) -> int:
        return self.view.number

    @property
    def slot(self) -> ImageSlot:
        return self.view.slot


class ImagesModel(RowsModel[ImageRow]):
    COLUMNS = COLUMNS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ImageRow] = []

    def set_rows(self, rows: list[ImageRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[ImageRow]:
        return list(self._rows)

    def row_for_block(self, block: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.block == block), -1)

    def image_row(self, row: int) -> ImageRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def cell(self, r: ImageRow, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return r.slot.caption or r.slot.alt or f"Image {r.number}"
            if col == 1:
                return r.slot.credit or "(no credit)"
            return r.slot.status.value
        if role == SORT_ROLE:
            return (r.number, r.slot.credit, r.slot.status.value)[col]
        if role == Qt.ItemDataRole.DecorationRole and col == 0 and r.thumbnail is not None:
            return r.thumbnail.scaled(
                48, 48, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        if role == Qt.ItemDataRole.ForegroundRole and col == 2:
            return QBrush(QColor(STATUS_COLOURS[r.slot.status]))
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = f"Image {r.number}\nCaption: {r.slot.caption}\nCredit: {r.slot.credit}"
            if r.view.mismatches:
                tip += "\nDiffers from the file's metadata: " + ", ".join(r.view.mismatches)
            if r.slot.verified_by:
                tip += f"\n{r.slot.status.value} by {r.slot.verified_by}"
            return tip
        return None
