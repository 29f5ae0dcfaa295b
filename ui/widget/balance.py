"""Expert vs client talk as one bar, with the current step's target zone bracketed on it.

Expert = solid fill from the left, client = hatch from the right, target = an outlined bracket; the
number and a shape (▲ above, ▼ below, ● within) say the same thing without colour.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QWidget

from kohtaava_desk.companion import BalanceView
from kohtaava_desk.i18n import t

from .. import theme
from .base import PaintedView

ZONE_MARK = {"in": "●", "above": "▲", "below": "▼", None: ""}


def share_text(b: BalanceView, lang: str) -> str:
    if b.expert_share is None:
        return "–"
    return f"{round(100 * b.expert_share)} % {ZONE_MARK[b.zone]}"


class BalanceBar(PaintedView):
    LABEL_W = 40
    VALUE_W = 50

    def __init__(self, span: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.span = span
        """'step' or 'recent'."""
        self.setMinimumSize(QSize(200, 14))
        self._b: BalanceView | None = None
        self._label = ""
        self._calibrating = False
        self.setAccessibleName(f"balance {span}")

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(320, 15)

    def show_balance(self, b: BalanceView, lang: str, window_s: float, calibrating: bool) -> None:
        m = round(window_s / 60)
        label = t("balance.step", lang) if self.span == "step" else t("balance.recent", lang, m=m)
        share = None if b.expert_share is None else round(200 * b.expert_share)  # half-percent steps
        key = (label, share, round(100 * b.target_min), round(100 * b.target_max), calibrating)
        if self.set_key(key):
            self._b, self._label, self._calibrating = b, label, calibrating
            span = t("a11y.balance_span_step" if self.span == "step" else "a11y.balance_span_recent", lang, m=m)
            zone = t(f"zone.{b.zone}", lang) if b.zone else t("balance.none", lang)
            share_s = "–" if b.expert_share is None else f"{round(100 * b.expert_share)} %"
            target = t("balance.target", lang, lo=round(100 * b.target_min), hi=round(100 * b.target_max))
            self.setAccessibleDescription(t("a11y.balance", lang, span=span, share=share_s, zone=zone, target=target))
            self.setToolTip(target)

    def draw(self) -> None:
        b = self._b
        if b is None:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h = float(self.width()), float(self.height())
        font = theme.small_font(self.font(), -1.5)
        p.setFont(font)
        p.setPen(theme.MUTED)
        p.drawText(QRectF(0, 0, self.LABEL_W - 4, h), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                   self._label)
        bar = QRectF(self.LABEL_W + 0.5, 3.5, w - self.LABEL_W - self.VALUE_W - 1, h - 7)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(theme.TRACK)
        p.drawRect(bar)
        if b.expert_share is not None:
            split = bar.left() + bar.width() * b.expert_share
            p.setBrush(theme.EXPERT)
            p.drawRect(QRectF(bar.left(), bar.top(), split - bar.left(), bar.height()))
            p.setBrush(theme.client_brush())
            p.drawRect(QRectF(split, bar.top(), bar.right() - split, bar.height()))
            # A pointer at the split makes the reading independent of the fills.
            p.setBrush(theme.TEXT)
            p.drawPolygon(QPolygonF([QPointF(split - 3, bar.bottom() + 3.5), QPointF(split + 3, bar.bottom() + 3.5),
                                     QPointF(split, bar.bottom())]))
        # Target zone: a bracket drawn over the bar, thicker than any fill edge.
        z0 = bar.left() + bar.width() * b.target_min
        z1 = bar.left() + bar.width() * b.target_max
        p.setBrush(Qt.BrushStyle.NoBrush)
        pen = QPen(theme.TEXT, 1.6)
        p.setPen(pen)
        top, bot = bar.top() - 2.5, bar.bottom() + 2.5
        p.drawLine(QPointF(z0, top), QPointF(z0, bot))
        p.drawLine(QPointF(z1, top), QPointF(z1, bot))
        p.drawLine(QPointF(z0, top), QPointF(z1, top))
        p.setPen(QPen(theme.OUTLINE, 1))
        p.drawRect(bar)
        text = share_text(b, "")
        if self._calibrating and b.expert_share is not None:
            text = "≈ " + text
        p.setFont(theme.small_font(self.font(), -1, bold=b.zone == "above"))
        p.setPen(theme.WARN if b.zone == "above" else theme.TEXT)
        p.drawText(QRectF(w - self.VALUE_W + 2, 0, self.VALUE_W - 2, h),
                   Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, text)
        p.end()
