"""Small monochrome icons painted at run time: no image files to ship, crisp at any DPI."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

from . import theme

_SIZE = 32  # drawn large, shown at ~16 px logical: sharp on 2x screens too


def _canvas(size: int) -> tuple[QPixmap, QPainter]:
    pm = QPixmap(size, size)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(theme.pal().color("text"))
    return pm, p


def _poly(points: list[tuple[float, float]], s: int) -> QPolygonF:
    return QPolygonF([QPointF(x * s, y * s) for x, y in points])


def icon(name: str, color: QColor | None = None, size: int = _SIZE) -> QIcon:
    pm, p = _canvas(size)
    c = color or theme.pal().color("text")
    p.setBrush(c)
    s = size
    if name == "play":
        p.drawPolygon(_poly([(0.28, 0.18), (0.28, 0.82), (0.82, 0.5)], s))
    elif name == "pause":
        p.drawRect(QRectF(0.24 * s, 0.2 * s, 0.18 * s, 0.6 * s))
        p.drawRect(QRectF(0.58 * s, 0.2 * s, 0.18 * s, 0.6 * s))
    elif name == "stop":
        p.drawRect(QRectF(0.24 * s, 0.24 * s, 0.52 * s, 0.52 * s))
    elif name == "next":
        p.drawPolygon(_poly([(0.3, 0.18), (0.3, 0.82), (0.74, 0.5)], s))
    elif name == "prev":
        p.drawPolygon(_poly([(0.7, 0.18), (0.7, 0.82), (0.26, 0.5)], s))
    elif name in ("expand", "collapse"):
        pen = QPen(c, 0.1 * s)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        y0, y1 = (0.38, 0.62) if name == "expand" else (0.62, 0.38)
        path = QPainterPath(QPointF(0.25 * s, y0 * s))
        path.lineTo(0.5 * s, y1 * s)
        path.lineTo(0.75 * s, y0 * s)
        p.drawPath(path)
    elif name == "settings":
        pen = QPen(c, 0.09 * s)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(QPointF(0.5 * s, 0.5 * s), 0.16 * s, 0.16 * s)
        for i in range(8):
            p.save()
            p.translate(0.5 * s, 0.5 * s)
            p.rotate(i * 45)
            p.drawLine(QPointF(0, 0.24 * s), QPointF(0, 0.36 * s))
            p.restore()
    elif name == "close":
        pen = QPen(c, 0.11 * s)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        p.setPen(pen)
        p.drawLine(QPointF(0.27 * s, 0.27 * s), QPointF(0.73 * s, 0.73 * s))
        p.drawLine(QPointF(0.73 * s, 0.27 * s), QPointF(0.27 * s, 0.73 * s))
    elif name == "snooze":
        # A crescent moon: "quiet for a while".
        moon = QPainterPath()
        moon.addEllipse(QPointF(0.46 * s, 0.52 * s), 0.3 * s, 0.3 * s)
        bite = QPainterPath()
        bite.addEllipse(QPointF(0.62 * s, 0.4 * s), 0.25 * s, 0.25 * s)
        p.drawPath(moon.subtracted(bite))
    elif name == "mic_off":
        # A microphone, struck through: nothing is recorded.
        pen = QPen(c, 0.08 * s)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        p.drawRoundedRect(QRectF(0.38 * s, 0.12 * s, 0.24 * s, 0.44 * s), 0.12 * s, 0.12 * s)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        arc = QPainterPath(QPointF(0.26 * s, 0.44 * s))
        arc.cubicTo(QPointF(0.26 * s, 0.78 * s), QPointF(0.74 * s, 0.78 * s), QPointF(0.74 * s, 0.44 * s))
        p.drawPath(arc)
        p.drawLine(QPointF(0.5 * s, 0.7 * s), QPointF(0.5 * s, 0.86 * s))
        p.drawLine(QPointF(0.36 * s, 0.88 * s), QPointF(0.64 * s, 0.88 * s))
        p.setPen(QPen(c, 0.1 * s, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        p.drawLine(QPointF(0.16 * s, 0.1 * s), QPointF(0.84 * s, 0.9 * s))
    elif name == "app":
        # Four rising steps: the method's staircase.
        p.setBrush(theme.pal().color("accent"))
        for i in range(4):
            h = 0.2 + 0.18 * i
            p.drawRect(QRectF((0.1 + 0.2 * i) * s, (0.9 - h) * s, 0.19 * s, h * s))
    p.end()
    return QIcon(pm)
