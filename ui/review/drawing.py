"""Small QPainter helpers shared by the review charts."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QPolygonF

from . import palette

Swatch = Callable[[QPainter, QRectF], None]


def nice_step(span: float, max_ticks: int, steps: Sequence[float]) -> float:
    """The smallest of `steps` that keeps the number of ticks over `span` at or under `max_ticks`."""
    for s in steps:
        if span / s <= max_ticks:
            return s
    return steps[-1]


def diamond(p: QPainter, center: QPointF, r: float, color: QColor) -> None:
    poly = QPolygonF([QPointF(center.x(), center.y() - r), QPointF(center.x() + r, center.y()),
                      QPointF(center.x(), center.y() + r), QPointF(center.x() - r, center.y())])
    p.save()
    p.setPen(QPen(color.darker(130), 1))
    p.setBrush(color)
    p.drawPolygon(poly)
    p.restore()


def flow_items(p: QPainter, left: float, top: float, width: float, items: Sequence[tuple[Swatch, str]],
               gap: float = 18.0, draw: bool = True) -> float:
    """Lay out (swatch, label) pairs left to right, wrapping; returns the height used."""
    fm = QFontMetricsF(p.font())
    lh = fm.height()
    sw = lh * 1.3
    x, y = left, top
    for swatch, label in items:
        w = sw + 5 + fm.horizontalAdvance(label)
        if x > left and x + w > left + width:
            x, y = left, y + lh + 4
        if draw:
            swatch(p, QRectF(x, y + 2, sw, lh - 4))
            p.setPen(palette.TEXT)
            p.drawText(QRectF(x + sw + 5, y, w - sw - 5 + 2, lh), Qt.AlignmentFlag.AlignVCenter, label)
        x += w + gap
    return (y - top) + lh if items else 0.0


def bold(font: QFont, delta: float = 1.0) -> QFont:
    f = QFont(font)
    size = f.pointSizeF() if f.pointSizeF() > 0 else 9.0
    f.setPointSizeF(size + delta)
    f.setBold(True)
    return f


def smaller(font: QFont, delta: float = -1.0) -> QFont:
    f = QFont(font)
    size = f.pointSizeF() if f.pointSizeF() > 0 else 9.0
    f.setPointSizeF(max(7.0, size + delta))
    return f
