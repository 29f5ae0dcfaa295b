"""Four small week-by-week charts: your share of talk in Ohjauksellinen (against the target's upper edge),
time left when Hyvästely began, overtime per meeting, and the share of open questions. Weeks without
meetings stay as gaps. Plain QPainter, like the timeline."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QWidget

from kohtaava_desk.i18n import decimal, t
from kohtaava_desk.review import WeekTrend

from . import palette
from .chart_widget import ChartWidget
from .drawing import bold, smaller


@dataclass(frozen=True)
class Panel:
    title_key: str
    value: Callable[[WeekTrend], float | None]
    """The plotted number (shares 0..1, times in minutes)."""
    is_share: bool


PANELS = (
    Panel("review.trend.guidance", lambda w: w.guidance_expert_share, True),
    Panel("review.trend.farewell", lambda w: None if w.farewell_left_s is None else w.farewell_left_s / 60, False),
    Panel("review.trend.overtime", lambda w: None if w.overtime_s is None else w.overtime_s / 60, False),
    Panel("review.trend.open", lambda w: w.open_share, True),
)


class TrendsChart(ChartWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(QSize(520, 360), parent)
        self._weeks: list[WeekTrend] = []
        self._guidance_max: float | None = None

    def sizeHint(self) -> QSize:
        return QSize(820, 460)

    def set_trends(self, weeks: list[WeekTrend], guidance_max: float | None) -> None:
        self._weeks, self._guidance_max = list(weeks), guidance_max
        self.update()

    def paint(self, p: QPainter, rect: QRectF) -> None:
        lang = self._lang
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(rect, palette.BACKGROUND)
        base = p.font()
        p.setFont(bold(base, 1.5))
        fm = QFontMetricsF(p.font())
        p.setPen(palette.TEXT)
        title = t("review.trend.title", lang)
        if self._weeks:
            first, last = self._weeks[0].iso_week, self._weeks[-1].iso_week
            title += f" · {t('review.trend.week', lang, week=first[1])} {first[0]} – {t('review.trend.week', lang, week=last[1])} {last[0]}"
        p.drawText(QRectF(rect.left() + 10, rect.top() + 8, rect.width() - 20, fm.height()), Qt.AlignmentFlag.AlignLeft, title)
        top = rect.top() + 8 + fm.height() + 8
        p.setFont(base)
        if not any(w.meetings for w in self._weeks):
            p.setPen(palette.MUTED)
            p.drawText(QRectF(rect.left(), top, rect.width(), rect.bottom() - top), Qt.AlignmentFlag.AlignCenter,
                       t("review.trend.empty", lang))
            return
        gap = 14.0
        w = (rect.width() - 20 - gap) / 2
        h = (rect.bottom() - 8 - top - gap) / 2
        for i, panel in enumerate(PANELS):
            col, row = i % 2, i // 2
            r = QRectF(rect.left() + 10 + col * (w + gap), top + row * (h + gap), w, h)
            self._panel(p, r, panel)

    def _fmt(self, panel: Panel, v: float) -> str:
        if panel.is_share:
            return t("fmt.percent", self._lang, v=round(v * 100))
        return decimal(v, self._lang)

    def _panel(self, p: QPainter, r: QRectF, panel: Panel) -> None:
        lang = self._lang
        base = p.font()
        p.setPen(palette.GRID)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRoundedRect(r, 4, 4)
        p.setFont(bold(base, 0))
        fm = QFontMetricsF(p.font())
        p.setPen(palette.TEXT)
        p.drawText(QRectF(r.left() + 8, r.top() + 4, r.width() - 16, fm.height()), Qt.AlignmentFlag.AlignLeft,
                   fm.elidedText(t(panel.title_key, lang), Qt.TextElideMode.ElideRight, r.width() - 16))
        p.setFont(smaller(base))
        fm = QFontMetricsF(p.font())
        values = [panel.value(wk) for wk in self._weeks]
        known = [v for v in values if v is not None]
        if panel.is_share:
            top_v = 1.0
        else:
            top_v = max([1.0, *known])
            top_v = math.ceil(top_v / 2) * 2 if top_v > 2 else math.ceil(top_v)
        plot = QRectF(r.left() + 46, r.top() + fm.height() * 1.6 + 10, r.width() - 46 - 14,
                      r.height() - fm.height() * 1.6 - 10 - fm.height() - 12)
        n = len(values)

        def X(i: int) -> float:
            return plot.left() + (plot.width() * (i + 0.5) / n)

        def Y(v: float) -> float:
            return plot.bottom() - plot.height() * max(0.0, min(v, top_v)) / top_v

        for v in (0.0, top_v / 2, top_v):
            p.setPen(palette.GRID)
            p.drawLine(QPointF(plot.left(), Y(v)), QPointF(plot.right(), Y(v)))
            p.setPen(palette.MUTED)
            p.drawText(QRectF(r.left() + 2, Y(v) - fm.height() / 2, 40, fm.height()),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, self._fmt(panel, v))
        if panel.title_key == "review.trend.guidance" and self._guidance_max is not None:
            yt = Y(self._guidance_max)
            p.fillRect(QRectF(plot.left(), yt, plot.width(), plot.bottom() - yt), palette.ZONE)
            p.setPen(palette.dashed(palette.ZONE_EDGE, 1.2))
            p.drawLine(QPointF(plot.left(), yt), QPointF(plot.right(), yt))
            label = f"{t('review.trend.target_max', lang)} {self._fmt(panel, self._guidance_max)}"
            p.setPen(palette.ZONE_EDGE)
            p.drawText(QRectF(plot.left() + 4, yt - fm.height() - 1, plot.width() - 8, fm.height()),
                       Qt.AlignmentFlag.AlignRight, label)
        # x labels: as many week numbers as fit
        label_w = fm.horizontalAdvance(t("review.trend.week", lang, week=52)) + 10
        every = max(1, math.ceil(label_w / max(1.0, plot.width() / n)))
        p.setPen(palette.MUTED)
        for i, wk in enumerate(self._weeks):
            if (n - 1 - i) % every == 0:
                p.drawText(QRectF(X(i) - label_w / 2, plot.bottom() + 3, label_w, fm.height()),
                           Qt.AlignmentFlag.AlignHCenter, t("review.trend.week", lang, week=wk.iso_week[1]))
        path = QPainterPath()
        down = False
        for i, v in enumerate(values):
            if v is None:
                down = False
                continue
            pt = QPointF(X(i), Y(v))
            if down:
                path.lineTo(pt)
            else:
                path.moveTo(pt)
                down = True
        p.setPen(QPen(palette.TREND_LINE, 2.0))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(path)
        radius = 3.5 if n <= 26 else 2.5
        show_all = n <= 6  # beyond that the labels crowd; the week table has every figure
        last = max((i for i, v in enumerate(values) if v is not None), default=-1)
        for i, v in enumerate(values):
            if v is None:
                continue
            p.setPen(QPen(palette.TREND_LINE, 1.2))
            p.setBrush(palette.BACKGROUND)
            p.drawEllipse(QPointF(X(i), Y(v)), radius, radius)
            if show_all or i == last:
                text = self._fmt(panel, v)
                tw = fm.horizontalAdvance(text) + 6
                box = QRectF(X(i) - tw / 2, Y(v) - fm.height() - 5, tw, fm.height())
                p.fillRect(box, QColor(255, 255, 255, 220))
                p.setPen(palette.TEXT)
                p.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        if not known:
            p.setPen(palette.MUTED)
            p.drawText(plot, Qt.AlignmentFlag.AlignCenter, t("review.trend.no_data", lang))
        p.setFont(base)
