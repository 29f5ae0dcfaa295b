"""A custom-painted view that repaints only when what it shows has changed."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QWidget


class PaintedView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._key: Hashable = None
        self.paints = 0
        """Number of paint events (read by the benchmark and the tests)."""

    def set_key(self, key: Hashable) -> bool:
        """Remember the visible content; schedule a repaint only when it differs. Returns whether it did."""
        if key == self._key:
            return False
        self._key = key
        self.update()
        return True

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt name)
        self.paints += 1
        self.draw()

    def draw(self) -> None:
        raise NotImplementedError
