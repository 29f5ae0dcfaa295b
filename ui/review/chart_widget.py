"""The widget side shared by the review charts: they paint into any rectangle, so one `paint` serves the
screen and the exported PNG."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from . import palette


class ChartWidget(QWidget):
    """A chart drawn by `paint(p, rect)`; subclasses provide `paint` and `sizeHint`."""

    def __init__(self, minimum: QSize, parent: QWidget | None = None):
        super().__init__(parent)
        self._lang = "fi"
        self.setMinimumSize(minimum)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)

    def set_language(self, lang: str) -> None:
        self._lang = lang
        self.update()

    def paint(self, p: QPainter, rect: QRectF) -> None:
        raise NotImplementedError

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt name)
        p = QPainter(self)
        try:
            self.paint(p, QRectF(self.rect()))
            if self.hasFocus():  # keyboard users see where they are
                p.setPen(palette.dashed(palette.TREND_LINE, 1.5))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRect(QRectF(self.rect()).adjusted(1, 1, -2, -2))
        finally:
            p.end()

    def render_image(self, size: QSize | None = None, scale: float = 2.0) -> QImage:
        """The chart as an image, `scale` times sharper than on screen (for export)."""
        # A chart not laid out yet (narrower than its minimum) is drawn at its preferred size instead.
        size = size or (self.size() if self.width() >= 520 else self.sizeHint())
        img = QImage(round(size.width() * scale), round(size.height() * scale), QImage.Format.Format_ARGB32)
        img.setDevicePixelRatio(scale)
        img.fill(palette.BACKGROUND)
        p = QPainter(img)
        try:
            p.setFont(self.font())
            self.paint(p, QRectF(0, 0, size.width(), size.height()))
        finally:
            p.end()
        return img
