"""The per-meeting timeline: step bands across time, the expert's smoothed talk share against each step's
target zone (the one in force at the meeting), talk per 15 s bucket (you solid, client hatched), your
longest turn, the announced end and numbered nudges, explained in a legend under the chart.

Drawn with plain QPainter (PySide6-Essentials only) into any rectangle, so the same code paints the
widget and the exported PNG.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QWidget

from kohtaava_desk.i18n import day, duration, nudge_label, step_name, t
from kohtaava_desk.meeting.steps import Step
from kohtaava_desk.meeting.summary import BUCKET_S, MeetingSummary
from kohtaava_desk.review import chart_span, meeting_day, share_series, step_bands

from . import palette
from .chart_widget import ChartWidget
from .drawing import bold, diamond, flow_items, nice_step, smaller

Zones = dict[Step, tuple[float, float]]
LEFT_MARGIN = 62.0


class TimelineChart(ChartWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(QSize(520, 330), parent)
        self._summary: MeetingSummary | None = None
        self._zones: Zones = {}
        self.painted_with_data = False
        """Set by the first paint that drew a meeting (the benchmark waits for it)."""

    def sizeHint(self) -> QSize:
        return QSize(820, 420)

    @property
    def summary(self) -> MeetingSummary | None:
        return self._summary

    def set_meeting(self, summary: MeetingSummary | None, zones: Zones) -> None:
        self._summary, self._zones = summary, zones
        self.update()

    # --- painting --------------------------------------------------------------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().paintEvent(event)
        if self._summary is not None:
            self.painted_with_data = True

    def paint(self, p: QPainter, rect: QRectF) -> None:
        lang = self._lang
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(rect, palette.BACKGROUND)
        base = p.font()
        s = self._summary
        p.setFont(bold(base, 1.5))
        fm = QFontMetricsF(p.font())
        title = t("review.chart.title", lang)
        if s is not None:
            title += f" · {day(meeting_day(s.started_at), lang)} {s.started_at[11:16]}"
        p.setPen(palette.TEXT)
        y = rect.top() + 8
        p.drawText(QRectF(rect.left() + 10, y, rect.width() - 20, fm.height()), Qt.AlignmentFlag.AlignLeft, title)
        y += fm.height() + 8
        p.setFont(base)
        fm = QFontMetricsF(base)
        lh = fm.height()
        if s is None:
            p.setPen(palette.MUTED)
            p.drawText(rect.adjusted(0, y - rect.top(), 0, 0), Qt.AlignmentFlag.AlignCenter, t("review.meeting.none", lang))
            return
        x0, x1 = rect.left() + LEFT_MARGIN, rect.right() - 18
        span = chart_span(s)

        def X(t: float) -> float:
            return x0 + (x1 - x0) * max(0.0, min(t, span)) / span

        legend = self._legend_items(s)
        nudges = self._nudge_items(s)
        small = smaller(base)
        p.setFont(small)
        nudge_h = flow_items(p, rect.left() + 10, 0, rect.width() - 20, nudges, draw=False) + 6 if nudges else 0
        p.setFont(base)
        legend_h = flow_items(p, rect.left() + 10, 0, rect.width() - 20, legend, draw=False) + 8
        axis_h = lh + 8
        band_h = lh + 10
        row_h = self._nudge_row_h(p)
        levels = self._nudge_levels(s, X, row_h)
        strip_h = (max(levels) + 1) * row_h + 2 if levels else 0.0
        panel_gap = 16.0
        bottom = rect.bottom() - 8
        avail = bottom - y - legend_h - nudge_h - axis_h - band_h - strip_h - 6 - panel_gap
        share_h = max(60.0, avail * 0.58)
        talk_h = max(40.0, avail - share_h)

        band_top = y
        strip_top = band_top + band_h + 2
        share_top = strip_top + strip_h + 4
        talk_top = share_top + share_h + panel_gap
        plot_bottom = talk_top + talk_h

        # Overtime behind everything: from the announced end to the actual end.
        if s.announced_s and s.actual_s > s.announced_s:
            p.fillRect(QRectF(X(s.announced_s), share_top, X(s.actual_s) - X(s.announced_s), plot_bottom - share_top),
                       palette.overtime_brush())

        self._draw_bands(p, s, X, band_top, band_h, rect.left())
        self._draw_share(p, s, X, x0, x1, share_top, share_h, rect.left())
        self._draw_talk(p, s, X, x0, x1, talk_top, talk_h, rect.left())
        self._draw_longest_turn(p, s, X, talk_top)

        if s.announced_s and s.announced_s <= span:
            xa = X(s.announced_s)
            p.setPen(palette.dashed(palette.ANNOUNCED, 1.6))
            p.drawLine(QPointF(xa, band_top), QPointF(xa, plot_bottom))
        self._draw_nudge_marks(p, s, X, levels, row_h, strip_top, plot_bottom, rect.left())
        self._panel_caption(p, x0, share_top, t("review.chart.share", lang))
        self._panel_caption(p, x0, talk_top, t("review.chart.talk", lang))
        self._draw_axis(p, span, X, plot_bottom, x1)

        y = plot_bottom + axis_h
        if nudges:
            p.setFont(small)
            flow_items(p, rect.left() + 10, y, rect.width() - 20, nudges)
            p.setFont(base)
            y += nudge_h
        flow_items(p, rect.left() + 10, y + 2, rect.width() - 20, legend)

    # --- parts ------------------------------------------------------------------------------------------
    def _side_label(self, p: QPainter, left: float, top: float, h: float, text: str) -> None:
        room = LEFT_MARGIN - 10
        font = p.font()
        fitted = font
        for delta in (-1.0, -2.0):  # a long word (e.g. "Påminnelser") shrinks a little, then is cut
            if QFontMetricsF(fitted).horizontalAdvance(text) <= room:
                break
            fitted = smaller(font, delta)
        p.setFont(fitted)
        p.setPen(palette.MUTED)
        text = QFontMetricsF(fitted).elidedText(text, Qt.TextElideMode.ElideRight, room)
        p.drawText(QRectF(left + 4, top, room, h), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
        p.setFont(font)

    def _draw_bands(self, p, s, X, top, h, left) -> None:
        self._side_label(p, left, top, h, t("review.chart.steps", self._lang))
        fm = QFontMetricsF(p.font())
        for band in step_bands(s):
            r = QRectF(X(band.start_s), top, X(band.end_s) - X(band.start_s), h)
            p.setPen(QPen(palette.STEP_EDGE[band.step], 1))
            p.setBrush(palette.STEP_FILL[band.step])
            p.drawRect(r)
            number = str(band.step.index + 1)
            full = f"{number} {step_name(band.step, self._lang)}"
            text = full if fm.horizontalAdvance(full) + 8 <= r.width() else \
                fm.elidedText(full, Qt.TextElideMode.ElideRight, r.width() - 6)
            if fm.horizontalAdvance(number) + 4 > r.width():
                continue
            if text in ("…", "") or len(text) < 3:
                text = number
            p.setPen(palette.TEXT)
            p.drawText(r, Qt.AlignmentFlag.AlignCenter, text)

    def _draw_share(self, p, s, X, x0, x1, top, h, left) -> None:
        def Y(share: float) -> float:
            return top + h * (1.0 - share)

        p.setPen(palette.GRID)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(QRectF(x0, top, x1 - x0, h))
        fm = QFontMetricsF(p.font())
        for v in (0.0, 0.5, 1.0):
            p.setPen(palette.GRID)
            p.drawLine(QPointF(x0, Y(v)), QPointF(x1, Y(v)))
            p.setPen(palette.MUTED)
            p.drawText(QRectF(left, Y(v) - fm.height() / 2, LEFT_MARGIN - 8, fm.height()),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                       t("fmt.percent", self._lang, v=round(v * 100)))
        for band in step_bands(s):
            lo, hi = self._zones.get(band.step, (0.0, 1.0))
            r = QRectF(X(band.start_s), Y(hi), X(band.end_s) - X(band.start_s), Y(lo) - Y(hi))
            p.fillRect(r, palette.ZONE)
            p.setPen(palette.dashed(palette.ZONE_EDGE, 1.0))
            if hi < 1.0:
                p.drawLine(r.topLeft(), r.topRight())
            if lo > 0.0:
                p.drawLine(r.bottomLeft(), r.bottomRight())
        path = QPainterPath()
        pen_down = False
        for mark in share_series(s.timeline):
            if mark.expert_share is None:
                pen_down = False
                continue
            pt = QPointF(X(mark.t_s), Y(mark.expert_share))
            if pen_down:
                path.lineTo(pt)
            else:
                path.moveTo(pt)
                pen_down = True
        p.setPen(QPen(palette.SHARE_LINE, 2.2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                      Qt.PenJoinStyle.RoundJoin))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(path)
        if not s.timeline:
            p.setPen(palette.MUTED)
            p.drawText(QRectF(x0, top, x1 - x0, h), Qt.AlignmentFlag.AlignCenter, t("review.chart.no_timeline", self._lang))

    def _draw_talk(self, p, s, X, x0, x1, top, h, left) -> None:
        p.setPen(palette.GRID)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(QRectF(x0, top, x1 - x0, h))
        fm = QFontMetricsF(p.font())
        for v, label in ((0.0, "0 s"), (BUCKET_S, f"{BUCKET_S:.0f} s")):
            yv = top + h * (1.0 - v / BUCKET_S)
            p.setPen(palette.MUTED)
            p.drawText(QRectF(left, yv - fm.height() / 2, LEFT_MARGIN - 8, fm.height()),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
        client = palette.client_brush()
        for b in s.timeline:
            xa, xb = X(b.t), X(b.t + BUCKET_S)
            w = max(1.0, xb - xa - (1.0 if xb - xa > 3 else 0.0))
            he = h * min(b.expert_s, BUCKET_S) / BUCKET_S
            hc = h * min(b.client_s, BUCKET_S - min(b.expert_s, BUCKET_S)) / BUCKET_S
            p.fillRect(QRectF(xa, top + h - he, w, he), palette.EXPERT)
            if hc > 0:
                r = QRectF(xa, top + h - he - hc, w, hc)
                p.fillRect(r, QColor(255, 244, 232))
                p.fillRect(r, client)
                p.setPen(QPen(palette.CLIENT, 0.8))
                p.drawLine(r.topLeft(), r.topRight())

    def _panel_caption(self, p: QPainter, x0: float, top: float, text: str) -> None:
        font = p.font()
        p.setFont(smaller(font))
        fm = QFontMetricsF(p.font())
        r = QRectF(x0 + 4, top + 3, fm.horizontalAdvance(text) + 8, fm.height() + 2)
        p.fillRect(r, QColor(255, 255, 255))
        p.setPen(palette.MUTED)
        p.drawText(r, Qt.AlignmentFlag.AlignCenter, text)
        p.setFont(font)

    @staticmethod
    def _nudge_row_h(p: QPainter) -> float:
        """A diamond big enough for its number in the chart's own font (legible at a 1.5x font too)."""
        return max(20.0, QFontMetricsF(bold(p.font(), 0)).height() * 1.25)

    @staticmethod
    def _nudge_levels(s: MeetingSummary, X, row_h: float = 20.0) -> list[int]:
        """Row of each nudge diamond: a nudge close to the one before drops to the next row."""
        levels: list[int] = []
        last: dict[int, float] = {}
        for at, _ in sorted(s.nudges):
            x = X(at)
            level = 0
            while level in last and x - last[level] < row_h + 2:
                level += 1
            last[level] = x
            levels.append(level)
        return levels

    def _draw_nudge_marks(self, p, s, X, levels, row_h, top, bottom, left) -> None:
        if not levels:
            return
        self._side_label(p, left, top, row_h, t("review.chart.nudges_short", self._lang))
        half = row_h / 2
        for i, ((at, _), level) in enumerate(zip(sorted(s.nudges), levels), start=1):
            x = X(at)
            cy = top + half + level * row_h
            p.setPen(palette.dashed(palette.NUDGE, 1.2, Qt.PenStyle.DotLine))
            p.drawLine(QPointF(x, cy + half - 1), QPointF(x, bottom))
            self._numbered_diamond(p, QPointF(x, cy), half - 0.5, i)

    @staticmethod
    def _numbered_diamond(p: QPainter, c: QPointF, radius: float, number: int) -> None:
        diamond(p, c, radius, palette.NUDGE)
        font = p.font()
        p.setFont(bold(font, 0))
        p.setPen(QColor("white"))
        p.drawText(QRectF(c.x() - radius, c.y() - radius, 2 * radius, 2 * radius), Qt.AlignmentFlag.AlignCenter,
                   str(number))
        p.setFont(font)

    @staticmethod
    def longest_turn(s: MeetingSummary) -> tuple[float, float] | None:
        """(start, length) of the expert's longest turn in the meeting, from the per-step figures."""
        turns = [(st.longest_expert_monologue_at_s, st.longest_expert_monologue_s) for st in s.steps
                 if st.longest_expert_monologue_at_s is not None and st.longest_expert_monologue_s > 0]
        return max(turns, key=lambda x: x[1]) if turns else None

    def _draw_longest_turn(self, p, s, X, top) -> None:
        turn = self.longest_turn(s)
        if turn is None:
            return
        at, length = turn
        xa, xb = X(at), max(X(at + length), X(at) + 3)
        y = top + 3
        p.setPen(QPen(palette.SHARE_LINE, 3.0))
        p.drawLine(QPointF(xa, y), QPointF(xb, y))
        p.setPen(QPen(palette.SHARE_LINE, 1.5))
        for x in (xa, xb):
            p.drawLine(QPointF(x, y - 3), QPointF(x, y + 6))
        font = p.font()
        p.setFont(smaller(font))
        fm = QFontMetricsF(p.font())
        text = t("review.chart.longest_turn", self._lang, time=duration(length, self._lang))
        tw = fm.horizontalAdvance(text) + 6
        tx = xb + 4 if xb + 4 + tw <= X(chart_span(s)) else xa - 4 - tw
        box = QRectF(tx, y + 2, tw, fm.height())
        p.fillRect(box, QColor(255, 255, 255, 230))
        p.setPen(palette.SHARE_LINE)
        p.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        p.setFont(font)

    def _draw_axis(self, p, span, X, y, x1) -> None:
        fm = QFontMetricsF(p.font())
        minutes = span / 60.0
        step = nice_step(minutes, 12, (1, 2, 5, 10, 15, 30, 60))
        p.setPen(palette.MUTED)
        m = 0.0
        while m <= minutes + 1e-9:
            x = X(m * 60)
            p.drawLine(QPointF(x, y), QPointF(x, y + 4))
            label = f"{m:.0f}"
            p.drawText(QRectF(x - 20, y + 4, 40, fm.height()), Qt.AlignmentFlag.AlignHCenter, label)
            m += step
        unit = t("review.chart.minutes", self._lang)
        p.drawText(QRectF(X(0) - LEFT_MARGIN, y + 4, LEFT_MARGIN - 22, fm.height()), Qt.AlignmentFlag.AlignRight, unit)

    # --- legend -------------------------------------------------------------------------------------------
    def _legend_items(self, s: MeetingSummary):
        lang = self._lang

        def expert(p, r):
            p.fillRect(r, palette.EXPERT)

        def client(p, r):
            p.fillRect(r, QColor(255, 244, 232))
            p.fillRect(r, palette.client_brush())
            p.setPen(QPen(palette.CLIENT, 1))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(r)

        def line(p, r):
            p.setPen(QPen(palette.SHARE_LINE, 2.2))
            p.drawLine(QPointF(r.left(), r.center().y()), QPointF(r.right(), r.center().y()))

        def zone(p, r):
            p.fillRect(r, palette.ZONE)
            p.setPen(palette.dashed(palette.ZONE_EDGE))
            p.drawLine(r.topLeft(), r.topRight())
            p.drawLine(r.bottomLeft(), r.bottomRight())

        def announced(p, r):
            p.setPen(palette.dashed(palette.ANNOUNCED, 1.6))
            p.drawLine(QPointF(r.center().x(), r.top() - 1), QPointF(r.center().x(), r.bottom() + 1))

        def longest(p, r):
            p.setPen(QPen(palette.SHARE_LINE, 3.0))
            p.drawLine(QPointF(r.left() + 1, r.center().y()), QPointF(r.right() - 1, r.center().y()))

        items = [(expert, t("review.legend.expert", lang)), (client, t("review.legend.client", lang)),
                 (line, t("review.legend.share", lang)), (zone, t("review.legend.zone", lang))]
        if self.longest_turn(s) is not None:
            items.append((longest, t("review.legend.longest_turn", lang)))
        if s.announced_s:
            items.append((announced, t("review.legend.announced_end", lang)))
        return items

    def _nudge_items(self, s: MeetingSummary):
        items = []
        for i, (at, nid) in enumerate(sorted(s.nudges), start=1):
            def mark(p, r, i=i):
                radius = min(r.width() / 2, r.height() / 2 + 3)  # the row's own font: as big as it allows
                self._numbered_diamond(p, QPointF(r.left() + radius, r.center().y()), radius, i)
            items.append((mark, f"{duration(at, self._lang)} {nudge_label(nid, self._lang)}"))
        return items
