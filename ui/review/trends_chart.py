"""Four small week-by-week charts: your share of talk in Ohjauksellinen, time left when Hyvästely began,
overtime per meeting, and the share of open questions. Each has its target drawn as a zone (and says
it), and your own usual level: the median (dashed) and the middle half (band) of your last 20 meetings.
Times read m:ss, like the tables. The panel of your chosen focus comes first. Weeks without meetings
stay as gaps. Plain QPainter, like the timeline."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QWidget

from kohtaava_desk.i18n import duration, t
from kohtaava_desk.review import WeekTrend
from kohtaava_desk.review.focus import Focus
from kohtaava_desk.review.takeaway import Baseline

from . import palette
from .chart_widget import ChartWidget
from .drawing import bold, smaller


@dataclass(frozen=True)
class Panel:
    key: str
    """guidance, farewell, overtime or open: names its title, target and baseline."""
    value: Callable[[WeekTrend], float | None]
    """The plotted number (shares 0..1, times in seconds)."""
    is_share: bool
    focus: Focus | None = None

    @property
    def title_key(self) -> str:
        return f"review.trend.{self.key}"


PANELS = (
    Panel("guidance", lambda w: w.guidance_expert_share, True, Focus.GUIDANCE_LISTEN),
    Panel("farewell", lambda w: w.farewell_left_s, False, Focus.FAREWELL_TIME),
    Panel("overtime", lambda w: w.overtime_s, False),
    Panel("open", lambda w: w.open_share, True, Focus.OPEN_QUESTIONS),
)


@dataclass(frozen=True)
class Target:
    low: float | None
    """Lower edge of the target zone (None: no lower edge)."""
    high: float | None
    """Upper edge (None: none)."""


def ordered_panels(focus: Focus | None) -> tuple[Panel, ...]:
    """The panel of the expert's focus first, the others in their usual order."""
    return tuple(sorted(PANELS, key=lambda panel: panel.focus is not focus or focus is None))


