"""Custom item-data roles shared by the models and their views."""

from __future__ import annotations

from PySide6.QtCore import Qt

OBJECT_ROLE = Qt.ItemDataRole.UserRole + 1  # the domain object behind a row
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # a value that sorts properly (numbers, datetimes)
