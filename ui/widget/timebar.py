"""Elapsed against the announced length, with the farewell reserve marked at the end.

Over time, the bar rescales to the elapsed time and the part beyond the announced length is
cross-hatched, so overtime reads without colour.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QPainter, QPen
from PySide6.QtWidgets import QWidget

from kohtaava_desk.companion import WidgetState
from kohtaava_desk.i18n import clock, t

from .. import theme
from .base import PaintedView


class TimeBar(PaintedView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("time bar")
        self._v = (0.0, 1800.0, 300.0)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(180, 14)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(80, 14)

    def show_state(self, s: WidgetState) -> None:
        # One repaint per visible pixel step is plenty: quantise to 1/400 of the scale.
        scale = max(s.announced_s, s.elapsed_s)
        q = max(1.0, scale / 400.0)
        key = (round(s.elapsed_s / q), s.announced_s, round(s.reserve_s), s.meeting_state, theme.pal().name)
        if self.set_key(key):
            self._v = (s.elapsed_s, s.announced_s, s.reserve_s)
            remaining = (t("time.remaining", s.language, time=clock(s.remaining_s)) if s.remaining_s >= 0
                         else t("time.over", s.language, time=clock(s.overtime_s)))
            self.setAccessibleDescription(t("a11y.timebar", s.language, elapsed=clock(s.elapsed_s),
                                            announced=clock(s.announced_s), remaining=remaining,
                                            reserve=clock(s.reserve_s)))

    def draw(self) -> None:
        elapsed, announced, reserve = self._v
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        c = theme.pal().color
        w, h = float(self.width()), float(self.height())
        bar = QRectF(0.5, 3.5, w - 1, h - 7)
        scale = max(announced, elapsed) or 1.0
        x_of = lambda sec: bar.left() + bar.width() * min(1.0, sec / scale)  # noqa: E731
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(c("track"))
        p.drawRoundedRect(bar, 3, 3)
        # Farewell reserve: a hatched zone at the end of the announced time, fenced by a marker line.
        r0, r1 = x_of(max(0.0, announced - reserve)), x_of(announced)
        p.setBrush(theme.reserve_brush())
        p.drawRect(QRectF(r0, bar.top(), r1 - r0, bar.height()))
        # Elapsed: solid up to the announced length, cross-hatched beyond it.
        e = x_of(min(elapsed, announced))
        p.setBrush(c("accent"))
        p.drawRoundedRect(QRectF(bar.left(), bar.top(), e - bar.left(), bar.height()), 3, 3)
        if elapsed > announced:
            over = QRectF(e, bar.top() - 2, x_of(elapsed) - e, bar.height() + 4)
            p.setBrush(c("over"))
            p.drawRect(over)
            p.setBrush(QBrush(c("future"), Qt.BrushStyle.DiagCrossPattern))
            p.drawRect(over)
        p.setPen(QPen(c("reserve"), 2))
        p.drawLine(int(r0), 0, int(r0), int(h))
        if elapsed > announced:
            p.setPen(QPen(c("text"), 2))
            p.drawLine(int(r1), 0, int(r1), int(h))
        p.setPen(QPen(c("outline"), 1))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRoundedRect(bar, 3, 3)
        p.end()