class TrendsChart(ChartWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(QSize(520, 360), parent)
        self._weeks: list[WeekTrend] = []
        self._targets: dict[str, Target] = {}
        self._baselines: dict[str, Baseline | None] = {}
        self._focus: Focus | None = None

    def sizeHint(self) -> QSize:
        return QSize(820, 460)

    def set_trends(self, weeks: list[WeekTrend], targets: dict[str, Target],
                   baselines: dict[str, Baseline | None], focus: Focus | None = None) -> None:
        self._weeks, self._targets, self._baselines, self._focus = list(weeks), targets, baselines, focus
        self.update()

    @property
    def panels(self) -> tuple[Panel, ...]:
        return ordered_panels(self._focus)

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
        for i, panel in enumerate(self.panels):
            col, row = i % 2, i // 2
            r = QRectF(rect.left() + 10 + col * (w + gap), top + row * (h + gap), w, h)
            self._panel(p, r, panel)

    def _fmt(self, panel: Panel, v: float) -> str:
        if panel.is_share:
            return t("fmt.percent", self._lang, v=round(v * 100))
        return duration(v, self._lang)

    def _panel(self, p: QPainter, r: QRectF, panel: Panel) -> None:
        lang = self._lang
        base = p.font()
        p.setPen(palette.GRID)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRoundedRect(r, 4, 4)
        p.setFont(bold(base, 0))
        fm = QFontMetricsF(p.font())
        p.setPen(palette.TEXT)
        title = t(panel.title_key, lang)
        if panel.focus is not None and panel.focus is self._focus:
            title = f"{t('learn.focus.label', lang)}: {title}"
        p.drawText(QRectF(r.left() + 8, r.top() + 4, r.width() - 16, fm.height()), Qt.AlignmentFlag.AlignLeft,
                   fm.elidedText(title, Qt.TextElideMode.ElideRight, r.width() - 16))
        p.setFont(smaller(base))
        fm = QFontMetricsF(p.font())
        values = [panel.value(wk) for wk in self._weeks]
        known = [v for v in values if v is not None]
        target = self._targets.get(panel.key)
        base_line = self._baselines.get(panel.key)
        if panel.is_share:
            top_v = 1.0
        else:  # whole minutes, room for the target and the usual level too
            extra = [x for x in (target and target.low, target and target.high, base_line and base_line.high)
                     if x is not None]
            top_v = max([60.0, *known, *extra]) / 60
            top_v = 60.0 * (math.ceil(top_v / 2) * 2 if top_v > 2 else math.ceil(top_v))
        label_w = max(fm.horizontalAdvance(self._fmt(panel, v)) for v in (0.0, top_v / 2, top_v)) + 8
        plot = QRectF(r.left() + label_w + 4, r.top() + fm.height() * 1.6 + 10, r.width() - label_w - 4 - 14,
                      r.height() - fm.height() * 1.6 - 10 - fm.height() * 2 - 16)
        n = len(values)

        def X(i: int) -> float:
            return plot.left() + (plot.width() * (i + 0.5) / n)

        def Y(v: float) -> float:
            return plot.bottom() - plot.height() * max(0.0, min(v, top_v)) / top_v

        for v in (0.0, top_v / 2, top_v):
            p.setPen(palette.GRID)
            p.drawLine(QPointF(plot.left(), Y(v)), QPointF(plot.right(), Y(v)))
            p.setPen(palette.MUTED)
            p.drawText(QRectF(r.left() + 2, Y(v) - fm.height() / 2, label_w, fm.height()),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, self._fmt(panel, v))
        notes = []
        if target is not None:
            lo_y = Y(target.low) if target.low is not None else plot.bottom()
            hi_y = Y(target.high) if target.high is not None else plot.top()
            p.fillRect(QRectF(plot.left(), hi_y, plot.width(), lo_y - hi_y), palette.ZONE)
            p.setPen(palette.dashed(palette.ZONE_EDGE, 1.2))
            for edge in (target.low, target.high):
                if edge is not None and (edge > 0 or target.high is None):
                    p.drawLine(QPointF(plot.left(), Y(edge)), QPointF(plot.right(), Y(edge)))
            notes.append((palette.ZONE_EDGE, self._target_text(panel, target)))
        if base_line is not None:
            p.fillRect(QRectF(plot.left(), Y(base_line.high), plot.width(), Y(base_line.low) - Y(base_line.high)),
                       palette.BASELINE_BAND)
            p.setPen(palette.dashed(palette.BASELINE, 1.4, Qt.PenStyle.DashDotLine))
            p.drawLine(QPointF(plot.left(), Y(base_line.median)), QPointF(plot.right(), Y(base_line.median)))
            notes.append((palette.BASELINE, t("review.trend.usual", lang, usual=self._fmt(panel, base_line.median),
                                              lo=self._fmt(panel, base_line.low), hi=self._fmt(panel, base_line.high))))
        x = r.left() + 8
        for colour, note in notes:  # below the week labels, so no point or label ever hides them
            p.setPen(colour)
            text = fm.elidedText(note, Qt.TextElideMode.ElideRight, r.right() - 8 - x)
            p.drawText(QRectF(x, r.bottom() - fm.height() - 4, r.right() - 8 - x, fm.height()),
                       Qt.AlignmentFlag.AlignLeft, text)
            x += fm.horizontalAdvance(text) + 16
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

    def _target_text(self, panel: Panel, target: Target) -> str:
        lang = self._lang
        if target.low is not None and target.high is not None and target.low > 0:
            return t("review.trend.target_range", lang, lo=self._fmt(panel, target.low),
                     hi=self._fmt(panel, target.high))
        if target.high is not None:
            return t("review.trend.target_max", lang, hi=self._fmt(panel, target.high))
        return t("review.trend.target_min", lang, lo=self._fmt(panel, target.low or 0.0))
