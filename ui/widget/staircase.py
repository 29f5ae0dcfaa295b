"""The four steps as a small rising staircase: where we are, and how long each step has taken."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QWidget

from kohtaava_desk.companion import WidgetState
from kohtaava_desk.i18n import step_name, t

from .. import theme
from .base import PaintedView


def _minutes(seconds: float) -> str:
    return f"{int(seconds // 60)}′"


class StaircaseView(PaintedView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._steps: tuple = ()
        self._lang = "fi"
        self.setAccessibleName("staircase")

    def _label_h(self) -> int:
        return QFontMetrics(theme.small_font(self.font(), -1, bold=True)).height()

    def sizeHint(self) -> QSize:  # noqa: N802
        return self.minimumSizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        # Four stairs, each wide enough for its minutes ("88′") and as tall as two lines of its font.
        fm = QFontMetrics(theme.small_font(self.font(), -1, bold=True))
        col = fm.horizontalAdvance("88′") + 6
        return QSize(4 * col + 9, self._label_h() + 2 * fm.height() + 10)

    def overflow(self) -> list[str]:
        """Minute labels that would not fit their stair (tests: digits are never cut)."""
        fm = QFontMetrics(theme.small_font(self.font(), -1, bold=True))
        bw = (self.width() - 9) / 4
        return [_minutes(v.used_s) for v in self._steps if fm.horizontalAdvance(_minutes(v.used_s)) > bw]

    def show_state(self, s: WidgetState) -> None:
        # Whole minutes are enough at a glance; the expanded view shows seconds.
        key = (s.language, s.meeting_state, theme.pal().name,
               tuple((v.step, v.current, int(v.used_s // 60), v.used_s > 0, v.overran)
                     for v in s.steps))
        if self.set_key(key):
            self._steps, self._lang = s.steps, s.language
            cur = next(v for v in s.steps if v.current)
            self.setAccessibleDescription(t("a11y.staircase", s.language, step=step_name(cur.step, s.language),
                                            used=_minutes(cur.used_s), planned=_minutes(cur.planned_s)))

    def draw(self) -> None:
        if not self._steps:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        c = theme.pal().color
        w, h = self.width(), self.height()
        n = len(self._steps)
        gap = 3.0
        bw = (w - gap * (n - 1)) / n
        label_h = float(self._label_h())
        font = theme.small_font(self.font(), -1)
        p.setFont(font)
        for i, v in enumerate(self._steps):
            x = i * (bw + gap)
            top_room = 8.0  # space for the "you are here" marker
            bh = (h - label_h - top_room) * (0.45 + 0.55 * (i + 1) / n)
            rect = QRectF(x, h - label_h - bh, bw, bh)
            if v.current:
                p.setBrush(c("accent"))
                p.setPen(QPen(c("accent"), 1.5))
            elif v.used_s > 0:
                p.setBrush(c("visited"))
                p.setPen(QPen(c("outline"), 1))
            else:
                p.setBrush(c("future"))
                p.setPen(QPen(c("outline"), 1, Qt.PenStyle.DashLine))
            p.drawRoundedRect(rect, 2, 2)
            if v.overran:  # a step well past its budget gets a cross-hatch, not just a colour
                p.setBrush(theme.over_brush())
                p.setPen(Qt.PenStyle.NoPen)
                p.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 2, 2)
            p.setPen(c("on_accent") if v.current else c("text"))
            letter = step_name(v.step, self._lang, short=True)
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, letter)
            if v.current:
                cx = rect.center().x()
                y = rect.top() - 2
                p.setBrush(c("accent"))
                p.setPen(Qt.PenStyle.NoPen)
                p.drawPolygon(QPolygonF([QPointF(cx - 4, y - 6), QPointF(cx + 4, y - 6), QPointF(cx, y)]))
            p.setPen(c("text") if v.current else c("muted"))
            p.setFont(theme.small_font(self.font(), -1, bold=v.current))
            label = _minutes(v.used_s) if v.used_s > 0 or v.current else "·"
            p.drawText(QRectF(x, h - label_h, bw, label_h), Qt.AlignmentFlag.AlignCenter, label)
            p.setFont(font)
        p.end()
